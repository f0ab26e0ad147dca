"""The sweep finds the children whose open duties differ from what the rules call for by comparing one
digest a child, made by PostgreSQL from the duties and by Python from the rules (C5, C10, issue 6).

The digest only chooses whom to compare in full; these tests prove the two sides write a duty alike
(else every child would be compared in full, and the sweep would be slow but still right) and that a
duty changed behind the sweep's back is still put right.
"""

from datetime import UTC, date, datetime

import pytest
from django.db import connection

from joinedup.duties import rules, services, sweep_digest
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.facts import CHILD_COLUMNS, Scope, facts_for_rows
from joinedup.duties.models import Duty
from joinedup.duties.rules import DueDuty
from joinedup.duties.tests.allocating import allocate
from joinedup.people.models import Child
from joinedup.people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite compares the rows themselves")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)


def _due(kind, owner, basis, day=date(2027, 1, 15)):
    return DueDuty(kind=kind, due_on=day, starts_on=date(2026, 12, 1), rule="C5-TEST", basis=basis, owner=owner)


def _store(child, due):
    Duty.objects.create(
        child=child,
        kind=due.kind,
        status=DutyStatus.OPEN,
        due_on=due.due_on,
        starts_on=due.starts_on,
        owner_id=due.owner,
        rule=due.rule,
        basis=due.basis,
        created_at=NOW,
    )


def _rows(*children):
    return sorted(Child.objects.filter(pk__in=[c.pk for c in children]).values_list(*CHILD_COLUMNS))


@on_postgresql
def test_r_c5_the_database_digests_open_duties_as_python_digests_the_duties_due(world):
    """Owner or none, letters outside ASCII, a basis of the full 300 characters, kinds stored in
    another order than their bytes sort: both sides give the same digest."""
    dues = [
        _due(DutyKind.VISIT, world.team_member.pk, "Zoë\u2019s hub agreed \u201cat home\u201d \u2014 1 October"),
        _due(DutyKind.KEY_WORKER_CONTACT, None, "x" * 300),
        _due(DutyKind.CIN_REVIEW, world.manager.pk, "Review: 6 months after the last (CwDT 3.3)"),
        _due(DutyKind.CARERS_ASSESSMENT_REVIEW, None, "Yearly"),
    ]
    for due in dues:
        _store(world.child, due)
    digests = sweep_digest.open_duty_digests(Scope.of(_rows(world.child)))
    assert digests == {world.child.pk.int: sweep_digest.due_duties_digest(dues)}
    assert sweep_digest.due_duties_digest(list(reversed(dues))) == digests[world.child.pk.int]


@on_postgresql
def test_r_c5_a_digest_differs_when_any_field_of_a_duty_differs(world):
    due = _due(DutyKind.VISIT, world.team_member.pk, "Every 6 weeks")
    _store(world.child, due)
    stored = sweep_digest.open_duty_digests(Scope.of(_rows(world.child)))[world.child.pk.int]
    for changed in (
        due._replace(due_on=date(2027, 1, 16)),
        due._replace(starts_on=date(2026, 12, 2)),
        due._replace(owner=None),
        due._replace(owner=world.manager.pk),
        due._replace(rule="C5-OTHER"),
        due._replace(basis="Every 4 weeks"),
        due._replace(kind=DutyKind.CIN_REVIEW),
    ):
        assert sweep_digest.due_duties_digest([changed]) != stored, changed
    assert sweep_digest.due_duties_digest([due, _due(DutyKind.CIN_REVIEW, None, "Review")]) != stored
    assert sweep_digest.due_duties_digest([]) is None


@on_postgresql
def test_r_c5_after_a_sweep_no_child_is_compared_in_full_again(world):
    """The fast path holds: once swept, every child's digests agree (a sweep batch's span, and a list)."""
    others = [ChildFactory(area=world.area, holding_team=world.hub) for _ in range(3)]
    allocate(world, world.child, world.hub, world.team_member)
    services.sweep(today=TODAY, now=NOW, every_child=True)
    rows = _rows(world.child, *others)
    for scope in (Scope.of(rows), Scope.of(rows, span=True)):
        facts = facts_for_rows(rows, scope)
        assert all(rules.duties_due(facts[r[0]], today=TODAY) for r in rows)  # each has duties to compare
        assert sweep_digest.children_to_change(rows, facts, scope, today=TODAY) == []


def test_r_c5_a_duty_changed_behind_the_sweeps_back_is_put_right(world):
    """On either database: an open duty's date, owner or basis changed outside the rules (no fact
    changed, so only a sweep of every child reads it) is moved back, and only that child's."""
    other = ChildFactory(area=world.area, holding_team=world.hub)
    allocate(world, world.child, world.hub, world.team_member)
    services.sweep(today=TODAY, now=NOW, every_child=True)
    visit = Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT)
    untouched = list(Duty.objects.filter(child=other).order_by("id").values_list("id", "due_on", "owner_id", "basis"))
    Duty.objects.filter(pk=visit.pk).update(due_on=date(2030, 1, 1), owner=None, basis="changed by hand")

    result = services.sweep(today=TODAY, now=NOW, every_child=True)

    assert (result.created, result.updated, result.cancelled) == (0, 1, 0)
    visit.refresh_from_db()
    assert (visit.due_on, visit.owner_id, visit.basis) != (date(2030, 1, 1), None, "changed by hand")
    assert visit.owner_id == world.team_member.pk
    assert list(Duty.objects.filter(child=other).order_by("id").values_list("id", "due_on", "owner_id", "basis")) == (
        untouched
    )
