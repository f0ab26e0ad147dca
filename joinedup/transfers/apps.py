"""Django app configuration for transfers."""

from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "joinedup.transfers"
    label = "transfers"
