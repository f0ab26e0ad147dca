"""Contingency plan rules for key workers (B7, NG213 1.15.11). Pure: no queries, no writes, no clock."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from joinedup.contingency.choices import AbsenceKind
from joinedup.core.rules import Violation

# B7-INACTIVE: how far back an absence may be dated when it is recorded late.
LONGEST_BACKDATE_DAYS = 92


def cover_violations(
    *, is_themselves: bool, cover_active: bool, same_area: bool, cover_away: bool, reason: str
) -> list[Violation]:
    """B7-COVER: a key worker's named cover is someone else, working now, in the same area, and the
    manager says why they are right to cover."""
    violations = []
    if is_themselves:
        violations.append(Violation("B7-COVER", "cover", "Choose someone other than the key worker"))
    if not cover_active or cover_away:
        violations.append(Violation("B7-COVER", "cover", "Choose a practitioner who is working now"))
    if not same_area:
        violations.append(Violation("B7-COVER", "cover", "Choose a practitioner who works in this area"))
    if not reason.strip():
        violations.append(Violation("B7-COVER", "reason", "Enter why this practitioner is the right cover"))
    return violations


class CoverState(StrEnum):
    """B7-BREACH: the state of a key worker's contingency plan."""

    NAMED = "NAMED"
    NONE = "NONE"  # a breach: no cover named
    NOT_USABLE = "NOT_USABLE"  # a breach: the cover named is away, has left, or works elsewhere


def cover_state(*, has_cover: bool, cover_active: bool, cover_same_area: bool) -> CoverState:
    """B7-BREACH: every key worker has a usable named cover; no cover, or one who could not take over
    today, is a breach the manager sees."""
    if not has_cover:
        return CoverState.NONE
    if not cover_active or not cover_same_area:
        return CoverState.NOT_USABLE
    return CoverState.NAMED


def is_usable_cover(*, has_cover: bool, cover_active: bool, cover_same_area: bool) -> bool:
    """B7-FLAG: the cover takes over only if they could be key worker today (active, same area)."""
    return cover_state(has_cover=has_cover, cover_active=cover_active, cover_same_area=cover_same_area) == (
        CoverState.NAMED
    )


def inactive_violations(*, is_active: bool, kind: str, from_date: date, note: str, today: date) -> list[Violation]:
    """B7-INACTIVE: only someone working now is marked inactive, for a known reason, from a date no
    later than today (and not long ago); another reason is explained in the note."""
    violations = []
    if not is_active:
        violations.append(Violation("B7-INACTIVE", None, "This practitioner is already marked inactive"))
    if kind not in AbsenceKind.values:
        violations.append(Violation("B7-INACTIVE", "kind", "Select why they are away"))
    if from_date > today:
        violations.append(Violation("B7-INACTIVE", "from_date", "The date must be today or in the past"))
    elif (today - from_date).days > LONGEST_BACKDATE_DAYS:
        violations.append(
            Violation("B7-INACTIVE", "from_date", f"The date must be within the last {LONGEST_BACKDATE_DAYS} days")
        )
    if kind == AbsenceKind.OTHER_ABSENCE and not note.strip():
        violations.append(Violation("B7-INACTIVE", "note", "Enter why they are away"))
    return violations


def active_violations(*, is_active: bool, kind: str) -> list[Violation]:
    """B7-RETURN: a practitioner back from a long absence is marked active again; someone who left the
    service is not brought back here (their account was closed: open a new one)."""
    if is_active:
        return [Violation("B7-RETURN", None, "This practitioner is already working")]
    if kind == AbsenceKind.LEFT:
        return [
            Violation("B7-RETURN", None, "This practitioner left the service. Ask an administrator for a new account")
        ]
    return []


def covering_reason(*, absent_name: str, kind_label: str) -> str:
    """B7-FLAG: why the cover is key worker, as the key worker history records it. It names the plan,
    not the job, so it meets B3-NOT-SAME-JOB."""
    return f"Named cover for {absent_name} in the B7 contingency plan ({kind_label.lower()})"


def days_covered(*, raised_on: date, today: date) -> int:
    """B7-AGE: days since the child was flagged; the managers' list shows the oldest first."""
    return max((today - raised_on).days, 0)
