"""The duty engine against the database: the sweep, completing a duty, a manager's agreement (C5, C10)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.allocation.models import Allocation
from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.duties import services
from joinedup.duties.choices import CadenceKind, DutyKind, DutyStatus
from joinedup.duties.models import Duty
from joinedup.duties.tests.allocating import allocate
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.people.models import Child
from joinedup.people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)


def _open(child):
    return {d.kind: d for d in Duty.objects.open().filter(child=child)}


def test_r_c5_the_sweep_schedules_reviews_and_visits_owned_by_the_allocated_worker(world):
    allocate(world, world.child, world.hub, world.same_org_outsider)
    result = services.sweep(today=TODAY, now=NOW)
    duties = _open(world.child)
    assert duties[DutyKind.CIN_REVIEW].due_on == date(2026, 11, 12)  # 6 weeks after 1 October: overdue
    assert duties[DutyKind.VISIT].owner == world.same_org_outsider
    assert result.created >= 2
    assert AuditEvent.objects.filter(child=world.child, what__startswith="Duties: scheduled").count() == 1


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(born=st.dates(min_value=date(2006, 1, 1), max_value=date(2026, 11, 1)), in_sf=st.booleans())
def test_r_c5_the_sweep_run_twice_creates_nothing_new(world, born, in_sf):
    child = ChildFactory(area=world.area, holding_team=world.other_hub if in_sf else world.hub, date_of_birth=born)
    services.sweep(today=TODAY, now=NOW)
    before = list(Duty.objects.order_by("id").values_list("id", "due_on", "owner_id", "status"))
    events = AuditEvent.objects.count()
    again = services.sweep(today=TODAY, now=NOW)
    assert (again.created, again.updated, again.cancelled) == (0, 0, 0)
    assert list(Duty.objects.order_by("id").values_list("id", "due_on", "owner_id", "status")) == before
    assert AuditEvent.objects.count() == events
    assert _open(child)  # every child a hub holds has duties


def test_r_c5_completing_a_duty_records_it_and_schedules_the_next(world):
    allocate(world, world.child, world.hub, world.same_org_outsider)
    services.sweep(today=TODAY, now=NOW)
    visit = _open(world.child)[DutyKind.VISIT]
    done = services.complete_duty(
        duty=visit, on=date(2026, 11, 30), note="Seen at home", by=world.key_worker.user, now=NOW, today=TODAY
    )
    assert (done.status, done.completed_on, done.completed_by) == (
        DutyStatus.DONE,
        date(2026, 11, 30),
        world.key_worker.user,
    )
    following = _open(world.child)[DutyKind.VISIT]
    assert following.pk != visit.pk
    assert following.due_on == date(2026, 11, 30) + timedelta(days=42)
    assert "last done 30 November 2026" in following.basis


def test_r_c5_complete_only_by_the_childs_team_or_its_managers(world):
    services.sweep(today=TODAY, now=NOW)
    visit = _open(world.child)[DutyKind.VISIT]
    with pytest.raises(RuleViolations, match="Only the child's team or its managers"):
        services.complete_duty(duty=visit, on=TODAY, note="", by=world.same_org_outsider.user, now=NOW, today=TODAY)
    assert _open(world.child)[DutyKind.VISIT].pk == visit.pk


def test_r_c5_a_duty_done_twice_or_in_the_future_is_refused(world):
    services.sweep(today=TODAY, now=NOW)
    visit = _open(world.child)[DutyKind.VISIT]
    with pytest.raises(RuleViolations, match="today or in the past"):
        services.complete_duty(
            duty=visit, on=TODAY + timedelta(days=1), note="", by=world.manager.user, now=NOW, today=TODAY
        )
    services.complete_duty(duty=visit, on=TODAY, note="", by=world.manager.user, now=NOW, today=TODAY)
    with pytest.raises(RuleViolations, match="already been recorded"):
        services.complete_duty(duty=visit, on=TODAY, note="", by=world.manager.user, now=NOW, today=TODAY)


def test_r_c5_open_duties_move_with_the_case_to_the_new_worker_and_hub(world):
    """Every open item of the child moves with a transfer (C7): the sweep re-dates and re-owns them."""
    old = allocate(world, world.child, world.hub, world.same_org_outsider)
    services.sweep(today=TODAY, now=NOW)
    review = _open(world.child)[DutyKind.CIN_REVIEW]
    Allocation.objects.filter(pk=old.pk).update(end_date=TODAY)
    swap = PractitionerFactory(organisation=world.other_hub.organisation, job_role="SWAP", teams=[world.other_hub])
    allocate(world, world.child, world.other_hub, swap, start=TODAY)
    services.sweep(today=TODAY, now=NOW)
    moved = _open(world.child)[DutyKind.CIN_REVIEW]
    assert moved.pk == review.pk
    assert (moved.owner, moved.due_on) == (swap, TODAY + timedelta(days=91))
    assert "Strengthening Families" in moved.basis


def test_r_c5_a_case_no_hub_holds_has_its_swept_duties_cancelled(world):
    services.sweep(today=TODAY, now=NOW)
    assert _open(world.child)
    Child.objects.filter(pk=world.child.pk).update(holding_team=None)
    result = services.sweep(today=TODAY, now=NOW)
    assert not _open(world.child)
    assert result.cancelled >= 2
    assert Duty.objects.filter(child=world.child, status=DutyStatus.CANCELLED).exists()


def test_r_c5_agreement_by_a_manager_moves_the_visit_date(world):
    services.sweep(today=TODAY, now=NOW)
    before = _open(world.child)[DutyKind.VISIT].due_on
    services.agree_cadence(
        child=world.child,
        kind=CadenceKind.VISIT,
        interval_days=84,
        reason="Settled; family asked for fewer visits",
        by=world.manager.user,
        now=NOW,
        today=TODAY,
    )
    assert _open(world.child)[DutyKind.VISIT].due_on == before + timedelta(days=42)


def test_r_c5_agreement_only_by_a_manager_of_the_case(world):
    with pytest.raises(RuleViolations, match="Only a manager of the case"):
        services.agree_cadence(
            child=world.child,
            kind=CadenceKind.VISIT,
            interval_days=84,
            reason="Because",
            by=world.key_worker.user,
            now=NOW,
            today=TODAY,
        )


def test_sweep_command_reports_what_it_did(world, capsys):
    call_command("sweep")
    out = capsys.readouterr().out
    assert "duties scheduled" in out
    call_command("sweep")
    assert "0 duties scheduled, 0 moved, 0 no longer needed" in capsys.readouterr().out


def test_r_c5_ehc_review_follows_the_current_ehc_plan(world):
    from joinedup.plans import services as plans
    from joinedup.plans.tests.factories import PlanFactory

    draft = PlanFactory(child=world.child, kind="EHC", start_date=date(2026, 3, 2))
    plans.make_plan_current(plan=draft, expected_version=draft.version, by=world.key_worker.user, now=NOW, today=TODAY)
    review = _open(world.child)[DutyKind.EHC_ANNUAL_REVIEW]
    assert (review.due_on, review.rule) == (date(2027, 3, 2), "C5-EHC-REVIEW")
    draft.refresh_from_db()
    plans.end_plan(
        plan=draft,
        ended_on=TODAY,
        reason="Ceased",
        expected_version=draft.version,
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )
    assert DutyKind.EHC_ANNUAL_REVIEW not in _open(world.child)


def test_r_c10_pfa_a_current_preparing_for_adulthood_plan_is_the_milestone_done(world):
    from joinedup.plans import services as plans
    from joinedup.plans.tests.factories import PlanFactory

    Child.objects.filter(pk=world.child.pk).update(date_of_birth=date(2012, 6, 1))  # 14 next June
    services.sweep(today=TODAY, now=NOW)
    assert DutyKind.PFA_PLAN in _open(world.child)
    draft = PlanFactory(child=world.child, kind="PREPARING_FOR_ADULTHOOD")
    plans.make_plan_current(plan=draft, expected_version=draft.version, by=world.key_worker.user, now=NOW, today=TODAY)
    assert DutyKind.PFA_PLAN not in _open(world.child)
    assert Duty.objects.get(child=world.child, kind=DutyKind.PFA_PLAN).status == DutyStatus.DONE
    services.sweep(today=TODAY, now=NOW)
    assert DutyKind.PFA_PLAN not in _open(world.child)  # a milestone done is never scheduled again
