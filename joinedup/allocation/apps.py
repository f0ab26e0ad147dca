"""Django app configuration for allocation."""

from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "joinedup.allocation"
    label = "allocation"
