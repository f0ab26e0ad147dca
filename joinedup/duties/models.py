"""Duties: every recurring or dated obligation, with an owner and a due date (C5, C10, F3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.core.models import UUIDModel
from joinedup.duties.choices import CadenceKind, DutyKind, DutyStatus

BASIS_LENGTH = 300  # a duty's basis in words; the sweep cuts the rules' words to it before comparing


class DutyQuerySet(models.QuerySet["Duty"]):
    def open(self) -> DutyQuerySet:
        return self.filter(status=DutyStatus.OPEN)


class Duty(UUIDModel):
    """One occurrence of a duty for a child.

    At most one open duty of each kind per child: the sweep brings it up to date (due date, owner,
    the rule behind it) and completing it schedules the next. ``owner`` empty means the managers of
    the hub holding the case must find one. ``starts_on`` is when it appears on worklists (a
    referral to adult social care is "started as 16 approaches").
    """

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="duties")
    kind = models.CharField(max_length=40, choices=DutyKind.choices)
    due_on = models.DateField()
    starts_on = models.DateField()
    owner = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, null=True, blank=True, related_name="duties"
    )
    rule = models.CharField(max_length=40, help_text="The rule ID that set the date")
    basis = models.CharField(max_length=BASIS_LENGTH, help_text="Why this date, in plain English")
    status = models.CharField(max_length=12, choices=DutyStatus.choices, default=DutyStatus.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField()

    objects = DutyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DutyKind.values), name="duty_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=DutyStatus.values), name="duty_status_valid"),
            models.CheckConstraint(condition=Q(starts_on__lte=F("due_on")), name="duty_starts_before_due"),
            models.CheckConstraint(
                condition=Q(status=DutyStatus.DONE, completed_on__isnull=False)
                | (~Q(status=DutyStatus.DONE) & Q(completed_on__isnull=True)),
                name="duty_completed_when_done",
            ),
            models.UniqueConstraint(
                fields=["child", "kind"], condition=Q(status=DutyStatus.OPEN), name="one_open_duty_per_kind"
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "due_on"], name="duty_owner_due"),
            # A child's open duties by date, holding the kind and owner too (INCLUDE, PostgreSQL only;
            # SQLite leaves them out): My children's next due and overdue, the team overdue list's
            # counts and its hubs' figures are then read from the index alone, not each duty's row
            # (My children's query on L 2.0 → 1.1 ms, the team list's counts 8 → 4 ms; issue 6).
            models.Index(fields=["child", "status", "due_on"], include=["kind", "owner"], name="duty_child_due"),
        ]

    def __str__(self) -> str:
        return f"Duty {self.kind} {self.pk}"


class CadenceAgreement(UUIDModel):
    """A manager's decision on how often a child is reviewed or visited (C5).

    The Review & Intervention review interval (6 or 12 months) is set at allocation (CwDT 5.2);
    visits less often than the hub's cadence need a manager's agreement (CwDT 3.3). The newest
    agreement for a child and kind applies; earlier ones stay as history.
    """

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="cadence_agreements")
    kind = models.CharField(max_length=12, choices=CadenceKind.choices)
    interval_days = models.PositiveIntegerField()
    reason = models.TextField()
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=CadenceKind.values), name="cadence_kind_valid"),
            models.CheckConstraint(condition=Q(interval_days__gte=1), name="cadence_interval_positive"),
        ]

    def __str__(self) -> str:
        return f"CadenceAgreement {self.kind} {self.pk}"


class FactChange(models.Model):
    """A child whose duty facts changed since the sweep last read them (issue 6).

    Written only by database triggers on the tables the duty rules read (migration 0004), so no
    change is missed, whichever code or SQL made it. The nightly sweep reads the children named
    here, brings their duties up to date and deletes their rows in the same transaction. Not a
    foreign key: a row may outlive its child, and the sweep then has nothing to do for it."""

    id = models.BigAutoField(primary_key=True)
    child_id = models.UUIDField(db_index=True)

    def __str__(self) -> str:
        return f"FactChange {self.child_id}"


class SweepRun(models.Model):
    """A finished sweep: the day it brought duties up to date for, and the rules it used.

    The next sweep needs only the children whose facts changed since (``FactChange``) and those
    who turned 18 after ``day`` (the one thing in the rules that the calendar changes), unless the
    rules themselves changed (``rules``, a fingerprint of their code): then it sweeps every child."""

    id = models.BigAutoField(primary_key=True)
    day = models.DateField()
    rules = models.CharField(max_length=64)
    every_child = models.BooleanField()
    children = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"SweepRun {self.day} {self.pk}"
