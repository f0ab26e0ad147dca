"""The nightly sweep reads only the children whose duty facts changed, and those turning 18 (C5, C10, issue 6).

The database's triggers name a child in ``FactChange`` when a fact the rules read changes; the
sweep then reads those children. The proof that nothing is missed: after the nightly sweep, a sweep
of every child finds nothing left to do.
"""

import ast
import importlib.util
from datetime import UTC, date, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F, Model

from joinedup.allocation.models import Allocation, Hub
from joinedup.assessments.models import CarersAssessmentReview
from joinedup.assessments.tests.factories import carers_assessment
from joinedup.duties import facts, services
from joinedup.duties.choices import CadenceKind, DutyKind, DutyStatus
from joinedup.duties.models import CadenceAgreement, Duty, FactChange, SweepRun
from joinedup.duties.sweep_plan import deciding_modules, rules_fingerprint, sweep_plan
from joinedup.duties.tests.allocating import allocate
from joinedup.organisations.choices import JobRole
from joinedup.organisations.models import Practitioner
from joinedup.people.models import CarerLink, Child
from joinedup.people.tests.factories import CarerFactory, CarerLinkFactory, ChildFactory
from joinedup.plans.choices import PlanKind, PlanStatus
from joinedup.plans.tests.factories import PlanFactory
from joinedup.teams.models import KeyWorkerAssignment, KeyWorkingSupport, SupportLevel, TeamMembership
from joinedup.transfers.choices import TransferStatus
from joinedup.transfers.models import Transfer

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)
MIGRATION = Path(__file__).resolve().parent.parent / "migrations" / "0004_fact_change_triggers.py"


def _named():
    return set(FactChange.objects.values_list("child_id", flat=True))


def _swept_world(world):
    """The world with its child allocated and every child swept once: nothing named."""
    allocate(world, world.child, world.hub, world.team_member)
    services.sweep(today=TODAY, now=NOW)
    assert not FactChange.objects.exists()
    return world


def _nothing_left_for_a_sweep_of_every_child(today=TODAY):
    everyone = services.sweep(today=today, now=NOW, every_child=True)
    assert everyone.every_child
    assert (everyone.created, everyone.updated, everyone.cancelled) == (0, 0, 0)


def test_r_c5_the_first_sweep_reads_every_child_and_the_next_only_those_changed(world):
    allocate(world, world.child, world.hub, world.team_member)
    first = services.sweep(today=TODAY, now=NOW)
    assert first.every_child
    assert first.children == Child.objects.count()
    assert first.created > 0
    run = SweepRun.objects.get()
    assert (run.day, run.every_child, run.children, run.rules) == (TODAY, True, first.children, rules_fingerprint())
    assert not FactChange.objects.exists()  # the sweep forgot the changes it read

    again = services.sweep(today=TODAY, now=NOW)
    assert not again.every_child
    assert (again.children, again.created, again.updated, again.cancelled) == (0, 0, 0, 0)


def test_r_c5_a_change_of_worker_is_swept_at_night_and_nothing_is_left_over(world):
    _swept_world(world)
    Allocation.objects.filter(child=world.child).update(end_date=TODAY)
    allocate(world, world.child, world.hub, world.key_worker)
    assert _named() == {world.child.pk}
    plan = sweep_plan(today=TODAY)
    assert (plan.every_child, plan.ids) == (False, (world.child.pk,))

    night = services.sweep(today=TODAY, now=NOW)
    assert night.children == 1
    assert night.updated > 0
    assert Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT).owner == world.key_worker
    assert not FactChange.objects.exists()
    _nothing_left_for_a_sweep_of_every_child()


def test_r_c5_a_duty_done_names_the_child_and_the_sweep_schedules_the_next(world):
    _swept_world(world)
    visit = Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT)
    Duty.objects.filter(pk=visit.pk).update(status=DutyStatus.DONE, completed_on=TODAY)
    assert _named() == {world.child.pk}
    night = services.sweep(today=TODAY, now=NOW)
    assert night.created == 1
    assert Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT).due_on > visit.due_on
    _nothing_left_for_a_sweep_of_every_child()


def test_r_c5_a_step_that_brings_the_childs_duties_up_to_date_leaves_nothing_for_the_night(world):
    _swept_world(world)
    visit = Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT)
    services.complete_duty(duty=visit, on=TODAY, note="Seen at home", by=world.team_member.user, now=NOW, today=TODAY)
    assert Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT).due_on > visit.due_on
    assert _named() == set()  # the duty done named the child; completing it swept them
    assert sweep_plan(today=TODAY).children == 0


def test_the_sweeps_own_writes_and_other_details_name_no_child(world):
    _swept_world(world)
    Duty.objects.open().filter(child=world.child).update(due_on=F("due_on") + timedelta(days=7))  # moved
    Child.objects.filter(pk=world.child.pk).update(address="1 New Street", postcode="AB1 2CD")
    Child.objects.get(pk=world.child.pk).save()  # every column written, none of the facts changed
    Hub.objects.filter(team=world.hub).update(team=world.hub)  # the same value
    Practitioner.objects.filter(pk=world.team_member.pk).update(job_role=world.team_member.job_role)
    assert _named() == set()


def _child_details(world):
    Child.objects.filter(pk=world.child.pk).update(date_of_birth=date(2010, 1, 1))
    return {world.child.pk}


def _hub_cadence(world):
    Hub.objects.filter(team=world.hub).update(visit_days=28)
    return set(Child.objects.filter(holding_team=world.hub).values_list("pk", flat=True))


def _job_role(world):
    Practitioner.objects.filter(pk=world.team_member.pk).update(job_role=JobRole.SEN_OFFICER)
    teams = TeamMembership.objects.current().filter(practitioner=world.team_member)
    return set(teams.values_list("child_id", flat=True))


def _membership(world):
    TeamMembership.objects.filter(child=world.child, practitioner=world.team_member).update(end_date=TODAY)
    return {world.child.pk}


def _key_worker(world):
    KeyWorkerAssignment.objects.filter(child=world.child).delete()
    return {world.child.pk}


def _key_working_level(world):
    KeyWorkingSupport.objects.create(
        child=world.child,
        level=SupportLevel.INTENSIVE,
        contact_days=14,
        reason="More support through the move",
        review_on=date(2027, 3, 1),
        set_by=world.manager.user,
        set_at=NOW,
    )
    return {world.child.pk}


def _cadence_agreement(world):
    CadenceAgreement.objects.create(
        child=world.child,
        kind=CadenceKind.VISIT,
        interval_days=56,
        reason="Settled at school",
        agreed_by=world.manager.user,
        agreed_at=NOW,
    )
    return {world.child.pk}


def _ehc_plan(world):
    PlanFactory(child=world.child, kind=PlanKind.EHC, status=PlanStatus.CURRENT)
    return {world.child.pk}


def _carers_assessment_and_review(world):
    assessment = carers_assessment(world.child)
    FactChange.objects.all().delete()  # the review's own trigger, below, must name the child alone
    CarersAssessmentReview.objects.create(
        assessment=assessment,
        reviewed_on=TODAY,
        review_months=12,
        notes="No change",
        reviewer=assessment.assessor,
        recorded_by=assessment.recorded_by,
        recorded_at=NOW,
    )
    return {world.child.pk}


def _carer_unlinked(world):
    CarerLinkFactory(child=world.child, carer=CarerFactory(area=world.area))
    FactChange.objects.all().delete()
    CarerLink.objects.filter(child=world.child).delete()
    return {world.child.pk}


def _transfer(world):
    Transfer.objects.create(
        child=world.child,
        from_hub=Hub.objects.get(team=world.hub),
        to_hub=Hub.objects.get(team=world.other_hub),
        status=TransferStatus.COMPLETED,
        reason="Needs family support",
        proposed_by=world.manager.user,
        proposed_at=NOW,
        last_reviewed_at=NOW,
        closed_at=NOW,
    )
    return {world.child.pk}


def _new_child(world):
    return {ChildFactory(area=world.area, holding_team=world.hub).pk}


@pytest.mark.parametrize(
    "change",
    [
        _child_details,
        _hub_cadence,
        _job_role,
        _membership,
        _key_worker,
        _key_working_level,
        _cadence_agreement,
        _ehc_plan,
        _carers_assessment_and_review,
        _carer_unlinked,
        _transfer,
        _new_child,
    ],
)
def test_r_c5_every_fact_the_rules_read_names_its_children_when_it_changes(world, change):
    _swept_world(world)
    expected = change(world)
    assert expected
    assert _named() == expected
    services.sweep(today=TODAY, now=NOW)
    assert not FactChange.objects.exists()
    _nothing_left_for_a_sweep_of_every_child()


def test_r_c10_a_young_person_turning_18_is_swept_with_no_change_to_their_facts(world):
    eighteen = date(2027, 1, 10)
    child = ChildFactory(area=world.area, holding_team=world.hub, date_of_birth=date(2009, 1, 10))
    _swept_world(world)
    assert Duty.objects.open().filter(child=child, kind=DutyKind.POST_18_PLAN).exists()

    the_day_before = services.sweep(today=eighteen - timedelta(days=1), now=NOW)
    assert child.pk not in sweep_plan(today=eighteen - timedelta(days=1)).ids
    assert the_day_before.cancelled == 0
    on_the_day = services.sweep(today=eighteen, now=NOW)
    assert on_the_day.children >= 1
    assert not on_the_day.every_child
    assert not Duty.objects.open().filter(child=child, kind=DutyKind.POST_18_PLAN).exists()
    _nothing_left_for_a_sweep_of_every_child(today=eighteen)


def test_r_c10_29_february_birthdays_are_swept_on_the_day_they_turn_18(world):
    child = ChildFactory(area=world.area, holding_team=world.hub, date_of_birth=date(2008, 2, 29))
    _swept_world(world)
    services.sweep(today=date(2026, 2, 27), now=NOW)
    assert child.pk in sweep_plan(today=date(2026, 3, 1)).ids  # 2026 has no 29 February: 1 March
    services.sweep(today=date(2026, 3, 1), now=NOW)
    _nothing_left_for_a_sweep_of_every_child(today=date(2026, 3, 1))


def test_r_c5_every_child_is_swept_after_the_rules_change_or_for_an_earlier_day(world):
    _swept_world(world)
    assert not sweep_plan(today=TODAY).every_child
    SweepRun.objects.update(rules="a digest of an older release's rules")
    plan = sweep_plan(today=TODAY)
    assert plan.every_child
    assert "rules changed" in plan.why
    assert plan.children == Child.objects.count()
    services.sweep(today=TODAY, now=NOW)
    assert not sweep_plan(today=TODAY).every_child
    assert "later day" in sweep_plan(today=TODAY - timedelta(days=1)).why


def test_the_rules_fingerprint_covers_the_code_the_rules_and_facts_import():
    modules = deciding_modules()
    for module in ("joinedup.duties.rules", "joinedup.duties.facts"):
        tree = ast.parse(Path(importlib.util.find_spec(module).origin).read_text())
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        for name in imported:
            if name.startswith("joinedup"):
                assert any(m == name or m.startswith(name + ".") for m in modules), name
    assert {"joinedup.teams.rules", "joinedup.core.dates", "joinedup.allocation.models"} <= modules
    assert len(rules_fingerprint()) == 64


def test_every_table_the_facts_read_has_its_triggers():
    """A model read by ``duties.facts`` (and the practitioner, read through the team) without a
    trigger would be a change the nightly sweep never sees."""
    read = {value for value in vars(facts).values() if isinstance(value, type) and issubclass(value, Model)}
    tables = {model._meta.db_table for model in read} | {Practitioner._meta.db_table}
    assert {"duties_duty", "allocation_hub", "teams_keyworkingsupport"} <= tables
    source = MIGRATION.read_text()
    for table in tables:
        assert f'"{table}",' in source, table
    with connection.cursor() as cursor:
        triggers = _trigger_names(cursor)
    assert {t for t in triggers if t.startswith("duties_fact_")} >= {f"duties_fact_{t}_update" for t in tables}


def _trigger_names(cursor):
    if connection.vendor == "postgresql":
        cursor.execute("SELECT tgname FROM pg_trigger")
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    return {row[0] for row in cursor.fetchall()}


def test_sweep_command_says_which_children_it_reads(world):
    allocate(world, world.child, world.hub, world.team_member)
    out = StringIO()
    call_command("sweep", stdout=out, stderr=StringIO())
    assert "every child: no sweep has finished before" in out.getvalue()
    out = StringIO()
    call_command("sweep", stdout=out, stderr=StringIO())
    assert "Sweeping 0 children whose facts changed and 0 who turned 18 since the sweep for" in out.getvalue()
    out = StringIO()
    call_command("sweep", every_child=True, stdout=out, stderr=StringIO())
    assert "every child, as asked" in out.getvalue()
    assert f"{Child.objects.count()} children:" in out.getvalue()
