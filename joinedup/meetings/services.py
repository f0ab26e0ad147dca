"""Every change to meetings (B5): schedule, move, cancel, record the minutes and the actions agreed.

Each service checks the rules, writes its audit event and tells the invitees
(``notifications.notify``), all in one transaction: a change that rolls back tells nobody.
Family invitees without an account are marked told too: the organiser tells them in person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse

from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import EditConflict, RuleViolations, Violation
from joinedup.meetings import rules
from joinedup.meetings.choices import InviteeResponse, MeetingStatus
from joinedup.meetings.models import Invitee, Meeting
from joinedup.notifications.services import notify
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Carer, Child
from joinedup.plans import services as plans
from joinedup.plans.models import Outcome
from joinedup.teams.models import TeamMembership

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class MeetingDetails:
    title: str
    starts_at: datetime
    place: str
    video_link: str
    agenda: str
    arrangements: str


@dataclass(frozen=True)
class AgreedAction:
    """An action agreed at the meeting: it becomes an action of the outcome's plan."""

    outcome: Outcome
    what: str
    owner: Practitioner
    target_date: date


def _refuse(violations: Sequence[Violation]) -> None:
    if violations:
        raise RuleViolations(violations)


def local_day(at: datetime) -> date:
    return at.astimezone(LONDON).date()


def when_text(at: datetime) -> str:
    local = at.astimezone(LONDON)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def _tell(meeting: Meeting, *, subject: str, body: str, by: User, now: datetime) -> None:
    """Every invitee with an account is messaged (not the person acting); every invitee is marked told."""
    invitees = list(
        Invitee.objects.filter(meeting=meeting).select_related(
            "practitioner__user", "carer__user", "meeting__child__user"
        )
    )
    users: list[User] = []
    for i in invitees:
        if i.practitioner is not None:
            users.append(i.practitioner.user)
        elif i.carer is not None and i.carer.user is not None:
            users.append(i.carer.user)
        elif i.is_young_person and meeting.child.user is not None:
            users.append(meeting.child.user)
    link = reverse("meetings:meeting-detail", args=[meeting.child_id, meeting.pk])
    notify(
        recipients=[u for u in users if u.pk != by.pk],
        subject=subject,
        body=body,
        link=link,
        child=meeting.child,
        now=now,
    )
    Invitee.objects.filter(meeting=meeting).update(told_at=now)


def _organiser(by: User) -> Practitioner:
    try:
        return by.practitioner
    except Practitioner.DoesNotExist:
        raise ValueError("Only a practitioner organises a meeting") from None


@transaction.atomic
def schedule_meeting(
    *,
    child: Child,
    details: MeetingDetails,
    practitioners: Sequence[Practitioner],
    carers: Sequence[Carer],
    young_person: bool,
    by: User,
    now: datetime,
) -> Meeting:
    """Schedule a meeting ``by`` organises, invite people from the child's team and family, tell them."""
    organiser = _organiser(by)
    in_team = set(TeamMembership.objects.current().filter(child=child).values_list("practitioner_id", flat=True))
    linked = set(child.carer_links.values_list("carer_id", flat=True))
    invited = [p for p in practitioners if p.pk != organiser.pk]
    violations = [
        *rules.details_violations(title=details.title, agenda=details.agenda),
        *rules.when_violations(starts_at=details.starts_at, now=now),
        *rules.where_violations(place=details.place, video_link=details.video_link),
        *rules.invitee_violations(invitees_besides_organiser=len(invited) + len(carers) + int(young_person)),
    ]
    if any(p.pk not in in_team for p in invited) or any(c.pk not in linked for c in carers):
        violations.append(
            Violation("B5-MEETING-INVITEES", "practitioners", "Invite people from the child's team and family only")
        )
    _refuse(violations)
    meeting = Meeting.objects.create(
        child=child,
        title=details.title.strip(),
        starts_at=details.starts_at,
        place=details.place.strip(),
        video_link=details.video_link.strip(),
        organiser=organiser,
        agenda=details.agenda.strip(),
        arrangements=details.arrangements.strip(),
        created_by=by,
        created_at=now,
        updated_at=now,
    )
    Invitee.objects.bulk_create(
        [Invitee(meeting=meeting, practitioner=p, told_at=now) for p in invited]
        + [Invitee(meeting=meeting, carer=c, told_at=now) for c in carers]
        + ([Invitee(meeting=meeting, is_young_person=True, told_at=now)] if young_person else [])
    )
    audit.record(action=AuditAction.CREATED, by=by, at=now, child=child, subject=meeting, what="Scheduled a meeting")
    _tell(
        meeting,
        subject="You are invited to a meeting",
        body=f"You are invited to a meeting about child {child.local_id} on {when_text(meeting.starts_at)}.",
        by=by,
        now=now,
    )
    return meeting


def _locked(meeting: Meeting, expected_version: int) -> Meeting:
    saved = Meeting.objects.select_for_update(of=("self",)).select_related("child__user").get(pk=meeting.pk)
    if saved.version != expected_version:
        raise EditConflict("The meeting was changed by someone else")
    return saved


@transaction.atomic
def move_meeting(
    *,
    meeting: Meeting,
    starts_at: datetime,
    place: str,
    video_link: str,
    expected_version: int,
    by: User,
    now: datetime,
) -> Meeting:
    """Change the time or place of a planned meeting; if either changed, every invitee is told again."""
    saved = _locked(meeting, expected_version)
    _refuse(
        [
            *rules.open_violations(status=saved.status),
            *rules.when_violations(starts_at=starts_at, now=now),
            *rules.where_violations(place=place, video_link=video_link),
        ]
    )
    before = {"starts_at": saved.starts_at.isoformat(), "place": saved.place, "video_link": saved.video_link}
    after = {"starts_at": starts_at.isoformat(), "place": place.strip(), "video_link": video_link.strip()}
    if before == after:
        return saved
    Meeting.objects.filter(pk=saved.pk).update(
        starts_at=starts_at,
        place=after["place"],
        video_link=after["video_link"],
        version=saved.version + 1,
        updated_at=now,
    )
    saved.refresh_from_db()
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=saved.child,
        subject=saved,
        what="Moved a meeting",
        changes={"before": before, "after": after},
    )
    _tell(
        saved,
        subject="The meeting has moved",
        body=f"A meeting about child {saved.child.local_id} is now on {when_text(saved.starts_at)}.",
        by=by,
        now=now,
    )
    return saved


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, reason: str, expected_version: int, by: User, now: datetime) -> Meeting:
    """Cancel a planned meeting and tell every invitee."""
    saved = _locked(meeting, expected_version)
    _refuse([*rules.open_violations(status=saved.status), *rules.cancel_violations(reason=reason)])
    Meeting.objects.filter(pk=saved.pk).update(
        status=MeetingStatus.CANCELLED, cancel_reason=reason.strip(), version=saved.version + 1, updated_at=now
    )
    saved.refresh_from_db()
    audit.record(action=AuditAction.ENDED, by=by, at=now, child=saved.child, subject=saved, what="Cancelled a meeting")
    _tell(
        saved,
        subject="The meeting is cancelled",
        body=f"The meeting about child {saved.child.local_id} on {when_text(saved.starts_at)} is cancelled.",
        by=by,
        now=now,
    )
    return saved


@transaction.atomic
def record_minutes(
    *,
    meeting: Meeting,
    minutes: str,
    actions: Sequence[AgreedAction],
    expected_version: int,
    by: User,
    now: datetime,
    today: date,
) -> Meeting:
    """Record the minutes of a meeting that has started, and add each action agreed to the plan
    its outcome belongs to, linked to this meeting (C6-MADE-AT)."""
    saved = _locked(meeting, expected_version)
    rows = [rules.ActionRow(i, True, True, True, True) for i, _ in enumerate(actions, start=1)]
    _refuse(
        [
            *rules.open_violations(status=saved.status),
            *rules.minutes_violations(minutes=minutes, starts_at=saved.starts_at, now=now),
            *rules.action_violations(actions=rows),
        ]
    )
    if any(a.outcome.plan.child_id != saved.child_id for a in actions):
        raise RuleViolations([Violation("B5-MEETING-ACTION", None, "An action must be on one of the child's plans")])
    Meeting.objects.filter(pk=saved.pk).update(
        status=MeetingStatus.HELD,
        minutes=minutes.strip(),
        minutes_recorded_at=now,
        version=saved.version + 1,
        updated_at=now,
    )
    saved.refresh_from_db()
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=saved.child,
        subject=saved,
        what="Recorded the minutes of a meeting",
        changes={"actions": len(actions)},
    )
    made_at = plans.MadeAt(text=saved.title, on=local_day(saved.starts_at), record=saved)
    for a in actions:
        plans.add_action(
            outcome=a.outcome,
            details=plans.ActionDetails(
                what=a.what,
                responsible_practitioner=a.owner,
                responsible_other="",
                target_date=a.target_date,
                frequency_count=None,
                frequency_unit="",
            ),
            made_at=made_at,
            by=by,
            now=now,
            today=today,
        )
    return saved


@transaction.atomic
def record_responses(*, meeting: Meeting, responses: dict[UUID, str], by: User, now: datetime) -> int:
    """Record how invitees answered (invited, accepted, declined); returns how many changed."""
    saved = Meeting.objects.select_for_update().select_related("child").get(pk=meeting.pk)
    _refuse(rules.open_violations(status=saved.status))
    if any(r not in InviteeResponse.values for r in responses.values()):
        raise ValueError("Unknown response")
    changed = 0
    for invitee in Invitee.objects.filter(meeting=saved, pk__in=list(responses)).order_by("id"):
        if invitee.response != responses[invitee.pk]:
            Invitee.objects.filter(pk=invitee.pk).update(response=responses[invitee.pk])
            changed += 1
    if changed:
        audit.record(
            action=AuditAction.UPDATED,
            by=by,
            at=now,
            child=saved.child,
            subject=saved,
            what="Recorded replies to a meeting invitation",
            changes={"changed": changed},
        )
    return changed
