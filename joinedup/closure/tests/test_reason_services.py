"""Changing a closure reason (C11): audited with what changed, never over someone else's save, only by
an administrator of the area; past closures keep the retention date they were given."""

from datetime import UTC, date, datetime

import pytest

from joinedup.accounts.choices import Role
from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.closure import services
from joinedup.closure.models import ClosureReason
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.organisations.tests.factories import UserFactory
from joinedup.people.models import Child
from joinedup.people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


@pytest.fixture
def reasons(world):
    return {r.code: r for r in services.load_default_reasons(area=world.area, by=None, now=NOW)}


def _update(reason, by, version=0, **changes):
    values = {
        "label": reason.label,
        "retention_from": reason.retention_from,
        "retention_years": reason.retention_years,
        "active": reason.active,
    }
    return services.update_closure_reason(reason=reason, expected_version=version, by=by, now=NOW, **(values | changes))


def test_r_c11_reason_edit_a_change_is_saved_and_audited_with_the_fields_that_changed(world, reasons):
    reason = _update(reasons["DIED"], world.administrator, retention_years=20, label="The child died ")

    assert (reason.label, reason.retention_years, reason.version) == ("The child died", 20, 1)
    event = AuditEvent.objects.get(subject_id=str(reason.pk), action=AuditAction.UPDATED)
    assert event.user == world.administrator
    assert event.child is None
    assert event.changes == {
        "fields": ["retention_years"],
        "before": {"retention_years": 15},
        "after": {"retention_years": 20},
    }


def test_r_c11_reason_edit_loading_the_defaults_is_audited_once(world, reasons):
    assert AuditEvent.objects.filter(action=AuditAction.CREATED, subject_type="closure.ClosureReason").count() == 6
    services.load_default_reasons(area=world.area, by=None, now=NOW)
    assert AuditEvent.objects.filter(action=AuditAction.CREATED, subject_type="closure.ClosureReason").count() == 6


def test_r_c11_reason_edit_broken_rules_store_nothing(world, reasons):
    with pytest.raises(RuleViolations) as exc:
        _update(reasons["MOVED_AREA"], world.administrator, label="", retention_years=5)
    assert [(v.rule, v.field) for v in exc.value.violations] == [
        ("C11-REASON-EDIT", "label"),
        ("C11-REASON-EDIT", "retention_years"),
    ]
    reason = ClosureReason.objects.get(pk=reasons["MOVED_AREA"].pk)
    assert (reason.label, reason.retention_years, reason.version) == ("The family moved to another area", 25, 0)
    assert not AuditEvent.objects.filter(subject_id=str(reason.pk), action=AuditAction.UPDATED).exists()


def test_r_c11_reason_in_use_the_last_reason_in_use_stays_on(world, reasons):
    ClosureReason.objects.filter(area=world.area).exclude(code="OTHER").update(active=False)
    with pytest.raises(RuleViolations) as exc:
        _update(reasons["OTHER"], world.administrator, active=False)
    assert [v.rule for v in exc.value.violations] == ["C11-REASON-IN-USE"]
    assert ClosureReason.objects.get(pk=reasons["OTHER"].pk).active


def test_r_g5_a_second_administrator_editing_the_same_version_is_refused(world, reasons):
    colleague = UserFactory(area=world.area, role=Role.ADMINISTRATOR)
    _update(reasons["DIED"], world.administrator, retention_years=20)
    with pytest.raises(EditConflict):
        _update(reasons["DIED"], colleague, retention_years=30)
    assert ClosureReason.objects.get(pk=reasons["DIED"].pk).retention_years == 20


@pytest.mark.parametrize("persona", ["manager", "operations_manager", "commissioner", "key_worker"])
def test_r_c11_reason_edit_only_an_administrator_changes_a_reason(world, reasons, persona):
    with pytest.raises(RuleViolations):
        _update(reasons["DIED"], world.personas()[persona], retention_years=2)
    assert ClosureReason.objects.get(pk=reasons["DIED"].pk).retention_years == 15


def test_r_c11_reason_edit_an_administrator_of_another_area_is_refused(world, reasons):
    other = UserFactory(area=world.other_area_practitioner.organisation.area, role=Role.ADMINISTRATOR)
    with pytest.raises(RuleViolations):
        _update(reasons["DIED"], other, retention_years=2)
    assert ClosureReason.objects.get(pk=reasons["DIED"].pk).retention_years == 15


def test_r_c11_retention_a_past_closure_keeps_its_date_and_the_next_one_reads_the_new_rule(world, reasons):
    Child.objects.filter(pk=world.child.pk).update(date_of_birth=date(2015, 6, 1))
    world.child.refresh_from_db()
    first = services.close_case(
        child=world.child,
        reason=reasons["NOT_NEEDED"],
        closed_on=TODAY,
        note="Outcomes met",
        by=world.manager.user,
        now=NOW,
        today=TODAY,
    )
    assert first.retain_until == date(2040, 6, 1)

    reason = _update(reasons["NOT_NEEDED"], world.administrator, retention_years=30)

    first.refresh_from_db()
    assert first.retain_until == date(2040, 6, 1)  # given at closure, never recalculated
    sibling = ChildFactory(area=world.area, holding_team=world.hub, date_of_birth=date(2015, 6, 1))
    second = services.close_case(
        child=sibling, reason=reason, closed_on=TODAY, note="Outcomes met", by=world.manager.user, now=NOW, today=TODAY
    )
    assert second.retain_until == date(2045, 6, 1)
