"""Every API operation for every persona, on a child in reach and one outside it (G1, G3)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.people.models import Child
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership

if TYPE_CHECKING:
    from conftest import World

pytestmark = pytest.mark.django_db

PERSONAS = [
    "team_member",
    "key_worker",
    "manager",
    "operations_manager",
    "same_org_outsider",
    "other_area",
    "ended_member",
    "parent",
    "other_parent",
    "young_person",
    "commissioner",
    "administrator",
    "anonymous",
]
READERS = {"team_member", "key_worker", "manager"}  # in the child's team, or manage the team that holds it
KEY_WORKER_ASSIGNERS = {"manager"}


def _expected(persona: str, *, allowed: set[str], ok: int, visible: bool = True) -> int:
    if persona == "anonymous":
        return 401
    if not visible or persona not in READERS:
        return 404
    return ok if persona in allowed else 403


def _assert_hides(response: object, child: Child) -> None:
    body = response.content.decode()  # type: ignore[attr-defined]
    assert response.json() == {"detail": "Not found"}  # type: ignore[attr-defined]
    for secret in (child.given_name, child.family_name, child.nhs_number):
        assert secret not in body


def test_persona_list_matches_the_test(world: World) -> None:
    assert list(world.personas()) == PERSONAS


@pytest.mark.parametrize("persona", PERSONAS)
def test_r_g1_list_shows_only_children_in_reach(world: World, api_as, persona: str) -> None:
    response = api_as(world.personas()[persona]).get("/api/v1/children/")

    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    assert (str(world.child.pk) in ids) == (persona in READERS)
    assert str(world.other_child.pk) not in ids


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("suffix", ["", "team/"])
def test_r_g1_reads_of_a_child_follow_the_access_policy(world: World, api_as, persona: str, suffix: str) -> None:
    client = api_as(world.personas()[persona])

    response = client.get(f"/api/v1/children/{world.child.pk}/{suffix}")
    outside = client.get(f"/api/v1/children/{world.other_child.pk}/{suffix}")

    assert response.status_code == _expected(persona, allowed=READERS, ok=200)
    assert outside.status_code == _expected(persona, allowed=READERS, ok=200, visible=False)
    if response.status_code == 404:
        _assert_hides(response, world.child)
    if outside.status_code == 404:
        _assert_hides(outside, world.other_child)


@pytest.mark.parametrize("persona", PERSONAS)
def test_r_b1_adding_a_team_member_follows_the_access_policy(world: World, api_as, persona: str) -> None:
    client = api_as(world.personas()[persona])
    body = {
        "practitioner_id": str(world.same_org_outsider.pk),
        "role_in_team": "Family support worker",
        "start_date": "2026-03-02",
    }

    response = client.post(f"/api/v1/children/{world.child.pk}/team/", body)
    outside = client.post(f"/api/v1/children/{world.other_child.pk}/team/", body)

    assert response.status_code == _expected(persona, allowed=READERS, ok=201)
    assert outside.status_code == _expected(persona, allowed=READERS, ok=201, visible=False)
    assert TeamMembership.objects.filter(child=world.other_child).count() == 0
    if response.status_code == 404:
        _assert_hides(response, world.child)
    if outside.status_code == 404:
        _assert_hides(outside, world.other_child)


@pytest.mark.parametrize("persona", PERSONAS)
def test_r_b2_only_a_manager_assigns_the_key_worker(world: World, api_as, persona: str) -> None:
    client = api_as(world.personas()[persona])
    body = {"practitioner_id": str(world.team_member.pk), "reason": "Nurse: the child's main needs are health"}

    response = client.post(f"/api/v1/children/{world.child.pk}/key-worker/", body)
    outside = client.post(f"/api/v1/children/{world.other_child.pk}/key-worker/", body)

    assert response.status_code == _expected(persona, allowed=KEY_WORKER_ASSIGNERS, ok=201)
    assert outside.status_code == _expected(persona, allowed=KEY_WORKER_ASSIGNERS, ok=201, visible=False)
    expected_key_worker = world.team_member if response.status_code == 201 else world.key_worker
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == expected_key_worker
    if response.status_code == 404:
        _assert_hides(response, world.child)
    if outside.status_code == 404:
        _assert_hides(outside, world.other_child)


def test_r_b2_a_refusal_is_a_json_403(world: World, api_as) -> None:
    response = api_as(world.team_member.user).post(
        f"/api/v1/children/{world.child.pk}/key-worker/",
        {"practitioner_id": str(world.team_member.pk), "reason": "Knows the family"},
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to do this"}


def test_r_g1_a_child_that_does_not_exist_is_the_same_404(world: World, api_as) -> None:
    client = api_as(world.key_worker.user)
    missing = "6f1c1a52-3d8e-4b1a-9a55-0c2b7e5f4d10"

    for path in (f"/api/v1/children/{missing}/", f"/api/v1/children/{missing}/team/"):
        response = client.get(path)
        assert (response.status_code, response.json()) == (404, {"detail": "Not found"})


@pytest.mark.parametrize("persona", sorted(READERS))
@pytest.mark.parametrize("suffix", ["", "team/"])
def test_r_g3_each_read_of_a_child_is_audited_once(world: World, api_as, persona: str, suffix: str) -> None:
    user = world.personas()[persona]
    client = api_as(user)

    client.get(f"/api/v1/children/{world.child.pk}/{suffix}")

    event = AuditEvent.objects.get(child=world.child, user=user)
    assert event.action == AuditAction.VIEWED


@pytest.mark.parametrize("persona", sorted(READERS))
def test_r_g3_each_child_listed_is_audited_once(world: World, api_as, persona: str) -> None:
    user = world.personas()[persona]

    api_as(user).get("/api/v1/children/")

    event = AuditEvent.objects.get(child=world.child, user=user)
    assert event.action == AuditAction.LISTED


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in READERS and p != "anonymous"])
def test_r_g3_a_refused_read_is_not_audited_as_a_read(world: World, api_as, persona: str) -> None:
    user = world.personas()[persona]
    client = api_as(user)

    client.get(f"/api/v1/children/{world.child.pk}/")
    client.get(f"/api/v1/children/{world.child.pk}/team/")
    client.get("/api/v1/children/")

    assert not AuditEvent.objects.filter(child=world.child, user=user).exists()


def test_r_g3_a_change_is_audited_once_as_created(world: World, api_as) -> None:
    api_as(world.manager.user).post(
        f"/api/v1/children/{world.child.pk}/team/",
        {
            "practitioner_id": str(world.same_org_outsider.pk),
            "role_in_team": "Family support worker",
            "start_date": dt.date(2026, 3, 2).isoformat(),
        },
    )

    event = AuditEvent.objects.get(child=world.child, user=world.manager.user)
    assert event.action == AuditAction.CREATED
