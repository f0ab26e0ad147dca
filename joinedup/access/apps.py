"""Django app configuration for access."""

from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "joinedup.access"
    label = "access"
    default_auto_field = "django.db.models.BigAutoField"
