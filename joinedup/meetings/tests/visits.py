"""The page states of the meetings pages (B5), for the axe visits in
tests/browser/test_accessibility.py (each a dict of ``Visit`` fields)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any


def _child(suffix: str = "") -> Callable[[Any], str]:
    return lambda world: f"/children/{world.child.pk}/meetings/{suffix}"


def _press(button: str) -> Callable[[Any, Any], None]:
    def act(page: Any, world: Any) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def _meeting(world: Any, *, days: int = 7, **fields: Any) -> Any:
    from django.utils import timezone

    from joinedup.meetings.models import Invitee
    from joinedup.meetings.tests.factories import MeetingFactory

    if fields.get("status") == "HELD":
        fields.setdefault("minutes_recorded_at", timezone.now())
    meeting = MeetingFactory(
        child=world.child,
        organiser=world.key_worker,
        created_by=world.key_worker.user,
        starts_at=timezone.now() + timedelta(days=days),
        arrangements="British Sign Language interpreter",
        **fields,
    )
    Invitee.objects.create(meeting=meeting, practitioner=world.team_member, told_at=timezone.now())
    Invitee.objects.create(meeting=meeting, carer=world.parent.carer, told_at=timezone.now())
    return meeting


def _one(suffix: str = "", **fields: Any) -> Callable[[Any], str]:
    return lambda world: f"/children/{world.child.pk}/meetings/{_meeting(world, **fields).pk}/{suffix}"


def _with_meetings(world: Any) -> str:
    _meeting(world, title="Next week's meeting")
    _meeting(world, days=-30, title="Last month's meeting", status="HELD", minutes="Met")
    return _child()(world)


def _due_this_week(world: Any) -> str:
    _meeting(world, days=2, title="Meeting in two days")
    return "/duties/"


def _child_page(world: Any) -> str:
    _meeting(world, title="Next week's meeting")
    return f"/children/{world.child.pk}/"


MEETING_VISITS: list[dict[str, Any]] = [
    {
        "id": "due-this-week-meeting",
        "who": "team_member",
        "path": _due_this_week,
        "expect": lambda w: "Meeting in two days",
    },
    {
        "id": "child-upcoming-meeting",
        "who": "key_worker",
        "path": _child_page,
        "expect": lambda w: "Next week's meeting",
    },
    {"id": "meetings-empty", "who": "key_worker", "path": _child(), "expect": lambda w: "No meetings are planned"},
    {"id": "meetings", "who": "key_worker", "path": _with_meetings, "expect": lambda w: "Next week's meeting"},
    {"id": "meeting-schedule", "who": "key_worker", "path": _child("new/"), "expect": lambda w: "Schedule a meeting"},
    {
        "id": "meeting-schedule-error",
        "who": "key_worker",
        "path": _child("new/"),
        "act": _press("Schedule the meeting"),
        "error_summary": True,
        "expect": lambda w: "Enter what the meeting is for",
    },
    {"id": "meeting", "who": "key_worker", "path": _one(), "expect": lambda w: "Change the time or place"},
    {
        "id": "meeting-started",
        "who": "key_worker",
        "path": _one(days=-1),
        "expect": lambda w: "Record the minutes and actions",
    },
    {
        "id": "meeting-held",
        "who": "team_member",
        "path": _one(days=-2, status="HELD", minutes="Everyone came"),
        "expect": lambda w: "Everyone came",
    },
    {
        "id": "meeting-cancelled",
        "who": "key_worker",
        "path": _one(status="CANCELLED", cancel_reason="The nurse is ill"),
        "expect": lambda w: "This meeting is cancelled",
    },
    {"id": "meeting-move", "who": "key_worker", "path": _one("move/"), "expect": lambda w: "Change the time or place"},
    {
        "id": "meeting-move-error",
        "who": "key_worker",
        "path": _one("move/"),
        "act": lambda page, world: (
            page.get_by_label("Place (optional if there is a video link)").fill(""),
            page.get_by_label("Video link (optional if there is a place)").fill(""),
            _press("Save and tell everyone invited")(page, world),
        ),
        "error_summary": True,
        "expect": lambda w: "Enter where the meeting is, or a video link",
    },
    {
        "id": "meeting-cancel",
        "who": "key_worker",
        "path": _one("cancel/"),
        "expect": lambda w: "Are you sure you want to cancel this meeting?",
    },
    {
        "id": "meeting-cancel-error",
        "who": "key_worker",
        "path": _one("cancel/"),
        "act": _press("Yes, cancel the meeting"),
        "error_summary": True,
        "expect": lambda w: "Enter why the meeting is cancelled",
    },
    {
        "id": "meeting-responses",
        "who": "key_worker",
        "path": _one("replies/"),
        "expect": lambda w: "Record replies to the invitation",
    },
    {
        "id": "meeting-responses-error",
        "who": "key_worker",
        "path": _one("replies/", status="CANCELLED", cancel_reason="The nurse is ill"),
        "act": _press("Save the replies"),
        "error_summary": True,
        "expect": lambda w: "This meeting is cancelled: it can no longer be changed",
    },
    {
        "id": "meeting-minutes",
        "who": "key_worker",
        "path": _one("minutes/", days=-1),
        "expect": lambda w: "Record the minutes",
    },
    {
        "id": "meeting-minutes-error",
        "who": "key_worker",
        "path": _one("minutes/", days=-1),
        "act": _press("Record the minutes"),
        "error_summary": True,
        "expect": lambda w: "Enter the minutes of the meeting",
    },
]
