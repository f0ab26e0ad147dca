"""Django app configuration for closure."""

from django.apps import AppConfig


class ClosureConfig(AppConfig):
    name = "joinedup.closure"
    label = "closure"
