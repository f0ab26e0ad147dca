"""Django app configuration for contingency (cover for key workers)."""

from django.apps import AppConfig


class ContingencyConfig(AppConfig):
    name = "joinedup.contingency"
    label = "contingency"
