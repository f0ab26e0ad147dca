"""Assessments of CwDT 7.3 (C10) and the Resource Panel's requests and decisions.

Every record keeps who did the work (a practitioner, checked by the rules against their job role)
apart from who recorded it (a user, from the child's team or a manager of the case).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.assessments.choices import (
    REVIEW_MONTHS,
    CarersOutcome,
    OfferedAt,
    PackageKind,
    PackageStatus,
    PanelOutcome,
    RequestKind,
    RequestStatus,
    TransitionsAfter,
)
from joinedup.core.models import UUIDModel


class SingleAssessment(UUIDModel):
    """A single assessment, by a social worker (C3, C10; CwDT 3.1, 7.2). Started, then completed
    with its outcome; at most one in progress for a child at a time."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="single_assessments")
    social_worker = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="What the assessment found and recommends")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True, outcome="", completed_by__isnull=True)
                | (Q(completed_on__isnull=False, completed_by__isnull=False) & ~Q(outcome="")),
                name="single_assessment_completed_with_outcome",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("started_on")),
                name="single_assessment_completed_after_start",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=Q(completed_on__isnull=True), name="one_single_assessment_in_progress"
            ),
        ]
        indexes = [models.Index(fields=["child", "started_on"], name="single_assessment_child_idx")]

    def __str__(self) -> str:
        return f"SingleAssessment {self.pk}"


class CarersAssessmentOffer(UUIDModel):
    """Carers were told of their entitlement to a carers assessment, and whether they took it up
    (CwDT 7.3.1). Made at every single assessment (``single_assessment``) and every child in need
    review."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="carers_assessment_offers")
    offered_at = models.CharField(max_length=20, choices=OfferedAt.choices)
    single_assessment = models.OneToOneField(
        SingleAssessment, on_delete=models.PROTECT, null=True, blank=True, related_name="carers_offer"
    )
    offered_on = models.DateField()
    taken_up = models.BooleanField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(offered_at__in=OfferedAt.values), name="carers_offer_at_valid"),
            models.CheckConstraint(
                condition=Q(offered_at=OfferedAt.SINGLE_ASSESSMENT, single_assessment__isnull=False)
                | (~Q(offered_at=OfferedAt.SINGLE_ASSESSMENT) & Q(single_assessment__isnull=True)),
                name="carers_offer_names_its_single_assessment",
            ),
        ]

    def __str__(self) -> str:
        return f"CarersAssessmentOffer {self.pk}"


class CarersAssessment(UUIDModel):
    """A carers assessment of one of the child's parents or carers (CwDT 7.3.1), by a family support
    worker or a social worker, reviewed every 6 or 12 months as agreed (C10-CARERS-REVIEW)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="carers_assessments")
    carer = models.ForeignKey("people.Carer", on_delete=models.PROTECT, related_name="carers_assessments")
    assessor = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField()
    notes = models.TextField(help_text="The carer's needs and what the outcomes are, in detail")
    review_months = models.PositiveSmallIntegerField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(review_months__in=REVIEW_MONTHS), name="carers_assessment_months_valid"),
            models.CheckConstraint(condition=~Q(notes=""), name="carers_assessment_has_notes"),
        ]
        indexes = [models.Index(fields=["child", "assessed_on"], name="carers_assessment_child_idx")]

    def __str__(self) -> str:
        return f"CarersAssessment {self.pk}"


class CarersAssessmentOutcome(models.Model):
    """One outcome of a carers assessment, from the controlled list (CwDT 7.3.1)."""

    assessment = models.ForeignKey(CarersAssessment, on_delete=models.CASCADE, related_name="outcomes")
    outcome = models.CharField(max_length=30, choices=CarersOutcome.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "outcome"], name="carers_outcome_once"),
            models.CheckConstraint(condition=Q(outcome__in=CarersOutcome.values), name="carers_outcome_valid"),
        ]

    def __str__(self) -> str:
        return f"CarersAssessmentOutcome {self.pk}"


class CarersAssessmentReview(UUIDModel):
    """A review of a carers assessment; the next is due 6 or 12 months on, as agreed at it."""

    assessment = models.ForeignKey(CarersAssessment, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField()
    notes = models.TextField(help_text="What has changed, and whether the outcomes still meet the carer's needs")
    review_months = models.PositiveSmallIntegerField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(review_months__in=REVIEW_MONTHS), name="carers_review_months_valid"),
            models.CheckConstraint(condition=~Q(notes=""), name="carers_review_has_notes"),
        ]

    def __str__(self) -> str:
        return f"CarersAssessmentReview {self.pk}"


class TransitionsAssessment(UUIDModel):
    """The transitions assessment by the allocated or assigned worker, and the referral to adult
    social care it leads to, made by the 16th birthday (CwDT 7.3.2)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="transitions_assessments")
    worker = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="+")
    after = models.CharField(max_length=30, choices=TransitionsAfter.choices)
    assessed_on = models.DateField()
    transitional_needs = models.TextField()
    referral_made_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    referral_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referral_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(after__in=TransitionsAfter.values), name="transitions_after_valid"),
            models.CheckConstraint(condition=~Q(transitional_needs=""), name="transitions_has_needs"),
            models.CheckConstraint(
                condition=Q(referral_made_on__isnull=True, referral_recorded_by__isnull=True)
                | Q(referral_made_on__gte=F("assessed_on"), referral_recorded_by__isnull=False),
                name="transitions_referral_after_assessment",
            ),
        ]

    def __str__(self) -> str:
        return f"TransitionsAssessment {self.pk}"


class Package(UUIDModel):
    """A direct payments or short breaks package, identified at or after a single assessment
    (CwDT 7.3.3). ``amount`` (a year) is what the Resource Panel last approved; until it approves
    the first request the package is waiting."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="packages")
    kind = models.CharField(max_length=20, choices=PackageKind.choices)
    provides = models.TextField(help_text="What the package provides, as last approved or asked for")
    overnight_respite = models.BooleanField()
    single_assessment = models.ForeignKey(SingleAssessment, on_delete=models.PROTECT, related_name="packages")
    identified_on = models.DateField()
    identified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    identified_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=PackageStatus.choices, default=PackageStatus.WAITING)
    amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    amount_set_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PackageKind.values), name="package_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=PackageStatus.values), name="package_status_valid"),
            models.CheckConstraint(
                condition=Q(status=PackageStatus.IN_PLACE, amount__gt=0, amount_set_on__isnull=False)
                | (~Q(status=PackageStatus.IN_PLACE) & Q(amount__isnull=True, amount_set_on__isnull=True)),
                name="package_in_place_has_an_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"Package {self.pk}"


class PanelRequest(UUIDModel):
    """A request to the Resource Panel: a new package, a small increase identified at a review, or
    a larger change after an updated single assessment (CwDT 7.3.3). ``amount`` is the whole amount
    a year asked for. At most one request waits for a package at a time."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="panel_requests")
    package = models.ForeignKey(Package, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    asked = models.TextField(help_text="What is asked for: what the package would provide")
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    overnight_respite = models.BooleanField()
    single_assessment = models.ForeignKey(
        SingleAssessment, on_delete=models.PROTECT, null=True, blank=True, related_name="panel_requests"
    )
    reviewed_on = models.DateField(null=True, blank=True, help_text="The review that identified a small increase")
    requested_on = models.DateField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.WAITING)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=RequestKind.values), name="panel_request_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="panel_request_status_valid"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="panel_request_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind=RequestKind.SMALL_INCREASE, reviewed_on__isnull=False, single_assessment__isnull=True)
                | (~Q(kind=RequestKind.SMALL_INCREASE) & Q(reviewed_on__isnull=True, single_assessment__isnull=False)),
                name="panel_request_rests_on_a_review_or_an_assessment",
            ),
            models.UniqueConstraint(
                fields=["package"], condition=Q(status=RequestStatus.WAITING), name="one_waiting_request_per_package"
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_on"], name="panel_request_agenda_idx")]

    def __str__(self) -> str:
        return f"PanelRequest {self.pk}"


class PanelDecision(UUIDModel):
    """What the Resource Panel decided on a request, and the amount it approved. A deferred request
    stays on the agenda and gets another decision later; every decision is kept."""

    request = models.ForeignKey(PanelRequest, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=10, choices=PanelOutcome.choices)
    amount_approved = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    decided_on = models.DateField()
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=PanelOutcome.values), name="panel_decision_outcome_valid"),
            models.CheckConstraint(
                condition=Q(outcome=PanelOutcome.APPROVED, amount_approved__gt=0)
                | (~Q(outcome=PanelOutcome.APPROVED) & Q(amount_approved__isnull=True) & ~Q(reason="")),
                name="panel_decision_amount_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"PanelDecision {self.pk}"
