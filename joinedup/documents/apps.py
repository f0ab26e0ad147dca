"""Django app configuration for letters and updates shared with the team."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "joinedup.documents"
    label = "documents"
