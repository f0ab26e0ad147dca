from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "joinedup.duties"
    label = "duties"
    verbose_name = "Duties: every duty has an owner and a date"
