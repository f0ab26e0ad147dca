"""Duties a step schedules and closes, not the sweep (C5-SCHEDULED): EHC deadlines, joint working end."""

from datetime import UTC, date, datetime

import pytest

from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.duties import services
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import Duty

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)


def _schedule(world, kind=DutyKind.EHC_FINAL_PLAN, due_on=date(2027, 2, 18), starts_on=date(2026, 10, 20)):
    return services.schedule_duty(
        child=world.child,
        kind=kind,
        due_on=due_on,
        starts_on=starts_on,
        owner=world.key_worker,
        rule="F3-FINAL-20-WEEKS",
        basis="The final EHC plan within 20 weeks of the request",
        by=world.manager.user,
        now=NOW,
    )


def test_r_c5_scheduled_a_step_schedules_a_duty_with_its_rule_owner_and_audit_row(world):
    duty = _schedule(world)
    assert (duty.status, duty.due_on, duty.starts_on, duty.owner, duty.rule) == (
        DutyStatus.OPEN,
        date(2027, 2, 18),
        date(2026, 10, 20),
        world.key_worker,
        "F3-FINAL-20-WEEKS",
    )
    event = AuditEvent.objects.get(subject_id=str(duty.pk))
    assert event.what == "Scheduled EHC needs assessment: final EHC plan, due 18 February 2027"


def test_r_c5_scheduled_a_second_open_duty_of_the_kind_is_refused_saying_why(world):
    _schedule(world)
    before = (Duty.objects.count(), AuditEvent.objects.count())
    with pytest.raises(RuleViolations) as exc:
        _schedule(world, due_on=date(2027, 3, 1))
    assert [(v.rule, v.message) for v in exc.value.violations] == [
        (
            "C5-SCHEDULED",
            "There is already an open duty for this child: EHC needs assessment: final EHC plan. Close it first",
        )
    ]
    assert (Duty.objects.count(), AuditEvent.objects.count()) == before


def test_r_c5_scheduled_a_start_after_the_due_date_starts_on_it(world):
    assert _schedule(world, due_on=date(2027, 2, 18), starts_on=date(2027, 5, 1)).starts_on == date(2027, 2, 18)


def test_r_c5_scheduled_the_sweep_computes_its_own_kinds_and_a_step_cannot_schedule_them(world):
    with pytest.raises(ValueError):
        _schedule(world, kind=DutyKind.VISIT)
    with pytest.raises(ValueError):
        services.close_duty(
            child=world.child, kind=DutyKind.VISIT, status=DutyStatus.CANCELLED, on=None, note="", by=None, now=NOW
        )


def test_r_c5_scheduled_closing_done_or_cancelled_and_the_sweep_leaves_it_alone(world):
    _schedule(world)
    services.sweep(today=TODAY, now=NOW)
    assert Duty.objects.open().filter(child=world.child, kind=DutyKind.EHC_FINAL_PLAN).count() == 1
    done = services.close_duty(
        child=world.child,
        kind=DutyKind.EHC_FINAL_PLAN,
        status=DutyStatus.DONE,
        on=date(2026, 11, 30),
        note="Final EHC plan issued",
        by=world.manager.user,
        now=NOW,
    )
    assert (done.status, done.completed_on, done.completed_by, done.note) == (
        DutyStatus.DONE,
        date(2026, 11, 30),
        world.manager.user,
        "Final EHC plan issued",
    )
    assert AuditEvent.objects.filter(subject_id=str(done.pk), what__startswith="Done: ").exists()
    # Nothing open any more: closing again finds nothing and changes nothing.
    again = services.close_duty(
        child=world.child, kind=DutyKind.EHC_FINAL_PLAN, status=DutyStatus.DONE, on=TODAY, note="", by=None, now=NOW
    )
    assert again is None
    _schedule(world)
    cancelled = services.close_duty(
        child=world.child,
        kind=DutyKind.EHC_FINAL_PLAN,
        status=DutyStatus.CANCELLED,
        on=None,
        note="Stopped",
        by=world.manager.user,
        now=NOW,
    )
    assert (cancelled.status, cancelled.completed_on) == (DutyStatus.CANCELLED, None)


def test_r_c5_scheduled_done_needs_a_date_and_cancelled_none(world):
    _schedule(world)
    for status, on in ((DutyStatus.DONE, None), (DutyStatus.CANCELLED, TODAY), (DutyStatus.OPEN, None)):
        with pytest.raises(ValueError):
            services.close_duty(
                child=world.child, kind=DutyKind.EHC_FINAL_PLAN, status=status, on=on, note="", by=None, now=NOW
            )
