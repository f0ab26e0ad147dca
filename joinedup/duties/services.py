"""Every change to duties: bringing them up to date, completing one, agreeing a cadence. Audited."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from uuid import UUID

from django.db import transaction

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation.choices import HubCode
from joinedup.allocation.models import Hub
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations, Violation
from joinedup.duties import rules
from joinedup.duties.choices import SWEPT, CadenceKind, DutyKind, DutyStatus
from joinedup.duties.facts import facts_for
from joinedup.duties.models import CadenceAgreement, Duty
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child

BATCH = 500
FIELDS = ("due_on", "starts_on", "owner_id", "rule", "basis")


@dataclass
class SweepResult:
    children: int = 0
    created: int = 0
    updated: int = 0
    cancelled: int = 0

    def __iadd__(self, other: SweepResult) -> SweepResult:
        self.children += other.children
        self.created += other.created
        self.updated += other.updated
        self.cancelled += other.cancelled
        return self


def _batches(children: Iterable[Child]) -> Iterator[list[Child]]:
    it = iter(children)
    while batch := list(islice(it, BATCH)):
        yield batch


@transaction.atomic
def bring_up_to_date(*, children: Iterable[Child], today: date, now: datetime, by: User | None = None) -> SweepResult:
    """Make each child's open duties what the rules say they are on ``today`` (C5, C10).

    Creates a missing duty, moves a due date or owner that changed (a new hub, a new worker, a
    manager's agreement), and cancels a duty the facts no longer call for (a closed case). Running
    it again changes nothing: it compares before it writes.
    """
    result = SweepResult()
    for batch in _batches(children):
        result += _bring_batch_up_to_date(batch, today=today, now=now, by=by)
    return result


def _bring_batch_up_to_date(children: list[Child], *, today: date, now: datetime, by: User | None) -> SweepResult:
    facts = facts_for(children)
    open_duties: dict[tuple[UUID, str], Duty] = {
        (d.child_id, d.kind): d
        for d in Duty.objects.open().filter(child__in=children, kind__in=SWEPT).select_for_update(of=("self",))
    }
    new: list[Duty] = []
    changed: list[Duty] = []
    result = SweepResult(children=len(children))
    touched: dict[UUID, list[str]] = {}
    for child in children:
        wanted = {d.kind: d for d in rules.duties_due(facts[child.pk], today=today)}
        for kind, due in wanted.items():
            duty = open_duties.pop((child.pk, kind), None)
            values = {
                "due_on": due.due_on,
                "starts_on": due.starts_on,
                "owner_id": due.owner,
                "rule": due.rule,
                "basis": due.basis[:300],
            }
            if duty is None:
                new.append(Duty(child=child, kind=kind, status=DutyStatus.OPEN, created_at=now, **values))
                touched.setdefault(child.pk, []).append(f"scheduled {kind.label.lower()}")
            elif any(getattr(duty, f) != v for f, v in values.items()):
                for f, v in values.items():
                    setattr(duty, f, v)
                changed.append(duty)
                touched.setdefault(child.pk, []).append(f"moved {kind.label.lower()}")
    stale = [d for (child_id, _), d in open_duties.items()]
    for duty in stale:
        duty.status = DutyStatus.CANCELLED
        duty.note = "No longer needed: the case is no longer held by a hub, or the milestone has passed"
        touched.setdefault(duty.child_id, []).append(f"cancelled {DutyKind(duty.kind).label.lower()}")
    Duty.objects.bulk_create(new)
    Duty.objects.bulk_update(changed, FIELDS)
    Duty.objects.bulk_update(stale, ("status", "note"))
    by_id = {c.pk: c for c in children}
    audit.record_changes(
        changes=[(by_id[child_id], "Duties: " + "; ".join(what)) for child_id, what in touched.items()],
        action=AuditAction.UPDATED,
        by=by,
        at=now,
    )
    result.created, result.updated, result.cancelled = len(new), len(changed), len(stale)
    return result


def sweep(*, today: date, now: datetime, progress: Callable[[int], None] | None = None) -> SweepResult:
    """Bring every child's duties up to date, a batch per transaction (``joinedup sweep``).
    Safe to run any number of times, and to stop part way: each batch is whole or not at all."""
    result = SweepResult()
    for batch in _batches(Child.objects.order_by("id").iterator(chunk_size=BATCH)):
        result += bring_up_to_date(children=batch, today=today, now=now)
        if progress is not None:
            progress(len(batch))
    return result


@transaction.atomic
def end_open_duties(*, child: Child, why: str, by: User, now: datetime) -> int:
    """Cancel every open duty of the child: the case has closed (C11: "ends ... all open work")."""
    ended = Duty.objects.open().filter(child=child).update(status=DutyStatus.CANCELLED, note=why[:2000])
    if ended:
        audit.record(action=AuditAction.ENDED, by=by, at=now, child=child, what=f"Duties ended ({ended}): {why}"[:200])
    return ended


@transaction.atomic
def complete_duty(*, duty: Duty, on: date, note: str, by: User, now: datetime, today: date) -> Duty:
    """Record a duty as done on ``on`` and schedule the next occurrence (C5)."""
    duty = Duty.objects.select_for_update().select_related("child").get(pk=duty.pk)
    if not policy.can_record_duty(by, duty.child):
        raise RuleViolations([Violation("C5-COMPLETE", None, "Only the child's team or its managers can record this")])
    violations = []
    if duty.status != DutyStatus.OPEN:
        violations.append(
            Violation("C5-COMPLETE", None, "This has already been recorded as done or is no longer needed")
        )
    if on > today:
        violations.append(Violation("C5-COMPLETE", "on", "The date it was done must be today or in the past"))
    if violations:
        raise RuleViolations(violations)
    Duty.objects.filter(pk=duty.pk).update(
        status=DutyStatus.DONE, completed_on=on, completed_by=by, completed_at=now, note=note.strip()
    )
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=duty.child,
        subject=duty,
        what=f"Done: {DutyKind(duty.kind).label.lower()} on {on:%-d %B %Y}",
    )
    bring_up_to_date(children=[duty.child], today=today, now=now, by=by)
    duty.refresh_from_db()
    return duty


@transaction.atomic
def agree_cadence(
    *, child: Child, kind: CadenceKind, interval_days: int, reason: str, by: User, now: datetime, today: date
) -> CadenceAgreement:
    """A manager sets the R&I review interval or agrees visits at another cadence (C5; CwDT 3.3, 5.2)."""
    hub = Hub.objects.filter(team_id=child.holding_team_id).first() if child.holding_team_id else None
    if hub is None:
        raise RuleViolations([Violation("C5-AGREEMENT", None, "No hub of the team holds this case")])
    if not policy.can_agree_cadence(by, child):
        raise RuleViolations([Violation("C5-AGREEMENT", None, "Only a manager of the case can agree this")])
    violations = rules.cadence_agreement_violations(
        kind=kind,
        hub=HubCode(hub.code),
        interval_days=interval_days,
        review_options=list(hub.review_interval_options),
        hub_visit_days=hub.visit_days,
        reason=reason,
    )
    if violations:
        raise RuleViolations(violations)
    agreement = CadenceAgreement.objects.create(
        child=child, kind=kind, interval_days=interval_days, reason=reason.strip(), agreed_by=by, agreed_at=now
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=agreement,
        what=f"{CadenceKind(kind).label} every {interval_days} days agreed",
        why=reason.strip()[:200],
    )
    bring_up_to_date(children=[child], today=today, now=now, by=by)
    return agreement


def _in_a_sentence(kind: DutyKind) -> str:
    """The kind's name inside a sentence: "visit to the child", but "EHC needs assessment: ..."."""
    label = str(DutyKind(kind).label)
    return label if label[:2].isupper() else label[0].lower() + label[1:]


@transaction.atomic
def schedule_duty(
    *,
    child: Child,
    kind: DutyKind,
    due_on: date,
    starts_on: date,
    owner: Practitioner | None,
    rule: str,
    basis: str,
    by: User | None,
    now: datetime,
) -> Duty:
    """Schedule a duty that a step creates rather than the sweep (C5-SCHEDULED): an EHC needs
    assessment's deadlines, the end of joint working. The step that completes it closes it
    (``close_duty``). A second open duty of the same kind for the child is refused: nothing is stored."""
    if kind in SWEPT:
        raise ValueError(f"{kind} is scheduled by the sweep, not by a step")
    child = Child.objects.select_for_update().get(pk=child.pk)  # serialise two steps for one child
    if Duty.objects.open().filter(child=child, kind=kind).exists():
        label = _in_a_sentence(kind)
        raise RuleViolations(
            [Violation("C5-SCHEDULED", None, f"There is already an open duty for this child: {label}. Close it first")]
        )
    duty = Duty.objects.create(
        child=child,
        kind=kind,
        due_on=due_on,
        starts_on=min(starts_on, due_on),
        owner=owner,
        rule=rule,
        basis=basis[:300],
        status=DutyStatus.OPEN,
        created_at=now,
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=duty,
        what=f"Scheduled {_in_a_sentence(kind)}, due {due_on:%-d %B %Y}",
    )
    return duty


@transaction.atomic
def close_duty(
    *, child: Child, kind: DutyKind, status: DutyStatus, on: date | None, note: str, by: User | None, now: datetime
) -> Duty | None:
    """Close the child's open duty of ``kind`` that a step scheduled (C5-SCHEDULED): done on ``on``,
    or cancelled (``on`` is None) when the step makes it unnecessary. Returns the duty, or None when
    none is open (someone recorded it done by hand): the step goes ahead either way."""
    if kind in SWEPT:
        raise ValueError(f"{kind} is closed by completing it, so the sweep schedules the next")
    if (status == DutyStatus.DONE) != (on is not None) or status == DutyStatus.OPEN:
        raise ValueError("A duty is closed as done on a date, or cancelled without one")
    duty = Duty.objects.open().select_for_update().filter(child=child, kind=kind).first()
    if duty is None:
        return None
    duty.status, duty.completed_on, duty.note = status, on, note.strip()
    if status == DutyStatus.DONE:
        duty.completed_by, duty.completed_at = by, now
    duty.save(update_fields=["status", "completed_on", "completed_by", "completed_at", "note"])
    label = _in_a_sentence(kind)
    what = f"Done: {label} on {on:%-d %B %Y}" if on is not None else f"No longer needed: {label}"
    audit.record(action=AuditAction.UPDATED, by=by, at=now, child=child, subject=duty, what=what)
    return duty
