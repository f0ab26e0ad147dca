"""Where a closure reason's retention period counts from (C11, G4)."""

from django.db import models


class RetentionFrom(models.TextChoices):
    CLOSURE = "CLOSURE", "The date the case closed"
    DATE_OF_BIRTH = "DATE_OF_BIRTH", "The child's date of birth"
