"""Hubs as configuration, caseload capacity, and who holds, is assigned to or attached to a case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.allocation.choices import HubCode, WorkerRelationship
from joinedup.core.models import UUIDModel


class Hub(UUIDModel):
    """A hub of the Children with Disabilities Team, configured by an administrator (C2, C5).

    The cadences are the defaults the plans issue's duty engine uses: days between CIN reviews
    and between visits. Review & Intervention sets its review interval at allocation, from
    ``review_interval_options``. The area's administrators edit these at ``/hubs/``; ``version``
    rises on every save, so two administrators editing at once cannot overwrite each other (G5).
    """

    team = models.OneToOneField("organisations.Team", on_delete=models.PROTECT, related_name="hub")
    code = models.CharField(max_length=30, choices=HubCode.choices)
    tier = models.CharField(max_length=100)
    worker_roles = models.JSONField(default=list, help_text="Job roles that work in this hub")
    default_capacity = models.PositiveIntegerField(default=50)
    cin_review_days = models.PositiveIntegerField(null=True, blank=True)
    review_interval_options = models.JSONField(default=list, blank=True)
    visit_days = models.PositiveIntegerField()
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(code__in=HubCode.values), name="hub_code_valid"),
            models.CheckConstraint(condition=Q(default_capacity__gte=1), name="hub_default_capacity_positive"),
            models.CheckConstraint(condition=Q(visit_days__gte=1), name="hub_visit_days_positive"),
            models.CheckConstraint(
                condition=Q(cin_review_days__isnull=True) | Q(cin_review_days__gte=1),
                name="hub_cin_review_days_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Hub {self.code}"


class CaseloadCapacity(models.Model):
    """A worker's own caseload limit, where it differs from their hub's default (C4)."""

    practitioner = models.OneToOneField(
        "organisations.Practitioner", on_delete=models.CASCADE, primary_key=True, related_name="capacity"
    )
    capacity = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"CaseloadCapacity {self.pk}"


class AllocationQuerySet(models.QuerySet["Allocation"]):
    def current(self) -> AllocationQuerySet:
        return self.filter(end_date__isnull=True)

    def counting_to_caseload(self) -> AllocationQuerySet:
        """Allocated and assigned cases count to a caseload; an attached piece of work does not."""
        return self.current().filter(relationship__in=[WorkerRelationship.ALLOCATED, WorkerRelationship.ASSIGNED])


class Allocation(UUIDModel):
    """A worker's relationship to a child's case in a hub, and the decision that made it (C3, C4).

    ``fired_rules`` keeps the explanation shown to the manager: each rule that fired and why.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="allocations")
    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="allocations")
    practitioner = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="allocations")
    relationship = models.CharField(max_length=20, choices=WorkerRelationship.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    fired_rules = models.JSONField(default=list)
    over_capacity_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    objects = AllocationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(relationship__in=WorkerRelationship.values), name="allocation_relationship_valid"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="allocation_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(end_date__isnull=True, relationship=WorkerRelationship.ALLOCATED),
                name="one_allocated_worker_per_child",
            ),
            models.UniqueConstraint(
                fields=["child", "practitioner", "relationship"],
                condition=Q(end_date__isnull=True),
                name="one_current_relationship_of_a_kind",
            ),
        ]
        indexes = [models.Index(fields=["practitioner", "end_date"], name="allocation_practitioner_idx")]

    def __str__(self) -> str:
        return f"Allocation {self.pk}"
