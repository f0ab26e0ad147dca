"""Changing a hub's settings (C2, C4, C5): audited with what changed, never over someone else's save,
never moving a child; the next allocation reads the new capacity."""

import dataclasses
from datetime import UTC, date, datetime

import pytest

from joinedup.accounts.choices import Role
from joinedup.allocation import services
from joinedup.allocation.choices import RespiteFunding, RiskTier, WorkerRelationship
from joinedup.allocation.models import Allocation, Hub
from joinedup.allocation.rules import ChildFacts, HubSettings
from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory, UserFactory
from joinedup.people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def settings_of(hub: Hub, **changes) -> HubSettings:
    settings = HubSettings(
        tier=hub.tier,
        worker_roles=tuple(hub.worker_roles),
        default_capacity=hub.default_capacity,
        cin_review_days=hub.cin_review_days,
        review_interval_options=tuple(hub.review_interval_options),
        visit_days=hub.visit_days,
    )
    return dataclasses.replace(settings, **changes)


def _update(world, hub=None, by=None, version=0, **changes):
    hub = hub or world.hub.hub
    return services.update_hub_settings(
        hub=hub,
        settings=settings_of(hub, **changes),
        expected_version=version,
        by=by or world.administrator,
        now=NOW,
    )


def test_r_c2_hub_config_a_change_is_saved_and_audited_with_the_fields_that_changed(world):
    hub = _update(world, default_capacity=40, visit_days=28, tier="Tier 3 to 4 ")

    assert (hub.default_capacity, hub.visit_days, hub.tier, hub.version) == (40, 28, "Tier 3 to 4", 1)
    event = AuditEvent.objects.get(subject_id=str(hub.pk))
    assert event.action == AuditAction.UPDATED
    assert event.user == world.administrator
    assert event.child is None
    assert event.changes == {
        "fields": ["default_capacity", "visit_days"],
        "before": {"default_capacity": 50, "visit_days": 42},
        "after": {"default_capacity": 40, "visit_days": 28},
    }


def test_r_c2_hub_config_saving_nothing_new_writes_nothing(world):
    hub = _update(world)
    assert hub.version == 0
    assert not AuditEvent.objects.filter(subject_id=str(hub.pk)).exists()


def test_r_c2_hub_config_broken_rules_store_nothing(world):
    with pytest.raises(RuleViolations) as exc:
        _update(world, default_capacity=0, worker_roles=(JobRole.FAMILY_SUPPORT_WORKER.value,))
    assert [v.rule for v in exc.value.violations] == ["C3-S47", "C2-HUB-CONFIG"]
    hub = Hub.objects.get(pk=world.hub.hub.pk)
    assert (hub.default_capacity, hub.worker_roles, hub.version) == (50, [JobRole.SOCIAL_WORKER.value], 0)
    assert not AuditEvent.objects.filter(subject_id=str(hub.pk)).exists()


def test_r_g5_a_second_administrator_editing_the_same_version_is_refused(world):
    colleague = UserFactory(area=world.area, role=Role.ADMINISTRATOR)
    _update(world, default_capacity=45)  # both opened version 0; the first save wins
    with pytest.raises(EditConflict):
        _update(world, by=colleague, default_capacity=30)
    assert Hub.objects.get(pk=world.hub.hub.pk).default_capacity == 45


@pytest.mark.parametrize("persona", ["manager", "operations_manager", "commissioner", "key_worker"])
def test_r_c2_hub_config_only_an_administrator_changes_a_hub(world, persona):
    with pytest.raises(RuleViolations):
        _update(world, by=world.personas()[persona], default_capacity=10)
    assert Hub.objects.get(pk=world.hub.hub.pk).default_capacity == 50


def test_r_c2_hub_config_an_administrator_of_another_area_is_refused(world):
    other = UserFactory(area=world.other_area_practitioner.organisation.area, role=Role.ADMINISTRATOR)
    with pytest.raises(RuleViolations):
        _update(world, by=other, default_capacity=10)
    assert Hub.objects.get(pk=world.hub.hub.pk).default_capacity == 50
    assert not AuditEvent.objects.filter(subject_id=str(world.hub.hub.pk)).exists()


def _allocate(world, hub, practitioner):
    return services.allocate(
        child=ChildFactory(area=world.area, holding_team=world.hub),
        hub=hub,
        practitioner=practitioner,
        relationship=WorkerRelationship.ALLOCATED,
        facts=ChildFacts(
            risk_tier=RiskTier.HIGH,
            section_47_open=False,
            single_assessment_needed=False,
            child_protection_plan=False,
            looked_after_or_edge_of_care=False,
            complex_needs_beyond_disability=False,
            overnight_respite=RespiteFunding.NONE,
            stable_support_package=False,
            change_in_need_not_time_limited=False,
            sibling_of_child_held=False,
            sibling_hub=None,
        ),
        over_capacity_reason="",
        by=world.manager.user,
        now=NOW,
        today=TODAY,
    )


def test_r_c4_capacity_lowering_it_moves_no_child_and_the_next_allocation_reads_it(world):
    worker = PractitionerFactory(organisation=world.hub.organisation, job_role=JobRole.SOCIAL_WORKER, teams=[world.hub])
    held = [_allocate(world, world.hub.hub, worker) for _ in range(3)]

    hub = _update(world, default_capacity=2)

    assert set(Allocation.objects.current().filter(practitioner=worker)) == set(held)  # nobody moved
    with pytest.raises(RuleViolations) as exc:
        _allocate(world, hub, worker)
    assert [v.rule for v in exc.value.violations] == ["C4-CAPACITY"]
    assert "(3 of 2 children)" in str(exc.value)
    hub = _update(world, version=1, default_capacity=4)
    _allocate(world, hub, worker)  # room again under the raised capacity
