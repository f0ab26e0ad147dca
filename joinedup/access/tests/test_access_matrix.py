"""G1/G3: every route that names a child, for every persona, on a child inside and outside reach.

Routes come from the URL resolver, not a hand-written list: a new route that names a child fails
`test_every_child_route_has_an_expectation` until its expected access is written below.
"""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from joinedup.assessments.tests.factories import assessment_route_kwargs
from joinedup.audit.models import AuditEvent
from joinedup.disagreements.tests.factories import disagreement_route_kwargs
from joinedup.documents.tests.factories import document_route_kwargs
from joinedup.duties.models import Duty
from joinedup.duties.services import sweep
from joinedup.ehc.tests.factories import ehc_route_kwargs
from joinedup.handovers.tests.factories import handover_route_kwargs
from joinedup.meetings.tests.factories import meeting_route_kwargs
from joinedup.moves.tests.factories import move_route_kwargs
from joinedup.people.models import Child
from joinedup.plans.tests.factories import plan_route_kwargs
from joinedup.teams.models import TeamMembership
from joinedup.teams.tests.factories import TeamMembershipFactory

MEMBERS = {"team_member", "key_worker", "manager"}
# Plans (C6): the child's team and the holding team's managers read and change them.
PLAN_ROUTES = [
    "plans:plan-add",
    "plans:plan-detail",
    "plans:plan-make-current",
    "plans:plan-end",
    "plans:outcome-add",
    "plans:outcome-edit",
    "plans:outcome-remove",
    "plans:action-add",
    "plans:action-edit",
    "plans:action-complete",
]
# EHC needs assessments (F3): an SEN officer in the child's team or a manager of the case takes each
# step; the team reads the timeline; the practitioner asked for advice (the community nurse,
# "team_member", in the matrix) records it given.
EHC_STEP_ROUTES = [
    "ehc:request-record",
    "ehc:decision-record",
    "ehc:advice-request",
    "ehc:draft-issue",
    "ehc:final-issue",
    "ehc:assessment-stop",
]
# Assessments (C10): the child's team and the holding team's managers record them; who did the work is
# the assessments rules' to check. The Resource Panel's decisions are recorded by a manager of the case.
ASSESSMENT_ROUTES = [
    "assessments:single-start",
    "assessments:single-complete",
    "assessments:carers-add",
    "assessments:carers-review",
    "assessments:transitions-add",
    "assessments:transitions-referral",
    "assessments:package-add",
    "assessments:package-change",
]
# Meetings (B5): the child's team and the holding team's managers organise them; managers with reach read them.
MEETING_READ_ROUTES = ["meetings:meeting-list", "meetings:meeting-detail"]
MEETING_ROUTES = [
    *MEETING_READ_ROUTES,
    "meetings:meeting-schedule",
    "meetings:meeting-move",
    "meetings:meeting-cancel",
    "meetings:meeting-minutes",
    "meetings:meeting-responses",
]
# Disagreements (B9) and shared knowledge (B10): the child's team and the holding team's managers.
DISAGREEMENT_ROUTES = [
    "disagreements:child-disagreements",
    "disagreements:disagreement-log",
    "disagreements:disagreement-detail",
    "disagreements:disagreement-escalate",
    "disagreements:disagreement-resolve",
    "disagreements:knowledge",
    "disagreements:knowledge-share",
]
# Moving area (B8): the team reads the move and its pack; the key worker or a manager plans it and
# sends the pack; a manager of the case closes or transfers the record; the family reads its copy.
_MOVE_PLANNERS = {"key_worker": 200, "manager": 200, "team_member": 403}
MOVE_EXPECTED: dict[str, dict[str, int]] = {
    "moves:move": dict.fromkeys(MEMBERS, 200),
    "moves:move-contact": _MOVE_PLANNERS,
    "moves:move-send": _MOVE_PLANNERS,
    "moves:move-pack": dict.fromkeys(MEMBERS, 200),
    "moves:move-pack-json": dict.fromkeys(MEMBERS, 200),
    "moves:move-complete": {"manager": 200, "team_member": 403, "key_worker": 403},
    "moves:family-pack": {"parent": 200, "young_person": 200},
}
# Letters and updates (B5): the child's current team and the managers of the case read and share them
# (a practitioner who has left the team, "ended_member", is 404 like anyone out of reach); a parent or
# carer who was told opens the letter in the family view.
DOCUMENT_ROUTES = [
    "documents:document-list",
    "documents:document-share",
    "documents:document-detail",
    "documents:document-file",
]
FAMILY_DOCUMENT_ROUTES = ["documents:family-document", "documents:family-document-file"]
# Handovers (B6): the team and managers with reach read them; a manager of the case or the person handing
# over starts, completes and cancels one; only the person taking over ("team_member" in the matrix, from the
# key worker) confirms reading the summary.
HANDOVER_READ_ROUTES = ["handovers:handover-list", "handovers:handover-detail"]
HANDOVER_EXPECTED: dict[str, dict[str, int]] = {
    **{route: dict.fromkeys(MEMBERS, 200) for route in HANDOVER_READ_ROUTES},
    "handovers:handover-start": dict.fromkeys(MEMBERS, 200),
    "handovers:handover-read": {"team_member": 200, "key_worker": 403, "manager": 403},
    "handovers:handover-complete": {"manager": 200, "key_worker": 200, "team_member": 403},
    "handovers:handover-cancel": {"manager": 200, "key_worker": 200, "team_member": 403},
}
# Expected status for a persona on the child in reach; anything not listed is 404.
EXPECTED: dict[str, dict[str, int]] = {
    "people:child-detail": dict.fromkeys(MEMBERS, 200),
    "people:child-edit": dict.fromkeys(MEMBERS, 200),
    "people:all-about-me-edit": dict.fromkeys(MEMBERS, 200),
    "people:communication-edit": dict.fromkeys(MEMBERS, 200),
    "teams:team-member-add": dict.fromkeys(MEMBERS, 200),
    "teams:team-member-end": dict.fromkeys(MEMBERS, 200),
    "teams:key-worker-assign": {"manager": 200, "team_member": 403, "key_worker": 403},
    # B4: the key worker or a manager of the case sets and reviews the level of key working support.
    "teams:key-working-level": {"manager": 200, "key_worker": 200, "team_member": 403},
    "audit:child-audit": {"manager": 200, "administrator": 200, "team_member": 403, "key_worker": 403},
    "portal:child": {"parent": 200, "young_person": 200},
    "allocation:child-allocate": {"manager": 200, "team_member": 403, "key_worker": 403},
    "transfers:transfer-propose": {"manager": 200, "team_member": 403, "key_worker": 403},
    "closure:case-close": {"manager": 200, "team_member": 403, "key_worker": 403},
    "escalations:escalation-raise": dict.fromkeys(MEMBERS, 200),
    "escalations:family-support-request": {"key_worker": 200, "team_member": 403, "manager": 403},
    "consultations:consultation-list": dict.fromkeys(MEMBERS, 200),
    "consultations:consultation-add": dict.fromkeys(MEMBERS, 200),
    **{route: dict.fromkeys(MEMBERS, 200) for route in PLAN_ROUTES},
    "duties:duty-done": dict.fromkeys(MEMBERS, 200),
    "duties:cadence-agree": {"manager": 200, "team_member": 403, "key_worker": 403},
    "reviews:reviews-list": dict.fromkeys(MEMBERS, 200),
    "reviews:visit-record": dict.fromkeys(MEMBERS, 200),
    "reviews:review-record": dict.fromkeys(MEMBERS, 200),
    "ehc:assessment": dict.fromkeys(MEMBERS, 200),
    **{route: {"manager": 200, "team_member": 403, "key_worker": 403} for route in EHC_STEP_ROUTES},
    "ehc:advice-received": {"manager": 200, "team_member": 200, "key_worker": 403},
    "assessments:assessments": dict.fromkeys(MEMBERS, 200),
    **{route: dict.fromkeys(MEMBERS, 200) for route in ASSESSMENT_ROUTES},
    "assessments:panel-decide": {"manager": 200, "team_member": 403, "key_worker": 403},
    **{route: dict.fromkeys(MEMBERS, 200) for route in DISAGREEMENT_ROUTES},
    **{route: dict.fromkeys(MEMBERS, 200) for route in MEETING_ROUTES},
    **{route: dict.fromkeys(MEMBERS, 200) for route in DOCUMENT_ROUTES},
    **{route: {"parent": 200} for route in FAMILY_DOCUMENT_ROUTES},  # the young person was not told
    **MOVE_EXPECTED,
    **HANDOVER_EXPECTED,
}
# other_child is out of reach of every persona but these: its own parent, and the area's administrator.
EXPECTED_ON_OTHER_CHILD: dict[str, dict[str, int]] = {
    "audit:child-audit": {"administrator": 200},
    "portal:child": {"other_parent": 200},
    **{route: {"other_parent": 200} for route in FAMILY_DOCUMENT_ROUTES},  # told about other_child's letter
    "moves:family-pack": {"other_parent": 200},
}
# The Safeguarding & Support duty manager ("manager") on other_child, which Strengthening Families
# holds, while a safeguarding concern about it waits in their duty queue (CwDT 6.3.2): they read the
# record to decide, but do not manage it. Once the concern is decided, other_child is 404 again.
EXPECTED_WHILE_A_CONCERN_WAITS: dict[str, int] = {
    "people:child-detail": 200,
    "people:child-edit": 403,
    "people:all-about-me-edit": 403,
    "people:communication-edit": 403,
    "teams:team-member-add": 403,
    "teams:team-member-end": 403,
    "teams:key-worker-assign": 403,
    "teams:key-working-level": 403,
    "audit:child-audit": 200,
    "portal:child": 404,
    "allocation:child-allocate": 403,
    "transfers:transfer-propose": 403,
    "closure:case-close": 403,
    "escalations:escalation-raise": 403,
    "escalations:family-support-request": 403,
    "consultations:consultation-list": 200,
    "consultations:consultation-add": 403,
    **{route: 200 if route == "plans:plan-detail" else 403 for route in PLAN_ROUTES},  # reads plans to decide
    "duties:duty-done": 403,
    "duties:cadence-agree": 403,
    "reviews:reviews-list": 200,
    "reviews:visit-record": 403,
    "reviews:review-record": 403,
    "ehc:assessment": 200,  # reads where the child's EHC needs assessment has got to, to decide
    **dict.fromkeys(EHC_STEP_ROUTES, 403),
    "ehc:advice-received": 403,
    "assessments:assessments": 200,  # reads the assessments and packages, to decide
    **dict.fromkeys(ASSESSMENT_ROUTES, 403),
    "assessments:panel-decide": 403,
    **dict.fromkeys(DISAGREEMENT_ROUTES, 403),  # deciding a concern does not make them a party
    # reads the meetings, to decide; does not organise them
    **{route: 200 if route in MEETING_READ_ROUTES else 403 for route in MEETING_ROUTES},
    **dict.fromkeys(DOCUMENT_ROUTES, 403),  # letters are for the team and the managers of the case
    **dict.fromkeys(FAMILY_DOCUMENT_ROUTES, 404),
    **{route: 404 if route == "moves:family-pack" else 403 for route in MOVE_EXPECTED},  # not a party to a move
    **{route: 200 if route in HANDOVER_READ_ROUTES else 403 for route in HANDOVER_EXPECTED},  # reads, to decide
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
    if name == "duties:duty-done":
        kwargs["duty_id"] = Duty.objects.open().filter(child=child).order_by("kind").first().pk
    if name.startswith("plans:"):
        kwargs |= plan_route_kwargs(name, child)
    if name.startswith("ehc:"):
        kwargs |= ehc_route_kwargs(name, child)
    if name.startswith("assessments:"):
        kwargs |= assessment_route_kwargs(name, child)
    if name.startswith("disagreements:"):
        kwargs |= disagreement_route_kwargs(name, child)
    if name.startswith("meetings:"):
        kwargs |= meeting_route_kwargs(name, child)
    if name.startswith("documents:"):
        kwargs |= document_route_kwargs(name, child)
    if name.startswith("moves:"):
        kwargs |= move_route_kwargs(name, child)
    if name.startswith("handovers:"):
        kwargs |= handover_route_kwargs(name, child)
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def named_world(world):
    """Distinctive names, so a leak cannot hide behind a common word on the page."""
    Child.objects.filter(pk=world.child.pk).update(given_name="Zephyrine", family_name="Quillfeather")
    Child.objects.filter(pk=world.other_child.pk).update(given_name="Ottoline", family_name="Brackenbury")
    world.child.refresh_from_db()
    world.other_child.refresh_from_db()
    TeamMembershipFactory(child=world.other_child, added_by=world.manager.user)  # so its end route resolves
    sweep(today=timezone.localdate(), now=timezone.now())  # so each child has duties to record done
    return world


def _body(response: Any) -> bytes:
    """The response's bytes; a file download is streamed, and reading it to the end closes the file."""
    return b"".join(response.streaming_content) if response.streaming else response.content


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
            body = html.unescape(_body(response).decode())
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


def _manager_on_other_child(client: Any, world: Any) -> dict[str, tuple[int, int]]:
    """Each child route for the manager on other_child: (status, audit rows written)."""
    client.force_login(world.manager.user)
    seen = {}
    for route in sorted(EXPECTED):
        before = AuditEvent.objects.filter(child=world.other_child).count()
        status = client.get(_url(route, world.other_child)).status_code
        seen[route] = (status, AuditEvent.objects.filter(child=world.other_child).count() - before)
    return seen


@pytest.mark.django_db
def test_r_g1_the_duty_manager_reads_a_child_another_hub_holds_only_while_a_concern_waits(client, named_world):
    from joinedup.escalations import services as escalations
    from joinedup.organisations.tests.factories import PractitionerFactory

    world = named_world
    missing = set(EXPECTED) - set(EXPECTED_WHILE_A_CONCERN_WAITS)
    assert not missing, f"Add the duty manager's expected status to EXPECTED_WHILE_A_CONCERN_WAITS for {missing}"
    out_of_reach = dict.fromkeys(EXPECTED, (404, 0))
    assert _manager_on_other_child(client, world) == out_of_reach
    member = TeamMembership.objects.current().get(child=world.other_child).practitioner.user
    now = timezone.now()
    concern = escalations.raise_escalation(
        child=world.other_child,
        kind="SAFEGUARDING_CONCERN",
        what_has_changed="Bruising seen at school",
        is_time_limited=None,
        by=member,
        now=now,
    )
    assert (concern.status, concern.to_hub.team) == ("IN_DUTY_QUEUE", world.hub)  # the manager's hub
    waiting = {r: (status, 1 if status == 200 else 0) for r, status in EXPECTED_WHILE_A_CONCERN_WAITS.items()}
    assert _manager_on_other_child(client, world) == waiting
    escalations.decide_escalation(
        escalation=concern,
        outcome="NO_CHANGE",
        outcome_note="Explained by a fall at school",
        joint_working_until=None,
        assessment_worker=None,
        by=world.manager.user,
        now=now,
        today=now.date(),
    )
    assert _manager_on_other_child(client, world) == out_of_reach
    # A disagreement with the decision goes to the operations manager: it gives the duty manager no reach.
    PractitionerFactory(organisation=world.hub.organisation, user__role="OPERATIONS_MANAGER")
    escalations.disagree_with_escalation(
        escalation=concern, party="FAMILY", reason="Mum disagrees", by=world.manager.user, now=now
    )
    assert _manager_on_other_child(client, world) == out_of_reach


LIST_ROUTES = [
    "people:my-children",
    "teams:unmet-needs",
    "teams:without-key-worker",
    "portal:home",
    "insight:area-figures",
    "insight:monthly-performance",
    "duties:due-this-week",
    "duties:team-overdue",
    "audit:lookup",
    "closure:retention-report",
    "escalations:escalation-list",
    "escalations:family-support-queue",
    "referrals:referral-list",
    "referrals:criterion-list",
    "allocation:hub-list",
    "closure:reason-list",
    "transfers:transfer-list",
    "ehc:waiting-list",
    "ehc:advice-mine",
    "assessments:resource-panel",
    "disagreements:open-disagreements",
    "contingency:cover-list",  # B7; its pages naming a practitioner: contingency/tests/test_views.py
    "contingency:children-covered",
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
@pytest.mark.parametrize(
    "route",
    ["people:all-about-me-edit", "teams:team-member-add", "teams:key-worker-assign", "teams:key-working-level"],
)
def test_r_g1_outsiders_cannot_write_and_nothing_is_stored(client, named_world, route):
    world = named_world
    before = (AuditEvent.objects.count(), TeamMembership.objects.count())
    for persona in ("same_org_outsider", "other_area", "ended_member", "commissioner", "parent", "administrator"):
        client.force_login(world.personas()[persona])
        response = client.post(_url(route, world.child), {"version": "0", "about_me": "x", "reason": "x"})
        assert response.status_code == 404, persona
    assert (AuditEvent.objects.count(), TeamMembership.objects.count()) == before


# ---- The API, generated from its OpenAPI schema -------------------------------------------

# Expected status for a persona reading the child in reach; anything not listed is 404 (401 if anonymous).
API_READS: dict[str, dict[str, int]] = {
    "/api/v1/children/{child_id}/": dict.fromkeys(MEMBERS, 200),
    "/api/v1/children/{child_id}/team/": dict.fromkeys(MEMBERS, 200),
    "/api/v1/children/{child_id}/plans/": dict.fromkeys(MEMBERS, 200),
    "/api/v1/children/{child_id}/allocations/": {"manager": 200, "team_member": 403, "key_worker": 403},
    "/api/v1/children/{child_id}/escalations/": dict.fromkeys(MEMBERS, 200),
    "/api/v1/children/{child_id}/documents/": dict.fromkeys(MEMBERS, 200),
    "/api/v1/children/{child_id}/documents/{document_id}/": dict.fromkeys(MEMBERS, 200),
    # Meetings (B5), disagreements (B9) and shared knowledge (B10): the child's team and its managers.
    "/api/v1/children/{child_id}/meetings/": dict.fromkeys(MEMBERS, 200),
    "/api/v1/children/{child_id}/meetings/{meeting_id}/": dict.fromkeys(MEMBERS, 200),
    "/api/v1/children/{child_id}/moves/{move_id}/pack/": dict.fromkeys(MEMBERS, 200),
    "/api/v1/children/{child_id}/disagreements/": dict.fromkeys(MEMBERS, 200),
    "/api/v1/children/{child_id}/knowledge/": dict.fromkeys(MEMBERS, 200),
    "/api/v1/children/{child_id}/handovers/": dict.fromkeys(MEMBERS, 200),
    "/api/v1/children/{child_id}/handovers/{handover_id}/": dict.fromkeys(MEMBERS, 200),
}


def _team_body(world: Any) -> dict[str, Any]:
    return {"practitioner_id": str(world.team_member.pk), "role_in_team": "Nurse", "start_date": "2026-11-02"}


def _key_worker_body(world: Any) -> dict[str, Any]:
    return {"practitioner_id": str(world.team_member.pk), "reason": "Knows the family"}


def _allocate_body(world: Any) -> dict[str, Any]:
    facts = dict.fromkeys(
        (
            "section_47_open",
            "single_assessment_needed",
            "child_protection_plan",
            "looked_after_or_edge_of_care",
            "complex_needs_beyond_disability",
            "stable_support_package",
            "change_in_need_not_time_limited",
        ),
        False,
    )
    return {
        "facts": facts | {"risk_tier": "HIGH", "overnight_respite": "NONE"},
        "hub_id": str(world.hub.hub.pk),
        "practitioner_id": str(world.key_worker.pk),
        "relationship": "ALLOCATED",
    }


def _transfer_body(world: Any) -> dict[str, Any]:
    return {"to_hub_id": str(world.other_hub.hub.pk), "reason": "Risk has reduced"}


def _update_body(world: Any) -> dict[str, Any]:
    return {"title": "After the clinic", "text": "New medicine", "practitioner_ids": [str(world.team_member.pk)]}


def _escalation_body(world: Any) -> dict[str, Any]:
    return {"kind": "CHANGE_IN_NEED", "what_has_changed": "More seizures", "is_time_limited": None}


def _meeting_body(world: Any) -> dict[str, Any]:
    from datetime import timedelta

    starts_at = (timezone.now() + timedelta(days=3)).isoformat()
    return {"title": "Team meeting", "starts_at": starts_at, "place": "Riverside", "agenda": "Short breaks"}


def _move_body(world: Any) -> dict[str, Any]:
    return {"starts_at": _meeting_body(world)["starts_at"], "version": 1}


def _disagreement_body(world: Any) -> dict[str, Any]:
    parties = [
        {"kind": "PRACTITIONER", "practitioner_id": str(world.key_worker.pk), "wants": "One short break"},
        {"kind": "CHILD", "wants": "Two short breaks"},
    ]
    return {"issue": "How many short breaks", "parties": parties}


def _handover_body(world: Any) -> dict[str, Any]:
    return {
        "from_practitioner_id": str(world.key_worker.pk),
        "to_practitioner_id": str(world.team_member.pk),
        "reason": "Knows the child's health needs and the family",
    }


# Who may write on the child in reach (others in its team get 403; anyone out of reach, 404), and a body.
API_WRITES: dict[str, tuple[set[str], Any]] = {
    "/api/v1/children/{child_id}/team/": (MEMBERS, _team_body),
    "/api/v1/children/{child_id}/key-worker/": ({"manager"}, _key_worker_body),
    "/api/v1/children/{child_id}/allocations/": ({"manager"}, _allocate_body),
    "/api/v1/children/{child_id}/transfers/": ({"manager"}, _transfer_body),
    "/api/v1/children/{child_id}/escalations/": (MEMBERS, _escalation_body),
    "/api/v1/children/{child_id}/meetings/": (MEMBERS, _meeting_body),
    "/api/v1/children/{child_id}/meetings/{meeting_id}/move/": (MEMBERS, _move_body),
    "/api/v1/children/{child_id}/meetings/{meeting_id}/cancel/": (MEMBERS, lambda w: {"reason": "Ill", "version": 1}),
    "/api/v1/children/{child_id}/meetings/{meeting_id}/minutes/": (MEMBERS, lambda w: {"minutes": "Met", "version": 1}),
    "/api/v1/children/{child_id}/disagreements/": (MEMBERS, _disagreement_body),
    "/api/v1/children/{child_id}/knowledge/": (MEMBERS, lambda w: {"category": "NETWORKS", "title": "A", "text": "B"}),
    "/api/v1/children/{child_id}/documents/": (MEMBERS, _update_body),
    # Handovers (B6): the key worker hands over to the nurse ("team_member"), who alone confirms reading.
    "/api/v1/children/{child_id}/handovers/": ({"manager", "key_worker"}, _handover_body),
    "/api/v1/children/{child_id}/handovers/{handover_id}/read/": ({"team_member"}, lambda w: {}),
    "/api/v1/children/{child_id}/handovers/{handover_id}/complete/": ({"manager", "key_worker"}, lambda w: {}),
}


def api_operations() -> set[tuple[str, str]]:
    from joinedup.api.router import api

    paths = api.get_openapi_schema()["paths"]
    return {(method, path) for path, ops in paths.items() for method in ops}


def api_child_operations() -> set[tuple[str, str]]:
    return {(method, path) for method, path in api_operations() if "{child_id}" in path}


def test_every_api_child_operation_has_an_expectation():
    expected = {("get", p) for p in API_READS} | {("post", p) for p in API_WRITES}
    assert api_child_operations() == expected


def _api_stored() -> tuple[int, ...]:
    from joinedup.allocation.models import Allocation
    from joinedup.escalations.models import Escalation
    from joinedup.referrals.models import Referral
    from joinedup.teams.models import KeyWorkerAssignment
    from joinedup.transfers.models import Transfer, TransferEvent

    models = (AuditEvent, TeamMembership, KeyWorkerAssignment, Allocation, Transfer, TransferEvent, Escalation)
    return (
        *(m.objects.count() for m in models),  # type: ignore[attr-defined]
        Referral.objects.count(),
        Referral.objects.exclude(status="RECEIVED").count(),
        Escalation.objects.exclude(status__in=["WITH_MANAGER", "IN_DUTY_QUEUE"]).count(),
        Child.objects.count(),
    )


def _api_path(path: str, child: Child) -> str:
    """The path for this child, with the id of one of its letters where the path names one."""
    if "{document_id}" in path:
        document_id = document_route_kwargs("documents:document-detail", child)["document_id"]
        path = path.replace("{document_id}", str(document_id))
    if "{meeting_id}" in path:  # one of the child's meetings, made once and reused
        meeting_id = meeting_route_kwargs("meetings:meeting-detail", child)["meeting_id"]
        path = path.replace("{meeting_id}", str(meeting_id))
    if "{handover_id}" in path:  # one handover of the child, made once and reused
        handover_id = handover_route_kwargs("handovers:handover-detail", child)["handover_id"]
        path = path.replace("{handover_id}", str(handover_id))
    if "{move_id}" in path:  # one of the child's moves, made once and reused
        path = path.replace("{move_id}", str(move_route_kwargs("moves:move-pack", child)["move_id"]))
    return path.replace("{child_id}", str(child.pk))


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
            response = client.get(_api_path(path, target))
            expected = 401 if user is None else (API_READS[path].get(persona, 404) if in_reach else 404)
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
def test_r_g1_api_writes_by_anyone_not_allowed_are_refused_and_store_nothing(client, named_world, path):
    world = named_world
    allowed, body_of = API_WRITES[path]
    body = body_of(world)
    before = _api_stored()
    problems = []
    for persona, user in world.personas().items():
        for target, in_reach in ((world.child, True), (world.other_child, False)):
            if in_reach and persona in allowed:
                continue
            client.logout()
            if user is not None:
                client.force_login(user)
            url = _api_path(path, target)
            response = client.post(url, body, content_type="application/json")
            expected = 401 if user is None else (403 if in_reach and persona in MEMBERS else 404)
            where = f"{persona} on {'child' if in_reach else 'other_child'}"
            if response.status_code != expected:
                problems.append(f"{where}: {response.status_code}, expected {expected}")
            if any(s and s in response.content.decode() for s in _secrets(target)):
                problems.append(f"{where}: a refused response names the child")
    assert problems == []
    assert _api_stored() == before


# Operations that name no child, for every persona: anyone not listed gets ``otherwise`` (401 if anonymous).
# Referrals and the transfer list are for managers (403 for others, before anything is looked up);
# an escalation's outcome is for the manager it was sent to: others taking part 403, the rest 404.
API_OTHER: dict[tuple[str, str], tuple[dict[str, int], int]] = {
    ("get", "/api/v1/children/"): ({}, 200),  # everyone signed in; which children: test_r_g1_list_shows_only_...
    ("get", "/api/v1/referrals/"): ({"manager": 200}, 403),
    ("post", "/api/v1/referrals/"): ({"manager": 201}, 403),
    ("get", "/api/v1/referrals/{referral_id}/"): ({"manager": 200}, 403),
    ("post", "/api/v1/referrals/{referral_id}/decision/"): ({"manager": 200}, 403),
    ("get", "/api/v1/transfers/"): ({"manager": 200, "operations_manager": 200}, 403),
    ("get", "/api/v1/transfers/{transfer_id}/"): ({"manager": 200, "operations_manager": 404}, 403),
    ("post", "/api/v1/transfers/{transfer_id}/steps/"): ({"manager": 200, "operations_manager": 404}, 403),
    ("post", "/api/v1/escalations/{escalation_id}/outcome/"): ({"manager": 200, "key_worker": 403}, 404),
    # Disagreements (B9): the open list is for managers; one disagreement, for those taking part in the child's.
    # It waits with the team managers and nobody is above them here: taking part reaches the rules (422), and
    # only a team manager of the case resolves it.
    ("get", "/api/v1/disagreements/"): ({"manager": 200, "operations_manager": 200}, 403),
    ("get", "/api/v1/disagreements/{disagreement_id}/"): (dict.fromkeys(MEMBERS, 200), 404),
    ("post", "/api/v1/disagreements/{disagreement_id}/escalate/"): (dict.fromkeys(MEMBERS, 422), 404),
    ("post", "/api/v1/disagreements/{disagreement_id}/resolve/"): (
        {"manager": 200, "team_member": 422, "key_worker": 422},
        404,
    ),
}


def test_every_api_operation_naming_no_child_has_an_expectation():
    assert api_operations() - api_child_operations() == set(API_OTHER)


def _cwdt_objects(world: Any) -> dict[str, Any]:
    """A referral, a transfer and an escalation about ``world``, and a hub manager of another area."""
    from joinedup.accounts.choices import Role
    from joinedup.allocation.choices import HubCode
    from joinedup.allocation.services import configure_hub
    from joinedup.disagreements.tests.factories import disagreement_for
    from joinedup.escalations.services import raise_escalation
    from joinedup.organisations.choices import JobRole
    from joinedup.organisations.tests.factories import OrganisationFactory, PractitionerFactory, TeamFactory
    from joinedup.referrals.services import load_default_criteria, record_referral
    from joinedup.transfers.services import propose_transfer

    now, today = timezone.now(), timezone.localdate()
    load_default_criteria(area=world.area, by=None, now=now)
    elsewhere = TeamFactory(organisation=OrganisationFactory(area=world.other_area_practitioner.organisation.area))
    configure_hub(team=elsewhere, code=HubCode.SAFEGUARDING_SUPPORT)
    return {
        "referral_id": record_referral(
            source="MASH",
            received_on=today,
            given_name="Wren",
            family_name="Hollowell",
            date_of_birth=today.replace(year=today.year - 9),
            nhs_number="",
            needs=["LIFE_LIMITING"],
            reason="Life-limiting illness",
            severe=True,
            by=world.manager.user,
            now=now,
            today=today,
        ).pk,
        "transfer_id": propose_transfer(
            child=world.child, to_hub=world.other_hub.hub, reason="Risk has reduced", by=world.manager.user, now=now
        ).pk,
        "escalation_id": raise_escalation(
            child=world.child,
            kind="CHANGE_IN_NEED",
            what_has_changed="More seizures",
            is_time_limited=None,
            by=world.key_worker.user,
            now=now,
        ).pk,
        "disagreement_id": disagreement_for(world.child, status="TEAM_MANAGERS").pk,
        "other_area_manager": PractitionerFactory(
            organisation=elsewhere.organisation,
            user__role=Role.TEAM_MANAGER,
            job_role=JobRole.TEAM_MANAGER,
            teams=[elsewhere],
        ).user,
    }


API_OTHER_BODIES: dict[str, dict[str, Any]] = {
    "/api/v1/referrals/": {
        "source": "HEALTH",
        "received_on": "2026-01-05",
        "given_name": "Ash",
        "family_name": "Tern",
        "date_of_birth": "2017-04-02",
        "needs": ["SENSORY_IMPAIRMENT"],
        "severe": True,
        "reason": "Profound hearing loss",
    },
    "/api/v1/referrals/{referral_id}/decision/": {"decision": "NOT_ACCEPT", "reason": "Signpost to the area team"},
    "/api/v1/transfers/{transfer_id}/steps/": {"step": "REVIEWED"},
    "/api/v1/escalations/{escalation_id}/outcome/": {"outcome": "NO_CHANGE", "outcome_note": "Time limited"},
    "/api/v1/disagreements/{disagreement_id}/escalate/": {"note": "Could not agree at this level"},
    "/api/v1/disagreements/{disagreement_id}/resolve/": {"resolution": "Agreed a taxi until the summer"},
}


def _call(client: Any, method: str, path: str, objects: dict[str, Any]) -> Any:
    url = path
    for key in ("referral_id", "transfer_id", "escalation_id", "disagreement_id"):
        url = url.replace("{" + key + "}", str(objects[key]))
    if method == "get":
        return client.get(url)
    return client.post(url, API_OTHER_BODIES[path], content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), sorted(API_OTHER))
def test_r_g1_api_operations_naming_no_child_follow_the_access_policy(client, named_world, method, path):
    world = named_world
    objects = _cwdt_objects(world)
    allowed, otherwise = API_OTHER[(method, path)]
    refused = {p: u for p, u in world.personas().items() if u is None or allowed.get(p, otherwise) >= 400}
    before = _api_stored()
    problems = []
    for persona, user in refused.items():  # every refusal first: none of them may store anything
        client.logout()
        if user is not None:
            client.force_login(user)
        response = _call(client, method, path, objects)
        expected = 401 if user is None else allowed.get(persona, otherwise)
        if response.status_code != expected:
            problems.append(f"{persona}: {response.status_code}, expected {expected}")
        if any(s in response.content.decode() for s in ("Wren", "Hollowell", *_secrets(world.child))):
            problems.append(f"{persona}: a refusal names a child")
    assert problems == []
    assert _api_stored() == before
    for persona, user in world.personas().items():
        if persona not in refused and user is not None:
            client.force_login(user)
            assert _call(client, method, path, objects).status_code == allowed.get(persona, otherwise), persona


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), sorted(op for op in API_OTHER if "_id}" in op[1]))
def test_r_g1_api_a_referral_transfer_or_escalation_of_another_area_is_404(client, named_world, method, path):
    world = named_world
    objects = _cwdt_objects(world)
    client.force_login(objects["other_area_manager"])
    before = _api_stored()

    response = _call(client, method, path, objects)

    assert (response.status_code, response.json()) == (404, {"detail": "Not found"})
    assert _api_stored() == before


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/referrals/", "/api/v1/transfers/", "/api/v1/disagreements/"])
def test_r_g1_api_lists_of_another_area_name_nothing_here(client, named_world, path):
    world = named_world
    objects = _cwdt_objects(world)
    client.force_login(objects["other_area_manager"])

    response = client.get(path)

    body = response.content.decode()
    assert response.status_code == 200
    assert not any(s in body for s in ("Wren", "Hollowell", str(objects["referral_id"]), *_secrets(world.child)))
