"""Django app configuration for meetings."""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "joinedup.meetings"
    label = "meetings"
