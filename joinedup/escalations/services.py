"""Every change to escalations and family support requests (C8, C9).

Each service checks the rules, writes its audit events and tells the people concerned
(``notifications.notify``), all in the caller's transaction: a change that rolls back tells nobody.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import transaction
from django.urls import reverse

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation import selectors as allocation_selectors
from joinedup.allocation import services as allocation_services
from joinedup.allocation.choices import HubCode, RespiteFunding, RiskTier, WorkerRelationship
from joinedup.allocation.models import Allocation, Hub
from joinedup.allocation.rules import ChildFacts
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations, Violation
from joinedup.duties import services as duties
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.escalations import rules, selectors
from joinedup.escalations.choices import (
    NEEDS_SOCIAL_WORKER,
    DisagreementParty,
    EscalationKind,
    EscalationOutcome,
    EscalationStatus,
    RequestStatus,
    RequestStep,
)
from joinedup.escalations.models import Escalation, FamilySupportRequest
from joinedup.notifications.services import notify
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.teams import services as team_services
from joinedup.teams.models import TeamMembership

# A family support worker is attached only to a case Safeguarding & Support holds (CwDT 3.2, 4.2.1),
# which the request checked. These facts say so: high risk puts the case there; nothing else
# recorded about the child changes where an attached worker comes from (C3-FAMILY-SUPPORT).
JOINT_WORKING_NOTICE_DAYS = 14  # the reminder shows on worklists two weeks before joint working ends

SAFEGUARDING_SUPPORT_CASE = ChildFacts(
    risk_tier=RiskTier.HIGH,
    section_47_open=False,
    single_assessment_needed=False,
    child_protection_plan=False,
    looked_after_or_edge_of_care=False,
    complex_needs_beyond_disability=False,
    overnight_respite=RespiteFunding.NONE,
    stable_support_package=False,
    change_in_need_not_time_limited=False,
    sibling_of_child_held=False,
    sibling_hub=None,
)


def _code(hub: Hub | None) -> HubCode | None:
    return HubCode(hub.code) if hub is not None else None


def _tell(
    recipients: Iterable[User], *, by: User, subject: str, body: str, link: str, child: Child, now: datetime
) -> None:
    """Into the outbox in this transaction; the person acting is not told what they just did."""
    notify(
        recipients=[u for u in recipients if u.pk != by.pk], subject=subject, body=body, link=link, child=child, now=now
    )


# ---- C8: unplanned change in need -------------------------------------------------------------


@transaction.atomic
def raise_escalation(
    *, child: Child, kind: str, what_has_changed: str, is_time_limited: bool | None, by: User, now: datetime
) -> Escalation:
    """Raise an unplanned change in need, or a safeguarding concern, and send it to the right manager (6.3)."""
    holding = selectors.holding_hub(child)
    duty = selectors.duty_hub(child, holding) if kind == EscalationKind.SAFEGUARDING_CONCERN else None
    violations = rules.raise_violations(
        may_raise=policy.is_member(by, child) or policy.manages(by, child), what_has_changed=what_has_changed
    )
    violations += rules.route_violations(kind=kind, holding_hub=_code(holding), duty_hub_exists=duty is not None)
    if violations:
        raise RuleViolations(violations)
    escalation = Escalation.objects.create(
        child=child,
        kind=kind,
        what_has_changed=what_has_changed.strip(),
        is_time_limited=is_time_limited,
        raised_by=by,
        raised_at=now,
        from_hub=holding,
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=escalation,
        what=f"Raised {EscalationKind(kind).label.lower()}",
    )
    _route(escalation, to_hub=duty or holding, holding=holding, by=by, now=now)
    return escalation


def _route(escalation: Escalation, *, to_hub: Hub | None, holding: Hub | None, by: User, now: datetime) -> None:
    """C8-ROUTE: to the manager of the hub holding the case, or to the S&S duty queue; audited, managers told."""
    way = rules.route(kind=escalation.kind, holding_hub=_code(holding))
    if way is None or to_hub is None or to_hub.code != way.hub:  # refused by route_violations before this
        raise ValueError("No hub to route the escalation to")
    Escalation.objects.filter(pk=escalation.pk).update(status=way.status, to_hub=to_hub)
    escalation.status, escalation.to_hub = way.status, to_hub
    where = "the duty queue of " if way.status == EscalationStatus.IN_DUTY_QUEUE else "the team manager of "
    where += to_hub.team.name
    audit.record(
        action=AuditAction.UPDATED, by=by, at=now, child=escalation.child, subject=escalation, what=f"Sent to {where}"
    )
    # The holding hub's managers hear of a concern that went to the duty queue too (6.3.1).
    recipients = allocation_selectors.managers_of(to_hub)
    if holding is not None and holding.pk != to_hub.pk:
        recipients += allocation_selectors.managers_of(holding)
    kind = EscalationKind(escalation.kind).label
    _tell(
        recipients,
        by=by,
        subject=f"{kind} for record {escalation.child.local_id}",
        body=f"{kind} for record {escalation.child.local_id} has been sent to {where}. "
        "Open it to see what has changed and decide what happens next.",
        link=escalation.get_absolute_url(),
        child=escalation.child,
        now=now,
    )


@transaction.atomic
def decide_escalation(
    *,
    escalation: Escalation,
    outcome: str,
    outcome_note: str,
    joint_working_until: date | None,
    assessment_worker: Practitioner | None,
    by: User,
    now: datetime,
    today: date,
) -> Escalation:
    """Record what happens next (6.3.1 to 6.3.3). A transfer is not made here: the manager of the hub
    holding the case adds the child to the transfer list (C7)."""
    escalation = _locked(escalation)
    violations = rules.decision_violations(
        status=escalation.status,
        role=policy.escalation_role(by, escalation),
        outcome=outcome,
        note=outcome_note,
        is_time_limited=escalation.is_time_limited,
    )
    if not violations:
        violations += _detail_violations(escalation, outcome, joint_working_until, assessment_worker, today=today)
    if violations:
        raise RuleViolations(violations)
    worker = assessment_worker if outcome in NEEDS_SOCIAL_WORKER else None
    Escalation.objects.filter(pk=escalation.pk).update(
        status=EscalationStatus.DECIDED,
        outcome=outcome,
        outcome_note=outcome_note.strip(),
        joint_working_until=joint_working_until if outcome == EscalationOutcome.JOINT_WORKING else None,
        assessment_worker=worker,
        decided_by=by,
        decided_at=now,
    )
    escalation.refresh_from_db()
    label = EscalationOutcome(outcome).label
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=escalation.child,
        subject=escalation,
        what=f"Decided: {label}",
        why=outcome_note.strip()[:200],
        changes={"outcome": outcome},
    )
    if worker is not None:
        _join_team(
            escalation.child, worker, f"Social worker ({label.split(' by ')[0].lower()})", by=by, now=now, today=today
        )
    _remind_when_joint_working_ends(escalation, until=escalation.joint_working_until, by=by, now=now)
    _tell_decision(escalation, label=label, worker=worker, by=by, now=now)
    return escalation


def _remind_when_joint_working_ends(escalation: Escalation, *, until: date | None, by: User, now: datetime) -> None:
    """C8-JOINT-WORKING-END: joint working is "a period" (CwDT 6.3.3); when it ends, the manager who
    agreed it decides what happens next. A new decision replaces any reminder already set."""
    duties.close_duty(
        child=escalation.child,
        kind=DutyKind.JOINT_WORKING_END,
        status=DutyStatus.CANCELLED,
        on=None,
        note="Replaced by a later decision",
        by=by,
        now=now,
    )
    if until is None:
        return
    duties.schedule_duty(
        child=escalation.child,
        kind=DutyKind.JOINT_WORKING_END,
        due_on=until,
        starts_on=until - timedelta(days=JOINT_WORKING_NOTICE_DAYS),
        owner=policy.practitioner_of(by),
        rule="C8-JOINT-WORKING-END",
        basis=f"Joint working agreed on {now:%-d %B %Y} ends {until:%-d %B %Y}: transfer, carry on, or no change",
        by=by,
        now=now,
    )


def _locked(escalation: Escalation) -> Escalation:
    """The escalation, locked until the transaction ends: two managers acting at once take turns."""
    Escalation.objects.select_for_update().filter(pk=escalation.pk).first()
    return Escalation.objects.select_related("child", "to_hub__team", "from_hub", "decided_by").get(pk=escalation.pk)


def _detail_violations(
    escalation: Escalation,
    outcome: str,
    joint_working_until: date | None,
    assessment_worker: Practitioner | None,
    *,
    today: date,
) -> list[Violation]:
    """C8-SOCIAL-WORKER and C8-JOINT-WORKING-END, for a team manager's outcome or a final decision."""
    violations = rules.assessment_worker_violations(
        outcome=outcome,
        worker_role=assessment_worker.job_role if assessment_worker is not None else None,
        worker_in_area=assessment_worker is not None
        and assessment_worker.organisation.area_id == escalation.child.area_id,
    )
    return violations + rules.joint_working_violations(outcome=outcome, until=joint_working_until, today=today)


def _join_team(child: Child, worker: Practitioner, role: str, *, by: User, now: datetime, today: date) -> None:
    """The social worker doing the enquiry or assessment joins the child's team, so they can open the record (B1)."""
    if TeamMembership.objects.current().filter(child=child, practitioner=worker).exists():
        return
    team_services.add_team_member(
        child=child, practitioner=worker, role_in_team=role, start_date=today, by=by, now=now, today=today
    )


def _tell_decision(
    escalation: Escalation,
    *,
    label: str,
    worker: Practitioner | None,
    by: User,
    now: datetime,
    also: Iterable[User] = (),
) -> None:
    recipients = [escalation.raised_by, *also]
    if worker is not None:
        recipients.append(worker.user)
    if escalation.from_hub is not None:
        # They may disagree (6.3.4); for a transfer, they add the child to the transfer list.
        recipients += allocation_selectors.managers_of(escalation.from_hub)
    record = escalation.child.local_id
    if escalation.final_outcome:
        subject = f"Escalation for record {record}: final decision made"
        body = f"The operations manager has made the final decision on the escalation for record {record}: {label}."
    else:
        subject = f"Escalation for record {record} decided"
        body = f"The escalation for record {record} has been decided: {label}."
    _tell(
        recipients,
        by=by,
        subject=subject,
        body=body,
        link=escalation.get_absolute_url(),
        child=escalation.child,
        now=now,
    )


@transaction.atomic
def disagree_with_escalation(*, escalation: Escalation, party: str, reason: str, by: User, now: datetime) -> Escalation:
    """Record that a team manager taking part, or the family, disagrees with the outcome, and send it to
    the operations managers of the organisation it was sent to for the final decision (6.3.4)."""
    escalation = _locked(escalation)
    operations = allocation_selectors.operations_managers_for(escalation.to_hub) if escalation.to_hub else []
    violations = rules.disagreement_violations(
        status=escalation.status,
        role=policy.escalation_role(by, escalation),
        party=party,
        reason=reason,
        decided_it=escalation.decided_by_id == by.pk,
        operations_manager_exists=bool(operations),
    )
    if violations:
        raise RuleViolations(violations)
    Escalation.objects.filter(pk=escalation.pk).update(
        status=EscalationStatus.DISAGREED,
        disagreement_party=party,
        disagreement_reason=reason.strip(),
        disagreed_by=by,
        disagreed_at=now,
    )
    escalation.refresh_from_db()
    who = DisagreementParty(party).label
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=escalation.child,
        subject=escalation,
        what=f"Disagreement: {who.lower()}; sent to the operations manager",
        why=reason.strip()[:200],
        changes={"status": EscalationStatus.DISAGREED, "disagreement_party": party},
    )
    record = escalation.child.local_id
    _tell(
        operations + [u for u in (escalation.decided_by,) if u is not None],
        by=by,
        subject=f"Disagreement about the escalation for record {record}",
        body=f"{who} with the decision on the escalation for record {record} "
        f"({EscalationOutcome(escalation.outcome).label}). The operations manager makes the final decision.",
        link=escalation.get_absolute_url(),
        child=escalation.child,
        now=now,
    )
    return escalation


@transaction.atomic
def make_final_decision(
    *,
    escalation: Escalation,
    outcome: str,
    outcome_note: str,
    joint_working_until: date | None,
    assessment_worker: Practitioner | None,
    by: User,
    now: datetime,
    today: date,
) -> Escalation:
    """The operations manager's final decision on a disagreement (6.3.4): the team manager's outcome
    stands, or another takes its place. The team manager's outcome is kept beside it."""
    escalation = _locked(escalation)
    violations = rules.final_decision_violations(
        status=escalation.status, role=policy.escalation_role(by, escalation), outcome=outcome, note=outcome_note
    )
    if not violations:
        violations += _detail_violations(escalation, outcome, joint_working_until, assessment_worker, today=today)
    if violations:
        raise RuleViolations(violations)
    worker = assessment_worker if outcome in NEEDS_SOCIAL_WORKER else None
    Escalation.objects.filter(pk=escalation.pk).update(
        status=EscalationStatus.FINAL,
        final_outcome=outcome,
        final_note=outcome_note.strip(),
        final_joint_working_until=joint_working_until if outcome == EscalationOutcome.JOINT_WORKING else None,
        final_assessment_worker=worker,
        final_decided_by=by,
        final_decided_at=now,
    )
    escalation.refresh_from_db()
    label = EscalationOutcome(outcome).label
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=escalation.child,
        subject=escalation,
        what=f"Final decision: {label}",
        why=outcome_note.strip()[:200],
        changes={"status": EscalationStatus.FINAL, "final_outcome": outcome, "outcome": escalation.outcome},
    )
    if worker is not None:
        _join_team(
            escalation.child, worker, f"Social worker ({label.split(' by ')[0].lower()})", by=by, now=now, today=today
        )
    _remind_when_joint_working_ends(escalation, until=escalation.final_joint_working_until, by=by, now=now)
    people = (escalation.decided_by, escalation.disagreed_by)
    _tell_decision(escalation, label=label, worker=worker, by=by, now=now, also=[u for u in people if u is not None])
    return escalation


# ---- C9: family support requests --------------------------------------------------------------


@transaction.atomic
def request_family_support(
    *, child: Child, agreed_by_manager: bool, what_family_needs: str, proposed_work: str, by: User, now: datetime
) -> FamilySupportRequest:
    """Ask Strengthening Families for a specific piece of family support work (6.4.1)."""
    holding = selectors.holding_hub(child)
    to_hub = selectors.strengthening_families_hub(child, holding)
    violations = rules.request_violations(
        requester=policy.family_support_requester(by, child),
        agreed_by_manager=agreed_by_manager,
        what_family_needs=what_family_needs,
        proposed_work=proposed_work,
        sf_hub_exists=to_hub is not None,
    )
    if violations or holding is None or to_hub is None:
        raise RuleViolations(violations)
    support_request = FamilySupportRequest.objects.create(
        child=child,
        from_hub=holding,
        to_hub=to_hub,
        requested_by=by,
        requested_at=now,
        agreed_by_manager=agreed_by_manager,
        what_family_needs=what_family_needs.strip(),
        proposed_work=proposed_work.strip(),
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=support_request,
        what=f"Asked {to_hub.team.name} for family support",
    )
    _tell(
        allocation_selectors.managers_of(to_hub),
        by=by,
        subject=f"Family support request for record {child.local_id}",
        body=f"A social worker in {holding.team.name} has asked for a piece of family support work for record "
        f"{child.local_id}. It is in the weekly queue of family support requests.",
        link=reverse("escalations:family-support-queue"),
        child=child,
        now=now,
    )
    return support_request


@transaction.atomic
def consider_family_support(
    *,
    support_request: FamilySupportRequest,
    step: RequestStep,
    worker: Practitioner | None,
    alternative: str,
    escalation_note: str,
    by: User,
    now: datetime,
    today: date,
) -> FamilySupportRequest:
    """Attach a family support worker, agree another way to meet the need, or escalate (6.4.2)."""
    FamilySupportRequest.objects.select_for_update().filter(pk=support_request.pk).first()
    support_request = FamilySupportRequest.objects.select_related("child", "to_hub__team", "from_hub__team").get(
        pk=support_request.pk
    )
    violations = rules.step_violations(
        step=step, status=support_request.status, role=policy.request_role(by, support_request)
    )
    if not violations:
        violations += _step_rules(support_request, step, worker=worker, alternative=alternative, note=escalation_note)
    if violations:
        raise RuleViolations(violations)
    changes: dict[str, object] = {"status": rules.LEADS_TO[step]}
    if step == RequestStep.ESCALATE:
        changes |= {"escalation_note": escalation_note.strip(), "escalated_by": by, "escalated_at": now}
    else:
        changes |= {"considered_by": by, "considered_at": now}
    if step == RequestStep.ALTERNATIVE:
        changes["alternative"] = alternative.strip()
    if step == RequestStep.ATTACH and worker is not None:
        changes |= {
            "attached_worker": worker,
            "allocation": _attach(support_request, worker, by=by, now=now, today=today),
        }
    FamilySupportRequest.objects.filter(pk=support_request.pk).update(**changes)
    support_request.refresh_from_db()
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=support_request.child,
        subject=support_request,
        what=f"Family support request: {RequestStatus(support_request.status).label}",
        why={RequestStep.ALTERNATIVE: alternative, RequestStep.ESCALATE: escalation_note}.get(step, "").strip()[:200],
    )
    _tell_considered(support_request, step, by=by, now=now)
    return support_request


def _step_rules(
    support_request: FamilySupportRequest,
    step: RequestStep,
    *,
    worker: Practitioner | None,
    alternative: str,
    note: str,
) -> list[Violation]:
    if step == RequestStep.ATTACH:
        return rules.attach_violations(
            worker_role=worker.job_role if worker is not None else None,
            in_sf_hub=worker is not None and worker.teams.filter(pk=support_request.to_hub.team_id).exists(),
            holding_hub=_code(selectors.holding_hub(support_request.child)),
        )
    if step == RequestStep.ALTERNATIVE:
        return rules.alternative_violations(alternative=alternative)
    return rules.escalate_violations(note=note)


def _attach(
    support_request: FamilySupportRequest, worker: Practitioner, *, by: User, now: datetime, today: date
) -> Allocation:
    """An ATTACHED allocation in Strengthening Families, through the allocation rules (C3); a worker
    already attached to the child takes this piece of work on under the same allocation."""
    current = (
        Allocation.objects.current()
        .filter(child=support_request.child, practitioner=worker, relationship=WorkerRelationship.ATTACHED)
        .first()
    )
    if current is not None:
        return current
    # allocate refuses with its own rules (C3-FAMILY-SUPPORT) if this is not an attachment the model allows.
    return allocation_services.allocate(
        child=support_request.child,
        hub=support_request.to_hub,
        practitioner=worker,
        relationship=WorkerRelationship.ATTACHED,
        facts=SAFEGUARDING_SUPPORT_CASE,
        over_capacity_reason="",
        by=by,
        now=now,
        today=today,
    )


def _tell_considered(support_request: FamilySupportRequest, step: RequestStep, *, by: User, now: datetime) -> None:
    record = support_request.child.local_id
    recipients = [support_request.requested_by]
    if step == RequestStep.ATTACH and support_request.attached_worker is not None:
        recipients.append(support_request.attached_worker.user)
    if step == RequestStep.ESCALATE:
        recipients += allocation_selectors.operations_managers_for(support_request.to_hub)
    outcome = RequestStatus(support_request.status).label
    _tell(
        recipients,
        by=by,
        subject=f"Family support request for record {record}: {outcome.lower()}",
        body=f"The request for family support work for record {record} has moved on: {outcome}.",
        link=support_request.get_absolute_url(),
        child=support_request.child,
        now=now,
    )
