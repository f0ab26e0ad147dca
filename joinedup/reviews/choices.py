"""Choices for visits and child in need reviews (C5, E3)."""

from __future__ import annotations

from django.db import models


class Step(models.TextChoices):
    """What the review decided about which hub holds the case (CwDT 6.1, 6.2)."""

    STAY = "STAY", "Stays in this hub"
    STEP_UP = "STEP_UP", "Step up to a hub for higher need"
    STEP_DOWN = "STEP_DOWN", "Step down to a hub for lower need"


class SeenAlone(models.TextChoices):
    YES = "YES", "Yes"
    NO = "NO", "No"
    NOT_RELEVANT = "NOT_RELEVANT", "Not relevant for this child"
