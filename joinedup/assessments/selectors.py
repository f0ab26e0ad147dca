"""Reads for the Assessments page and the Resource Panel: explicit ordering, a fixed number of
queries however many records a child has, and lists that start from ``policy.visible_children``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation.models import Allocation
from joinedup.assessments import rules
from joinedup.assessments.choices import PackageStatus, RequestStatus
from joinedup.assessments.models import (
    CarersAssessment,
    CarersAssessmentOffer,
    CarersAssessmentOutcome,
    CarersAssessmentReview,
    Package,
    PanelDecision,
    PanelRequest,
    SingleAssessment,
    TransitionsAssessment,
)
from joinedup.duties.choices import DutyKind
from joinedup.duties.models import Duty
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Carer, Child

RECENT_DECISION_DAYS = 28  # the Resource Panel page shows the last four weeks' decisions beneath its agenda


def _in_team(child: Child, roles: tuple[str, ...]) -> QuerySet[Practitioner]:
    return (
        Practitioner.objects.filter(
            memberships__child=child, memberships__end_date__isnull=True, job_role__in=roles, is_active=True
        )
        .select_related("organisation")
        .distinct()
        .order_by("full_name", "id")
    )


def social_workers_for(child: Child) -> QuerySet[Practitioner]:
    """Who may be named as doing the child's single assessment: the social workers in its team."""
    return _in_team(child, tuple(rules.SINGLE_ASSESSORS))


def carers_assessors_for(child: Child) -> QuerySet[Practitioner]:
    """Family support workers and social workers in the child's team (CwDT 7.3.1)."""
    return _in_team(child, tuple(rules.CARERS_ASSESSORS))


def case_workers_for(child: Child) -> QuerySet[Practitioner]:
    """The child's current allocated and assigned workers (CwDT 7.3.2)."""
    ids = Allocation.objects.counting_to_caseload().filter(child=child).values("practitioner_id")
    return Practitioner.objects.filter(pk__in=ids).select_related("organisation").order_by("full_name", "id")


def carers_of(child: Child) -> QuerySet[Carer]:
    return Carer.objects.filter(child_links__child=child).order_by("full_name", "id")


@dataclass(frozen=True)
class CarersLine:
    """One carers assessment with its reviews; ``current`` is the carer's newest assessment."""

    assessment: CarersAssessment
    current: bool

    @property
    def last_on(self) -> date:
        reviews: list[CarersAssessmentReview] = list(self.assessment.reviews.all())
        return max([self.assessment.assessed_on, *(r.reviewed_on for r in reviews)])


def assessments_page(child: Child) -> dict[str, Any]:
    """Everything the child's Assessments page shows, newest first, in a fixed number of queries."""
    singles = list(
        SingleAssessment.objects.filter(child=child)
        .select_related("social_worker", "carers_offer")
        .order_by("-started_on", "-started_at")
    )
    review_offers = list(
        CarersAssessmentOffer.objects.filter(child=child, single_assessment__isnull=True).order_by(
            "-offered_on", "-recorded_at"
        )
    )
    carers = list(
        CarersAssessment.objects.filter(child=child)
        .select_related("carer", "assessor")
        .prefetch_related(
            Prefetch("outcomes", queryset=CarersAssessmentOutcome.objects.order_by("id")),  # the list's order
            Prefetch(
                "reviews",
                queryset=CarersAssessmentReview.objects.select_related("reviewer").order_by(
                    "reviewed_on", "recorded_at"
                ),
            ),
        )
        .order_by("-assessed_on", "-recorded_at")
    )
    newest: set[Any] = set()
    lines = []
    for a in carers:
        lines.append(CarersLine(assessment=a, current=a.carer_id not in newest))
        newest.add(a.carer_id)
    packages = list(
        Package.objects.filter(child=child)
        .prefetch_related(
            Prefetch(
                "requests",
                queryset=PanelRequest.objects.select_related("requested_by__practitioner")
                .prefetch_related(
                    Prefetch(
                        "decisions",
                        queryset=PanelDecision.objects.select_related("decided_by__practitioner").order_by(
                            "decided_on", "decided_at"
                        ),
                    )
                )
                .order_by("requested_on", "requested_at"),
            )
        )
        .order_by("-identified_on", "-identified_at")
    )
    due = {
        d.kind: d
        for d in Duty.objects.open()
        .filter(child=child, kind__in=[DutyKind.CARERS_ASSESSMENT_REVIEW, DutyKind.ADULT_SOCIAL_CARE_REFERRAL])
        .order_by("due_on")
    }
    transitions = list(
        TransitionsAssessment.objects.filter(child=child)
        .select_related("worker")
        .order_by("-assessed_on", "-recorded_at")
    )
    return {
        "singles": singles,
        "in_progress": next((s for s in singles if s.completed_on is None), None),
        "review_offers": review_offers,
        "carers_lines": lines,
        "transitions": transitions,
        "referral_made": any(t.referral_made_on for t in transitions),
        "packages": packages,
        "carers_review_due": due.get(DutyKind.CARERS_ASSESSMENT_REVIEW),
        "referral_due": due.get(DutyKind.ADULT_SOCIAL_CARE_REFERRAL),
    }


def waiting(package: Package) -> PanelRequest | None:
    """The package's request waiting for the panel, from the prefetched requests."""
    return next((r for r in package.requests.all() if r.status == RequestStatus.WAITING), None)


def package_of(child: Child, package_id: Any) -> Package | None:
    return Package.objects.filter(child=child, pk=package_id).first()


def package_in_place(child: Child, package_id: Any) -> Package | None:
    return Package.objects.filter(child=child, pk=package_id, status=PackageStatus.IN_PLACE).first()


def single_assessment_of(child: Child, assessment_id: Any) -> SingleAssessment | None:
    return SingleAssessment.objects.filter(child=child, pk=assessment_id).select_related("social_worker").first()


def carers_assessment_of(child: Child, assessment_id: Any) -> CarersAssessment | None:
    return CarersAssessment.objects.filter(child=child, pk=assessment_id).select_related("carer").first()


def transitions_assessment_of(child: Child, assessment_id: Any) -> TransitionsAssessment | None:
    return TransitionsAssessment.objects.filter(child=child, pk=assessment_id).first()


def panel_request_of(child: Child, request_id: Any) -> PanelRequest | None:
    return (
        PanelRequest.objects.filter(child=child, pk=request_id)
        .select_related("package", "requested_by__practitioner", "single_assessment")
        .prefetch_related(Prefetch("decisions", queryset=PanelDecision.objects.order_by("decided_on", "decided_at")))
        .first()
    )


@dataclass(frozen=True)
class Agenda:
    waiting: list[PanelRequest]
    decided: list[PanelDecision]


def panel_agenda(user: User, today: date) -> Agenda:
    """The Resource Panel's agenda for ``user``: requests waiting for a decision, oldest first (a
    deferred request keeps its place), and the last four weeks' decisions, newest first. Only
    children the user may see."""
    visible = policy.visible_children(user).values("pk")
    waiting_requests = list(
        PanelRequest.objects.filter(status=RequestStatus.WAITING, child__in=visible)
        .select_related("child", "package", "requested_by__practitioner")
        .prefetch_related(Prefetch("decisions", queryset=PanelDecision.objects.order_by("decided_on", "decided_at")))
        .order_by("requested_on", "requested_at", "id")
    )
    decided = list(
        PanelDecision.objects.filter(
            request__child__in=visible, decided_on__gte=today - timedelta(days=RECENT_DECISION_DAYS)
        )
        .select_related("request__child", "request__package", "decided_by__practitioner")
        .order_by("-decided_on", "-decided_at", "id")
    )
    return Agenda(waiting=waiting_requests, decided=decided)
