"""Django app configuration for portal."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "joinedup.portal"
    label = "portal"
    default_auto_field = "django.db.models.BigAutoField"
