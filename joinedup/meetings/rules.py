"""Meeting policy (B5; NG213 1.15.8). Pure: no queries, no writes, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from joinedup.core.rules import Violation
from joinedup.meetings.choices import MeetingStatus


def details_violations(*, title: str, agenda: str) -> list[Violation]:
    """B5-MEETING-DETAILS: a meeting says what it is for and has an agenda."""
    violations = []
    if not title.strip():
        violations.append(Violation("B5-MEETING-DETAILS", "title", "Enter what the meeting is for"))
    if not agenda.strip():
        violations.append(Violation("B5-MEETING-DETAILS", "agenda", "Enter the agenda"))
    return violations


def when_violations(*, starts_at: datetime, now: datetime) -> list[Violation]:
    """B5-MEETING-FUTURE: a meeting is scheduled, or moved, to a time still to come."""
    if starts_at <= now:
        return [Violation("B5-MEETING-FUTURE", "starts_on", "The meeting must be in the future")]
    return []


def where_violations(*, place: str, video_link: str) -> list[Violation]:
    """B5-MEETING-WHERE: a meeting has a place, a video link, or both."""
    if not place.strip() and not video_link.strip():
        return [Violation("B5-MEETING-WHERE", "place", "Enter where the meeting is, or a video link")]
    return []


def invitee_violations(*, invitees_besides_organiser: int) -> list[Violation]:
    """B5-MEETING-INVITEES: at least one person besides the organiser is invited."""
    if invitees_besides_organiser < 1:
        return [Violation("B5-MEETING-INVITEES", "practitioners", "Invite at least one person besides yourself")]
    return []


def open_violations(*, status: str) -> list[Violation]:
    """B5-MEETING-OPEN: only a planned meeting is moved, cancelled or minuted; held and cancelled
    meetings are kept as they were."""
    if status != MeetingStatus.PLANNED:
        label = MeetingStatus(status).label.lower()
        return [Violation("B5-MEETING-OPEN", None, f"This meeting is {label}: it can no longer be changed")]
    return []


def cancel_violations(*, reason: str) -> list[Violation]:
    """B5-MEETING-CANCEL: a cancellation says why (the invitees are told)."""
    if not reason.strip():
        return [Violation("B5-MEETING-CANCEL", "reason", "Enter why the meeting is cancelled")]
    return []


@dataclass(frozen=True)
class ActionRow:
    """One action agreed at the meeting, as typed: which fields were filled in."""

    index: int
    has_what: bool
    has_outcome: bool
    has_owner: bool
    has_target_date: bool


def minutes_violations(*, minutes: str, starts_at: datetime, now: datetime) -> list[Violation]:
    """B5-MEETING-MINUTES: minutes are recorded only once the meeting has started, and say what
    happened."""
    violations = []
    if now < starts_at:
        violations.append(
            Violation("B5-MEETING-MINUTES", None, "Minutes can only be recorded once the meeting has started")
        )
    if not minutes.strip():
        violations.append(Violation("B5-MEETING-MINUTES", "minutes", "Enter the minutes of the meeting"))
    return violations


def action_violations(*, actions: list[ActionRow]) -> list[Violation]:
    """B5-MEETING-ACTION: each action agreed says what, towards which outcome of a current plan,
    who is responsible and by when; an action left wholly blank is ignored."""
    violations = []
    for row in actions:
        filled = (row.has_what, row.has_outcome, row.has_owner, row.has_target_date)
        if not any(filled):
            continue
        n = row.index
        if not row.has_what:
            violations.append(Violation("B5-MEETING-ACTION", f"action_{n}_what", f"Enter what action {n} is"))
        if not row.has_outcome:
            violations.append(
                Violation("B5-MEETING-ACTION", f"action_{n}_outcome", f"Select the outcome action {n} works towards")
            )
        if not row.has_owner:
            violations.append(
                Violation("B5-MEETING-ACTION", f"action_{n}_owner", f"Select who is responsible for action {n}")
            )
        if not row.has_target_date:
            violations.append(
                Violation("B5-MEETING-ACTION", f"action_{n}_target_date", f"Enter a target date for action {n}")
            )
    return violations
