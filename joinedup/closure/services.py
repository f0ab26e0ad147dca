"""Closing a case (C11): every allocation, team place and key worker ends, the retention date is
set, the SEN team is told when the child has an EHC plan; and the area's closure reasons, which its
administrators edit. Atomic and audited."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation.models import Allocation
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.closure import rules, selectors
from joinedup.closure.defaults import DEFAULT_REASONS
from joinedup.closure.models import Closure, ClosureReason
from joinedup.core.rules import EditConflict, RuleViolations, Violation
from joinedup.duties import services as duties
from joinedup.notifications.services import notify
from joinedup.organisations.models import Area
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
    reason = ClosureReason.objects.get(pk=reason.pk)  # the reason's rule as it stands now, not as the form read it
    allocations = list(Allocation.objects.current().filter(child=child))
    members = list(selectors.current_members(child))
    starts = [a.start_date for a in allocations] + [m.start_date for m in members]
    violations = rules.closure_violations(
        is_open=rules.is_open(
            held_by_a_team=child.holding_team_id is not None, has_current_allocation=bool(allocations)
        ),
        has_open_transfer=Transfer.objects.open().filter(child=child).exists(),
        reason_active=reason.active and reason.area_id == child.area_id,  # the child's area's own list
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
    duties.end_open_duties(child=child, why=why, by=by, now=now)
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
def load_default_reasons(*, area: Area, by: User | None, now: datetime) -> list[ClosureReason]:
    """Give the area any default reason it does not have (by code); never change one it has.

    An area gets its reasons the first time they are needed: closing a case, or its administrators
    opening the list. Returns the area's reasons, in order.
    """
    for position, (code, (label, start, years)) in enumerate(DEFAULT_REASONS.items(), start=1):
        reason, created = ClosureReason.objects.get_or_create(
            area=area,
            code=code,
            defaults={"label": label, "retention_from": start, "retention_years": years, "position": position},
        )
        if created:
            audit.record(action=AuditAction.CREATED, by=by, at=now, subject=reason, what=f"Closure reason {code}")
    return list(selectors.reasons_of(area.pk))


REASON_FIELDS = ("label", "retention_from", "retention_years", "active")


@transaction.atomic
def update_closure_reason(
    *,
    reason: ClosureReason,
    label: str,
    retention_from: str,
    retention_years: int,
    active: bool,
    expected_version: int,
    by: User,
    now: datetime,
) -> ClosureReason:
    """An administrator of the area changes a reason's wording, its retention rule, or whether it is used.

    Applies to closures from then on: a past closure keeps the retention date it was given (C11-RETENTION).
    """
    # Lock the area's whole list: two administrators switching off the last two reasons at once
    # must not leave none in use (C11-REASON-IN-USE). In primary key order, so locks never cross.
    area_reasons = {
        r.pk: r for r in ClosureReason.objects.select_for_update().filter(area_id=reason.area_id).order_by("pk")
    }
    reason = area_reasons[reason.pk]
    if not policy.can_edit_closure_reasons(by) or by.area_id != reason.area_id:
        raise RuleViolations([Violation("C11-REASON-EDIT", None, "Only an administrator of the area can do this")])
    if reason.version != expected_version:
        raise EditConflict("The closure reason was changed by someone else")
    others_in_use = sum(1 for r in area_reasons.values() if r.active and r.pk != reason.pk)
    violations = rules.reason_violations(label=label, retention_from=retention_from, retention_years=retention_years)
    violations += rules.reason_switch_off_violations(active=active, other_active_reasons=others_in_use)
    if violations:
        raise RuleViolations(violations)
    before = {name: getattr(reason, name) for name in REASON_FIELDS}
    after = {
        "label": label.strip(),
        "retention_from": retention_from,
        "retention_years": retention_years,
        "active": active,
    }
    changed = [name for name in REASON_FIELDS if before[name] != after[name]]
    if not changed:
        return reason
    ClosureReason.objects.filter(pk=reason.pk).update(**after, version=reason.version + 1)
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        subject=reason,
        what=f"Closure reason {reason.code}",
        changes={
            "fields": changed,
            "before": {name: before[name] for name in changed},
            "after": {name: after[name] for name in changed},
        },
    )
    return ClosureReason.objects.get(pk=reason.pk)
