"""Every step of an EHC needs assessment (F3): atomic, audited, and each writes or closes its duty.

The audit rows say which step was taken, never the reasons (administrators read audit trails and
see no case content); the assessment keeps the words. A refused step raises ``RuleViolations``
and stores nothing: not the step, not a duty, not an audit row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations, Violation
from joinedup.duties import services as duties
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.ehc import rules
from joinedup.ehc.choices import AssessmentStatus, Decision, RequestedBy
from joinedup.ehc.models import AdviceRequest, EhcNeedsAssessment
from joinedup.organisations.choices import JobRole
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.plans.choices import EhcSection, PlanKind, PlanStatus
from joinedup.plans.models import Outcome, Plan
from joinedup.teams.models import TeamMembership

S = AssessmentStatus
NOT_YOURS = "Only an SEN officer in the child's team, or a manager of the case, can record this"


def _may_run(by: User, child: Child) -> None:
    if not policy.can_run_ehc_assessment(by, child):
        raise RuleViolations([Violation("F3-WHO", None, NOT_YOURS)])


def _locked(assessment: EhcNeedsAssessment) -> EhcNeedsAssessment:
    """The assessment as stored now, locked: two people recording a step at once take turns."""
    return EhcNeedsAssessment.objects.select_for_update().select_related("child").get(pk=assessment.pk)


def _sen_officer(child: Child) -> Practitioner | None:
    """The SEN officer in the child's team who joined it first, if there is one: they own the deadlines."""
    membership = (
        TeamMembership.objects.current()
        .filter(child=child, practitioner__job_role=JobRole.SEN_OFFICER)
        .select_related("practitioner")
        .order_by("start_date", "id")
        .first()
    )
    return membership.practitioner if membership else None


def _follow_on_child(child: Child, after: AssessmentStatus) -> str:
    """F3-CHILD-STATUS: move the child's EHC plan status with the assessment; say what changed."""
    status = rules.child_ehc_status(current=child.ehc_plan_status, after=after)
    if status == child.ehc_plan_status:
        return ""
    Child.objects.filter(pk=child.pk).update(ehc_plan_status=status)
    child.ehc_plan_status = status
    return f"; EHC plan status now {child.get_ehc_plan_status_display().lower()}"


def _record(assessment: EhcNeedsAssessment, what: str, *, by: User, now: datetime, created: bool = False) -> None:
    action = AuditAction.CREATED if created else AuditAction.UPDATED
    audit.record(action=action, by=by, at=now, child=assessment.child, subject=assessment, what=what)


@transaction.atomic
def request_assessment(
    *, child: Child, requested_on: date, requested_by: RequestedBy, note: str, by: User, now: datetime, today: date
) -> EhcNeedsAssessment:
    """Record a request for an EHC needs assessment; the decision is due in 6 weeks, the final plan
    in 20 (F3-DECISION-6-WEEKS, F3-FINAL-20-WEEKS). Schedules the decision as a duty of the SEN officer."""
    _may_run(by, child)
    child = Child.objects.select_for_update().get(pk=child.pk)
    has_open = EhcNeedsAssessment.objects.open().filter(child=child).exists()
    if violations := rules.request_violations(requested_on=requested_on, today=today, has_open=has_open):
        raise RuleViolations(violations)
    assessment = EhcNeedsAssessment.objects.create(
        child=child,
        requested_on=requested_on,
        requested_by=requested_by,
        request_note=note.strip(),
        recorded_by=by,
        recorded_at=now,
        decision_due_on=rules.decision_due(requested_on),
        final_due_on=rules.final_due(requested_on),
    )
    duties.schedule_duty(
        child=child,
        kind=DutyKind.EHC_DECISION_TO_ASSESS,
        due_on=assessment.decision_due_on,
        starts_on=requested_on,
        owner=_sen_officer(child),
        rule="F3-DECISION-6-WEEKS",
        basis=f"Decide whether to assess within 6 weeks of the request on {requested_on:%-d %B %Y}",
        by=by,
        now=now,
    )
    changed = _follow_on_child(child, S.REQUESTED)
    _record(assessment, f"EHC needs assessment requested{changed}", by=by, now=now, created=True)
    return assessment


@transaction.atomic
def record_decision(
    *,
    assessment: EhcNeedsAssessment,
    decision: Decision,
    decided_on: date,
    reason: str,
    by: User,
    now: datetime,
    today: date,
) -> EhcNeedsAssessment:
    """Record whether the child will be assessed. Closes the decision duty; to assess schedules the
    final plan as a duty, due 20 weeks after the request (F3-FINAL-20-WEEKS), not after the decision."""
    assessment = _locked(assessment)
    _may_run(by, assessment.child)
    violations = rules.decision_violations(
        status=S(assessment.status),
        requested_on=assessment.requested_on,
        decision=decision,
        decided_on=decided_on,
        reason=reason,
        today=today,
    )
    if violations:
        raise RuleViolations(violations)
    assess = decision == Decision.ASSESS
    assessment.status = S.ASSESSING if assess else S.NOT_ASSESSING
    assessment.decided_on, assessment.decided_by, assessment.decided_at = decided_on, by, now
    assessment.decision_reason = reason.strip()
    assessment.save(update_fields=["status", "decided_on", "decided_by", "decided_at", "decision_reason"])
    child = assessment.child
    outcome = "to assess" if assess else "not to assess"
    duties.close_duty(
        child=child,
        kind=DutyKind.EHC_DECISION_TO_ASSESS,
        status=DutyStatus.DONE,
        on=decided_on,
        note=f"Decided {outcome}",
        by=by,
        now=now,
    )
    if assess:
        duties.schedule_duty(
            child=child,
            kind=DutyKind.EHC_FINAL_PLAN,
            due_on=assessment.final_due_on,
            starts_on=decided_on,
            owner=_sen_officer(child),
            rule="F3-FINAL-20-WEEKS",
            basis=f"The final EHC plan within 20 weeks of the request on {assessment.requested_on:%-d %B %Y}",
            by=by,
            now=now,
        )
    changed = _follow_on_child(child, S(assessment.status))
    _record(assessment, f"EHC needs assessment: decided {outcome}{changed}", by=by, now=now)
    return assessment


def _outcomes_in_plan(child: Child, outcomes: Sequence[Outcome]) -> bool:
    """F3-ADVICE-FEEDS: every outcome named is in the outcomes section of one of the child's EHC plans."""
    if not outcomes:
        return True
    found = Outcome.objects.filter(
        pk__in=[o.pk for o in outcomes],
        plan__child=child,
        plan__kind=PlanKind.EHC,
        ehc_section=EhcSection.OUTCOMES,
    ).exclude(plan__status=PlanStatus.ENDED)
    return found.count() == len({o.pk for o in outcomes})


@transaction.atomic
def request_advice(
    *,
    assessment: EhcNeedsAssessment,
    practitioner: Practitioner,
    requested_on: date,
    sections: Sequence[str],
    outcomes: Sequence[Outcome],
    question: str,
    by: User,
    now: datetime,
    today: date,
) -> AdviceRequest:
    """Ask a practitioner in the child's team for advice, due in 6 weeks (F3-ADVICE-6-WEEKS), naming
    the sections and outcomes of the EHC plan it feeds (NG213 1.15.20)."""
    assessment = _locked(assessment)
    child = assessment.child
    _may_run(by, child)
    violations = rules.advice_violations(
        status=S(assessment.status),
        decided_on=assessment.decided_on,
        asked_on=requested_on,
        today=today,
        in_team=TeamMembership.objects.current().filter(child=child, practitioner=practitioner).exists(),
        already_asked=assessment.advice_requests.filter(practitioner=practitioner, received_on__isnull=True).exists(),
        who=practitioner.full_name,
        sections=sections,
        outcomes_in_plan=_outcomes_in_plan(child, outcomes),
    )
    if violations:
        raise RuleViolations(violations)
    advice = AdviceRequest.objects.create(
        assessment=assessment,
        practitioner=practitioner,
        requested_on=requested_on,
        due_on=rules.advice_due(requested_on),
        sections=list(dict.fromkeys(sections)),
        question=question.strip(),
        requested_by=by,
        requested_at=now,
    )
    advice.outcomes.set(outcomes)
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=advice,
        what=f"EHC needs assessment: advice asked of {practitioner.full_name}",
    )
    return advice


@transaction.atomic
def record_advice_received(
    *, advice: AdviceRequest, received_on: date, by: User, now: datetime, today: date
) -> AdviceRequest:
    """Record that a practitioner's advice has been given: by the SEN officer or a manager of the
    case, or by the practitioner who was asked."""
    advice = AdviceRequest.objects.select_for_update().select_related("assessment__child").get(pk=advice.pk)
    assessment = advice.assessment
    if not policy.can_record_ehc_advice(by, assessment.child, advice):
        raise RuleViolations([Violation("F3-WHO", None, f"{NOT_YOURS}, or the practitioner who was asked")])
    violations = rules.advice_received_violations(
        status=S(assessment.status),
        asked_on=advice.requested_on,
        received_on=received_on,
        already_received=advice.is_received,
        today=today,
    )
    if violations:
        raise RuleViolations(violations)
    advice.received_on, advice.received_recorded_by, advice.received_recorded_at = received_on, by, now
    advice.save(update_fields=["received_on", "received_recorded_by", "received_recorded_at"])
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=assessment.child,
        subject=advice,
        what="EHC needs assessment: advice received",
    )
    return advice


@transaction.atomic
def issue_draft_plan(
    *, assessment: EhcNeedsAssessment, issued_on: date, by: User, now: datetime, today: date
) -> EhcNeedsAssessment:
    """Record the draft EHC plan sent to the family. The final plan's deadline does not move."""
    assessment = _locked(assessment)
    _may_run(by, assessment.child)
    violations = rules.draft_violations(
        status=S(assessment.status), decided_on=assessment.decided_on, issued_on=issued_on, today=today
    )
    if violations:
        raise RuleViolations(violations)
    assessment.status = S.DRAFT_ISSUED
    assessment.draft_issued_on, assessment.draft_issued_by, assessment.draft_issued_at = issued_on, by, now
    assessment.save(update_fields=["status", "draft_issued_on", "draft_issued_by", "draft_issued_at"])
    _record(assessment, "EHC needs assessment: draft plan issued", by=by, now=now)
    return assessment


@transaction.atomic
def issue_final_plan(
    *, assessment: EhcNeedsAssessment, issued_on: date, plan: Plan | None, by: User, now: datetime, today: date
) -> EhcNeedsAssessment:
    """Record the final EHC plan issued, linked to the child's EHC plan in Plans when it is there.
    Closes the final plan duty; the child now has an EHC plan (F3-CHILD-STATUS)."""
    assessment = _locked(assessment)
    child = assessment.child
    _may_run(by, child)
    plan_is_theirs = plan is None or (plan.child_id == child.pk and plan.kind == PlanKind.EHC)
    violations = rules.final_violations(
        status=S(assessment.status),
        draft_issued_on=assessment.draft_issued_on,
        issued_on=issued_on,
        plan_is_theirs=plan_is_theirs,
        today=today,
    )
    if violations:
        raise RuleViolations(violations)
    assessment.status = S.FINAL_ISSUED
    assessment.final_issued_on, assessment.final_issued_by, assessment.final_issued_at = issued_on, by, now
    assessment.final_plan = plan
    assessment.save(update_fields=["status", "final_issued_on", "final_issued_by", "final_issued_at", "final_plan"])
    duties.close_duty(
        child=child,
        kind=DutyKind.EHC_FINAL_PLAN,
        status=DutyStatus.DONE,
        on=issued_on,
        note="Final EHC plan issued",
        by=by,
        now=now,
    )
    changed = _follow_on_child(child, S.FINAL_ISSUED)
    _record(assessment, f"EHC needs assessment: final plan issued{changed}", by=by, now=now)
    return assessment


@transaction.atomic
def stop_assessment(
    *, assessment: EhcNeedsAssessment, stopped_on: date, reason: str, by: User, now: datetime, today: date
) -> EhcNeedsAssessment:
    """Stop an open assessment (the family withdrew the request, moved away, the local authority
    decided not to issue a plan). Its open deadline is cancelled; advice still outstanding is no
    longer asked for."""
    assessment = _locked(assessment)
    child = assessment.child
    _may_run(by, child)
    violations = rules.stop_violations(
        status=S(assessment.status),
        requested_on=assessment.requested_on,
        stopped_on=stopped_on,
        reason=reason,
        today=today,
    )
    if violations:
        raise RuleViolations(violations)
    assessment.status = S.STOPPED
    assessment.stopped_on, assessment.stopped_by, assessment.stopped_at = stopped_on, by, now
    assessment.stop_reason = reason.strip()
    assessment.save(update_fields=["status", "stopped_on", "stopped_by", "stopped_at", "stop_reason"])
    for kind in (DutyKind.EHC_DECISION_TO_ASSESS, DutyKind.EHC_FINAL_PLAN):
        duties.close_duty(
            child=child,
            kind=kind,
            status=DutyStatus.CANCELLED,
            on=None,
            note="The EHC needs assessment was stopped",
            by=by,
            now=now,
        )
    changed = _follow_on_child(child, S.STOPPED)
    _record(assessment, f"EHC needs assessment stopped{changed}", by=by, now=now)
    return assessment
