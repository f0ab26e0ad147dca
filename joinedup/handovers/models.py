"""A handover of a child's work from one practitioner to another (B6, NG213 1.14.2, 1.15.9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.core.models import UUIDModel
from joinedup.handovers.choices import OPEN_STATUSES, HandoverStatus


class HandoverQuerySet(models.QuerySet["Handover"]):
    def open(self) -> HandoverQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class Handover(UUIDModel):
    """The old person (``from_practitioner``) hands the child to the new one (``to_practitioner``).

    ``summary`` is the handover summary as it was when the handover started (a JSON snapshot), so
    the new person reads what was handed over. ``counts`` holds the open items before and after
    completion. The old person keeps everything until the handover completes."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="handovers")
    from_practitioner = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="+")
    to_practitioner = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="+")
    is_key_worker = models.BooleanField(help_text="The old person was the child's key worker when it started")
    reason = models.TextField(help_text="Why the new person is right for the child")
    old_leaves_team = models.BooleanField(default=False)
    new_joined_team = models.BooleanField(default=False, help_text="The new person joined the team for it")
    status = models.CharField(max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.STARTED)
    summary = models.JSONField(default=dict)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    read_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=500, blank=True)
    counts = models.JSONField(default=dict, blank=True)

    objects = HandoverQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=HandoverStatus.values), name="handover_status_valid"),
            models.CheckConstraint(
                condition=~Q(from_practitioner=models.F("to_practitioner")), name="handover_to_someone_else"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="handover_has_reason"),
            models.UniqueConstraint(
                fields=["child", "from_practitioner"],
                condition=Q(status__in=OPEN_STATUSES),
                name="handover_one_open_per_child_and_old_person",
            ),
            models.CheckConstraint(
                condition=Q(status=HandoverStatus.STARTED)
                | Q(status=HandoverStatus.CANCELLED, read_at__isnull=True)
                | Q(read_at__isnull=False, read_by__isnull=False),
                name="handover_read_or_before_read",
            ),
            models.CheckConstraint(
                condition=~Q(status=HandoverStatus.COMPLETED)
                | Q(completed_at__isnull=False, completed_by__isnull=False, read_at__isnull=False),
                name="handover_completed_after_read",
            ),
            models.CheckConstraint(
                condition=~Q(status=HandoverStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="handover_cancelled_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["child", "started_at"], name="handover_child_started_idx")]

    def __str__(self) -> str:
        return f"Handover {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
