"""G1/G3: every route that names a child, for every persona, on a child inside and outside reach.

Routes come from the URL resolver, not a hand-written list: a new route that names a child fails
`test_every_child_route_has_an_expectation` until its expected access is written below.
"""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from joinedup.audit.models import AuditEvent
from joinedup.people.models import Child
from joinedup.teams.models import TeamMembership
from joinedup.teams.tests.factories import TeamMembershipFactory

MEMBERS = {"team_member", "key_worker", "manager"}
# Expected status for a persona on the child in reach; anything not listed is 404.
EXPECTED: dict[str, dict[str, int]] = {
    "people:child-detail": dict.fromkeys(MEMBERS, 200),
    "people:child-edit": dict.fromkeys(MEMBERS, 200),
    "people:all-about-me-edit": dict.fromkeys(MEMBERS, 200),
    "people:communication-edit": dict.fromkeys(MEMBERS, 200),
    "teams:team-member-add": dict.fromkeys(MEMBERS, 200),
    "teams:team-member-end": dict.fromkeys(MEMBERS, 200),
    "teams:key-worker-assign": {"manager": 200, "team_member": 403, "key_worker": 403},
    "audit:child-audit": {"manager": 200, "administrator": 200, "team_member": 403, "key_worker": 403},
    "portal:child": {"parent": 200, "young_person": 200},
    "allocation:child-allocate": {"manager": 200, "team_member": 403, "key_worker": 403},
    "transfers:transfer-propose": {"manager": 200, "team_member": 403, "key_worker": 403},
    "closure:case-close": {"manager": 200, "team_member": 403, "key_worker": 403},
    "escalations:escalation-raise": dict.fromkeys(MEMBERS, 200),
    "escalations:family-support-request": {"key_worker": 200, "team_member": 403, "manager": 403},
    "consultations:consultation-list": dict.fromkeys(MEMBERS, 200),
    "consultations:consultation-add": dict.fromkeys(MEMBERS, 200),
}
# other_child is out of reach of every persona but these: its own parent, and the area's administrator.
EXPECTED_ON_OTHER_CHILD: dict[str, dict[str, int]] = {
    "audit:child-audit": {"administrator": 200},
    "portal:child": {"other_parent": 200},
}


def _walk(patterns: list[Any], namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for p in patterns:
        if isinstance(p, URLResolver):
            found += _walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
        elif p.name:
            found.append((f"{namespace}{p.name}", p))
    return found


def child_routes() -> list[str]:
    return sorted(
        name
        for name, p in _walk(get_resolver().url_patterns)
        if "child_id" in p.pattern.converters and not name.startswith("api:")
    )


def test_every_child_route_has_an_expectation():
    assert set(child_routes()) == set(EXPECTED)


def _url(name: str, child: Child) -> str:
    kwargs: dict[str, Any] = {"child_id": child.pk}
    if name == "teams:team-member-end":
        kwargs["membership_id"] = TeamMembership.objects.current().filter(child=child).first().pk
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def named_world(world):
    """Distinctive names, so a leak cannot hide behind a common word on the page."""
    Child.objects.filter(pk=world.child.pk).update(given_name="Zephyrine", family_name="Quillfeather")
    Child.objects.filter(pk=world.other_child.pk).update(given_name="Ottoline", family_name="Brackenbury")
    world.child.refresh_from_db()
    world.other_child.refresh_from_db()
    TeamMembershipFactory(child=world.other_child, added_by=world.manager.user)  # so its end route resolves
    return world


def _secrets(child: Child) -> list[str]:
    return [child.given_name, child.family_name, child.nhs_number]


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(EXPECTED))
def test_r_g1_access_matrix(client, named_world, route):
    world = named_world
    problems = []
    for persona, user in world.personas().items():
        for target, in_reach in ((world.child, True), (world.other_child, False)):
            client.logout()
            if user is not None:
                client.force_login(user)
            before = AuditEvent.objects.filter(child=target).count()
            response = client.get(_url(route, target))
            table = EXPECTED if in_reach else EXPECTED_ON_OTHER_CHILD
            expected = table.get(route, {}).get(persona, 404)
            if user is None:
                expected = 302
            body = html.unescape(response.content.decode())
            read_rows = AuditEvent.objects.filter(child=target).count() - before
            where = f"{persona} on {'child' if in_reach else 'other_child'}"
            if response.status_code != expected:
                problems.append(f"{where}: {response.status_code}, expected {expected}")
            if expected != 200 and any(s and s in body for s in _secrets(target)):
                problems.append(f"{where}: a refused response names the child")
            if read_rows != (1 if expected == 200 else 0):
                problems.append(f"{where}: {read_rows} audit rows, expected {1 if expected == 200 else 0}")
            if user is None and "/accounts/sign-in/" not in response.get("Location", ""):
                problems.append(f"{where}: anonymous not sent to sign in")
    assert problems == []


LIST_ROUTES = [
    "people:my-children",
    "teams:unmet-needs",
    "teams:without-key-worker",
    "portal:home",
    "insight:area-figures",
    "audit:lookup",
    "closure:retention-report",
    "escalations:escalation-list",
    "escalations:family-support-queue",
    "referrals:referral-list",
    "referrals:criterion-list",
    "transfers:transfer-list",
]


@pytest.mark.django_db
@pytest.mark.parametrize("route", LIST_ROUTES)
def test_r_g1_lists_never_name_a_child_out_of_reach(client, named_world, route):
    world = named_world
    for persona, user in world.personas().items():
        if user is None:
            continue
        client.force_login(user)
        response = client.get(reverse(route))
        assert response.status_code in (200, 403), (persona, response.status_code)
        body = html.unescape(response.content.decode())
        out_of_reach = world.child if persona == "other_parent" else world.other_child
        assert not any(s in body for s in _secrets(out_of_reach)), persona


@pytest.mark.django_db
def test_r_g1_search_finds_only_children_in_reach(client, named_world):
    world = named_world
    for persona, user in world.personas().items():
        if user is None:
            continue
        client.force_login(user)
        for target in (world.child, world.other_child):
            for query in (target.family_name, target.nhs_number, target.date_of_birth.strftime("%d/%m/%Y")):
                body = html.unescape(client.get(reverse("people:child-search"), {"q": query}).content.decode())
                found = reverse("people:child-detail", args=[target.pk]) in body  # the query itself is echoed
                expected = target == world.child and persona in MEMBERS
                assert found == expected, (persona, query)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["people:all-about-me-edit", "teams:team-member-add", "teams:key-worker-assign"])
def test_r_g1_outsiders_cannot_write_and_nothing_is_stored(client, named_world, route):
    world = named_world
    before = (AuditEvent.objects.count(), TeamMembership.objects.count())
    for persona in ("same_org_outsider", "other_area", "ended_member", "commissioner", "parent", "administrator"):
        client.force_login(world.personas()[persona])
        response = client.post(_url(route, world.child), {"version": "0", "about_me": "x", "reason": "x"})
        assert response.status_code == 404, persona
    assert (AuditEvent.objects.count(), TeamMembership.objects.count()) == before


# ---- The API, generated from its OpenAPI schema -------------------------------------------

API_READS = {"/api/v1/children/{child_id}/", "/api/v1/children/{child_id}/team/"}
API_WRITES = {"/api/v1/children/{child_id}/team/", "/api/v1/children/{child_id}/key-worker/"}


def api_child_operations() -> set[tuple[str, str]]:
    from joinedup.api.router import api

    paths = api.get_openapi_schema()["paths"]
    return {(method, path) for path, ops in paths.items() if "{child_id}" in path for method in ops}


def test_every_api_child_operation_has_an_expectation():
    expected = {("get", p) for p in API_READS} | {("post", p) for p in API_WRITES}
    assert api_child_operations() == expected


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(API_READS))
def test_r_g1_api_read_matrix(client, named_world, path):
    world = named_world
    problems = []
    for persona, user in world.personas().items():
        for target, in_reach in ((world.child, True), (world.other_child, False)):
            client.logout()
            if user is not None:
                client.force_login(user)
            before = AuditEvent.objects.filter(child=target).count()
            response = client.get(path.replace("{child_id}", str(target.pk)))
            expected = 401 if user is None else (200 if in_reach and persona in MEMBERS else 404)
            rows = AuditEvent.objects.filter(child=target).count() - before
            where = f"{persona} on {'child' if in_reach else 'other_child'}"
            if response.status_code != expected:
                problems.append(f"{where}: {response.status_code}, expected {expected}")
            if expected != 200 and any(s and s in html.unescape(response.content.decode()) for s in _secrets(target)):
                problems.append(f"{where}: a refused response names the child")
            if rows != (1 if expected == 200 else 0):
                problems.append(f"{where}: {rows} audit rows")
    assert problems == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(API_WRITES))
def test_r_g1_api_writes_by_anyone_out_of_reach_are_404_and_store_nothing(client, named_world, path):
    world = named_world
    body = {"practitioner_id": str(world.team_member.pk)}
    if path.endswith("/team/"):
        body |= {"role_in_team": "Nurse", "start_date": "2026-11-02"}
    else:
        body |= {"reason": "Knows the family"}
    before = (AuditEvent.objects.count(), TeamMembership.objects.count())
    for persona, user in world.personas().items():
        if persona in MEMBERS:
            continue
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.post(path.replace("{child_id}", str(world.child.pk)), body, content_type="application/json")
        assert response.status_code == (401 if user is None else 404), persona
    assert (AuditEvent.objects.count(), TeamMembership.objects.count()) == before
