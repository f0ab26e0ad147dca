"""The append-only audit trail of every read and write of a child's record (G3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from joinedup.audit.choices import AuditAction
from joinedup.core.ids import time_ordered_uuid


class AuditEvent(models.Model):
    """Who did what to which record, when and why. Never changed or deleted by the application.

    Database triggers (migration 0002) refuse UPDATE on every database and DELETE on
    PostgreSQL, so not even a bug can rewrite history.
    """

    # Time-ordered: new rows go to the end of the key's index, not a random page of it (core.ids).
    id = models.UUIDField(primary_key=True, default=time_ordered_uuid, editable=False)
    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    # No index of its own: audit_child_at_idx (child, at) serves every look-up by child, and each
    # read of a record writes a row here, so one index fewer is a cheaper read (issue 6).
    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_events", db_index=False
    )
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=64, blank=True)
    what = models.CharField(max_length=200)
    why = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["child", "at"], name="audit_child_at_idx")]

    def __str__(self) -> str:
        return f"AuditEvent {self.pk}"
