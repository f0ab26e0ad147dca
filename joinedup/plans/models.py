"""A child's plans (C6): each plan has outcomes, each outcome actions, each action an owner and a timescale."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from joinedup.core.models import UUIDModel
from joinedup.plans.choices import (
    EhcSection,
    EhcService,
    FrequencyUnit,
    PfaArea,
    PlanChangeKind,
    PlanKind,
    PlanStatus,
)


class PlanQuerySet(models.QuerySet["Plan"]):
    def current(self) -> PlanQuerySet:
        return self.filter(status=PlanStatus.CURRENT)


class Plan(UUIDModel):
    """One plan for a child: a child in need plan, an EHC plan, a Preparing for Adulthood plan...

    Drafted, then made the current plan (at most one current plan of each kind, C6-ONE-CURRENT),
    then ended. ``version`` rises on every change to the plan itself, so two people making it
    current or ending it at once cannot overwrite each other (G5).
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=30, choices=PlanKind.choices)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    start_date = models.DateField()
    review_date = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField()

    objects = PlanQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PlanKind.values), name="plan_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=PlanStatus.values), name="plan_status_valid"),
            # C6-ONE-CURRENT: at most one current plan of each kind per child.
            models.UniqueConstraint(
                fields=["child", "kind"], condition=Q(status=PlanStatus.CURRENT), name="one_current_plan_of_each_kind"
            ),
            models.CheckConstraint(
                condition=Q(review_date__isnull=True) | Q(review_date__gte=F("start_date")),
                name="plan_review_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(status=PlanStatus.ENDED) & Q(ended_on__isnull=False))
                | (~Q(status=PlanStatus.ENDED) & Q(ended_on__isnull=True)),
                name="plan_ended_on_only_when_ended",
            ),
        ]
        indexes = [models.Index(fields=["child", "status"], name="plan_child_status_idx")]

    def __str__(self) -> str:
        return f"Plan {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan-detail", kwargs={"child_id": self.child_id, "plan_id": self.pk})

    @property
    def is_ehc(self) -> bool:
        return self.kind == PlanKind.EHC

    @property
    def is_pfa(self) -> bool:
        return self.kind == PlanKind.PREPARING_FOR_ADULTHOOD

    @property
    def is_ended(self) -> bool:
        return self.status == PlanStatus.ENDED


class Outcome(UUIDModel):
    """An outcome the plan is to achieve (CwDT 2.6: "the outcomes to be achieved").

    In an EHC plan each entry says which section (needs, outcomes, provision) and which service
    (education, health, social care) it belongs to; in a Preparing for Adulthood plan, which PfA
    area. Those fields are blank for every other kind of plan (rules C6-EHC-SECTION, C10-PFA-AREA).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    text = models.TextField()
    ehc_section = models.CharField(max_length=20, choices=EhcSection.choices, blank=True)
    ehc_service = models.CharField(max_length=20, choices=EhcService.choices, blank=True)
    pfa_area = models.CharField(max_length=30, choices=PfaArea.choices, blank=True)
    added_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ehc_section="") | Q(ehc_section__in=EhcSection.values), name="outcome_ehc_section_valid"
            ),
            models.CheckConstraint(
                condition=Q(ehc_service="") | Q(ehc_service__in=EhcService.values), name="outcome_ehc_service_valid"
            ),
            models.CheckConstraint(
                condition=Q(pfa_area="") | Q(pfa_area__in=PfaArea.values), name="outcome_pfa_area_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Outcome {self.pk}"


class Action(UUIDModel):
    """An action towards an outcome: what, who is responsible, and a target date or a frequency.

    The person responsible is a practitioner, or someone in the family (the child or young person,
    a parent or carer) written as free text; never both (CwDT 2.6). An action may be saved without
    them while the plan is being written: the plan is then shown as not SMART (C6-SMART).
    """

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField()
    responsible_practitioner = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, null=True, blank=True, related_name="plan_actions"
    )
    responsible_other = models.CharField(max_length=200, blank=True)
    target_date = models.DateField(null=True, blank=True)
    frequency_count = models.PositiveSmallIntegerField(null=True, blank=True)
    frequency_unit = models.CharField(max_length=10, choices=FrequencyUnit.choices, blank=True)
    done_on = models.DateField(null=True, blank=True)
    added_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible_practitioner__isnull=True) | Q(responsible_other=""),
                name="action_one_kind_of_responsible",
            ),
            models.CheckConstraint(
                condition=(Q(frequency_count__isnull=True) & Q(frequency_unit=""))
                | (Q(frequency_count__gte=1) & Q(frequency_unit__in=FrequencyUnit.values)),
                name="action_frequency_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.pk}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def has_responsible(self) -> bool:
        return responsible_named(self.responsible_practitioner_id, self.responsible_other)

    @property
    def has_frequency(self) -> bool:
        return frequency_given(self.frequency_count, self.frequency_unit)

    @property
    def frequency_text(self) -> str:
        """'every 2 weeks', 'every week'; empty when the action has no frequency."""
        if not self.has_frequency:
            return ""
        unit = FrequencyUnit(self.frequency_unit).label
        return f"every {unit}" if self.frequency_count == 1 else f"every {self.frequency_count} {unit}s"


def responsible_named(practitioner_id: object, other: str) -> bool:
    """Whether an action names who is responsible: a practitioner, or someone else by name.
    A function as well as ``Action.has_responsible``: the child page reads actions as plain rows."""
    return practitioner_id is not None or bool(other.strip())


def frequency_given(count: int | None, unit: str) -> bool:
    """Whether an action says how often it happens (``Action.has_frequency``, for plain rows too)."""
    return count is not None and bool(unit)


class PlanChange(UUIDModel):
    """One change to a plan: who made it, when, what changed, and the review or meeting that made it.

    C6: "changes to a plan are linked to the review or meeting that made them". Until the reviews
    module exists the link is written as text and a date (``made_at_text``, ``made_at_date``). The
    generic link (``made_at_type``, ``made_at_id``, read as ``made_at_record``) is the slot that module
    fills with its review or meeting record; it is empty for changes made outside one.
    """

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(max_length=20, choices=PlanChangeKind.choices)
    what = models.TextField()
    details = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    made_at_text = models.CharField(max_length=200, blank=True)
    made_at_date = models.DateField(null=True, blank=True)
    made_at_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    made_at_id = models.UUIDField(null=True, blank=True)
    made_at_record = GenericForeignKey("made_at_type", "made_at_id")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PlanChangeKind.values), name="plan_change_kind_valid"),
            models.CheckConstraint(
                condition=Q(made_at_type__isnull=True, made_at_id__isnull=True)
                | Q(made_at_type__isnull=False, made_at_id__isnull=False),
                name="plan_change_link_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"PlanChange {self.pk}"
