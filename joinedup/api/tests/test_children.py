"""What the read operations return: the children list, one child's record, and its team."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.people.models import ChildNeed
from joinedup.people.tests.factories import ChildFactory, shared_and_hidden_siblings
from joinedup.teams.tests.factories import TeamMembershipFactory

if TYPE_CHECKING:
    from conftest import World

pytestmark = pytest.mark.django_db


def _children_of(world: World, family_names: list[str]) -> None:
    for name in family_names:
        child = ChildFactory(area=world.area, family_name=name, given_name="Sam", holding_team=world.hub)
        TeamMembershipFactory(child=child, practitioner=world.key_worker, added_by=world.manager.user)


def test_r_g1_list_item_fields(world: World, api_as) -> None:
    response = api_as(world.key_worker.user).get("/api/v1/children/")

    assert response.status_code == 200
    page = response.json()
    assert (page["count"], page["limit"], page["offset"]) == (1, 100, 0)
    c = world.child
    assert page["items"] == [
        {
            "id": str(c.pk),
            "given_name": c.given_name,
            "family_name": c.family_name,
            "preferred_name": c.preferred_name,
            "date_of_birth": c.date_of_birth.isoformat(),
            "nhs_number": c.nhs_number,
            "local_id": c.local_id,
            "holding_team": "Safeguarding & Support",
            "ehc_plan_status": c.ehc_plan_status,
            "legal_status": c.legal_status,
            "is_key_child": True,
        }
    ]


def test_list_marks_key_children_only_for_their_key_worker(world: World, api_as) -> None:
    items = api_as(world.team_member.user).get("/api/v1/children/").json()["items"]

    assert [i["is_key_child"] for i in items] == [False]


def test_r_g3_list_is_ordered_paged_and_audits_only_the_page(world: World, api_as) -> None:
    _children_of(world, ["Young", "Adams", "Moss", "Bell"])
    world.child.family_name = "Khan"
    world.child.save()

    response = api_as(world.key_worker.user).get("/api/v1/children/", limit=2, offset=1)

    page = response.json()
    assert page["count"] == 5
    assert [i["family_name"] for i in page["items"]] == ["Bell", "Khan"]
    listed = AuditEvent.objects.filter(user=world.key_worker.user, action=AuditAction.LISTED)
    assert sorted(e.child.family_name for e in listed) == ["Bell", "Khan"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": 0}, "limit"), ({"limit": 501}, "limit"), ({"offset": -1}, "offset"), ({"limit": "ten"}, "limit")],
)
def test_r_g5_bad_paging_is_422(world: World, api_as, params: dict[str, object], field: str) -> None:
    response = api_as(world.key_worker.user).get("/api/v1/children/", **params)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == [field]
    assert not AuditEvent.objects.filter(user=world.key_worker.user).exists()


def test_list_runs_the_same_queries_however_many_children(world: World, api_as) -> None:
    client = api_as(world.key_worker.user)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/children/")
    _children_of(world, ["Adams", "Bell", "Moss", "Young"])

    with CaptureQueriesContext(connection) as five:
        response = client.get("/api/v1/children/")

    assert response.json()["count"] == 5
    assert len(five) == len(one) <= 8


def test_r_g1_detail_shows_the_whole_record(world: World, api_as) -> None:
    response = api_as(world.team_member.user).get(f"/api/v1/children/{world.child.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["needs"] == ["LEARNING_DISABILITY", "COMPLEX_HEALTH"]
    assert body["all_about_me"]["written_by"] == "OWN_WORDS"
    assert set(body["communication_profile"]) >= {"how_i_communicate", "what_works", "what_to_avoid"}
    carer = world.parent.carer
    assert body["carers"] == [
        {
            "name": carer.full_name,
            "relationship": "MOTHER",
            "has_parental_responsibility": True,
            "phone": carer.phone,
            "email": carer.email,
        }
    ]
    kw = world.key_worker
    assert body["key_worker"] == {
        "practitioner_id": str(kw.pk),
        "name": kw.full_name,
        "job_role": "SOCIAL_WORKER",
        "organisation": "Northshire Council CwDT",
        "phone": kw.phone,
        "email": kw.email,
        "start_date": "2026-01-05",
    }
    assert (body["siblings"], body["siblings_held_elsewhere"], body["is_key_child"]) == ([], 0, False)


def test_r_g1_detail_names_only_siblings_the_user_may_see(world: World, api_as) -> None:
    shared, hidden = shared_and_hidden_siblings(world)

    response = api_as(world.key_worker.user).get(f"/api/v1/children/{world.child.pk}/")

    body = response.json()
    assert body["siblings"] == [{"id": str(shared.pk), "name": shared.full_name, "kind": "FULL"}]
    assert body["siblings_held_elsewhere"] == 1
    for secret in (hidden.given_name, hidden.family_name, hidden.nhs_number, str(hidden.pk)):
        assert secret not in response.content.decode()
    assert not AuditEvent.objects.filter(child__in=[shared, hidden]).exists()


def test_r_b1_team_lists_current_members_and_the_key_worker(world: World, api_as) -> None:
    response = api_as(world.manager.user).get(f"/api/v1/children/{world.child.pk}/team/")

    assert response.status_code == 200
    body = response.json()
    members = {m["practitioner_id"]: m for m in body["members"]}
    assert set(members) == {str(world.key_worker.pk), str(world.team_member.pk)}  # not the one who left
    nurse = members[str(world.team_member.pk)]
    assert {k: nurse[k] for k in ("role_in_team", "job_role", "organisation", "sector", "is_key_worker")} == {
        "role_in_team": "Community children's nurse",
        "job_role": "COMMUNITY_NURSE",
        "organisation": "Northshire Community NHS Trust",
        "sector": "HEALTH",
        "is_key_worker": False,
    }
    assert members[str(world.key_worker.pk)]["is_key_worker"] is True
    assert body["unmet_needs"] == []


def test_r_b1_team_shows_needs_nobody_is_skilled_for(world: World, api_as) -> None:
    ChildNeed.objects.create(child=world.child, need="SENSORY_IMPAIRMENT")

    body = api_as(world.key_worker.user).get(f"/api/v1/children/{world.child.pk}/team/").json()

    assert body["unmet_needs"] == ["SENSORY_IMPAIRMENT"]


@pytest.mark.parametrize("offset", [2**63, 10_000_001])
def test_an_offset_beyond_any_caseload_is_refused_not_a_server_error(world, api_as, offset):
    response = api_as(world.manager.user).get("/api/v1/children/", offset=offset)
    assert response.status_code == 422
