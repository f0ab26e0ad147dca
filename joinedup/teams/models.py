"""The child's interagency team and key worker history (B1, B2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.core.models import UUIDModel


class TeamMembershipQuerySet(models.QuerySet["TeamMembership"]):
    def current(self) -> TeamMembershipQuerySet:
        """Memberships that have not ended. A future start still counts: they are joining."""
        return self.filter(end_date__isnull=True)


class TeamMembership(UUIDModel):
    """A practitioner's place in one child's interagency team, across sectors (B1)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="memberships")
    practitioner = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="memberships")
    role_in_team = models.CharField(max_length=100)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["child", "practitioner"],
                condition=Q(end_date__isnull=True),
                name="one_current_membership_per_practitioner",
            ),
        ]
        indexes = [models.Index(fields=["practitioner", "end_date"], name="membership_practitioner_idx")]

    def __str__(self) -> str:
        return f"TeamMembership {self.pk}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class KeyWorkerAssignmentQuerySet(models.QuerySet["KeyWorkerAssignment"]):
    def current(self) -> KeyWorkerAssignmentQuerySet:
        return self.filter(end_date__isnull=True)


class KeyWorkerAssignment(UUIDModel):
    """Who is (or was) the child's key worker, from when to when, and why they were chosen (B2)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="key_worker_assignments")
    practitioner = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, related_name="key_worker_assignments"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason = models.TextField()
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField()

    objects = KeyWorkerAssignmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=Q(end_date__isnull=True), name="one_current_key_worker_per_child"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="key_worker_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="key_worker_reason_required"),
        ]

    def __str__(self) -> str:
        return f"KeyWorkerAssignment {self.pk}"
