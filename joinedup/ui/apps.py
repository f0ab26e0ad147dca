"""Django app configuration for ui."""

from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "joinedup.ui"
    label = "ui"
    default_auto_field = "django.db.models.BigAutoField"
