"""Reads for EHC needs assessments: a child's timeline, the waiting list, advice asked of me.

Lists start from ``policy.visible_children`` and run a fixed number of queries however long they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.ehc import rules
from joinedup.ehc.choices import OPEN_STATUSES, AdviceSection, AssessmentStatus
from joinedup.ehc.models import AdviceRequest, EhcNeedsAssessment
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.plans.choices import EhcSection, PlanKind, PlanStatus
from joinedup.plans.models import Outcome, Plan
from joinedup.teams.models import TeamMembership

S = AssessmentStatus


@dataclass(frozen=True)
class Deadline:
    """One statutory deadline of an assessment, as the timeline shows it (F3-OVERDUE)."""

    label: str
    due_on: date
    done_on: date | None
    rule: str
    overdue: bool = False
    late: bool = False
    no_longer_due: bool = False


def deadline(label: str, due_on: date, done_on: date | None, rule: str, today: date) -> Deadline:
    return Deadline(
        label=label,
        due_on=due_on,
        done_on=done_on,
        rule=rule,
        overdue=rules.is_overdue(due_on=due_on, done_on=done_on, today=today),
        late=rules.was_late(due_on=due_on, done_on=done_on),
    )


def deadlines(assessment: EhcNeedsAssessment, today: date) -> list[Deadline]:
    """The decision and final plan deadlines. A deadline the assessment ended before (stopped, or
    decided not to assess) is no longer due, so it is not shown as overdue."""
    decision_label, final_label = "Decision whether to assess", "Final EHC plan"
    a = assessment
    if a.decided_on is None and a.status == S.STOPPED:
        decision = Deadline(decision_label, a.decision_due_on, None, "F3-DECISION-6-WEEKS", no_longer_due=True)
    else:
        decision = deadline(decision_label, a.decision_due_on, a.decided_on, "F3-DECISION-6-WEEKS", today)
    if a.status in (S.NOT_ASSESSING, S.STOPPED):
        final = Deadline(final_label, a.final_due_on, None, "F3-FINAL-20-WEEKS", no_longer_due=True)
    else:
        final = deadline(final_label, a.final_due_on, a.final_issued_on, "F3-FINAL-20-WEEKS", today)
    return [decision, final]


def _advice_queryset() -> QuerySet[AdviceRequest]:
    outcomes = Outcome.objects.order_by("added_at", "id")
    return (
        AdviceRequest.objects.select_related("practitioner__organisation", "requested_by", "received_recorded_by")
        .prefetch_related(Prefetch("outcomes", queryset=outcomes))
        .order_by("requested_on", "requested_at", "id")
    )


def _people() -> tuple[str, ...]:
    """Who took each step, with their practitioner profile for their name, in the same query."""
    steps = ("recorded_by", "decided_by", "draft_issued_by", "final_issued_by", "stopped_by")
    return (*steps, *(f"{s}__practitioner" for s in steps), "final_plan")


@dataclass(frozen=True)
class Timeline:
    """The child's EHC needs assessments for their page: the newest first, each with its deadlines."""

    assessments: list[EhcNeedsAssessment]
    deadlines: dict[UUID, list[Deadline]] = field(default_factory=dict)

    @property
    def current(self) -> EhcNeedsAssessment | None:
        return self.assessments[0] if self.assessments else None

    @property
    def earlier(self) -> list[EhcNeedsAssessment]:
        return self.assessments[1:]


def timeline(child: Child, today: date) -> Timeline:
    """Every assessment of the child with its advice requests, in a fixed number of queries."""
    assessments = list(
        EhcNeedsAssessment.objects.filter(child=child)
        .select_related(*_people())
        .prefetch_related(Prefetch("advice_requests", queryset=_advice_queryset()))
        .order_by("-requested_on", "-recorded_at", "-id")
    )
    return Timeline(assessments=assessments, deadlines={a.pk: deadlines(a, today) for a in assessments})


def assessment_of(child: Child, assessment_id: UUID) -> EhcNeedsAssessment | None:
    return EhcNeedsAssessment.objects.filter(child=child, pk=assessment_id).first()


def open_assessment(child: Child) -> EhcNeedsAssessment | None:
    return EhcNeedsAssessment.objects.open().filter(child=child).first()


def advice_by_ids(child_id: UUID, assessment_id: UUID, advice_id: UUID) -> AdviceRequest | None:
    """An advice request by its path, before the child is opened: ``open_child`` then decides who
    may see it (the practitioner asked may record it, though they do not run the assessment)."""
    return (
        _advice_queryset()
        .select_related("assessment")
        .filter(pk=advice_id, assessment_id=assessment_id, assessment__child_id=child_id)
        .first()
    )


def outstanding_advice(assessment: EhcNeedsAssessment) -> list[AdviceRequest]:
    """Advice asked for and not yet received: the draft page warns that it will go without it."""
    return list(_advice_queryset().filter(assessment=assessment, received_on__isnull=True))


def team_to_ask(child: Child) -> list[Practitioner]:
    """The people advice may be asked of: the child's current team (F3-ADVICE-TEAM), by name."""
    ids = TeamMembership.objects.current().filter(child=child).values("practitioner_id")
    return list(Practitioner.objects.filter(pk__in=ids).select_related("organisation").order_by("full_name", "id"))


def practitioner_by_id(child: Child, practitioner_id: UUID | str) -> Practitioner | None:
    """A practitioner of the child's area, so a posted id outside the team gets the rule's answer."""
    return Practitioner.objects.filter(pk=practitioner_id, organisation__area_id=child.area_id).first()


def plan_outcomes(child: Child) -> list[Outcome]:
    """The outcomes (section E) of the child's EHC plans that have not ended: what advice can feed."""
    return list(
        Outcome.objects.filter(plan__child=child, plan__kind=PlanKind.EHC, ehc_section=EhcSection.OUTCOMES)
        .exclude(plan__status=PlanStatus.ENDED)
        .order_by("added_at", "id")
    )


def outcomes_by_id(child: Child, ids: list[str]) -> list[Outcome]:
    return list(Outcome.objects.filter(pk__in=ids, plan__child=child))


def ehc_plans(child: Child) -> list[Plan]:
    """The child's EHC plans that have not ended, current first: the final plan can link one."""
    return list(
        Plan.objects.filter(child=child, kind=PlanKind.EHC)
        .exclude(status=PlanStatus.ENDED)
        .order_by("status", "-start_date", "id")
    )


def plan_by_id(child: Child, plan_id: UUID | str) -> Plan | None:
    return Plan.objects.filter(child=child, pk=plan_id).first()


def waiting_list(user: User) -> list[EhcNeedsAssessment]:
    """F2-WAITING-ORDER: children waiting for an EHC needs assessment, by the date of the request and
    nothing else. A missed deadline is shown on the row; it never moves the child up or down."""
    return list(
        EhcNeedsAssessment.objects.open()
        .filter(child__in=policy.visible_children(user))
        .select_related("child")
        .annotate(
            advice_asked=Count("advice_requests"),
            advice_received=Count("advice_requests", filter=Q(advice_requests__received_on__isnull=False)),
        )
        .order_by(*rules.WAITING_ORDER)
    )


def advice_asked_of(user: User) -> list[AdviceRequest]:
    """Advice asked of the user for assessments still open, of children they can see, by due date
    (which is the order they were asked in)."""
    practitioner = policy.practitioner_of(user)
    if practitioner is None:
        return []
    return list(
        _advice_queryset()
        .filter(
            practitioner=practitioner,
            assessment__status__in=sorted(OPEN_STATUSES),
            assessment__child__in=policy.visible_children(user),
        )
        .select_related("assessment__child")
        .order_by("due_on", "requested_at", "id")
    )


def section_labels(codes: list[str]) -> list[str]:
    """The sections' names in the order of the plan (B to H), whatever order they were chosen in."""
    chosen = set(codes)
    return [str(label) for code, label in AdviceSection.choices if code in chosen]
