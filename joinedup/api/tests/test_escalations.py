"""Escalations through the API: a child's escalations, raising one, recording the outcome (C8)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.escalations import services
from joinedup.escalations.models import Escalation
from joinedup.teams.models import TeamMembership

pytestmark = pytest.mark.django_db


def _path(world: Any) -> str:
    return f"/api/v1/children/{world.child.pk}/escalations/"


def _outcome(escalation: Escalation) -> str:
    return f"/api/v1/escalations/{escalation.pk}/outcome/"


@pytest.fixture
def escalation(world: Any) -> Escalation:
    """A change in need raised by the key worker: with world.manager, who manages the hub holding the case."""
    return services.raise_escalation(
        child=world.child,
        kind="CHANGE_IN_NEED",
        what_has_changed="Sleeping has broken down; parents exhausted",
        is_time_limited=None,
        by=world.key_worker.user,
        now=timezone.now(),
    )


def _stored(escalation: Escalation) -> tuple[Any, ...]:
    escalation.refresh_from_db()
    return escalation.status, escalation.outcome, TeamMembership.objects.count(), AuditEvent.objects.count()


@pytest.mark.parametrize(
    ("kind", "status"), [("CHANGE_IN_NEED", "WITH_MANAGER"), ("SAFEGUARDING_CONCERN", "IN_DUTY_QUEUE")]
)
def test_r_c8_a_team_member_raises_an_escalation_and_it_is_routed(world, api_as, kind, status) -> None:
    response = api_as(world.team_member.user).post(
        _path(world), {"kind": kind, "what_has_changed": "Bruising seen at clinic", "is_time_limited": False}
    )

    assert response.status_code == 201, response.content
    body = response.json()
    escalation = Escalation.objects.get(pk=body["id"])
    assert (escalation.status, escalation.raised_by, escalation.is_time_limited) == (
        status,
        world.team_member.user,
        False,
    )
    assert (body["status"], body["to_hub"]["code"], body["raised_by"]["name"]) == (
        status,
        "SAFEGUARDING_SUPPORT",
        world.team_member.full_name,
    )
    assert AuditEvent.objects.filter(
        user=world.team_member.user, action=AuditAction.CREATED, subject_id=str(escalation.pk)
    ).exists()


def test_r_c8_each_sees_the_escalations_they_take_part_in_and_the_read_is_audited(world, api_as, escalation) -> None:
    seen = {}
    for persona in ("key_worker", "team_member", "manager"):
        user = world.personas()[persona]
        response = api_as(user).get(_path(world))
        assert response.status_code == 200
        seen[persona] = [e["id"] for e in response.json()]
        assert AuditEvent.objects.filter(user=user, child=world.child, action=AuditAction.VIEWED).count() == 1

    # The raiser and the manager it was sent to; not a nurse in the team who took no part.
    assert seen == {"key_worker": [str(escalation.pk)], "team_member": [], "manager": [str(escalation.pk)]}


def test_r_c8_the_manager_records_a_section_47_by_a_social_worker(world, api_as, escalation) -> None:
    response = api_as(world.manager.user).post(
        _outcome(escalation),
        {"outcome": "SECTION_47", "assessment_worker_id": str(world.same_org_outsider.pk)},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["outcome"], body["assessment_worker_id"]) == (
        "DECIDED",
        "SECTION_47",
        str(world.same_org_outsider.pk),
    )
    assert body["decided_by"]["user_id"] == str(world.manager.user.pk)
    assert TeamMembership.objects.current().filter(child=world.child, practitioner=world.same_org_outsider).exists()
    assert AuditEvent.objects.filter(
        user=world.manager.user, action=AuditAction.UPDATED, subject_id=str(escalation.pk)
    ).exists()


OUTCOME_CASES = [
    (
        "a section 47 by a nurse",
        {"outcome": "SECTION_47", "assessment_worker_id": "team_member"},
        "C8-SOCIAL-WORKER",
        "assessment_worker_id",
    ),
    (
        "a section 47 by a worker from another area",
        {"outcome": "SECTION_47", "assessment_worker_id": "other_area"},
        "C8-SOCIAL-WORKER",
        "assessment_worker_id",
    ),
    ("no change without a reason", {"outcome": "NO_CHANGE"}, "C8-OUTCOME", "outcome_note"),
    ("joint working with no end", {"outcome": "JOINT_WORKING"}, "C8-JOINT-WORKING-END", "joint_working_until"),
    ("not an outcome", {"outcome": "SHRUG"}, "API-INPUT", "outcome"),
]


@pytest.mark.parametrize(("case", "body", "rule", "field"), OUTCOME_CASES, ids=[c[0] for c in OUTCOME_CASES])
def test_r_c8_a_refused_outcome_is_422_with_the_rule_and_changes_nothing(
    world, api_as, escalation, case, body, rule, field
) -> None:
    who = body.get("assessment_worker_id")
    if who == "team_member":
        body = body | {"assessment_worker_id": str(world.team_member.pk)}
    if who == "other_area":
        body = body | {"assessment_worker_id": str(world.other_area_practitioner.pk)}
    before = _stored(escalation)

    response = api_as(world.manager.user).post(_outcome(escalation), body)

    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert [(e["rule"], e["field"]) for e in detail] == [(rule, field)]
    assert all(e["message"] for e in detail)
    assert _stored(escalation) == before


def test_r_c8_an_outcome_is_recorded_once(world, api_as, escalation) -> None:
    client = api_as(world.manager.user)
    client.post(_outcome(escalation), {"outcome": "NO_CHANGE", "outcome_note": "Time limited: illness"})
    before = _stored(escalation)

    response = client.post(_outcome(escalation), {"outcome": "TRANSFER"})

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"rule": "C8-OUTCOME", "field": None, "message": "This has already been decided"}
    ]
    assert _stored(escalation) == before


@pytest.mark.parametrize(("persona", "status"), [("key_worker", 403), ("team_member", 404), ("other_area", 404)])
def test_r_c8_only_the_manager_it_was_sent_to_records_the_outcome(world, api_as, escalation, persona, status) -> None:
    before = _stored(escalation)

    response = api_as(world.personas()[persona]).post(
        _outcome(escalation), {"outcome": "NO_CHANGE", "outcome_note": "Nothing to do"}
    )

    assert response.status_code == status
    assert _stored(escalation) == before


def test_r_c8_raising_needs_to_say_what_has_changed(world, api_as) -> None:
    response = api_as(world.key_worker.user).post(
        _path(world), {"kind": "CHANGE_IN_NEED", "what_has_changed": "  ", "is_time_limited": None}
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"rule": "C8-RAISE", "field": "what_has_changed", "message": "Enter what has changed"}
    ]
    assert Escalation.objects.count() == 0


def test_r_c8_whether_the_need_is_time_limited_is_asked_not_assumed(world, api_as) -> None:
    response = api_as(world.key_worker.user).post(
        _path(world), {"kind": "CHANGE_IN_NEED", "what_has_changed": "More seizures"}
    )

    assert response.status_code == 422
    assert [(e["rule"], e["field"]) for e in response.json()["detail"]] == [("API-INPUT", "is_time_limited")]


def test_r_c8_a_final_decision_shows_beside_the_team_managers_outcome(world, api_as, cwdt, escalation) -> None:
    api_as(world.manager.user).post(_outcome(escalation), {"outcome": "NO_CHANGE", "outcome_note": "Time limited"})
    services.disagree_with_escalation(
        escalation=escalation,
        party="FAMILY",
        reason="The family want more help",
        by=world.manager.user,
        now=timezone.now(),
    )
    services.make_final_decision(
        escalation=escalation,
        outcome="JOINT_WORKING",
        outcome_note="Joint working for six weeks",
        joint_working_until=timezone.localdate() + timedelta(days=42),
        assessment_worker=None,
        by=cwdt.operations,
        now=timezone.now(),
        today=timezone.localdate(),
    )

    [body] = api_as(world.key_worker.user).get(_path(world)).json()

    assert (body["status"], body["outcome"], body["final_outcome"]) == ("FINAL", "NO_CHANGE", "JOINT_WORKING")
    assert (body["disagreement_party"], body["final_note"]) == ("FAMILY", "Joint working for six weeks")


def test_r_c8_after_a_disagreement_the_outcome_is_not_recorded_again(world, api_as, cwdt, escalation) -> None:
    api_as(world.manager.user).post(_outcome(escalation), {"outcome": "NO_CHANGE", "outcome_note": "Time limited"})
    services.disagree_with_escalation(
        escalation=escalation, party="FAMILY", reason="More help", by=world.manager.user, now=timezone.now()
    )
    before = _stored(escalation)

    response = api_as(cwdt.operations).post(_outcome(escalation), {"outcome": "TRANSFER"})

    assert response.status_code == 422
    assert [e["rule"] for e in response.json()["detail"]] == ["C8-OUTCOME"]
    assert _stored(escalation) == before
