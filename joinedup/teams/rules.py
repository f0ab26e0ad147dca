"""Interagency team and key worker rules (B1, B2). Pure: no queries, no writes, no clock."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from joinedup.core.rules import Violation
from joinedup.people.choices import Need


def unmet_needs(needs: Iterable[str], member_skills: Iterable[Collection[str]]) -> list[str]:
    """B1-GAPS: the child's needs that no current team member has the skills to address.

    Skills and needs share codes (CwDT 1.2), so a need is met when any member lists it.
    Returned in the controlled list's order.
    """
    covered = set().union(*member_skills) if member_skills else set()
    wanted = set(needs)
    return [n for n in Need.values if n in wanted and n not in covered]


def membership_violations(
    *, start_date: date, end_date: date | None, today: date, already_member: bool, practitioner_active: bool
) -> list[Violation]:
    """B1-MEMBER: a practitioner joins a team once, while active, and ends after they start."""
    violations = []
    if already_member:
        violations.append(Violation("B1-MEMBER", "practitioner", "This practitioner is already in the child's team"))
    if not practitioner_active:
        violations.append(Violation("B1-MEMBER", "practitioner", "This practitioner's account is switched off"))
    if end_date is not None and end_date < start_date:
        violations.append(Violation("B1-MEMBER", "end_date", "End date must be the same as or after the start date"))
    if end_date is not None and end_date > today:
        violations.append(Violation("B1-MEMBER", "end_date", "End date must be today or in the past"))
    return violations


def end_membership_violations(*, start_date: date, end_date: date, today: date) -> list[Violation]:
    """B1-END: a membership ends on or after its start, and not in the future."""
    return membership_violations(
        start_date=start_date, end_date=end_date, today=today, already_member=False, practitioner_active=True
    )


def key_worker_violations(*, is_current_member: bool, practitioner_active: bool, reason: str) -> list[Violation]:
    """B2-ASSIGN: the key worker is an active, current member of the child's team; say why."""
    violations = []
    if not is_current_member:
        violations.append(
            Violation(
                "B2-ASSIGN", "practitioner", "Select someone who is in the child's team; add them to the team first"
            )
        )
    if not practitioner_active:
        violations.append(Violation("B2-ASSIGN", "practitioner", "This practitioner's account is switched off"))
    if not reason.strip():
        violations.append(Violation("B2-ASSIGN", "reason", "Enter why this practitioner is the right key worker"))
    return violations
