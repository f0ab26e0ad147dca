"""Django app configuration for escalations."""

from django.apps import AppConfig


class EscalationsConfig(AppConfig):
    name = "joinedup.escalations"
    label = "escalations"
