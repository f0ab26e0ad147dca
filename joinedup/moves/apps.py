"""Django app configuration for moves."""

from django.apps import AppConfig


class MovesConfig(AppConfig):
    name = "joinedup.moves"
    label = "moves"
