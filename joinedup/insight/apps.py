"""Django app configuration for insight."""

from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "joinedup.insight"
    label = "insight"
