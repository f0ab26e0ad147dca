"""Django app configuration for api."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "joinedup.api"
    label = "api"
    default_auto_field = "django.db.models.BigAutoField"
