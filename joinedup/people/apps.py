"""Django app configuration for people."""

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "joinedup.people"
    label = "people"
    default_auto_field = "django.db.models.BigAutoField"
