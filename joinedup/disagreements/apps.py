"""Django app configuration for disagreements and shared knowledge."""

from django.apps import AppConfig


class DisagreementsConfig(AppConfig):
    name = "joinedup.disagreements"
    label = "disagreements"
