"""Closing a case (C11): every allocation, team place and key worker ends, the retention date is
set, the SEN team is told when the child has an EHC plan; atomic and audited."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from joinedup.accounts.models import User
from joinedup.allocation.models import Allocation
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.closure import rules, selectors
from joinedup.closure.defaults import DEFAULT_REASONS
from joinedup.closure.models import Closure, ClosureReason
from joinedup.core.rules import RuleViolations
from joinedup.notifications.services import notify
from joinedup.people.choices import LegalStatus
from joinedup.people.models import Child
from joinedup.teams import services as team_services
from joinedup.teams.models import KeyWorkerAssignment
from joinedup.transfers.models import Transfer


@transaction.atomic
def close_case(
    *, child: Child, reason: ClosureReason, closed_on: date, note: str, by: User, now: datetime, today: date
) -> Closure:
    """Close the child's case to children's social care (CwDT 7.3.3).

    Refused, with nothing changed, if the case is already closed, is on the transfer list, or
    the date is wrong. Otherwise ends every current allocation and every current place in the
    interagency team (the key worker's too), releases the holding team, records the closure
    with its retention date, and tells the SEN officers in the team when the child has an
    EHC plan (found before their places end).
    """
    child = Child.objects.select_for_update().get(pk=child.pk)  # serialise with other changes to the case
    allocations = list(Allocation.objects.current().filter(child=child))
    members = list(selectors.current_members(child))
    starts = [a.start_date for a in allocations] + [m.start_date for m in members]
    violations = rules.closure_violations(
        is_open=rules.is_open(
            held_by_a_team=child.holding_team_id is not None, has_current_allocation=bool(allocations)
        ),
        has_open_transfer=Transfer.objects.open().filter(child=child).exists(),
        reason_active=reason.active,
        note=note,
    )
    violations += rules.closing_date_violations(
        closed_on=closed_on, date_of_birth=child.date_of_birth, today=today, latest_start=max(starts, default=None)
    )
    if violations:
        raise RuleViolations(violations)
    sen_officers = selectors.sen_officers_in_team(members) if rules.tells_sen_team(child.ehc_plan_status) else []
    why = f"Case closed: {reason.label}"[:200]  # a team place's end reason holds 200 characters
    _end_allocations(child, allocations, closed_on=closed_on, why=why, by=by, now=now)
    for membership in members:
        team_services.end_team_member(
            membership=membership, end_date=closed_on, reason=why, by=by, now=now, today=today
        )
    # end_team_member ends a member's key working; a key worker somehow outside the team ends here.
    for assignment in KeyWorkerAssignment.objects.current().filter(child=child):
        KeyWorkerAssignment.objects.filter(pk=assignment.pk).update(end_date=max(closed_on, assignment.start_date))
        audit.record(action=AuditAction.ENDED, by=by, at=now, child=child, subject=assignment, what=why)
    Child.objects.filter(pk=child.pk).update(holding_team=None)
    closure = Closure.objects.create(
        child=child,
        reason=reason,
        closed_on=closed_on,
        note=note.strip(),
        retain_until=rules.retention_date(
            retention_from=reason.retention_from,
            retention_years=reason.retention_years,
            date_of_birth=child.date_of_birth,
            closed_on=closed_on,
            looked_after=child.legal_status == LegalStatus.LOOKED_AFTER,
        ),
        sen_officers_told=len(sen_officers),
        closed_by=by,
        closed_at=now,
    )
    audit.record(
        action=AuditAction.ENDED,
        by=by,
        at=now,
        child=child,
        subject=closure,
        what=why,
        why=note.strip()[:200],
        changes={
            "closed_on": closed_on.isoformat(),
            "retain_until": closure.retain_until.isoformat(),
            "allocations_ended": len(allocations),
            "team_members_ended": len(members),
            "holding_team_released": child.holding_team_id is not None,
            "sen_officers_told": len(sen_officers),
        },
    )
    if sen_officers:
        _tell_sen_team(child, closure, recipients=[p.user for p in sen_officers], now=now)
    return closure


def _end_allocations(
    child: Child, allocations: list[Allocation], *, closed_on: date, why: str, by: User, now: datetime
) -> None:
    Allocation.objects.filter(pk__in=[a.pk for a in allocations]).update(end_date=closed_on)
    for allocation in allocations:
        audit.record(action=AuditAction.ENDED, by=by, at=now, child=child, subject=allocation, what=why)


def _tell_sen_team(child: Child, closure: Closure, *, recipients: list[User], now: datetime) -> None:
    """C11-SEN, into the outbox in this transaction: a closure that rolls back tells nobody.

    No link: once the case closes, the SEN officers are no longer in the team and cannot open it.
    """
    notify(
        recipients=recipients,
        subject=f"Record {child.local_id} is closing to social care",
        body=(
            f"The case of record {child.local_id}, who has an EHC plan, closed to children's social care on "
            f"{closure.closed_on.day} {closure.closed_on:%B %Y}. Reason: {closure.reason.label}.\n\n"
            "Children's social care is no longer part of the support around the plan from that date. "
            "Your place in the child's team in joinedup has ended with the closure."
        ),
        child=child,
        now=now,
    )


@transaction.atomic
def load_default_reasons() -> list[ClosureReason]:
    """Add any default reason missing (by code); never changes one an administrator has edited.

    Migration 0002 seeds a new installation; this is for databases emptied since (tests that
    flush, a demo area loaded into an empty database).
    """
    return [
        ClosureReason.objects.get_or_create(
            code=code,
            defaults={"label": label, "retention_from": start, "retention_years": years, "position": position},
        )[0]
        for position, (code, (label, start, years)) in enumerate(DEFAULT_REASONS.items(), start=1)
    ]
