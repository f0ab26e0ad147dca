"""Why a key worker is away (B7)."""

from django.db import models


class AbsenceKind(models.TextChoices):
    LEFT = "LEFT", "Left the service"
    SICK_LEAVE = "SICK_LEAVE", "Long absence: sick leave"
    PARENTAL_LEAVE = "PARENTAL_LEAVE", "Long absence: parental leave"
    OTHER_ABSENCE = "OTHER_ABSENCE", "Long absence: another reason"
