"""Django app configuration for organisations."""

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "joinedup.organisations"
    label = "organisations"
    default_auto_field = "django.db.models.BigAutoField"
