"""Allocation decisions through the API: who works on the case, the rules that fired, capacity (C3, C4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joinedup.allocation.choices import HubCode
from joinedup.allocation.models import Allocation, CaseloadCapacity
from joinedup.allocation.services import configure_hub
from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.organisations.tests.factories import OrganisationFactory, PractitionerFactory, TeamFactory
from joinedup.teams.models import TeamMembership

pytestmark = pytest.mark.django_db

FACTS = {
    "risk_tier": "HIGH",
    "section_47_open": False,
    "single_assessment_needed": False,
    "child_protection_plan": False,
    "looked_after_or_edge_of_care": False,
    "complex_needs_beyond_disability": False,
    "overnight_respite": "NONE",
    "stable_support_package": False,
    "change_in_need_not_time_limited": False,
}


def _path(world: Any) -> str:
    return f"/api/v1/children/{world.child.pk}/allocations/"


def _body(world: Any, *, facts: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    body = {
        "facts": FACTS | (facts or {}),
        "hub_id": str(world.hub.hub.pk),
        "practitioner_id": str(world.key_worker.pk),
        "relationship": "ALLOCATED",
        "over_capacity_reason": "",
    }
    return body | changes


def _stored() -> tuple[int, int, int]:
    return Allocation.objects.count(), TeamMembership.objects.count(), AuditEvent.objects.count()


def test_r_c3_a_manager_allocates_and_the_rules_that_fired_are_stored(world, api_as) -> None:
    response = api_as(world.manager.user).post(_path(world), _body(world, facts={"section_47_open": True}))

    assert response.status_code == 201, response.content
    body = response.json()
    allocation = Allocation.objects.get(pk=body["id"])
    assert (allocation.practitioner, allocation.relationship, allocation.decided_by) == (
        world.key_worker,
        "ALLOCATED",
        world.manager.user,
    )
    assert [f["rule"] for f in body["fired_rules"]] == ["C3-S47", "C3-TIER"]
    assert [f["rule"] for f in allocation.fired_rules] == ["C3-S47", "C3-TIER"]
    assert body["fired_rules"][0]["roles"] == ["SOCIAL_WORKER"]
    assert "section 47" in body["fired_rules"][0]["reason"]
    assert (body["hub"]["code"], body["name"]) == ("SAFEGUARDING_SUPPORT", world.key_worker.full_name)
    assert AuditEvent.objects.filter(
        user=world.manager.user, action=AuditAction.CREATED, subject_id=str(allocation.pk)
    ).exists()


def test_r_c3_the_childs_allocations_show_each_explanation_and_the_read_is_audited(world, api_as) -> None:
    client = api_as(world.manager.user)
    client.post(_path(world), _body(world))
    before = AuditEvent.objects.filter(action=AuditAction.VIEWED).count()

    response = client.get(_path(world))

    assert response.status_code == 200
    [allocation] = response.json()
    assert [f["rule"] for f in allocation["fired_rules"]] == ["C3-TIER"]
    assert allocation["fired_rules"][0]["reason"].startswith("High risk (tier 3 to 4).")
    assert allocation["decided_by"]["name"] == world.manager.full_name
    assert AuditEvent.objects.filter(action=AuditAction.VIEWED).count() == before + 1


def test_r_c4_capacity_is_refused_without_an_override_and_nothing_is_stored(world, api_as, cwdt) -> None:
    CaseloadCapacity.objects.create(practitioner=world.key_worker, capacity=0)
    before = _stored()

    response = api_as(world.manager.user).post(_path(world), _body(world, over_capacity_reason="Needed now"))

    assert response.status_code == 422
    assert [e["rule"] for e in response.json()["detail"]] == ["C4-CAPACITY"]
    assert _stored() == before


def test_r_c4_an_operations_manager_overrides_capacity_with_a_reason(world, api_as, cwdt) -> None:
    CaseloadCapacity.objects.create(practitioner=world.key_worker, capacity=0)

    response = api_as(cwdt.operations).post(
        _path(world), _body(world, over_capacity_reason="Only social worker who knows the family")
    )

    assert response.status_code == 201, response.content
    assert response.json()["over_capacity_reason"] == "Only social worker who knows the family"


REFUSALS = [
    (
        "section 47 to a family support worker",
        {"facts": {"section_47_open": True}, "hub": "other_hub", "practitioner": "family_support_worker"},
        "C3-S47",
        "hub_id",
    ),
    ("a hub of another area", {"hub": "elsewhere"}, "API-INPUT", "hub_id"),
    ("not a worker of the hub", {"practitioner": "team_member"}, "API-INPUT", "practitioner_id"),
    ("a fact missing", {"facts": {"section_47_open": None}}, "API-INPUT", "facts.section_47_open"),
    ("an unknown relationship", {"relationship": "FRIEND"}, "API-INPUT", "relationship"),
]


@pytest.mark.parametrize(("case", "change", "rule", "field"), REFUSALS, ids=[c[0] for c in REFUSALS])
def test_r_c3_a_refused_allocation_is_422_with_the_rule_and_stores_nothing(
    world, api_as, cwdt, case, change, rule, field
) -> None:
    facts = {k: v for k, v in (FACTS | change.get("facts", {})).items() if v is not None}
    hub = {
        "other_hub": world.other_hub.hub,
        "elsewhere": configure_hub(
            team=TeamFactory(organisation=OrganisationFactory()), code=HubCode.SAFEGUARDING_SUPPORT
        ),
    }.get(change.get("hub", ""), world.hub.hub)
    practitioner = {
        "family_support_worker": cwdt.family_support_worker,
        "team_member": world.team_member,
    }.get(change.get("practitioner", ""), world.key_worker)
    body = _body(world, hub_id=str(hub.pk), practitioner_id=str(practitioner.pk))
    body["facts"] = facts
    body |= {k: v for k, v in change.items() if k == "relationship"}
    before = _stored()

    response = api_as(world.manager.user).post(_path(world), body)

    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert (rule, field) in [(e["rule"], e["field"]) for e in detail]
    assert all(e["message"] for e in detail)
    assert _stored() == before


def test_r_c3_the_refusal_says_why(world, api_as, cwdt) -> None:
    body = _body(
        world,
        facts={"section_47_open": True},
        hub_id=str(world.other_hub.hub.pk),
        practitioner_id=str(cwdt.family_support_worker.pk),
    )

    detail = api_as(world.manager.user).post(_path(world), body).json()["detail"]

    assert {
        "rule": "C3-S47",
        "field": "hub_id",
        "message": ("Select Safeguarding & Support: section 47 enquiries are only done by social workers"),
    } in detail


def test_r_g1_an_allocation_worker_from_another_area_is_never_offered(world, api_as) -> None:
    elsewhere = PractitionerFactory(organisation=OrganisationFactory())
    response = api_as(world.manager.user).post(_path(world), _body(world, practitioner_id=str(elsewhere.pk)))

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "practitioner_id"


def test_r_c3_reading_the_allocations_costs_the_same_queries_however_many(world, api_as, cwdt) -> None:
    client = api_as(world.manager.user)
    client.post(_path(world), _body(world))
    with CaptureQueriesContext(connection) as one:
        client.get(_path(world))
    attached = _body(
        world,
        hub_id=str(world.other_hub.hub.pk),
        practitioner_id=str(cwdt.family_support_worker.pk),
        relationship="ATTACHED",
    )
    assert client.post(_path(world), attached).status_code == 201

    with CaptureQueriesContext(connection) as more:
        response = client.get(_path(world))

    assert [a["relationship"] for a in response.json()] == ["ALLOCATED", "ATTACHED"]
    assert len(more) == len(one)
