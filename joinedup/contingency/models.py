"""The contingency plan for key workers (B7, NG213 1.15.11): who covers, who is away, which children."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.contingency.choices import AbsenceKind
from joinedup.core.models import UUIDModel


class Cover(UUIDModel):
    """The named cover of one key worker: who takes their children if they leave or are away.

    One row per key worker, changed in place with ``version`` (G5); each change is audited, so the
    audit trail holds the history.
    """

    key_worker = models.OneToOneField("organisations.Practitioner", on_delete=models.PROTECT, related_name="cover_plan")
    cover = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="covering_for")
    reason = models.TextField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(cover=F("key_worker")), name="cover_is_someone_else"),
            models.CheckConstraint(condition=~Q(reason=""), name="cover_reason_required"),
        ]

    def __str__(self) -> str:
        return f"Cover {self.pk}"


class AbsenceQuerySet(models.QuerySet["Absence"]):
    def current(self) -> AbsenceQuerySet:
        return self.filter(ended_at__isnull=True)


class Absence(UUIDModel):
    """A practitioner marked inactive: left the service, or a long absence, from a date (B7)."""

    practitioner = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="absences")
    kind = models.CharField(max_length=20, choices=AbsenceKind.choices)
    from_date = models.DateField()
    note = models.TextField(blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AbsenceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AbsenceKind.values), name="absence_kind_valid"),
            models.UniqueConstraint(
                fields=["practitioner"], condition=Q(ended_at__isnull=True), name="one_current_absence"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("marked_at")),
                name="absence_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"Absence {self.pk}"


class ContingencyFlagQuerySet(models.QuerySet["ContingencyFlag"]):
    def open(self) -> ContingencyFlagQuerySet:
        """Flags whose key worker assignment (the cover's, or the absent one's if nobody covers) still
        runs: nobody has chosen a new key worker yet."""
        return self.filter(key_worker_assignment__end_date__isnull=True)


class ContingencyFlag(UUIDModel):
    """A child whose key worker became inactive, raised at once, and who covers (B7-FLAG).

    ``key_worker_assignment`` is the assignment made for the cover, or, with nobody to cover, the
    absent key worker's own: the flag is open while it runs, and closes when a manager chooses a new
    key worker (key worker page or a handover), which ends it.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="contingency_flags")
    absence = models.ForeignKey(Absence, on_delete=models.PROTECT, related_name="flags")
    absent = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="+")
    cover = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    key_worker_assignment = models.ForeignKey(
        "teams.KeyWorkerAssignment", on_delete=models.PROTECT, related_name="contingency_flags"
    )
    kind = models.CharField(max_length=20, choices=AbsenceKind.choices)
    raised_at = models.DateTimeField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ContingencyFlagQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AbsenceKind.values), name="contingency_flag_kind_valid"),
            models.UniqueConstraint(fields=["child", "absence"], name="one_flag_per_child_per_absence"),
            models.CheckConstraint(
                condition=Q(cover__isnull=True) | ~Q(cover=F("absent")), name="contingency_cover_is_someone_else"
            ),
        ]
        indexes = [models.Index(fields=["child", "raised_at"], name="contingency_flag_child_idx")]

    def __str__(self) -> str:
        return f"ContingencyFlag {self.pk}"

    @property
    def is_covered(self) -> bool:
        return self.cover_id is not None
