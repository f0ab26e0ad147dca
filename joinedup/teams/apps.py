"""Django app configuration for teams."""

from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "joinedup.teams"
    label = "teams"
    default_auto_field = "django.db.models.BigAutoField"
