"""The sweep's batches: every child swept once, whether in one process or several (C5, issue 6)."""

import os
from datetime import UTC, date, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from joinedup.allocation.choices import HubCode
from joinedup.core.processes import CannotRunInProcesses, in_processes, usable_processes
from joinedup.duties import facts, services
from joinedup.duties.models import Duty
from joinedup.people.models import Child
from joinedup.people.tests.factories import ChildFactory

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)
ON_POSTGRESQL = connection.vendor == "postgresql"


def _held_children(world, how_many):
    return [ChildFactory(area=world.area, holding_team=world.hub) for _ in range(how_many)]


def _open_duties():
    return set(Duty.objects.open().values_list("child_id", "kind", "due_on", "owner_id"))


@pytest.mark.django_db
def test_r_c5_the_sweep_in_batches_sweeps_every_child_once(world, monkeypatch):
    monkeypatch.setattr(services, "BATCH", 2)
    _held_children(world, 5)
    children = Child.objects.count()
    starts = services.batch_starts()
    assert len(starts) == -(-children // 2)  # a batch for every two children, the last maybe one
    assert starts == sorted(starts)
    assert starts[0] == Child.objects.order_by("id").first().pk
    swept = []
    result = services.sweep(today=TODAY, now=NOW, progress=swept.append)
    assert result.children == children == sum(swept)
    assert swept[:-1] == [2] * (len(swept) - 1)
    held = Child.objects.filter(holding_team=world.hub).values_list("pk", flat=True)
    assert set(held) <= set(Duty.objects.open().values_list("child_id", flat=True))


@pytest.mark.django_db
def test_a_child_added_after_the_last_batch_start_is_swept(world, monkeypatch):
    monkeypatch.setattr(services, "BATCH", 2)
    _held_children(world, 3)
    last = services.batch_starts()[-1]
    result = services.sweep_batch(last, None, today=TODAY, now=NOW)
    assert result.children == Child.objects.filter(id__gte=last).count()


def _process_id(_piece):
    return os.getpid()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not ON_POSTGRESQL, reason="several processes write only to PostgreSQL; SQLite refuses (below)")
def test_work_in_processes_runs_in_that_many_other_processes():
    ran_in = set(in_processes(_process_id, list(range(8)), processes=2))
    assert os.getpid() not in ran_in
    assert 1 <= len(ran_in) <= 2
    assert usable_processes() == os.cpu_count()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not ON_POSTGRESQL, reason="several processes write only to PostgreSQL")
def test_r_c5_the_sweep_in_two_processes_schedules_what_one_process_does(transactional_world, monkeypatch):
    monkeypatch.setattr(services, "BATCH", 2)
    _held_children(transactional_world, 5)
    in_two = services.sweep(today=TODAY, now=NOW, processes=2)
    assert in_two.children == Child.objects.count()
    assert in_two.created > 0
    duties = _open_duties()
    again = services.sweep(today=TODAY, now=NOW, processes=1)
    assert (again.created, again.updated, again.cancelled) == (0, 0, 0)
    assert _open_duties() == duties
    held = set(Child.objects.filter(holding_team=transactional_world.hub).values_list("pk", flat=True))
    assert held <= {child for child, *_ in duties}


@pytest.mark.django_db
def test_work_inside_a_transaction_is_not_shared_among_processes(monkeypatch):
    assert usable_processes() == 1  # the test runs inside a transaction, so the default is one
    with transaction.atomic(), pytest.raises(CannotRunInProcesses):
        list(in_processes(_process_id, [1, 2], processes=2))


@pytest.mark.django_db
def test_sweep_command_refuses_processes_it_cannot_use(world, monkeypatch):
    monkeypatch.setattr(services, "BATCH", 1)
    with pytest.raises(CommandError, match="--processes 1"):
        call_command("sweep", processes=2, verbosity=0)
    with pytest.raises(CommandError, match="1 or more"):
        call_command("sweep", processes=0, verbosity=0)


@pytest.mark.django_db
def test_a_sweep_of_every_child_with_no_children_does_nothing():
    result = services.sweep(today=TODAY, now=NOW, every_child=True)
    assert (result.children, result.created, result.every_child) == (0, 0, True)


@pytest.mark.django_db
def test_r_c5_the_facts_are_the_same_whether_hubs_are_read_by_id_or_all(world, monkeypatch):
    """A batch holding many hubs' children reads every hub (``facts.HUBS_BY_ID``): the same facts."""
    children = [*_held_children(world, 2), ChildFactory(area=world.area, holding_team=world.other_hub)]
    rows = [facts.child_row(c) for c in children]
    by_id = facts.facts_for_rows(rows, facts.Scope.of(rows))
    monkeypatch.setattr(facts, "HUBS_BY_ID", 0)
    every_hub = facts.facts_for_rows(rows, facts.Scope.of(rows))
    assert every_hub == by_id
    assert {f.cadence.hub for f in by_id.values()} == {HubCode.SAFEGUARDING_SUPPORT, HubCode.STRENGTHENING_FAMILIES}
