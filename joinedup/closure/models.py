"""Why cases close, how long each kind of closed record is kept, and each closure (C11, G4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.closure.choices import RetentionFrom
from joinedup.core.models import UUIDModel


class ClosureReason(UUIDModel):
    """A reason a case closes in an area, with the retention period it sets: data the area's
    administrators edit at ``/closure/reasons/``.

    The record is kept until ``retention_years`` after ``retention_from`` (the closing date or
    the child's date of birth). Each area starts from ``closure/defaults.py``, explained in
    docs/rules/CLOSURE.md. A reason no longer used is switched off, never deleted: closures
    keep pointing at it, and keep the retention date they were given. ``version`` rises on every
    save, so two administrators editing at once cannot overwrite each other (G5).
    """

    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="closure_reasons")
    code = models.CharField(max_length=30)
    label = models.CharField(max_length=200)
    retention_from = models.CharField(max_length=20, choices=RetentionFrom.choices)
    retention_years = models.PositiveSmallIntegerField()
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the closing form")
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_from__in=RetentionFrom.values), name="closure_reason_retention_from_valid"
            ),
            models.CheckConstraint(
                condition=Q(retention_years__gte=1, retention_years__lte=100),
                name="closure_reason_retention_years_range",
            ),
            models.CheckConstraint(condition=~Q(label=""), name="closure_reason_label_required"),
            models.UniqueConstraint(fields=["area", "code"], name="closure_reason_code_unique_in_area"),
        ]

    def __str__(self) -> str:
        return f"ClosureReason {self.code} {self.pk}"


class Closure(UUIDModel):
    """A case closed to children's social care: why, when, by whom, and how long it is kept (C11).

    A child may be referred again and closed again, so a child can have several closures; the
    latest one sets the retention date (G4). ``sen_officers_told`` counts the SEN officers told
    that the case is closing to social care (C11-SEN); 0 when the child has no EHC plan.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="closures")
    reason = models.ForeignKey(ClosureReason, on_delete=models.PROTECT, related_name="closures")
    closed_on = models.DateField()
    note = models.TextField()
    retain_until = models.DateField()
    sen_officers_told = models.PositiveSmallIntegerField(default=0)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=~Q(note=""), name="closure_note_required")]
        indexes = [models.Index(fields=["retain_until"], name="closure_retain_until_idx")]

    def __str__(self) -> str:
        return f"Closure {self.pk}"
