"""Where a move has got to, how it ended, and who a contact is."""

from django.db import models


class MoveStatus(models.TextChoices):
    PLANNED = "PLANNED", "Planned"
    PACK_SENT = "PACK_SENT", "Information pack sent"
    COMPLETED = "COMPLETED", "Completed"


class MoveOutcome(models.TextChoices):
    CLOSED = "CLOSED", "Case closed"
    TRANSFERRED = "TRANSFERRED", "Record transferred to the new area"


class ContactKind(models.TextChoices):
    NEW_AREA = "NEW_AREA", "Practitioner in the new area"
    EQUIPMENT = "EQUIPMENT", "Equipment provider"
