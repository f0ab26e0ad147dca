"""Every change to duties: bringing them up to date, completing one, agreeing a cadence. Audited."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.db.models import F, QuerySet, UUIDField, Value, Window
from django.db.models.functions import RowNumber

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation.choices import HubCode
from joinedup.allocation.models import Hub
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core import clock
from joinedup.core.processes import in_processes
from joinedup.core.rules import RuleViolations, Violation
from joinedup.duties import rules, sweep_digest
from joinedup.duties.choices import SWEPT, CadenceKind, DutyKind, DutyStatus
from joinedup.duties.facts import CHILD_COLUMNS, ChildRow, Scope, child_row, facts_for_rows
from joinedup.duties.models import BASIS_LENGTH, CadenceAgreement, Duty, FactChange, SweepRun
from joinedup.duties.rules import DutyFacts
from joinedup.duties.sweep_plan import SweepPlan, rules_fingerprint, sweep_plan
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child

BATCH = 5000  # children a transaction (the sweep) or a round of fact queries (bring_up_to_date)
UPDATE_BATCH = 200
FIELDS = ("due_on", "starts_on", "owner_id", "rule", "basis")
STALE_NOTE = "No longer needed: the case is no longer held by a hub, or the milestone has passed"
# An open duty as the sweep reads it: id, child, kind, then FIELDS.
DutyRow = tuple[UUID, UUID, str, date, date, UUID | None, str, str]
DUTY_COLUMNS = ("id", "child_id", "kind", *FIELDS)


@dataclass
class SweepResult:
    children: int = 0
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    every_child: bool = True  # False: only the children whose facts changed, and those turning 18

    def __iadd__(self, other: SweepResult) -> SweepResult:
        self.children += other.children
        self.created += other.created
        self.updated += other.updated
        self.cancelled += other.cancelled
        return self


@dataclass
class _Changes:
    """What bringing a batch up to date writes, and what to say about each child touched."""

    new: list[Duty]
    changed: list[Duty]
    stale: list[UUID]
    touched: dict[UUID, list[str]]


def _batches(children: Iterable[Child]) -> Iterator[list[Child]]:
    it = iter(children)
    while batch := list(islice(it, BATCH)):
        yield batch


@transaction.atomic
def bring_up_to_date(*, children: Iterable[Child], today: date, now: datetime, by: User | None = None) -> SweepResult:
    """Make each child's open duties what the rules say they are on ``today`` (C5, C10).

    Creates a missing duty, moves a due date or owner that changed (a new hub, a new worker, a
    manager's agreement), and cancels a duty the facts no longer call for (a closed case). Running
    it again changes nothing: it compares before it writes. The children's fact changes named so
    far are forgotten first, as in the sweep: the night's sweep need not read them again.
    """
    result = SweepResult()
    for batch in _batches(children):
        FactChange.objects.filter(child_id__in=[c.pk for c in batch]).delete()
        rows = [child_row(c) for c in batch]
        result += _bring_rows_up_to_date(
            rows, Scope.of(rows), today=today, now=now, by=by, objects={c.pk: c for c in batch}
        )
    return result


def _open_duties(query: QuerySet[Duty], ids: set[int], *, with_ids: bool = True) -> dict[tuple[int, str], DutyRow]:
    """The batch's open swept duties by child and kind (rows of other children are left out).
    The child is keyed by its UUID's ``int``: hashing a UUID is a Python call, hashing an int is not,
    and the sweep looks up hundreds of thousands of these. Without ``with_ids`` each duty's own id
    is None: the first comparison on SQLite only finds which children change (PostgreSQL compares
    digests instead: ``sweep_digest``)."""
    columns: tuple[Any, ...] = DUTY_COLUMNS if with_ids else (Value(None, output_field=UUIDField()), *DUTY_COLUMNS[1:])
    rows: Iterable[DutyRow] = query.filter(kind__in=SWEPT).values_list(*columns)
    return {(r[1].int, r[2]): r for r in rows if r[1].int in ids}


def _bring_rows_up_to_date(
    children: list[ChildRow],
    scope: Scope,
    *,
    today: date,
    now: datetime,
    by: User | None,
    objects: dict[UUID, Child] | None = None,
) -> SweepResult:
    """Bring a batch of children (rows of ``CHILD_COLUMNS``) up to date, in the caller's transaction.

    Compares without locking; only when something is to change are the open duties of the children
    concerned locked (``FOR UPDATE``), read again and compared again, so a duty moved or recorded
    done meanwhile by another transaction is seen before writing, as when every open duty was locked.
    """
    result = SweepResult(children=len(children))
    facts = facts_for_rows(children, scope)
    ids = {c[0].int for c in children}
    concerned = _children_to_change(children, facts, scope, ids, today=today, now=now)
    if not concerned:
        return result
    locked = Duty.objects.open().filter(child_id__in=[c[0] for c in concerned]).select_for_update()
    changes = _compare(concerned, facts, _open_duties(locked, ids), today=today, now=now)
    Duty.objects.bulk_create(changes.new)
    # An UPDATE of many rows is a CASE per column over every row of it: its cost grows with the
    # square of the rows, so it goes in small statements.
    Duty.objects.bulk_update(changes.changed, FIELDS, batch_size=UPDATE_BATCH)
    if changes.stale:
        Duty.objects.filter(pk__in=changes.stale).update(status=DutyStatus.CANCELLED, note=STALE_NOTE)
    objects = objects or {}
    audit.record_changes(
        changes=[
            (objects.get(child_id) or Child(pk=child_id), "Duties: " + "; ".join(what))
            for child_id, what in changes.touched.items()
        ],
        action=AuditAction.UPDATED,
        by=by,
        at=now,
    )
    result.created, result.updated, result.cancelled = len(changes.new), len(changes.changed), len(changes.stale)
    return result


def _children_to_change(
    children: list[ChildRow], facts: dict[UUID, DutyFacts], scope: Scope, ids: set[int], *, today: date, now: datetime
) -> list[ChildRow]:
    """The children whose open duties may differ from what the rules call for, found without locking:
    on PostgreSQL by one digest a child (``sweep_digest``), on SQLite by comparing the rows."""
    if connection.vendor == "postgresql":
        return sweep_digest.children_to_change(children, facts, scope, today=today)
    open_duties = _open_duties(Duty.objects.open().filter(**scope("child_id")), ids, with_ids=False)
    touched = _compare(children, facts, open_duties, today=today, now=now).touched
    return [c for c in children if c[0] in touched]


def _compare(
    children: list[ChildRow],
    facts: dict[UUID, DutyFacts],
    open_duties: dict[tuple[int, str], DutyRow],
    *,
    today: date,
    now: datetime,
) -> _Changes:
    """The duties to create, move and cancel so that the open duties are what the rules call for.
    ``open_duties`` is emptied of the duties the rules still call for."""
    changes = _Changes(new=[], changed=[], stale=[], touched={})
    for child in children:
        child_id = child[0]
        for due in rules.duties_due(facts[child_id], today=today):  # one a kind
            kind = due.kind
            values = (due.due_on, due.starts_on, due.owner, due.rule, due.basis[:BASIS_LENGTH])
            duty = open_duties.pop((child_id.int, kind), None)
            if duty is None:
                changes.new.append(
                    Duty(
                        child_id=child_id,
                        kind=kind,
                        status=DutyStatus.OPEN,
                        created_at=now,
                        **_fields(values),
                    )
                )
                changes.touched.setdefault(child_id, []).append(f"scheduled {kind.label.lower()}")
            elif duty[3:] != values:
                changes.changed.append(Duty(id=duty[0], child_id=child_id, kind=kind, **_fields(values)))
                changes.touched.setdefault(child_id, []).append(f"moved {kind.label.lower()}")
    for duty_id, child_id, stale_kind, *_ in open_duties.values():
        changes.stale.append(duty_id)
        changes.touched.setdefault(child_id, []).append(f"cancelled {DutyKind(stale_kind).label.lower()}")
    return changes


def _fields(values: tuple[date, date, UUID | None, str, str]) -> dict[str, Any]:
    due_on, starts_on, owner_id, rule, basis = values
    return {"due_on": due_on, "starts_on": starts_on, "owner_id": owner_id, "rule": rule, "basis": basis}


def batch_starts() -> list[UUID]:
    """The first child of each run of ``BATCH`` children in id order: the sweep's batches.
    One query (a numbered list of ids, every ``BATCH``-th kept), however many children."""
    numbered = Child.objects.annotate(place=Window(RowNumber(), order_by=F("id").asc()))
    firsts = numbered.annotate(in_batch=(F("place") - 1) % BATCH).filter(in_batch=0)
    return list(firsts.order_by("id").values_list("id", flat=True))


@transaction.atomic
def sweep_batch(start: UUID, end: UUID | None, *, today: date, now: datetime) -> SweepResult:
    """Bring the children with ids from ``start`` up to (not including) ``end`` up to date, in one
    transaction; ``end`` None for the last batch, so a child added during the sweep is swept too."""
    query = Child.objects.filter(id__gte=start)
    changes = FactChange.objects.filter(child_id__gte=start)
    if end is not None:
        query = query.filter(id__lt=end)
        changes = changes.filter(child_id__lt=end)
    # Their changes are read now: forget them first, so a change committed meanwhile stays named.
    changes.delete()
    rows: list[ChildRow] = list(query.order_by("id").values_list(*CHILD_COLUMNS))
    if not rows:
        return SweepResult()
    return _bring_rows_up_to_date(rows, Scope.of(rows, span=True), today=today, now=now, by=None)


@transaction.atomic
def sweep_children(ids: Sequence[UUID], *, today: date, now: datetime) -> SweepResult:
    """Bring these children up to date in one transaction, forgetting their fact changes first (a
    change committed after that is still named for the next sweep). Ids of children since deleted
    are forgotten and swept as nothing."""
    FactChange.objects.filter(child_id__in=ids).delete()
    rows: list[ChildRow] = list(Child.objects.filter(id__in=ids).order_by("id").values_list(*CHILD_COLUMNS))
    if not rows:
        return SweepResult()
    return _bring_rows_up_to_date(rows, Scope.of(rows), today=today, now=now, by=None)


def sweep(
    *,
    today: date,
    now: datetime,
    progress: Callable[[int], None] | None = None,
    processes: int = 1,
    every_child: bool = False,
    planned: Callable[[SweepPlan], None] | None = None,
) -> SweepResult:
    """Bring the duties of every child that needs it up to date, a batch per transaction
    (``joinedup sweep``). Safe to run any number of times, and to stop part way: each batch is
    whole or not at all.

    Which children: after a finished sweep with the same rules, only those whose facts changed
    since (named by the database's triggers) and those who turned 18 after its day; else, or with
    ``every_child``, every child (``sweep_plan``). ``planned`` is told the plan before any work.

    With ``processes`` above 1 the batches are shared among that many processes (PostgreSQL only:
    each batch touches only its own children, so they do not wait on each other). A million children
    take about twice as long in one process as in two on two cores (issue 6)."""
    rules_now = rules_fingerprint()  # before any work: the code this sweep runs, not a later release's
    plan = sweep_plan(today=today, every_child=every_child)
    if planned is not None:
        planned(plan)
    job: Callable[[Any], SweepResult]
    if plan.every_child:
        starts = batch_starts()
        ends: list[UUID | None] = [*starts[1:], None] if starts else []  # no children, no batches
        pieces: list[Any] = [(start, end, today, now) for start, end in zip(starts, ends, strict=True)]
        job = _sweep_batch_job
    else:
        pieces = [(tuple(plan.ids[i : i + BATCH]), today, now) for i in range(0, len(plan.ids), BATCH)]
        job = _sweep_children_job
    result = SweepResult(every_child=plan.every_child)
    for batch in in_processes(job, pieces, processes=processes):
        result += batch
        if progress is not None:
            progress(batch.children)
    SweepRun.objects.create(
        day=today,
        rules=rules_now,
        every_child=plan.every_child,
        children=result.children,
        started_at=now,
        finished_at=clock.now(),
    )
    return result


def _sweep_batch_job(batch: tuple[UUID, UUID | None, date, datetime]) -> SweepResult:
    start, end, today, now = batch
    return sweep_batch(start, end, today=today, now=now)


def _sweep_children_job(batch: tuple[tuple[UUID, ...], date, datetime]) -> SweepResult:
    ids, today, now = batch
    return sweep_children(ids, today=today, now=now)


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
        basis=basis[:BASIS_LENGTH],
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
