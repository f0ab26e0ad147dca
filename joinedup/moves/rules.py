"""Moving area policy (B8; NG213 1.15.10). Pure: no queries, no writes, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from joinedup.core.rules import Violation
from joinedup.moves.choices import ContactKind, MoveOutcome, MoveStatus

PACK_SCHEMA = "joinedup.move-pack"
PACK_SCHEMA_VERSION = 1
LONGEST_AGO = timedelta(days=365)  # a move recorded late is fine; a date years ago is a typing mistake


def plan_violations(
    *,
    in_system_area: bool,
    same_area: bool,
    to_area_name: str,
    moving_on: date,
    has_open_move: bool,
    today: date,
) -> list[Violation]:
    """B8-PLAN: a move names one new area (an area in joinedup other than the child's own, or the
    local authority's name) and the expected date; a child has one open move at a time."""
    violations = []
    if has_open_move:
        violations.append(Violation("B8-PLAN", None, "A move is already planned for this child"))
    if in_system_area and to_area_name.strip():
        violations.append(
            Violation("B8-PLAN", "to_area_name", "Choose the area in joinedup or type its name, not both")
        )
    elif not in_system_area and not to_area_name.strip():
        violations.append(Violation("B8-PLAN", "to_area_name", "Enter the local authority the family is moving to"))
    if same_area:
        violations.append(Violation("B8-PLAN", "to_area", "Choose an area other than the child's own"))
    if moving_on < today - LONGEST_AGO:
        violations.append(Violation("B8-PLAN", "moving_on", "The moving date must be within the last year or later"))
    return violations


def contact_violations(
    *, kind: str, in_system_area: bool, has_practitioner: bool, practitioner_in_new_area: bool, name: str, email: str
) -> list[Violation]:
    """B8-CONTACT: a practitioner in the new area is chosen from that area's practitioners when it uses
    joinedup, or named with an e-mail address when it does not; an equipment provider is named with
    an e-mail address (joinedup does not record equipment providers, so they are told by e-mail)."""
    if kind == ContactKind.NEW_AREA and in_system_area:
        if not has_practitioner:
            return [Violation("B8-CONTACT", "practitioner", "Choose a practitioner in the new area")]
        if not practitioner_in_new_area:
            return [Violation("B8-CONTACT", "practitioner", "Choose a practitioner who works in the new area")]
        return []
    violations = []
    if has_practitioner:
        message = (
            "Name the equipment provider: the list is for practitioners in the new area"
            if kind == ContactKind.EQUIPMENT
            else "This area does not use joinedup: name the person"
        )
        violations.append(Violation("B8-CONTACT", "practitioner", message))
    if not name.strip():
        violations.append(Violation("B8-CONTACT", "name", "Enter their name"))
    if not email.strip():
        violations.append(Violation("B8-CONTACT", "email", "Enter their email address"))
    return violations


def open_violations(*, status: str) -> list[Violation]:
    """B8-OPEN: a completed move is kept as it was: nothing is added, sent or completed again."""
    if status == MoveStatus.COMPLETED:
        return [Violation("B8-OPEN", None, "This move is completed: it can no longer be changed")]
    return []


def pack_violations(*, status: str, new_area_contacts: int) -> list[Violation]:
    """B8-PACK: the information pack is sent only once at least one practitioner in the new area has
    been identified to share it with (NG213 1.15.10, first bullet)."""
    violations = open_violations(status=status)
    if new_area_contacts < 1:
        violations.append(
            Violation("B8-PACK", None, "Identify at least one practitioner in the new area before sending the pack")
        )
    return violations


@dataclass(frozen=True)
class Told:
    """Who hears of the move when the pack is sent (B8-TELL)."""

    new_area: bool
    family: bool
    old_team: bool
    equipment: bool


def who_to_tell(*, new_area_untold: int, family_told: bool, old_team_told: bool, equipment_untold: int) -> Told:
    """B8-TELL: sending tells each person once: the practitioners in the new area and the equipment
    providers not yet told, the family (a copy of the pack) and the old area's team (that the family is
    moving) the first time. Sending again after adding someone tells only the newcomers."""
    return Told(
        new_area=new_area_untold > 0,
        family=not family_told,
        old_team=not old_team_told,
        equipment=equipment_untold > 0,
    )


def outcome_violations(
    *,
    status: str,
    outcome: str,
    reason: str,
    in_system_area: bool,
    receiving_team_found: bool,
    local_id_taken: bool,
    closure_reason_in_use: bool,
) -> list[Violation]:
    """B8-OUTCOME: a move is completed once the pack has been sent, by closing the record (for the
    area's "moved to another area" closure reason, which must be switched on) or by transferring it
    to an area that uses joinedup (its Safeguarding & Support hub receives it, and the local ID must
    be free there), and always with a reason."""
    violations = open_violations(status=status)
    if status == MoveStatus.PLANNED:
        violations.append(Violation("B8-OUTCOME", None, "Send the information pack before completing the move"))
    if outcome not in MoveOutcome.values:
        violations.append(Violation("B8-OUTCOME", "outcome", "Select whether to close or transfer the record"))
    if not reason.strip():
        violations.append(Violation("B8-OUTCOME", "reason", "Enter the reason"))
    if outcome == MoveOutcome.CLOSED and not closure_reason_in_use:
        violations.append(
            Violation("B8-OUTCOME", "outcome", "The closure reason for a move to another area is switched off")
        )
    if outcome == MoveOutcome.TRANSFERRED:
        if not in_system_area:
            violations.append(
                Violation("B8-OUTCOME", "outcome", "The new area does not use joinedup: close the record instead")
            )
        elif not receiving_team_found:
            violations.append(Violation("B8-OUTCOME", "outcome", "The new area has no hub to receive the record"))
        elif local_id_taken:
            violations.append(
                Violation("B8-OUTCOME", "outcome", "The new area already has a record with this child's local ID")
            )
    return violations
