"""Closure policy (CwDT 7.3.3; C11, G4). Pure: no queries, no writes, no clock. IDs in docs/rules/CLOSURE.md."""

from __future__ import annotations

from datetime import date

from joinedup.closure.choices import RetentionFrom
from joinedup.core.rules import Violation
from joinedup.organisations.choices import JobRole, Sector
from joinedup.people.choices import EhcPlanStatus

# Care Planning, Placement and Case Review (England) Regulations 2010, reg. 50: a looked-after
# child's case record is kept until their 75th birthday.
LOOKED_AFTER_RETENTION_YEARS = 75


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def is_open(*, held_by_a_team: bool, has_current_allocation: bool) -> bool:
    """C11-OPEN: a case is open while a team holds it or any worker is still allocated, assigned
    or attached to it. Closing ends both; a closed case has neither."""
    return held_by_a_team or has_current_allocation


def closure_violations(*, is_open: bool, has_open_transfer: bool, reason_active: bool, note: str) -> list[Violation]:
    """C11-OPEN, C11-REASON: only an open case closes, never while it is on the transfer list;
    with a reason in use and a closing summary."""
    violations = []
    if not is_open:
        violations.append(Violation("C11-OPEN", None, "This case is already closed"))
    if has_open_transfer:
        violations.append(
            Violation("C11-OPEN", None, "This child is on the transfer list. Complete or withdraw the transfer first")
        )
    if not reason_active:
        violations.append(Violation("C11-REASON", "reason", "Select why the case is closing"))
    if not note.strip():
        violations.append(Violation("C11-REASON", "note", "Enter a closing summary"))
    return violations


def closing_date_violations(
    *, closed_on: date, date_of_birth: date, today: date, latest_start: date | None = None
) -> list[Violation]:
    """C11-DATE: a case closes today or in the past, not before the child was born, and not
    before anything it ends began (an allocation or a place in the team)."""
    if closed_on > today:
        return [Violation("C11-DATE", "closed_on", "Date the case closed must be today or in the past")]
    if closed_on < date_of_birth:
        return [
            Violation("C11-DATE", "closed_on", "Date the case closed must be on or after the child's date of birth")
        ]
    if latest_start is not None and closed_on < latest_start:
        return [
            Violation(
                "C11-DATE",
                "closed_on",
                f"Date the case closed must be on or after {_day(latest_start)}, "
                "when the latest allocation or place in the team started",
            )
        ]
    return []


def add_years(d: date, years: int) -> date:
    """The same day ``years`` later. 29 February becomes 1 March in a common year: the later
    day, so a record is never released early (and a birthday falls where the law puts it)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February into a common year
        return date(d.year + years, 3, 1)


def retention_date(
    *, retention_from: str, retention_years: int, date_of_birth: date, closed_on: date, looked_after: bool
) -> date:
    """C11-RETENTION: keep the record until ``retention_years`` after the reason's starting point
    (the closing date or the date of birth); a looked-after child's, at least until their 75th
    birthday (reg. 50). The later date wins: a record is never released before either rule allows."""
    start = date_of_birth if retention_from == RetentionFrom.DATE_OF_BIRTH else closed_on
    keep = add_years(start, retention_years)
    if looked_after:
        keep = max(keep, add_years(date_of_birth, LOOKED_AFTER_RETENTION_YEARS))
    return keep


# C11-REASON-EDIT: the years a reason keeps a record, as the database allows them.
RETENTION_YEARS_RANGE = (1, 100)
# Counted from the date of birth, a record is kept at least until the child is an adult.
MIN_YEARS_FROM_BIRTH = 18


def reason_violations(*, label: str, retention_from: str, retention_years: int) -> list[Violation]:
    """C11-REASON-EDIT: a closure reason says in plain words why a case closes, and how long the record
    is kept: a whole number of years from 1 to 100 after the closing date or the date of birth;
    from the date of birth, at least 18, so no record falls due for review while the child is a child.
    The looked-after floor (C11-RETENTION, 75th birthday) applies whatever a reason says."""
    violations = []
    if not label.strip():
        violations.append(Violation("C11-REASON-EDIT", "label", "Enter the reason"))
    if retention_from not in RetentionFrom.values:
        violations.append(Violation("C11-REASON-EDIT", "retention_from", "Select when the retention period starts"))
    low, high = RETENTION_YEARS_RANGE
    if not low <= retention_years <= high:
        message = f"Years the record is kept must be between {low} and {high}"
        violations.append(Violation("C11-REASON-EDIT", "retention_years", message))
    elif retention_from == RetentionFrom.DATE_OF_BIRTH and retention_years < MIN_YEARS_FROM_BIRTH:
        message = (
            f"Years the record is kept must be {MIN_YEARS_FROM_BIRTH} or more when counted from the date of birth, "
            "so the record is kept at least until the child is an adult"
        )
        violations.append(Violation("C11-REASON-EDIT", "retention_years", message))
    return violations


def _ordinal(n: int) -> str:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def kept_in_words(*, retention_from: str, retention_years: int) -> str:
    """C11-RETENTION in words, for the closure reasons page: "Until the child's 25th birthday"."""
    if retention_from == RetentionFrom.DATE_OF_BIRTH:
        return f"Until the child's {_ordinal(retention_years)} birthday"
    return f"{retention_years} {'year' if retention_years == 1 else 'years'} after the case closed"


def reason_switch_off_violations(*, active: bool, other_active_reasons: int) -> list[Violation]:
    """C11-REASON-IN-USE: at least one reason stays switched on, or no case in the area could close."""
    if active or other_active_reasons > 0:
        return []
    message = "Keep this reason in use: it is the only one left, and a case cannot close without a reason"
    return [Violation("C11-REASON-IN-USE", "active", message)]


def is_past_retention(retain_until: date, *, today: date) -> bool:
    """G4-REVIEW: a record is kept up to and including ``retain_until``; from the day after it
    is reported for review (never deleted by joinedup)."""
    return retain_until < today


def tells_sen_team(ehc_plan_status: str) -> bool:
    """C11-SEN: "If the child has an EHC plan, please notify the SENDAR team that outcomes have
    been achieved and the case is closing to social care" (CwDT 7.3.3)."""
    return ehc_plan_status == EhcPlanStatus.PLAN


def is_sen_officer(*, sector: str, job_role: str, active: bool) -> bool:
    """C11-SEN: the SEN team is told through its officers in the child's team: active SEN
    officers of an education organisation."""
    return active and sector == Sector.EDUCATION and job_role == JobRole.SEN_OFFICER
