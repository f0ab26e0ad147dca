"""Django app configuration for consultations."""

from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "joinedup.consultations"
    label = "consultations"
