"""Base models every app builds on: UUID primary keys (also the identifiers in URLs)."""

from __future__ import annotations

import uuid

from django.db import models


class UUIDModel(models.Model):
    """A record identified by a random UUID, so identifiers in URLs reveal nothing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class TimeStampedModel(UUIDModel):
    """A record that knows when it was created and last changed (UTC)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
