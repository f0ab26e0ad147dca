"""A planned transfer of a child's case between hubs, and every step taken on it (C7)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.core.models import UUIDModel
from joinedup.transfers.choices import OPEN_STATUSES, TransferStatus, TransferStep


class TransferQuerySet(models.QuerySet["Transfer"]):
    def open(self) -> TransferQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class Transfer(UUIDModel):
    """An entry on the Children with Disabilities internal transfer list (CwDT 6.2.1).

    Proposed by the manager of the hub holding the case; agreed or not by the incoming
    manager; escalated to the operations manager when not agreed; prepared, then completed.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="transfers")
    from_hub = models.ForeignKey("allocation.Hub", on_delete=models.PROTECT, related_name="transfers_out")
    to_hub = models.ForeignKey("allocation.Hub", on_delete=models.PROTECT, related_name="transfers_in")
    status = models.CharField(max_length=20, choices=TransferStatus.choices, default=TransferStatus.PROPOSED)
    reason = models.TextField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    timescale_date = models.DateField(null=True, blank=True)
    family_told_on = models.DateField(null=True, blank=True)
    recording_confirmed = models.BooleanField(default=False)
    plan_smart_confirmed = models.BooleanField(default=False)
    introductions_done_on = models.DateField(null=True, blank=True)
    planned_review_on = models.DateField(null=True, blank=True)
    delayed_by_capacity = models.BooleanField(default=False)
    last_reviewed_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = TransferQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(from_hub=F("to_hub")), name="transfer_hubs_differ"),
            models.CheckConstraint(condition=Q(status__in=TransferStatus.values), name="transfer_status_valid"),
            models.UniqueConstraint(
                fields=["child"], condition=Q(status__in=OPEN_STATUSES), name="one_open_transfer_per_child"
            ),
        ]

    def __str__(self) -> str:
        return f"Transfer {self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("transfers:transfer-detail", kwargs={"transfer_id": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class TransferEvent(UUIDModel):
    """One step taken on a transfer: who, when, and what they said (C7: every step recorded)."""

    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, related_name="events")
    step = models.CharField(max_length=30, choices=TransferStep.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(step__in=TransferStep.values), name="transfer_step_valid")]

    def __str__(self) -> str:
        return f"TransferEvent {self.pk}"
