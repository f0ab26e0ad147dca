"""Django app configuration for EHC needs assessments (F3)."""

from django.apps import AppConfig


class EhcConfig(AppConfig):
    name = "joinedup.ehc"
    label = "ehc"
    verbose_name = "EHC needs assessments"
