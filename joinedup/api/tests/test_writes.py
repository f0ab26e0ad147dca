"""Changing a child's team through the API: what is stored, and bad input refused whole (B1, B2, G5)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest

from joinedup.audit.models import AuditEvent
from joinedup.organisations.tests.factories import OrganisationFactory, PractitionerFactory
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership

if TYPE_CHECKING:
    from conftest import World

pytestmark = pytest.mark.django_db

UNKNOWN = "6f1c1a52-3d8e-4b1a-9a55-0c2b7e5f4d10"


def _stored() -> tuple[int, int, int]:
    return TeamMembership.objects.count(), KeyWorkerAssignment.objects.count(), AuditEvent.objects.count()


def test_r_b1_a_manager_adds_a_practitioner_to_the_team(world: World, api_as) -> None:
    joiner = world.same_org_outsider

    response = api_as(world.manager.user).post(
        f"/api/v1/children/{world.child.pk}/team/",
        {"practitioner_id": str(joiner.pk), "role_in_team": " Family support worker ", "start_date": "2026-03-02"},
    )

    assert response.status_code == 201
    membership = TeamMembership.objects.current().get(child=world.child, practitioner=joiner)
    assert (membership.role_in_team, membership.start_date) == ("Family support worker", dt.date(2026, 3, 2))
    assert membership.added_by == world.manager.user
    body = response.json()
    assert body["membership_id"] == str(membership.pk)
    assert (body["practitioner_id"], body["name"], body["is_key_worker"]) == (str(joiner.pk), joiner.full_name, False)


def test_r_b2_a_manager_assigns_a_team_member_as_key_worker(world: World, api_as) -> None:
    response = api_as(world.manager.user).post(
        f"/api/v1/children/{world.child.pk}/key-worker/",
        {"practitioner_id": str(world.team_member.pk), "reason": "The child's needs are now mainly health"},
    )

    assert response.status_code == 201
    current = KeyWorkerAssignment.objects.current().get(child=world.child)
    assert current.practitioner == world.team_member
    assert current.assigned_by == world.manager.user
    body = response.json()
    assert (body["id"], body["child_id"], body["reason"]) == (
        str(current.pk),
        str(world.child.pk),
        "The child's needs are now mainly health",
    )
    assert KeyWorkerAssignment.objects.filter(child=world.child).count() == 2  # the previous one ended


def _elsewhere(world: World) -> str:
    return str(PractitionerFactory(organisation=OrganisationFactory()).pk)  # another area


def _team_body(world: World, **changes: Any) -> dict[str, Any]:
    body = {
        "practitioner_id": str(world.same_org_outsider.pk),
        "role_in_team": "Family support worker",
        "start_date": "2026-03-02",
    }
    return {k: v for k, v in (body | changes).items() if v is not None}


TEAM_CASES = [
    ("unknown practitioner", {"practitioner_id": UNKNOWN}, "B1-MEMBER", "practitioner_id"),
    ("practitioner in another area", {"practitioner_id": _elsewhere}, "B1-MEMBER", "practitioner_id"),
    ("already in the team", {"practitioner_id": "team_member"}, "B1-MEMBER", "practitioner_id"),
    ("blank role", {"role_in_team": "   "}, "B1-MEMBER", "role_in_team"),
    ("an end date", {"end_date": "2026-03-01"}, "API-INPUT", "end_date"),
    ("malformed date", {"start_date": "2026-02-30"}, "API-INPUT", "start_date"),
    ("not a date", {"start_date": "next week"}, "API-INPUT", "start_date"),
    ("malformed practitioner id", {"practitioner_id": "42"}, "API-INPUT", "practitioner_id"),
    ("missing start date", {"start_date": None}, "API-INPUT", "start_date"),
    ("missing role", {"role_in_team": None}, "API-INPUT", "role_in_team"),
]


@pytest.mark.parametrize(("case", "changes", "rule", "field"), TEAM_CASES, ids=[c[0] for c in TEAM_CASES])
def test_r_g5_bad_team_input_is_422_and_stores_nothing(
    world: World, api_as, case: str, changes: dict[str, Any], rule: str, field: str
) -> None:
    if callable(changes.get("practitioner_id")):
        changes = {"practitioner_id": changes["practitioner_id"](world)}
    if changes.get("practitioner_id") == "team_member":
        changes = {"practitioner_id": str(world.team_member.pk)}
    client = api_as(world.manager.user)
    before = _stored()

    response = client.post(f"/api/v1/children/{world.child.pk}/team/", _team_body(world, **changes))

    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert [(e["rule"], e["field"]) for e in detail] == [(rule, field)]
    assert all(e["message"] for e in detail)
    assert _stored() == before


KEY_WORKER_CASES = [
    ("not in the team", {"practitioner_id": "same_org_outsider"}, "B2-ASSIGN", "practitioner_id"),
    ("already the key worker", {"practitioner_id": "key_worker"}, "B2-ASSIGN", "practitioner_id"),
    ("unknown practitioner", {"practitioner_id": UNKNOWN}, "B2-ASSIGN", "practitioner_id"),
    ("blank reason", {"reason": "  "}, "B2-ASSIGN", "reason"),
    ("missing reason", {"reason": None}, "API-INPUT", "reason"),
    ("missing practitioner", {"practitioner_id": None}, "API-INPUT", "practitioner_id"),
    ("extra field", {"start_date": "2026-03-02"}, "API-INPUT", "start_date"),
]


@pytest.mark.parametrize(("case", "changes", "rule", "field"), KEY_WORKER_CASES, ids=[c[0] for c in KEY_WORKER_CASES])
def test_r_g5_bad_key_worker_input_is_422_and_stores_nothing(
    world: World, api_as, case: str, changes: dict[str, Any], rule: str, field: str
) -> None:
    persona = changes.get("practitioner_id")
    if persona in {"same_org_outsider", "key_worker"}:
        changes = {"practitioner_id": str(getattr(world, persona).pk)}
    body = {"practitioner_id": str(world.team_member.pk), "reason": "Knows the family well"} | changes
    before = _stored()

    response = api_as(world.manager.user).post(
        f"/api/v1/children/{world.child.pk}/key-worker/", {k: v for k, v in body.items() if v is not None}
    )

    assert response.status_code == 422, response.content
    assert [(e["rule"], e["field"]) for e in response.json()["detail"]] == [(rule, field)]
    assert _stored() == before
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == world.key_worker


def test_r_g5_messages_are_clear(world: World, api_as) -> None:
    client = api_as(world.manager.user)

    bad_date = client.post(f"/api/v1/children/{world.child.pk}/team/", _team_body(world, start_date="2026-02-30"))
    no_reason = client.post(
        f"/api/v1/children/{world.child.pk}/key-worker/", {"practitioner_id": str(world.team_member.pk)}
    )
    outsider = client.post(
        f"/api/v1/children/{world.child.pk}/key-worker/",
        {"practitioner_id": str(world.same_org_outsider.pk), "reason": "Knows the family"},
    )

    assert bad_date.json()["detail"][0]["message"] == "start_date must be a real date in the format YYYY-MM-DD"
    assert no_reason.json()["detail"][0]["message"] == "Enter a value for reason"
    assert outsider.json()["detail"][0]["message"] == (
        "Select someone who is in the child's team; add them to the team first"
    )


@pytest.mark.parametrize("suffix", ["", "team/"])
def test_r_g5_a_malformed_child_id_is_422(world: World, api_as, suffix: str) -> None:
    response = api_as(world.key_worker.user).get(f"/api/v1/children/not-a-uuid/{suffix}")

    assert response.status_code == 422
    assert [(e["rule"], e["field"]) for e in response.json()["detail"]] == [("API-INPUT", "child_id")]


@pytest.mark.parametrize("raw", ["{not json", "[]", '"text"'])
def test_r_g5_a_body_that_is_not_a_json_object_is_422(world: World, api_as, raw: str) -> None:
    before = _stored()

    response = api_as(world.manager.user).post_raw(f"/api/v1/children/{world.child.pk}/team/", raw)

    assert response.status_code == 422
    assert response.json()["detail"][0]["rule"] == "API-INPUT"
    assert _stored() == before


def test_r_g5_a_role_too_long_for_the_record_is_422(world: World, api_as) -> None:
    before = _stored()

    response = api_as(world.manager.user).post(
        f"/api/v1/children/{world.child.pk}/team/", _team_body(world, role_in_team="x" * 101)
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["message"] == "role_in_team must be 100 characters or fewer"
    assert _stored() == before


@pytest.mark.parametrize("debug", [False, True])
def test_r_g3_if_the_audit_cannot_be_written_nothing_is_stored(
    world: World, api_as, monkeypatch: pytest.MonkeyPatch, settings: Any, debug: bool
) -> None:
    settings.DEBUG = debug  # ninja would answer a 500 page under DEBUG and commit the request; we must not

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("joinedup.audit.services.record", broken)
    before = _stored()

    with pytest.raises(RuntimeError, match="audit store unavailable"):
        api_as(world.manager.user).post(f"/api/v1/children/{world.child.pk}/team/", _team_body(world))

    assert _stored() == before
