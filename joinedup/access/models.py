"""Emergency ("break-glass") access to a child's record: time-limited, with a reason (G1)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.core.models import UUIDModel


class BreakGlassGrantQuerySet(models.QuerySet["BreakGlassGrant"]):
    def active(self, now: datetime) -> BreakGlassGrantQuerySet:
        return self.filter(granted_at__lte=now, expires_at__gt=now)


class BreakGlassGrant(UUIDModel):
    """A practitioner outside the child's team opened the record in an emergency, saying why.

    It lasts a fixed time, is written to the audit trail, and the people who hold the case are told.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="break_glass_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants")
    reason = models.TextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    objects = BreakGlassGrantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="break_glass_reason_required"),
            models.CheckConstraint(condition=Q(expires_at__gt=F("granted_at")), name="break_glass_expires_after_grant"),
        ]
        indexes = [models.Index(fields=["user", "expires_at"], name="break_glass_user_idx")]

    def __str__(self) -> str:
        return f"BreakGlassGrant {self.pk}"
