"""Recording assessments and the Resource Panel's requests and decisions (C10; CwDT 7.3).
Every step is atomic and audited; the rules refuse before anything is stored.

A carers assessment or its review changes when the carers assessment review falls due, and the
referral to adult social care completes that milestone: those steps bring the child's duties up to
date through the duty engine in the same transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation.models import Allocation
from joinedup.assessments import rules
from joinedup.assessments.choices import (
    CarersOutcome,
    OfferedAt,
    PackageKind,
    PackageStatus,
    PanelOutcome,
    RequestKind,
    RequestStatus,
)
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
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations, Violation
from joinedup.duties import services as duties
from joinedup.duties.choices import DutyKind
from joinedup.duties.models import Duty
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Carer, CarerLink, Child

NOT_IN_TEAM = Violation("C10-RECORD", None, "Only the child's team or its managers can record this")


def _may_record(by: User, child: Child) -> None:
    if not policy.can_record_assessments(by, child):
        raise RuleViolations([NOT_IN_TEAM])


def _lock(child: Child) -> None:
    """Serialise steps on one child's assessments, so "one at a time" rules hold under load."""
    Child.objects.select_for_update().filter(pk=child.pk).first()


def _role(practitioner: Practitioner | None, child: Child) -> str | None:
    """The job role of a practitioner working in the child's area; None for anyone else."""
    if practitioner is None or not practitioner.is_active or practitioner.organisation.area_id != child.area_id:
        return None
    return str(practitioner.job_role)


def _checked[T](value: T | None) -> T:
    """A value the rules have just required, narrowed for the type checker."""
    if value is None:
        raise ValueError("refused by the rules before this point")
    return value


def _raise(violations: list[Violation]) -> None:
    if violations:
        raise RuleViolations(violations)


def _latest_started(child: Child, today: date) -> SingleAssessment | None:
    return (
        SingleAssessment.objects.filter(child=child, started_on__lte=today)
        .order_by("-started_on", "-started_at")
        .first()
    )


def _latest_completed(child: Child, today: date) -> SingleAssessment | None:
    return (
        SingleAssessment.objects.filter(child=child, completed_on__lte=today)
        .order_by("-completed_on", "-completed_at")
        .first()
    )


# ---- Single assessments --------------------------------------------------------------------


@transaction.atomic
def start_single_assessment(
    *, child: Child, social_worker: Practitioner | None, started_on: date, by: User, now: datetime, today: date
) -> SingleAssessment:
    """Start a single assessment by a social worker (C10-SINGLE-ASSESSMENT-SW; CwDT 3.1, 7.2)."""
    _may_record(by, child)
    _lock(child)
    in_progress = SingleAssessment.objects.filter(child=child, completed_on__isnull=True).exists()
    _raise(
        rules.start_violations(
            job_role=_role(social_worker, child), started_on=started_on, in_progress=in_progress, today=today
        )
    )
    social_worker = _checked(social_worker)
    assessment = SingleAssessment.objects.create(
        child=child, social_worker=social_worker, started_on=started_on, started_by=by, started_at=now
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=assessment,
        what=f"Single assessment started on {started_on:%-d %B %Y} by {social_worker.full_name}",
    )
    return assessment


@transaction.atomic
def complete_single_assessment(
    *,
    assessment: SingleAssessment,
    completed_on: date,
    outcome: str,
    carers_offered: bool | None,
    carers_taken_up: bool | None,
    by: User,
    now: datetime,
    today: date,
) -> SingleAssessment:
    """Complete a single assessment with what it found, once the carers have been offered a carers
    assessment and whether they took it up is known (C10-CARERS-OFFERED; CwDT 7.3.1)."""
    assessment = SingleAssessment.objects.select_for_update().select_related("child").get(pk=assessment.pk)
    child = assessment.child
    _may_record(by, child)
    if assessment.completed_on is not None:
        raise RuleViolations([Violation("C10-SINGLE-ASSESSMENT-RECORD", None, "This assessment is already complete")])
    violations = rules.completion_violations(
        started_on=assessment.started_on, completed_on=completed_on, outcome=outcome, today=today
    )
    violations += rules.carers_offer_violations(
        offered=carers_offered, taken_up=carers_taken_up, offered_on=completed_on, today=today
    )
    _raise(violations)
    assessment.completed_on, assessment.outcome = completed_on, outcome.strip()
    assessment.completed_by, assessment.completed_at = by, now
    assessment.save(update_fields=["completed_on", "outcome", "completed_by", "completed_at"])
    CarersAssessmentOffer.objects.create(
        child=child,
        offered_at=OfferedAt.SINGLE_ASSESSMENT,
        single_assessment=assessment,
        offered_on=completed_on,
        taken_up=bool(carers_taken_up),
        recorded_by=by,
        recorded_at=now,
    )
    uptake = "taken up" if carers_taken_up else "not taken up"
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        subject=assessment,
        what=f"Single assessment completed on {completed_on:%-d %B %Y}; carers assessment offered, {uptake}",
    )
    return assessment


# ---- Carers assessments --------------------------------------------------------------------


@transaction.atomic
def record_carers_offer_at_review(
    *,
    child: Child,
    reviewed_on: date,
    offered: bool | None,
    taken_up: bool | None,
    by: User,
    now: datetime,
    today: date,
) -> CarersAssessmentOffer:
    """Record that the carers were offered a carers assessment at a child in need review, and whether
    they took it up (C10-CARERS-OFFERED; CwDT 7.3.1). For the review record to call in its own
    transaction; ``rules.carers_offer_violations`` checks the same answers on its form."""
    _may_record(by, child)
    _raise(rules.carers_offer_violations(offered=offered, taken_up=taken_up, offered_on=reviewed_on, today=today))
    offer = CarersAssessmentOffer.objects.create(
        child=child,
        offered_at=OfferedAt.CIN_REVIEW,
        offered_on=reviewed_on,
        taken_up=bool(taken_up),
        recorded_by=by,
        recorded_at=now,
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=offer,
        what=f"Carers assessment offered at the review of {reviewed_on:%-d %B %Y}: "
        + ("taken up" if taken_up else "not taken up"),
    )
    return offer


@transaction.atomic
def record_carers_assessment(
    *,
    child: Child,
    carer: Carer | None,
    assessor: Practitioner | None,
    assessed_on: date,
    outcomes: Collection[str],
    notes: str,
    review_months: int | None,
    by: User,
    now: datetime,
    today: date,
) -> CarersAssessment:
    """A carers assessment of one of the child's parents or carers, its outcomes, and when it is
    reviewed (CwDT 7.3.1). Schedules the carers assessment review (C10-CARERS-REVIEW)."""
    _may_record(by, child)
    carer_linked = carer is not None and CarerLink.objects.filter(child=child, carer=carer).exists()
    _raise(
        rules.carers_assessment_violations(
            carer_linked=carer_linked,
            job_role=_role(assessor, child),
            assessed_on=assessed_on,
            outcomes=outcomes,
            notes=notes,
            months=review_months,
            today=today,
        )
    )
    carer, assessor, review_months = _checked(carer), _checked(assessor), _checked(review_months)
    assessment = CarersAssessment.objects.create(
        child=child,
        carer=carer,
        assessor=assessor,
        assessed_on=assessed_on,
        notes=notes.strip(),
        review_months=review_months,
        recorded_by=by,
        recorded_at=now,
    )
    chosen = [o for o in CarersOutcome.values if o in set(outcomes)]
    CarersAssessmentOutcome.objects.bulk_create(
        CarersAssessmentOutcome(assessment=assessment, outcome=o) for o in chosen
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=assessment,
        what=f"Carers assessment on {assessed_on:%-d %B %Y}, reviewed every {review_months} months",
        changes={"outcomes": chosen},
    )
    duties.bring_up_to_date(children=[child], today=today, now=now, by=by)
    return assessment


@transaction.atomic
def review_carers_assessment(
    *,
    assessment: CarersAssessment,
    reviewer: Practitioner | None,
    reviewed_on: date,
    notes: str,
    review_months: int | None,
    by: User,
    now: datetime,
    today: date,
) -> CarersAssessmentReview:
    """Review a carers assessment; the next review is due 6 or 12 months on, as agreed now
    (C10-CARERS-REVIEW-RECORD). Moves the child's carers assessment review duty to match."""
    assessment = CarersAssessment.objects.select_related("child").get(pk=assessment.pk)
    child = assessment.child
    _may_record(by, child)
    _lock(child)
    newer = CarersAssessment.objects.filter(
        child=child, carer_id=assessment.carer_id, assessed_on__gt=assessment.assessed_on
    ).exists()
    if newer:
        message = "The carer has been assessed again since: review the newest assessment"
        raise RuleViolations([Violation("C10-CARERS-REVIEW-RECORD", None, message)])
    last = assessment.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
    _raise(
        rules.carers_review_violations(
            job_role=_role(reviewer, child),
            reviewed_on=reviewed_on,
            last_on=max(last, assessment.assessed_on) if last else assessment.assessed_on,
            notes=notes,
            months=review_months,
            today=today,
        )
    )
    reviewer, review_months = _checked(reviewer), _checked(review_months)
    review = CarersAssessmentReview.objects.create(
        assessment=assessment,
        reviewer=reviewer,
        reviewed_on=reviewed_on,
        notes=notes.strip(),
        review_months=review_months,
        recorded_by=by,
        recorded_at=now,
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=review,
        what=f"Carers assessment reviewed on {reviewed_on:%-d %B %Y}; next in {review_months} months",
    )
    duties.bring_up_to_date(children=[child], today=today, now=now, by=by)
    return review


# ---- Transitions ---------------------------------------------------------------------------


def _referral_made(child: Child) -> bool:
    return TransitionsAssessment.objects.filter(child=child, referral_made_on__isnull=False).exists()


def _complete_adult_referral(child: Child, *, on: date, by: User, now: datetime, today: date) -> None:
    """The referral to adult social care completes the C10-ADULT-REFERRAL milestone. The duty is
    brought up to date first, so it exists for a child a hub holds who is not yet 18; for anyone
    else the transitions record stands alone."""
    duties.bring_up_to_date(children=[child], today=today, now=now, by=by)
    duty = Duty.objects.open().filter(child=child, kind=DutyKind.ADULT_SOCIAL_CARE_REFERRAL).first()
    if duty is not None:
        note = "Referral to adult social care made after the transitions assessment"
        duties.complete_duty(duty=duty, on=on, note=note, by=by, now=now, today=today)


@transaction.atomic
def record_transitions_assessment(
    *,
    child: Child,
    worker: Practitioner | None,
    after: str,
    assessed_on: date,
    transitional_needs: str,
    referral_made_on: date | None,
    by: User,
    now: datetime,
    today: date,
) -> TransitionsAssessment:
    """The transitions assessment by the allocated or assigned worker (C10-TRANSITIONS-WORKER; CwDT
    7.3.2); with the referral to adult social care when it has been made (C10-REFERRAL-MADE)."""
    _may_record(by, child)
    _lock(child)
    is_case_worker = (
        worker is not None
        and Allocation.objects.counting_to_caseload().filter(child=child, practitioner=worker).exists()
    )
    violations = rules.transitions_violations(
        worker_is_case_worker=is_case_worker,
        after=after,
        assessed_on=assessed_on,
        transitional_needs=transitional_needs,
        referral_made_on=referral_made_on,
        today=today,
    )
    if referral_made_on is not None and _referral_made(child):
        violations += rules.referral_violations(
            assessed_on=assessed_on, referral_made_on=referral_made_on, already_made=True, today=today
        )
    _raise(violations)
    worker = _checked(worker)
    assessment = TransitionsAssessment.objects.create(
        child=child,
        worker=worker,
        after=after,
        assessed_on=assessed_on,
        transitional_needs=transitional_needs.strip(),
        referral_made_on=referral_made_on,
        recorded_by=by,
        recorded_at=now,
        referral_recorded_by=by if referral_made_on else None,
        referral_recorded_at=now if referral_made_on else None,
    )
    referral = f"; referral to adult social care made on {referral_made_on:%-d %B %Y}" if referral_made_on else ""
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=assessment,
        what=f"Transitions assessment on {assessed_on:%-d %B %Y}{referral}",
    )
    if referral_made_on is not None:
        _complete_adult_referral(child, on=referral_made_on, by=by, now=now, today=today)
    return assessment


@transaction.atomic
def record_adult_referral(
    *, assessment: TransitionsAssessment, referral_made_on: date, by: User, now: datetime, today: date
) -> TransitionsAssessment:
    """The transitions referral to adult social care, made after the transitions assessment and by the
    16th birthday (C10-REFERRAL-MADE; CwDT 7.3.2). Completes the C10-ADULT-REFERRAL duty."""
    assessment = TransitionsAssessment.objects.select_related("child").get(pk=assessment.pk)
    child = assessment.child
    _may_record(by, child)
    _lock(child)
    _raise(
        rules.referral_violations(
            assessed_on=assessment.assessed_on,
            referral_made_on=referral_made_on,
            already_made=_referral_made(child),
            today=today,
        )
    )
    assessment.referral_made_on, assessment.referral_recorded_by, assessment.referral_recorded_at = (
        referral_made_on,
        by,
        now,
    )
    assessment.save(update_fields=["referral_made_on", "referral_recorded_by", "referral_recorded_at"])
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        subject=assessment,
        what=f"Referral to adult social care made on {referral_made_on:%-d %B %Y}",
    )
    _complete_adult_referral(child, on=referral_made_on, by=by, now=now, today=today)
    return assessment


# ---- Direct payments, short breaks and the Resource Panel ----------------------------------


@transaction.atomic
def identify_package(
    *,
    child: Child,
    kind: str,
    asked: str,
    amount: Decimal | None,
    overnight_respite: bool,
    by: User,
    now: datetime,
    today: date,
) -> Package:
    """A direct payments or short breaks package identified during or after the single assessment
    (C10-PACKAGE-AFTER-SA), sent to the Resource Panel as a request (CwDT 7.3.3). Overnight respite
    rests on a completed single assessment (C10-OVERNIGHT-PANEL). The package is in place once the
    panel approves it."""
    _may_record(by, child)
    _lock(child)
    started, completed = _latest_started(child, today), _latest_completed(child, today)
    violations = rules.package_violations(
        assessment_started_on=started.started_on if started else None,
        assessment_completed_on=completed.completed_on if completed else None,
        overnight_respite=overnight_respite,
        asked=asked,
        amount=amount,
        today=today,
    )
    if kind not in PackageKind.values:
        violations.append(Violation("C10-PANEL-REQUEST", "kind", "Select direct payments or short breaks"))
    _raise(violations)
    started, amount = _checked(started), _checked(amount)
    resting_on = completed if overnight_respite and completed is not None else started
    package = Package.objects.create(
        child=child,
        kind=kind,
        provides=asked.strip(),
        overnight_respite=overnight_respite,
        single_assessment=resting_on,
        identified_on=today,
        identified_by=by,
        identified_at=now,
    )
    request = PanelRequest.objects.create(
        child=child,
        package=package,
        kind=RequestKind.NEW_PACKAGE,
        asked=asked.strip(),
        amount=amount,
        overnight_respite=overnight_respite,
        single_assessment=resting_on,
        requested_on=today,
        requested_by=by,
        requested_at=now,
    )
    overnight = " with overnight respite" if overnight_respite else ""
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=request,
        what=f"{PackageKind(kind).label} package{overnight} asked of the Resource Panel: {rules.pounds(amount)} a year",
    )
    return package


def _updated_assessment(package: Package, today: date) -> SingleAssessment | None:
    """An updated single assessment for a larger change: completed since the package was last agreed,
    and not one the package or an earlier request for it already rested on."""
    if package.amount_set_on is None:
        return None
    used = {package.single_assessment_id, *package.requests.values_list("single_assessment_id", flat=True)}
    return (
        SingleAssessment.objects.filter(
            child_id=package.child_id, completed_on__gte=package.amount_set_on, completed_on__lte=today
        )
        .exclude(pk__in=[pk for pk in used if pk is not None])
        .order_by("-completed_on", "-completed_at")
        .first()
    )


@transaction.atomic
def request_package_change(
    *,
    package: Package,
    asked: str,
    amount: Decimal | None,
    adds_overnight: bool,
    reviewed_on: date | None,
    by: User,
    now: datetime,
    today: date,
) -> PanelRequest:
    """Ask the Resource Panel for a revised package (CwDT 7.3.3): a small increase identified at a
    review (C10-SMALL-INCREASE), or a larger change after an updated single assessment
    (C10-LARGER-CHANGE); adding overnight respite is always the latter (C10-OVERNIGHT-PANEL)."""
    package = Package.objects.select_for_update().select_related("child").get(pk=package.pk)
    child = package.child
    _may_record(by, child)
    updated = _updated_assessment(package, today)
    practitioner = policy.practitioner_of(by)
    adds = adds_overnight and not package.overnight_respite
    _raise(
        rules.change_violations(
            package_in_place=package.status == PackageStatus.IN_PLACE,
            waiting_request=package.requests.filter(status=RequestStatus.WAITING).exists(),
            current=package.amount,
            package_set_on=package.amount_set_on,
            asked=asked,
            amount=amount,
            adds_overnight=adds,
            reviewed_on=reviewed_on,
            requester_role=practitioner.job_role if practitioner is not None else None,
            updated_assessment_on=updated.completed_on if updated else None,
            today=today,
        )
    )
    current, amount = _checked(package.amount), _checked(amount)
    kind = rules.change_kind(current=current, asked=amount, adds_overnight=adds)
    small = kind == RequestKind.SMALL_INCREASE
    request = PanelRequest.objects.create(
        child=child,
        package=package,
        kind=kind,
        asked=asked.strip(),
        amount=amount,
        overnight_respite=package.overnight_respite or adds,
        single_assessment=None if small else updated,
        reviewed_on=reviewed_on if small else None,
        requested_on=today,
        requested_by=by,
        requested_at=now,
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=request,
        what=f"Asked the Resource Panel for {RequestKind(kind).label.lower()}: {rules.pounds(amount)} a year",
    )
    return request


@transaction.atomic
def decide_panel_request(
    *,
    request: PanelRequest,
    outcome: str,
    amount_approved: Decimal | None,
    decided_on: date,
    reason: str,
    by: User,
    now: datetime,
    today: date,
) -> PanelDecision:
    """Record the Resource Panel's decision on a request (C10-PANEL-DECISION). Approved: the package
    is in place at the amount approved. Declined: a new package is not agreed. Deferred: the request
    stays on the agenda for a later panel."""
    request = PanelRequest.objects.select_for_update(of=("self",)).select_related("child", "package").get(pk=request.pk)
    child = request.child
    if not policy.can_decide_at_panel(by, child):
        message = "Only a manager of the case records the Resource Panel's decision"
        raise RuleViolations([Violation("C10-PANEL-DECISION", None, message)])
    _raise(
        rules.decision_violations(
            request_status=request.status,
            outcome=outcome,
            amount_requested=request.amount,
            amount_approved=amount_approved,
            requested_on=request.requested_on,
            decided_on=decided_on,
            reason=reason,
            today=today,
        )
    )
    decision = PanelDecision.objects.create(
        request=request,
        outcome=outcome,
        amount_approved=amount_approved if outcome == PanelOutcome.APPROVED else None,
        decided_on=decided_on,
        reason=reason.strip(),
        decided_by=by,
        decided_at=now,
    )
    package = request.package
    if outcome == PanelOutcome.APPROVED:
        amount_approved = _checked(amount_approved)
        request.status = RequestStatus.APPROVED
        package.status, package.amount, package.amount_set_on = PackageStatus.IN_PLACE, amount_approved, decided_on
        package.provides, package.overnight_respite = request.asked, request.overnight_respite
        package.save(update_fields=["status", "amount", "amount_set_on", "provides", "overnight_respite"])
    elif outcome == PanelOutcome.DECLINED:
        request.status = RequestStatus.DECLINED
        if package.status == PackageStatus.WAITING:
            package.status = PackageStatus.DECLINED
            package.save(update_fields=["status"])
    request.save(update_fields=["status"])
    amount = f": {rules.pounds(amount_approved)} a year" if amount_approved and outcome == PanelOutcome.APPROVED else ""
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        subject=decision,
        what=f"Resource Panel {PanelOutcome(outcome).label.lower()} {RequestKind(request.kind).label.lower()}{amount}",
        why=reason.strip()[:200],
    )
    return decision
