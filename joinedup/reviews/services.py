"""Recording visits and child in need reviews: each completes its duty and, for a step up or down,
starts the planned transfer (C5, C7, E3). Atomic and audited."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.urls import reverse

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation.choices import HubCode
from joinedup.allocation.models import Hub
from joinedup.allocation.selectors import managers_of
from joinedup.assessments import rules as assessment_rules
from joinedup.assessments import services as assessments
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations, Violation
from joinedup.duties import services as duties
from joinedup.duties.choices import DutyKind
from joinedup.duties.models import Duty
from joinedup.notifications.services import notify
from joinedup.people.models import Child
from joinedup.reviews import rules
from joinedup.reviews.choices import SeenAlone, Step
from joinedup.reviews.models import CinReview, Visit
from joinedup.transfers import services as transfers

NOT_IN_TEAM = Violation("C5-RECORD", None, "Only the child's team or its managers can record this")


def _complete(child: Child, kind: DutyKind, *, on: date, note: str, by: User, now: datetime, today: date) -> None:
    """Record the child's open duty of this kind as done; with none open, the record stands alone.

    The open duty is locked as it is read: someone recording a visit to the same child at the same
    moment holds it until they commit, and then it is no longer open, so this record stands alone
    rather than failing as "already done" (found under the load test, issue 6)."""
    duty = Duty.objects.open().select_for_update().filter(child=child, kind=kind).first()
    if duty is not None:
        duties.complete_duty(duty=duty, on=on, note=note, by=by, now=now, today=today)


@transaction.atomic
def record_visit(
    *,
    child: Child,
    visited_on: date,
    seen: bool,
    seen_alone: SeenAlone,
    notes: str,
    by: User,
    now: datetime,
    today: date,
) -> Visit:
    """A visit to the child; a visit where the child was seen completes the visit duty (C5)."""
    if not policy.can_record_duty(by, child):
        raise RuleViolations([NOT_IN_TEAM])
    violations = rules.visit_violations(
        visited_on=visited_on, seen=seen, seen_alone=seen_alone, notes=notes, today=today
    )
    if violations:
        raise RuleViolations(violations)
    visit = Visit.objects.create(
        child=child,
        visited_on=visited_on,
        seen=seen,
        seen_alone=seen_alone,
        notes=notes.strip(),
        recorded_by=by,
        recorded_at=now,
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=visit,
        what=f"Recorded a visit on {visited_on:%-d %B %Y}" + ("" if seen else " (child not seen)"),
    )
    if rules.counts_as_visit(seen=seen):
        _complete(child, DutyKind.VISIT, on=visited_on, note="Visit recorded", by=by, now=now, today=today)
    return visit


@transaction.atomic
def record_cin_review(
    *,
    child: Child,
    held_on: date,
    attendees: str,
    child_views: str,
    family_views: str,
    decisions: str,
    plan_still_smart: bool,
    carers_assessment_offered: bool,
    carers_taken_up: bool | None,
    step: Step,
    to_hub: Hub | None,
    combined_with_ehc_review: bool,
    by: User,
    now: datetime,
    today: date,
) -> CinReview:
    """A child in need plan review (C5, E3). The carers are offered a carers assessment at every review
    (C10-CARERS-OFFERED), recorded with the assessments. Completes the review duty (and the EHC plan review's,
    when held together: CwDT 2.5). A step up or down is added to the transfer list when the person
    recording it manages the case; otherwise the hub's managers are asked to add it (CwDT 6.2.1)."""
    if not policy.can_record_duty(by, child):
        raise RuleViolations([NOT_IN_TEAM])
    holding = Hub.objects.filter(team_id=child.holding_team_id).first() if child.holding_team_id else None
    to = to_hub if step != Step.STAY else None
    violations = rules.review_violations(
        held_on=held_on,
        attendees=attendees,
        child_views=child_views,
        family_views=family_views,
        decisions=decisions,
        step=step,
        holding_hub=HubCode(holding.code) if holding else None,
        to_hub=HubCode(to.code) if to else None,
        today=today,
    )
    violations += assessment_rules.carers_offer_violations(
        offered=carers_assessment_offered, taken_up=carers_taken_up, offered_on=held_on, today=today
    )
    if violations:
        raise RuleViolations(violations)
    review = CinReview.objects.create(
        child=child,
        held_on=held_on,
        attendees=attendees.strip(),
        child_views=child_views.strip(),
        family_views=family_views.strip(),
        decisions=decisions.strip(),
        plan_still_smart=plan_still_smart,
        carers_assessment_offered=carers_assessment_offered,
        step=step,
        to_hub=to,
        combined_with_ehc_review=combined_with_ehc_review,
        recorded_by=by,
        recorded_at=now,
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=review,
        what=f"Recorded the child in need review of {held_on:%-d %B %Y}",
        changes={"step": step, "plan_still_smart": plan_still_smart},
    )
    assessments.record_carers_offer_at_review(
        child=child, reviewed_on=held_on, offered=True, taken_up=carers_taken_up, by=by, now=now, today=today
    )
    _complete(child, DutyKind.CIN_REVIEW, on=held_on, note="Review recorded", by=by, now=now, today=today)
    if combined_with_ehc_review:
        _complete(
            child, DutyKind.EHC_ANNUAL_REVIEW, on=held_on, note="Held with the CIN review", by=by, now=now, today=today
        )
    if to is not None and holding is not None:
        _start_the_move(review=review, holding=holding, to=to, by=by, now=now)
    return review


def _start_the_move(*, review: CinReview, holding: Hub, to: Hub, by: User, now: datetime) -> None:
    step = Step(review.step).label.lower()
    held = f"{review.held_on:%-d %B %Y}"
    reason = f"{Step(review.step).label}, decided at the child in need review of {held}: {review.decisions}"
    if policy.transfer_role(by, from_hub=holding, to_hub=to) in ("OUTGOING", "OPERATIONS"):
        transfer = transfers.propose_transfer(child=review.child, to_hub=to, reason=reason[:2000], by=by, now=now)
        CinReview.objects.filter(pk=review.pk).update(transfer=transfer)
        review.transfer = transfer
        return
    notify(
        recipients=managers_of(holding),
        subject="A review decided a change of hub: add it to the transfer list",
        body=(
            f"The child in need review of {held} for {review.child.local_id} decided a {step} to {to.team.name}. "
            f"As the manager of {holding.team.name}, add the child to the transfer list (CwDT 6.2.1)."
        ),
        link=reverse("transfers:transfer-propose", args=[review.child_id]),
        child=review.child,
        now=now,
    )
