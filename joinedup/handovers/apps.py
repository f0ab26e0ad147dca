"""Django app configuration for handovers."""

from django.apps import AppConfig


class HandoversConfig(AppConfig):
    name = "joinedup.handovers"
    label = "handovers"
