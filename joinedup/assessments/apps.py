"""Django app configuration for assessments."""

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "joinedup.assessments"
    label = "assessments"
    verbose_name = "Assessments and the Resource Panel"
