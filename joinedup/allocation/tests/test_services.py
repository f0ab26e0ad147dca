"""Allocating a worker: rules and capacity enforced, explanation stored, audited (C3, C4, B1)."""

import threading
from datetime import UTC, date, datetime

import pytest
from django.db import connection

from joinedup.accounts.choices import Role
from joinedup.allocation import services
from joinedup.allocation.choices import HubCode, RespiteFunding, RiskTier, WorkerRelationship
from joinedup.allocation.models import Allocation, CaseloadCapacity
from joinedup.allocation.rules import ChildFacts
from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.people.tests.factories import ChildFactory
from joinedup.teams.models import TeamMembership

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def facts(**changes):
    base = {
        "risk_tier": RiskTier.HIGH,
        "section_47_open": False,
        "single_assessment_needed": False,
        "child_protection_plan": False,
        "looked_after_or_edge_of_care": False,
        "complex_needs_beyond_disability": False,
        "overnight_respite": RespiteFunding.NONE,
        "stable_support_package": False,
        "change_in_need_not_time_limited": False,
        "sibling_of_child_held": False,
        "sibling_hub": None,
    }
    return ChildFacts(**(base | changes))


@pytest.fixture
def hub(world):
    return services.configure_hub(team=world.hub, code=HubCode.SAFEGUARDING_SUPPORT)


def _allocate(world, hub, practitioner, by=None, reason="", **fact_changes):
    return services.allocate(
        child=world.child,
        hub=hub,
        practitioner=practitioner,
        relationship=WorkerRelationship.ALLOCATED,
        facts=facts(**fact_changes),
        over_capacity_reason=reason,
        by=by or world.manager.user,
        now=NOW,
        today=TODAY,
    )


@pytest.mark.django_db
def test_r_c3_allocation_stores_the_rules_that_fired_and_is_audited(world, hub):
    allocation = _allocate(world, hub, world.same_org_outsider, section_47_open=True)
    assert "C3-S47" in [f["rule"] for f in allocation.fired_rules]
    assert all(f["reason"] for f in allocation.fired_rules)
    assert AuditEvent.objects.filter(child=world.child, subject_id=str(allocation.pk)).exists()
    # The worker joins the child's interagency team (B1).
    assert TeamMembership.objects.current().filter(child=world.child, practitioner=world.same_org_outsider).exists()


@pytest.mark.django_db
def test_r_c3_section_47_is_refused_to_a_family_support_worker(world, hub):
    fsw = PractitionerFactory(
        organisation=world.hub.organisation, job_role=JobRole.FAMILY_SUPPORT_WORKER, teams=[world.hub]
    )
    with pytest.raises(RuleViolations) as exc:
        _allocate(world, hub, fsw, section_47_open=True)
    assert exc.value.violations[0].field == "worker"
    assert not Allocation.objects.exists()


@pytest.mark.django_db
def test_r_c4_allocation_beyond_capacity_is_refused(world, hub):
    CaseloadCapacity.objects.create(practitioner=world.same_org_outsider, capacity=0)
    with pytest.raises(RuleViolations) as exc:
        _allocate(world, hub, world.same_org_outsider)
    assert "capacity" in str(exc.value)
    assert not Allocation.objects.exists()


@pytest.mark.django_db
def test_r_c4_an_operations_manager_may_override_capacity_with_a_reason(world, hub):
    CaseloadCapacity.objects.create(practitioner=world.same_org_outsider, capacity=0)
    ops = PractitionerFactory(
        organisation=world.hub.organisation, user__role=Role.OPERATIONS_MANAGER, job_role=JobRole.OPERATIONS_MANAGER
    )
    with pytest.raises(RuleViolations):
        _allocate(world, hub, world.same_org_outsider, by=ops.user)  # no reason given
    allocation = _allocate(world, hub, world.same_org_outsider, by=ops.user, reason="Knows the family; short term")
    assert allocation.over_capacity_reason == "Knows the family; short term"
    with pytest.raises(RuleViolations):  # a team manager cannot override, reason or not
        services.allocate(
            child=ChildFactory(area=world.area),
            hub=hub,
            practitioner=world.same_org_outsider,
            relationship=WorkerRelationship.ALLOCATED,
            facts=facts(),
            over_capacity_reason="Please",
            by=world.manager.user,
            now=NOW,
            today=TODAY,
        )


@pytest.mark.django_db
def test_r_c4_a_new_allocated_worker_ends_the_previous_one(world, hub):
    first = _allocate(world, hub, world.same_org_outsider)
    second = _allocate(world, hub, world.key_worker)
    first.refresh_from_db()
    assert first.end_date == TODAY
    assert second.end_date is None
    assert Allocation.objects.current().filter(child=world.child, relationship="ALLOCATED").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two real connections; SQLite serialises writers")
def test_r_c4_two_managers_taking_the_last_place_at_once_exactly_one_succeeds(world_for_threads):
    world, hub, worker, children = world_for_threads
    results: list[str] = []
    barrier = threading.Barrier(2)

    def take(child):
        barrier.wait()
        try:
            services.allocate(
                child=child,
                hub=hub,
                practitioner=worker,
                relationship=WorkerRelationship.ALLOCATED,
                facts=facts(),
                over_capacity_reason="",
                by=world.manager.user,
                now=NOW,
                today=TODAY,
            )
            results.append("ok")
        except RuleViolations as exc:
            results.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(c,)) for c in children]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results)[-1] == "ok"
    assert results.count("ok") == 1
    assert any("capacity" in r for r in results)
    assert Allocation.objects.filter(practitioner=worker).count() == 1


@pytest.fixture
def world_for_threads(transactional_world):
    world = transactional_world
    hub = services.configure_hub(team=world.hub, code=HubCode.SAFEGUARDING_SUPPORT)
    CaseloadCapacity.objects.create(practitioner=world.same_org_outsider, capacity=1)
    children = [ChildFactory(area=world.area, holding_team=world.hub) for _ in range(2)]
    return world, hub, world.same_org_outsider, children


@pytest.mark.django_db
def test_r_c7_a_team_manager_cannot_move_the_case_to_another_hub_by_allocating(world, hub):
    swap = PractitionerFactory(organisation=world.hub.organisation, job_role=JobRole.SWAP, teams=[world.other_hub])
    with pytest.raises(RuleViolations) as exc:
        services.allocate(
            child=world.child,
            hub=world.other_hub.hub,
            practitioner=swap,
            relationship=WorkerRelationship.ALLOCATED,
            facts=facts(risk_tier=RiskTier.LOW_TO_MEDIUM),
            over_capacity_reason="",
            by=world.manager.user,
            now=NOW,
            today=TODAY,
        )
    assert "C7-VIA-TRANSFER" in [v.rule for v in exc.value.violations]
    assert not Allocation.objects.exists()
