"""Every change to a planned transfer: each step recorded with who and when, and audited (C7)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import transaction

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation import selectors as allocation_selectors
from joinedup.allocation.models import Allocation, Hub
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations, Violation
from joinedup.duties import services as duties
from joinedup.notifications.services import notify
from joinedup.people.models import Child
from joinedup.plans import selectors as plan_selectors
from joinedup.teams import services as team_services
from joinedup.teams.models import TeamMembership
from joinedup.transfers import rules
from joinedup.transfers.choices import TransferStatus, TransferStep
from joinedup.transfers.models import Transfer, TransferEvent

# What each preparation step records on the transfer.
FIELDS_SET_BY = {
    TransferStep.SET_TIMESCALE: "timescale_date",
    TransferStep.FAMILY_TOLD: "family_told_on",
}
FLAGS_SET_BY = {
    TransferStep.RECORDING_CONFIRMED: "recording_confirmed",
    TransferStep.PLAN_SMART: "plan_smart_confirmed",
    TransferStep.CAPACITY_DELAY: "delayed_by_capacity",
}


def _record(
    transfer: Transfer, step: TransferStep, *, by: User, now: datetime, note: str = "", also: Iterable[User] = ()
) -> None:
    TransferEvent.objects.create(transfer=transfer, step=step, by=by, at=now, note=note.strip())
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=transfer.child,
        subject=transfer,
        what=f"Transfer to {transfer.to_hub.team.name}: {step.label}",
        why=note.strip()[:200],
    )
    recipients = [u for u in [*_told_of(transfer, step), *also] if u.pk != by.pk]
    if recipients:
        extra = f" Note: {note.strip()}" if note.strip() else ""
        notify(
            recipients=recipients,
            child=transfer.child,
            now=now,
            link=transfer.get_absolute_url(),
            subject=f"Transfer of record {transfer.child.local_id}: {step.label}",
            body=f"{transfer.from_hub.team.name} to {transfer.to_hub.team.name}. {step.label}.{extra}",
        )


def _told_of(transfer: Transfer, step: TransferStep) -> list[User]:
    """Who each step of the model names (CwDT 6.2): the incoming manager is asked; a 'not agreed'
    or a capacity delay goes to the operations manager; decisions go back to both hubs."""
    incoming = allocation_selectors.managers_of(transfer.to_hub)
    outgoing = allocation_selectors.managers_of(transfer.from_hub)
    operations = allocation_selectors.operations_managers_for(transfer.from_hub)
    return {
        TransferStep.PROPOSE: incoming,
        TransferStep.AGREE: outgoing,
        TransferStep.NOT_AGREE: operations + outgoing,
        TransferStep.DECIDE_TRANSFER: outgoing + incoming,
        TransferStep.DECIDE_STAY: outgoing + incoming,
        TransferStep.CAPACITY_DELAY: operations,
        TransferStep.COMPLETE: outgoing + incoming,
        TransferStep.WITHDRAW: incoming,
    }.get(step, [])


@transaction.atomic
def propose_transfer(*, child: Child, to_hub: Hub, reason: str, by: User, now: datetime) -> Transfer:
    """Add the child to the internal transfer list (6.2.1): by the manager of the hub holding the case."""
    child = Child.objects.select_for_update().get(pk=child.pk)
    from_hub = Hub.objects.filter(team_id=child.holding_team_id).first() if child.holding_team_id else None
    violations = []
    if from_hub is None:
        violations.append(Violation("C7-PROPOSE", None, "This child is not held by a hub, so cannot be transferred"))
    elif from_hub.pk == to_hub.pk:
        violations.append(Violation("C7-PROPOSE", "to_hub", "Select a different hub from the one holding the case"))
    elif policy.transfer_role(by, from_hub=from_hub, to_hub=to_hub) not in ("OUTGOING", "OPERATIONS"):
        violations.append(Violation("C7-PROPOSE", None, "Only the manager of the hub holding the case can add it"))
    if Transfer.objects.open().filter(child=child).exists():
        violations.append(Violation("C7-PROPOSE", None, "This child is already on the transfer list"))
    if not reason.strip():
        violations.append(Violation("C7-PROPOSE", "reason", "Enter why the child should move hub"))
    if violations or from_hub is None:
        raise RuleViolations(violations)
    transfer = Transfer.objects.create(
        child=child,
        from_hub=from_hub,
        to_hub=to_hub,
        reason=reason.strip(),
        proposed_by=by,
        proposed_at=now,
        last_reviewed_at=now,
    )
    _record(transfer, TransferStep.PROPOSE, by=by, now=now, note=reason)
    return transfer


@transaction.atomic
def take_step(
    *,
    transfer: Transfer,
    step: TransferStep,
    by: User,
    now: datetime,
    today: date,
    note: str = "",
    on: date | None = None,
) -> Transfer:
    """Move the transfer on by one step of the model, if this manager may take it now."""
    transfer = (
        Transfer.objects.select_for_update().select_related("from_hub", "to_hub", "to_hub__team").get(pk=transfer.pk)
    )
    violations = rules.step_violations(
        step=step,
        status=transfer.status,
        role=policy.transfer_role(by, from_hub=transfer.from_hub, to_hub=transfer.to_hub),
    )
    if not violations and step in FIELDS_SET_BY and on is None:
        violations.append(Violation("C7-STEP", "on", "Enter the date"))
    if (
        not violations
        and step in (TransferStep.NOT_AGREE, TransferStep.DECIDE_STAY, TransferStep.WITHDRAW)
        and not note.strip()
    ):
        violations.append(Violation("C7-STEP", "note", "Enter the reason"))
    if not violations and step == TransferStep.PLAN_SMART:
        violations += _plan_not_smart(transfer.child)
    if not violations and step == TransferStep.COMPLETE:
        violations += rules.completion_violations(_readiness(transfer, on), today=today)
        violations += _plan_not_smart(transfer.child) if transfer.plan_smart_confirmed else []
    if violations:
        raise RuleViolations(violations)
    changes: dict[str, Any] = {"status": rules.next_status(step, transfer.status), "last_reviewed_at": now}
    changes |= _step_changes(step, on)
    if changes["status"] not in (TransferStatus.PROPOSED, TransferStatus.ESCALATED, TransferStatus.AGREED):
        changes["closed_at"] = now
    Transfer.objects.filter(pk=transfer.pk).update(**changes)
    transfer.refresh_from_db()
    leaving = _move_the_case(transfer, by=by, now=now, today=today) if step == TransferStep.COMPLETE else []
    if step == TransferStep.COMPLETE:
        # Every open item moves with the case: new hub's cadence, new owners (CwDT 6.2.7).
        duties.bring_up_to_date(children=[transfer.child], today=today, now=now, by=by)
    _record(transfer, step, by=by, now=now, note=note or (on.isoformat() if on else ""), also=leaving)
    return transfer


def _plan_not_smart(child: Child) -> list[Violation]:
    """C7-PLAN-SMART: the current child in need plan is SMART, checked against the plan itself
    when the manager confirms it and again when the case moves (CwDT 6.2.5)."""
    _, missing = plan_selectors.cin_plan_smartness(child)
    return [Violation("C7-PLAN-SMART", None, f"The child in need plan is not SMART: {gap}") for gap in missing]


def _step_changes(step: TransferStep, on: date | None) -> dict[str, Any]:
    if step in FIELDS_SET_BY:
        return {FIELDS_SET_BY[step]: on}
    if step in FLAGS_SET_BY:
        return {FLAGS_SET_BY[step]: True}
    if step == TransferStep.COMPLETE:
        return {"introductions_done_on": on}
    return {}


def _readiness(transfer: Transfer, introductions_on: date | None) -> rules.Readiness:
    return rules.Readiness(
        timescale_date=transfer.timescale_date,
        family_told_on=transfer.family_told_on,
        recording_confirmed=transfer.recording_confirmed,
        plan_smart_confirmed=transfer.plan_smart_confirmed,
        introductions_done_on=introductions_on or transfer.introductions_done_on,
        planned_review_on=transfer.planned_review_on,
    )


def _move_the_case(transfer: Transfer, *, by: User, now: datetime, today: date) -> list[User]:
    """6.2.7: the case moves hub; old worker relationships end; the new manager assigns workers.

    Returns the workers whose relationship ended, so that they are told.
    """
    Child.objects.filter(pk=transfer.child_id).update(holding_team=transfer.to_hub.team)
    old = list(Allocation.objects.current().filter(child=transfer.child, hub=transfer.from_hub))
    Allocation.objects.filter(pk__in=[a.pk for a in old]).update(end_date=today)
    for allocation in old:
        membership = (
            TeamMembership.objects.current()
            .filter(child=transfer.child, practitioner=allocation.practitioner, start_date__lte=today)
            .first()
        )
        if membership is not None:
            team_services.end_team_member(
                membership=membership,
                end_date=today,
                by=by,
                now=now,
                today=today,
                reason=f"Case transferred to {transfer.to_hub.team.name}",
            )
    return [a.practitioner.user for a in old]
