"""Which team was advised (CwDT 8.2 to 8.4)."""

from django.db import models


class AdvisedTeam(models.TextChoices):
    AREA_TEAM = "AREA_TEAM", "Area safeguarding and support team"
    EARLY_HELP = "EARLY_HELP", "Early help"
    YOUTH_JUSTICE = "YOUTH_JUSTICE", "Youth justice"
    OTHER = "OTHER", "Another team"
