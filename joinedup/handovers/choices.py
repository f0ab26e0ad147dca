"""Choices for handovers (B6)."""

from django.db import models


class HandoverStatus(models.TextChoices):
    """Started (summary handed over), read (the new person confirmed reading it), then completed
    (every open item moved) or cancelled (nothing moved)."""

    STARTED = "STARTED", "Waiting for the new person to read the summary"
    READ = "READ", "Summary read: ready to complete"
    COMPLETED = "COMPLETED", "Completed"
    CANCELLED = "CANCELLED", "Cancelled"


OPEN_STATUSES = (HandoverStatus.STARTED, HandoverStatus.READ)
