"""B5 meetings through the API: the list, one meeting, schedule, move, cancel, minutes (same policy as the pages)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from joinedup.access.services import break_glass
from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.meetings.choices import MeetingStatus
from joinedup.meetings.models import Invitee, Meeting
from joinedup.meetings.tests.factories import MeetingFactory
from joinedup.notifications.models import Notification
from joinedup.plans.models import Action
from joinedup.plans.tests.factories import smart_cin_plan
from joinedup.teams.tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


def _meetings(child: Any) -> str:
    return f"/api/v1/children/{child.pk}/meetings/"


def _one(meeting: Meeting, step: str = "") -> str:
    return f"/api/v1/children/{meeting.child_id}/meetings/{meeting.pk}/{step + '/' if step else ''}"


def _post(client: Any, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, body, content_type="application/json")


def _meeting(world: Any, **fields: Any) -> Meeting:
    meeting = MeetingFactory(child=world.child, organiser=world.key_worker, created_by=world.key_worker.user, **fields)
    Invitee.objects.create(meeting=meeting, practitioner=world.team_member, told_at=timezone.now())
    return meeting


def _schedule_body(world: Any, **changes: Any) -> dict[str, Any]:
    return {
        "title": "Team around the child meeting",
        "starts_at": (timezone.now() + timedelta(days=3)).isoformat(),
        "place": "Riverside Children's Centre",
        "agenda": "Short breaks; school transport",
        "arrangements": "British Sign Language interpreter",
        "practitioner_ids": [str(world.team_member.pk)],
        "carer_ids": [str(world.parent.carer.pk)],
        "young_person": True,
        **changes,
    }


def _stored() -> tuple[int, ...]:
    return Meeting.objects.count(), Invitee.objects.count(), Notification.objects.count(), AuditEvent.objects.count()


def _errors(response: Any) -> list[tuple[str, str | None]]:
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert all(e["message"] for e in detail)
    return [(e["rule"], e["field"]) for e in detail]


def test_the_key_worker_schedules_a_meeting_and_everyone_invited_is_told(client, world) -> None:
    client.force_login(world.key_worker.user)

    response = _post(client, _meetings(world.child), _schedule_body(world))

    assert response.status_code == 201, response.content
    body = response.json()
    meeting = Meeting.objects.get(pk=body["id"])
    assert (meeting.organiser, meeting.status, body["version"]) == (world.key_worker, MeetingStatus.PLANNED, 1)
    assert sorted(i["kind"] for i in body["invitees"]) == ["CARER", "PRACTITIONER", "YOUNG_PERSON"]
    assert {i["response"] for i in body["invitees"]} == {"INVITED"}
    told = set(Notification.objects.filter(child=world.child).values_list("recipient", flat=True))
    assert told == {world.team_member.user.pk, world.parent.pk, world.young_person.pk}
    assert AuditEvent.objects.filter(
        user=world.key_worker.user, action=AuditAction.CREATED, subject_id=str(meeting.pk)
    ).exists()


def test_r_b5_meeting_refused_schedule_is_422_in_the_apis_words_and_keeps_nothing(client, world) -> None:
    client.force_login(world.key_worker.user)
    before = _stored()
    past = (timezone.now() - timedelta(hours=1)).isoformat()
    body = _schedule_body(world, title=" ", starts_at=past, place="", practitioner_ids=[], carer_ids=[])

    response = _post(client, _meetings(world.child), body | {"young_person": False})

    assert sorted(_errors(response)) == [
        ("B5-MEETING-DETAILS", "title"),
        ("B5-MEETING-FUTURE", "starts_at"),
        ("B5-MEETING-INVITEES", "practitioner_ids"),
        ("B5-MEETING-WHERE", "place"),
    ]
    assert _stored() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("a time with no time zone", "starts_at"),
        ("a practitioner outside the team", "practitioner_ids"),
        ("another child's carer", "carer_ids"),
        ("a link that is not a web address", "video_link"),
        ("a field the API does not take", "organiser_id"),
    ],
)
def test_invalid_input_is_422_api_input_and_keeps_nothing(client, world, change, field) -> None:
    client.force_login(world.key_worker.user)
    changes = {
        "starts_at": {"starts_at": (timezone.localtime() + timedelta(days=3)).replace(tzinfo=None).isoformat()},
        "practitioner_ids": {"practitioner_ids": [str(world.same_org_outsider.pk)]},
        "carer_ids": {"carer_ids": [str(world.other_parent.carer.pk)]},
        "video_link": {"video_link": "javascript:alert(1)"},
        "organiser_id": {"organiser_id": str(world.team_member.pk)},
    }[field]
    before = _stored()

    response = _post(client, _meetings(world.child), _schedule_body(world, **changes))

    assert _errors(response) == [("API-INPUT", field)]
    assert _stored() == before


def test_the_list_has_upcoming_and_past_meetings_with_replies_and_the_read_is_audited(client, world) -> None:
    soon = _meeting(world)
    held = _meeting(
        world,
        starts_at=timezone.now() - timedelta(days=2),
        status=MeetingStatus.HELD,
        minutes="Everyone came",
        minutes_recorded_at=timezone.now(),
    )
    Invitee.objects.filter(meeting=held).update(response="ACCEPTED")
    client.force_login(world.team_member.user)
    before = AuditEvent.objects.filter(child=world.child, action=AuditAction.VIEWED).count()

    response = client.get(_meetings(world.child))

    assert response.status_code == 200
    body = response.json()
    assert [m["id"] for m in body["upcoming"]] == [str(soon.pk)]
    assert [m["id"] for m in body["past"]] == [str(held.pk)]
    assert body["past"][0]["invitees"][0] | {"id": None, "told_at": None} == {
        "id": None,
        "kind": "PRACTITIONER",
        "practitioner_id": str(world.team_member.pk),
        "carer_id": None,
        "name": world.team_member.full_name,
        "organisation": world.team_member.organisation.name,
        "response": "ACCEPTED",
        "told_at": None,
    }
    assert body["past"][0]["minutes"] == "Everyone came"
    assert AuditEvent.objects.filter(child=world.child, action=AuditAction.VIEWED).count() == before + 1


def _queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_meetings_and_invitees(client, world) -> None:
    meeting = _meeting(world)
    _meeting(world, starts_at=timezone.now() - timedelta(days=2))  # a past one too: each list has one
    client.force_login(world.key_worker.user)
    counts = (_queries(client, _meetings(world.child)), _queries(client, _one(meeting)))
    for _ in range(3):
        member = TeamMembershipFactory(child=world.child, added_by=world.manager.user).practitioner
        Invitee.objects.create(meeting=meeting, practitioner=member, told_at=timezone.now())
    Invitee.objects.create(meeting=meeting, carer=world.parent.carer, told_at=timezone.now())
    Invitee.objects.create(meeting=meeting, is_young_person=True, told_at=timezone.now())
    _meeting(world, title="Another")
    _meeting(world, starts_at=timezone.now() - timedelta(days=1))
    assert (_queries(client, _meetings(world.child)), _queries(client, _one(meeting))) == counts


def test_one_meeting_is_read_and_audited_and_another_childs_is_404(client, world) -> None:
    meeting = _meeting(world)
    elsewhere = MeetingFactory(child=world.other_child)
    client.force_login(world.manager.user)

    response = client.get(_one(meeting))
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["organiser"]["practitioner_id"]) == (
        meeting.title,
        str(world.key_worker.pk),
    )
    assert AuditEvent.objects.filter(user=world.manager.user, child=world.child, action=AuditAction.VIEWED).exists()

    # The other child's meeting, under this child's path: not found, and nothing about it is said.
    other = client.get(f"/api/v1/children/{world.child.pk}/meetings/{elsewhere.pk}/")
    assert (other.status_code, other.json()) == (404, {"detail": "Not found"})


def test_r_g1_a_child_out_of_reach_is_404_and_nothing_is_stored(client, world) -> None:
    meeting = MeetingFactory(child=world.other_child)
    client.force_login(world.team_member.user)
    before = _stored()

    answers = [
        client.get(_meetings(world.other_child)).status_code,
        client.get(_one(meeting)).status_code,
        _post(client, _meetings(world.other_child), _schedule_body(world, practitioner_ids=[])).status_code,
        _post(client, _one(meeting, "cancel"), {"reason": "Illness", "version": 1}).status_code,
    ]

    assert answers == [404, 404, 404, 404]
    assert _stored() == before


def test_r_g1_emergency_access_sees_the_child_but_not_its_meetings_403(client, world) -> None:
    meeting = _meeting(world)
    outsider = world.same_org_outsider.user
    break_glass(user=outsider, nhs_number=world.child.nhs_number, reason="Admitted to A&E at night", now=timezone.now())
    client.force_login(outsider)
    before = _stored()

    answers = [
        client.get(_meetings(world.child)).status_code,
        client.get(_one(meeting)).status_code,
        _post(client, _meetings(world.child), _schedule_body(world)).status_code,
        _post(client, _one(meeting, "move"), {"starts_at": timezone.now().isoformat(), "version": 1}).status_code,
    ]

    assert answers == [403, 403, 403, 403]
    assert _stored() == before


def test_moving_a_meeting_tells_the_invitees_again_and_raises_its_version(client, world) -> None:
    meeting = _meeting(world)
    client.force_login(world.key_worker.user)
    later = timezone.now() + timedelta(days=10)

    response = _post(client, _one(meeting, "move"), {"starts_at": later.isoformat(), "version": 1})

    assert response.status_code == 200, response.content
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.place, meeting.version, response.json()["version"]) == (
        later,
        "Riverside Children's Centre",  # kept: only the time was sent
        2,
        2,
    )
    assert Notification.objects.filter(subject="The meeting has moved", recipient=world.team_member.user).exists()
    assert AuditEvent.objects.filter(what="Moved a meeting", subject_id=str(meeting.pk)).exists()


def test_r_g5_a_move_on_a_stale_version_is_409_and_keeps_nothing(client, world) -> None:
    meeting = _meeting(world, version=3)
    client.force_login(world.key_worker.user)
    before = _stored()

    response = _post(
        client, _one(meeting, "move"), {"starts_at": (timezone.now() + timedelta(days=9)).isoformat(), "version": 2}
    )

    assert response.status_code == 409
    assert "changed by someone else" in response.json()["detail"]
    assert _stored() == before
    meeting.refresh_from_db()
    assert meeting.version == 3


def test_r_b5_meeting_cancel_needs_a_reason_then_cancels_once(client, world) -> None:
    meeting = _meeting(world)
    client.force_login(world.team_member.user)
    before = _stored()

    assert _errors(_post(client, _one(meeting, "cancel"), {"reason": "  ", "version": 1})) == [
        ("B5-MEETING-CANCEL", "reason")
    ]
    assert _stored() == before

    response = _post(client, _one(meeting, "cancel"), {"reason": "The family are unwell", "version": 1})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["cancel_reason"]) == ("CANCELLED", "The family are unwell")
    assert AuditEvent.objects.filter(what="Cancelled a meeting", user=world.team_member.user).exists()

    again = _post(client, _one(meeting, "cancel"), {"reason": "Again", "version": 2})
    assert _errors(again) == [("B5-MEETING-OPEN", None)]


def test_r_b5_meeting_action_minutes_make_plan_actions_linked_to_the_meeting(client, world) -> None:
    meeting = _meeting(world, starts_at=timezone.now() - timedelta(hours=1))
    outcome = smart_cin_plan(world.child, by=world.manager.user).outcomes.get()
    target = timezone.localdate() + timedelta(days=28)
    client.force_login(world.key_worker.user)
    action = {
        "what": "Refer to the Saturday club",
        "outcome_id": str(outcome.pk),
        "owner_id": str(world.team_member.pk),
        "target_date": target.isoformat(),
    }

    response = _post(client, _one(meeting, "minutes"), {"minutes": "Everyone came", "actions": [action], "version": 1})

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["minutes"]) == ("HELD", "Everyone came")
    made = Action.objects.get(what="Refer to the Saturday club")
    assert (made.outcome, made.responsible_practitioner, made.target_date) == (outcome, world.team_member, target)
    assert AuditEvent.objects.filter(what="Recorded the minutes of a meeting", subject_id=str(meeting.pk)).exists()


def test_r_b5_meeting_action_refused_actions_are_422_and_keep_nothing(client, world) -> None:
    meeting = _meeting(world, starts_at=timezone.now() - timedelta(hours=1))
    smart_cin_plan(world.child, by=world.manager.user)
    other_outcome = smart_cin_plan(world.other_child, by=world.manager.user).outcomes.get()
    client.force_login(world.key_worker.user)
    before = (_stored(), Action.objects.count())
    action = {
        "what": " ",
        "outcome_id": str(other_outcome.pk),  # another child's plan
        "owner_id": str(world.same_org_outsider.pk),  # not in the child's team
        "target_date": timezone.localdate().isoformat(),
    }

    response = _post(client, _one(meeting, "minutes"), {"minutes": "Everyone came", "actions": [action], "version": 1})

    assert _errors(response) == [
        ("B5-MEETING-ACTION", "actions.0.what"),
        ("B5-MEETING-ACTION", "actions.0.outcome_id"),
        ("B5-MEETING-ACTION", "actions.0.owner_id"),
    ]
    assert (_stored(), Action.objects.count()) == before


def test_r_b5_meeting_minutes_refused_before_the_start(client, world) -> None:
    meeting = _meeting(world)
    client.force_login(world.key_worker.user)

    response = _post(client, _one(meeting, "minutes"), {"minutes": "Everyone came", "version": 1})

    assert _errors(response) == [("B5-MEETING-MINUTES", None)]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
