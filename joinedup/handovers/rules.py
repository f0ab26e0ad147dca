"""Handover rules (B6, NG213 1.14.2, 1.15.9). Pure: no queries, no writes, no clock."""

from __future__ import annotations

from joinedup.core.rules import Violation
from joinedup.handovers.choices import HandoverStatus
from joinedup.teams.rules import key_worker_reason_violations

# The summary's history lists the child's most recent key events, newest first (B6-SUMMARY).
HISTORY_SHOWN = 15
REASON_MAX = 2000
CANCEL_REASON_MAX = 500


def new_person_violations(*, old_id: object, new_id: object, new_active: bool, new_in_area: bool) -> list[Violation]:
    """B6-NEW-PERSON: the new person is someone else, working now, in the child's area."""
    violations = []
    if new_id == old_id:
        violations.append(
            Violation("B6-NEW-PERSON", "practitioner", "Choose someone other than the person handing over")
        )
    if not new_active:
        violations.append(Violation("B6-NEW-PERSON", "practitioner", "Choose a practitioner who is working now"))
    if not new_in_area:
        violations.append(Violation("B6-NEW-PERSON", "practitioner", "Choose a practitioner who works in this area"))
    return violations


def from_violations(*, is_key_worker: bool, in_team: bool, open_items: int) -> list[Violation]:
    """B6-FROM: the old person is the key worker, or in the child's team, or holds open work for the child."""
    if is_key_worker or in_team or open_items:
        return []
    return [Violation("B6-FROM", "from_practitioner", "This practitioner has nothing to hand over for this child")]


def reason_violations(*, reason: str, is_key_worker: bool) -> list[Violation]:
    """B6-REASON: say why the new person is right for the child; for a key worker, never only that
    they do the same job as the old one (B3-NOT-SAME-JOB, NG213 1.15.9)."""
    if not reason.strip():
        return [Violation("B6-REASON", "reason", "Enter why this person is right for the child")]
    if len(reason) > REASON_MAX:
        return [Violation("B6-REASON", "reason", f"Why this person must be {REASON_MAX} characters or fewer")]
    return key_worker_reason_violations(reason) if is_key_worker else []


def one_open_violations(*, already_open: bool) -> list[Violation]:
    """B6-ONE-OPEN: one handover at a time from one person for one child (also a database constraint)."""
    if not already_open:
        return []
    return [
        Violation(
            "B6-ONE-OPEN",
            "from_practitioner",
            "A handover from this practitioner is already under way: complete or cancel it first",
        )
    ]


def read_violations(*, status: str, is_new_person: bool) -> list[Violation]:
    """B6-READ: only the new person confirms they have read the summary, once, while it is started."""
    violations = []
    if not is_new_person:
        violations.append(Violation("B6-READ", None, "Only the person taking over confirms they have read the summary"))
    if status != HandoverStatus.STARTED:
        violations.append(Violation("B6-READ", None, "This handover is not waiting for the summary to be read"))
    return violations


def complete_violations(*, status: str) -> list[Violation]:
    """B6-COMPLETE: a handover completes only after the new person has read the summary, and once.
    Until then the old person keeps the child's work (B6-KEEP)."""
    if status == HandoverStatus.READ:
        return []
    if status == HandoverStatus.STARTED:
        message = "The person taking over must confirm they have read the handover summary first"
    else:
        message = "This handover is already finished"
    return [Violation("B6-COMPLETE", None, message)]


def cancel_violations(*, status: str, reason: str) -> list[Violation]:
    """B6-CANCEL: an open handover is cancelled with a reason; nothing moves."""
    violations = []
    if status not in (HandoverStatus.STARTED, HandoverStatus.READ):
        violations.append(Violation("B6-CANCEL", None, "This handover is already finished"))
    if not reason.strip():
        violations.append(Violation("B6-CANCEL", "reason", "Enter why the handover is cancelled"))
    elif len(reason) > CANCEL_REASON_MAX:
        violations.append(
            Violation("B6-CANCEL", "reason", f"Why it is cancelled must be {CANCEL_REASON_MAX} characters or fewer")
        )
    return violations


def nothing_lost(
    *, old_before: dict[str, int], new_before: dict[str, int], new_after: dict[str, int], old_after: dict[str, int]
) -> bool:
    """B6-MOVE: every open item the old person held is now the new person's, and the old person holds none."""
    kinds = ("actions", "meetings", "duties")
    return all(old_after[k] == 0 for k in kinds) and all(new_after[k] == old_before[k] + new_before[k] for k in kinds)
