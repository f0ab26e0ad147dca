"""API endpoints for a child's meetings (B5): the list, one meeting, schedule, move, cancel, minutes.

The same services and access policy as the pages: the child's team and the holding team's managers
organise meetings; managers with reach over the child read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import NoReturn
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import AwareDatetime, ConfigDict

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.accounts.models import User
from joinedup.api.auth import user_of
from joinedup.api.errors import INPUT_RULE
from joinedup.api.schemas import Error, ValidationErrors
from joinedup.core import clock
from joinedup.core.rules import RuleViolations, Violation
from joinedup.meetings import rules, selectors, services
from joinedup.meetings.models import Invitee, Meeting
from joinedup.people.models import Child

router = Router(tags=["meetings"])

READ_RESPONSES = {401: Error, 403: Error, 404: Error, 422: ValidationErrors}
WRITE_RESPONSES = {**READ_RESPONSES, 409: Error}
MAX_INVITEES = 100
MAX_ACTIONS = 20


# ---- Shapes ------------------------------------------------------------------------------------


class OrganiserOut(Schema):
    practitioner_id: UUID
    name: str
    organisation: str


class InviteeOut(Schema):
    id: UUID
    kind: str = Field(description="PRACTITIONER, CARER or YOUNG_PERSON")
    practitioner_id: UUID | None
    carer_id: UUID | None
    name: str
    organisation: str = Field(description="A practitioner's organisation; empty for the family")
    response: str = Field(description="INVITED, ACCEPTED or DECLINED")
    told_at: datetime = Field(description="When they were last told about the meeting")


class MeetingOut(Schema):
    id: UUID
    child_id: UUID
    title: str
    starts_at: datetime
    place: str
    video_link: str
    organiser: OrganiserOut
    agenda: str
    arrangements: str = Field(description="Accessible arrangements: an interpreter, step-free access, ...")
    status: str = Field(description="PLANNED, HELD or CANCELLED")
    cancel_reason: str
    minutes: str
    minutes_recorded_at: datetime | None
    version: int = Field(description="Send it back to move, cancel or minute the meeting (G5)")
    invitees: list[InviteeOut]


class MeetingListOut(Schema):
    upcoming: list[MeetingOut] = Field(description="Planned meetings still to come, soonest first")
    past: list[MeetingOut] = Field(description="Held, cancelled, or past and not yet minuted, latest first")


class MeetingIn(Schema):
    """Schedule a meeting you organise. It needs a place, a video link, or both, and at least one
    person besides you, from the child's team and family (B5-MEETING-*)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(max_length=200, description="What the meeting is for")
    starts_at: AwareDatetime = Field(description="With a time zone, for example 2027-03-27T14:30:00+01:00")
    place: str = Field("", max_length=300)
    video_link: str = Field("", max_length=500, description="Starts with https://")
    agenda: str = Field(max_length=8000)
    arrangements: str = Field("", max_length=2000, description="Accessible arrangements")
    practitioner_ids: list[UUID] = Field([], max_length=MAX_INVITEES, description="Members of the child's team")
    carer_ids: list[UUID] = Field([], max_length=MAX_INVITEES, description="The child's parents and carers")
    young_person: bool = Field(False, description="Invite the child or young person")


class MoveIn(Schema):
    """A new time (and place or video link, if they change); everyone invited is told again."""

    model_config = ConfigDict(extra="forbid")

    starts_at: AwareDatetime
    place: str | None = Field(None, max_length=300, description="Leave out to keep the place")
    video_link: str | None = Field(None, max_length=500, description="Leave out to keep the video link")
    version: int = Field(ge=0, description="The meeting's version as you read it: 409 if it has changed since")


class CancelIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=500, description="Why the meeting is cancelled: everyone invited is told")
    version: int = Field(ge=0, description="The meeting's version as you read it: 409 if it has changed since")


class AgreedActionIn(Schema):
    """An action agreed at the meeting: it becomes an action of the outcome's plan (C6-MADE-AT)."""

    model_config = ConfigDict(extra="forbid")

    what: str = Field(max_length=1000)
    outcome_id: UUID = Field(description="An outcome of one of the child's current plans")
    owner_id: UUID = Field(description="The practitioner responsible: a member of the child's team")
    target_date: date


class MinutesIn(Schema):
    model_config = ConfigDict(extra="forbid")

    minutes: str = Field(max_length=20000, description="Who came, what was discussed and what was decided")
    actions: list[AgreedActionIn] = Field([], max_length=MAX_ACTIONS)
    version: int = Field(ge=0, description="The meeting's version as you read it: 409 if it has changed since")


def _invitee_out(i: Invitee, child: Child) -> InviteeOut:
    if i.practitioner is not None:
        kind, name, organisation = "PRACTITIONER", i.practitioner.full_name, i.practitioner.organisation.name
    elif i.carer is not None:
        kind, name, organisation = "CARER", i.carer.full_name, ""
    else:
        kind, name, organisation = "YOUNG_PERSON", child.full_name, ""
    return InviteeOut(
        id=i.pk,
        kind=kind,
        practitioner_id=i.practitioner_id,
        carer_id=i.carer_id,
        name=name,
        organisation=organisation,
        response=i.response,
        told_at=i.told_at,
    )


def meeting_out(m: Meeting, child: Child) -> MeetingOut:
    """``m`` as read by ``selectors`` (organiser and invitees loaded)."""
    return MeetingOut(
        id=m.pk,
        child_id=m.child_id,
        title=m.title,
        starts_at=m.starts_at,
        place=m.place,
        video_link=m.video_link,
        organiser=OrganiserOut(
            practitioner_id=m.organiser_id, name=m.organiser.full_name, organisation=m.organiser.organisation.name
        ),
        agenda=m.agenda,
        arrangements=m.arrangements,
        status=m.status,
        cancel_reason=m.cancel_reason,
        minutes=m.minutes,
        minutes_recorded_at=m.minutes_recorded_at,
        version=m.version,
        invitees=[_invitee_out(i, child) for i in m.invitees.all()],
    )


# ---- Input the rules do not cover, and the rules' fields in the API's words --------------------

_ACTION_FIELD = re.compile(r"^action_(\d+)_(what|outcome|owner|target_date)$")
_ACTION_NAMES = {"what": "what", "outcome": "outcome_id", "owner": "owner_id", "target_date": "target_date"}
_FIELDS = {"starts_on": "starts_at", "starts_time": "starts_at", "practitioners": "practitioner_ids"}


def _api_field(field: str | None) -> str | None:
    if field is None:
        return None
    if match := _ACTION_FIELD.match(field):
        return f"actions.{int(match.group(1)) - 1}.{_ACTION_NAMES[match.group(2)]}"
    return _FIELDS.get(field, field)


@contextmanager
def _in_api_words() -> Iterator[None]:
    """A rule refusing names the page's field (``starts_on``); the API's body names ``starts_at``."""
    try:
        yield
    except RuleViolations as exc:
        raise RuleViolations([replace(v, field=_api_field(v.field)) for v in exc.violations]) from exc


def _refuse_input(field: str, message: str) -> NoReturn:
    raise RuleViolations([Violation(INPUT_RULE, field, message)])


def _checked_time(starts_at: datetime) -> datetime:
    try:
        return starts_at.astimezone(UTC)
    except OverflowError:  # a time zone that pushes the year out of range
        _refuse_input("starts_at", "starts_at must be a real date and time")


def _checked_link(video_link: str) -> str:
    link = video_link.strip()
    if link:
        try:
            URLValidator(schemes=["https", "http"])(link)
        except ValidationError:
            _refuse_input("video_link", "Enter a video link that starts with https://")
    return link


def _child_to_organise(user: User, child_id: UUID) -> Child:
    """A write loads the child through access (404, then 403) without a read row: the service audits."""
    child = policy.get_child_or_404(user, child_id)
    if not policy.can_organise_meetings(user, child):
        raise PermissionDenied
    return child


def _meeting(child: Child, meeting_id: UUID) -> Meeting:
    meeting = selectors.meeting_of(child, meeting_id)
    if meeting is None:
        raise Http404("No meeting found")
    return meeting


# ---- Endpoints ---------------------------------------------------------------------------------


@router.get(
    "/children/{child_id}/meetings/",
    response={200: MeetingListOut, **READ_RESPONSES},
    operation_id="listChildMeetings",
    summary="The child's meetings: upcoming and past, with who is invited and how they replied (B5)",
    description="For the child's team and managers with reach over the child; others who can see the child get "
    "403, anyone else 404. The read is audited (G3).",
)
def list_meetings(request: HttpRequest, child_id: UUID) -> MeetingListOut:
    user = user_of(request)
    child = open_child(user, child_id, what="Opened the meetings through the API", may=policy.can_read_meetings)
    now = clock.now()
    return MeetingListOut(
        upcoming=[meeting_out(m, child) for m in selectors.upcoming_for(child, now=now)],
        past=[meeting_out(m, child) for m in selectors.past_for(child, now=now)],
    )


@router.get(
    "/children/{child_id}/meetings/{meeting_id}/",
    response={200: MeetingOut, **READ_RESPONSES},
    operation_id="getMeeting",
    summary="One meeting of the child, with its agenda, invitees and minutes",
    description="404 when the child is not yours to see or the meeting is not the child's. The read is audited.",
)
def get_meeting(request: HttpRequest, child_id: UUID, meeting_id: UUID) -> MeetingOut:
    child = open_child(
        user_of(request), child_id, what="Opened a meeting through the API", may=policy.can_read_meetings
    )
    return meeting_out(_meeting(child, meeting_id), child)


@router.post(
    "/children/{child_id}/meetings/",
    response={201: MeetingOut, **READ_RESPONSES},
    operation_id="scheduleMeeting",
    summary="Schedule a meeting you organise and invite people from the child's team and family (B5)",
    description="For members of the child's team and managers of the holding team; others who can see the child "
    "get 403. Everyone invited who has an account is told.",
)
def schedule_meeting(request: HttpRequest, child_id: UUID, payload: MeetingIn) -> Status[MeetingOut]:
    user = user_of(request)
    child = _child_to_organise(user, child_id)
    details = services.MeetingDetails(
        title=payload.title,
        starts_at=_checked_time(payload.starts_at),
        place=payload.place,
        video_link=_checked_link(payload.video_link),
        agenda=payload.agenda,
        arrangements=payload.arrangements,
    )
    practitioners = list(selectors.team_practitioners(child).filter(pk__in=payload.practitioner_ids))
    carers = list(selectors.family_carers(child).filter(pk__in=payload.carer_ids))
    if len(practitioners) < len(set(payload.practitioner_ids)):
        _refuse_input("practitioner_ids", "Invite practitioners from the child's team only")
    if len(carers) < len(set(payload.carer_ids)):
        _refuse_input("carer_ids", "Invite the child's own parents and carers only")
    with _in_api_words():
        meeting = services.schedule_meeting(
            child=child,
            details=details,
            practitioners=practitioners,
            carers=carers,
            young_person=payload.young_person,
            by=user,
            now=clock.now(),
        )
    return Status(201, meeting_out(_meeting(child, meeting.pk), child))


@router.post(
    "/children/{child_id}/meetings/{meeting_id}/move/",
    response={200: MeetingOut, **WRITE_RESPONSES},
    operation_id="moveMeeting",
    summary="Move a planned meeting to a new time (or place); everyone invited is told again",
    description="For those who organise the child's meetings. 409 when someone else changed the meeting after "
    "you read its version (G5); 422 when it is held or cancelled, or the new time has passed.",
)
def move_meeting(request: HttpRequest, child_id: UUID, meeting_id: UUID, payload: MoveIn) -> MeetingOut:
    user = user_of(request)
    child = _child_to_organise(user, child_id)
    meeting = _meeting(child, meeting_id)
    place = meeting.place if payload.place is None else payload.place
    video_link = meeting.video_link if payload.video_link is None else _checked_link(payload.video_link)
    with _in_api_words():
        services.move_meeting(
            meeting=meeting,
            starts_at=_checked_time(payload.starts_at),
            place=place,
            video_link=video_link,
            expected_version=payload.version,
            by=user,
            now=clock.now(),
        )
    return meeting_out(_meeting(child, meeting.pk), child)


@router.post(
    "/children/{child_id}/meetings/{meeting_id}/cancel/",
    response={200: MeetingOut, **WRITE_RESPONSES},
    operation_id="cancelMeeting",
    summary="Cancel a planned meeting, saying why; everyone invited is told",
    description="409 when someone else changed the meeting after you read its version (G5).",
)
def cancel_meeting(request: HttpRequest, child_id: UUID, meeting_id: UUID, payload: CancelIn) -> MeetingOut:
    user = user_of(request)
    child = _child_to_organise(user, child_id)
    meeting = _meeting(child, meeting_id)
    with _in_api_words():
        services.cancel_meeting(
            meeting=meeting, reason=payload.reason, expected_version=payload.version, by=user, now=clock.now()
        )
    return meeting_out(_meeting(child, meeting.pk), child)


@router.post(
    "/children/{child_id}/meetings/{meeting_id}/minutes/",
    response={200: MeetingOut, **WRITE_RESPONSES},
    operation_id="recordMeetingMinutes",
    summary="Record the minutes of a meeting that has started, and the actions agreed",
    description="Each action agreed becomes an action of its outcome's plan, linked to this meeting "
    "(C6-MADE-AT). The meeting is then held and cannot be changed. 409 when someone else changed it after you "
    "read its version (G5).",
)
def record_minutes(request: HttpRequest, child_id: UUID, meeting_id: UUID, payload: MinutesIn) -> MeetingOut:
    user = user_of(request)
    child = _child_to_organise(user, child_id)
    meeting = _meeting(child, meeting_id)
    outcome_ids, owner_ids = [a.outcome_id for a in payload.actions], [a.owner_id for a in payload.actions]
    outcomes = {o.pk: o for o in selectors.current_outcomes(child).filter(pk__in=outcome_ids)}
    owners = {p.pk: p for p in selectors.team_practitioners(child).filter(pk__in=owner_ids)}
    rows = [
        rules.ActionRow(n, bool(a.what.strip()), a.outcome_id in outcomes, a.owner_id in owners, True)
        for n, a in enumerate(payload.actions, start=1)
    ]
    with _in_api_words():
        if refused := rules.action_violations(actions=rows):
            raise RuleViolations(refused)
    actions = [
        services.AgreedAction(
            outcome=outcomes[a.outcome_id], what=a.what, owner=owners[a.owner_id], target_date=a.target_date
        )
        for a in payload.actions
    ]
    with _in_api_words():
        services.record_minutes(
            meeting=meeting,
            minutes=payload.minutes,
            actions=actions,
            expected_version=payload.version,
            by=user,
            now=clock.now(),
            today=clock.today(),
        )
    return meeting_out(_meeting(child, meeting.pk), child)
