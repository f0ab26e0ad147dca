"""What a visit and a child in need review must record (C5, E3). Pure: no queries, no writes, no clock."""

from __future__ import annotations

from datetime import date

from joinedup.allocation.choices import HubCode
from joinedup.core.rules import Violation
from joinedup.reviews.choices import SeenAlone, Step

# Higher need first: Safeguarding & Support (tier 3 to 4), Strengthening Families (tier 3),
# Review & Intervention (tier 2) (CwDT 2.8).
NEED_ORDER = (HubCode.SAFEGUARDING_SUPPORT, HubCode.STRENGTHENING_FAMILIES, HubCode.REVIEW_INTERVENTION)


def visit_violations(
    *, visited_on: date, seen: bool, seen_alone: SeenAlone, notes: str, today: date
) -> list[Violation]:
    """C5-VISIT-RECORD: a visit is dated today or before and says what happened; a child not seen
    was not seen alone."""
    violations = []
    if visited_on > today:
        violations.append(
            Violation("C5-VISIT-RECORD", "visited_on", "The date of the visit must be today or in the past")
        )
    if not seen and seen_alone == SeenAlone.YES:
        violations.append(
            Violation("C5-VISIT-RECORD", "seen_alone", "A child who was not seen was not seen alone: select no")
        )
    if not notes.strip():
        violations.append(Violation("C5-VISIT-RECORD", "notes", "Enter what happened on the visit"))
    return violations


def counts_as_visit(*, seen: bool) -> bool:
    """C5-VISIT-SEEN: only a visit where the child was seen is the visit the cadence asks for
    (CwDT 3.3: "The visits to the child")."""
    return seen


def review_violations(
    *,
    held_on: date,
    attendees: str,
    child_views: str,
    family_views: str,
    decisions: str,
    step: Step,
    holding_hub: HubCode | None,
    to_hub: HubCode | None,
    today: date,
) -> list[Violation]:
    """C5-REVIEW-RECORD and E3-VOICE: a review is dated today or before, says who took part and
    what was decided, and records the child's and the family's own views. C5-REVIEW-STEP: a step
    up goes to a hub for higher need, a step down to one for lower need."""
    violations = []
    if held_on > today:
        violations.append(
            Violation("C5-REVIEW-RECORD", "held_on", "The date of the review must be today or in the past")
        )
    if not attendees.strip():
        violations.append(Violation("C5-REVIEW-RECORD", "attendees", "Enter who took part"))
    if not child_views.strip():
        violations.append(
            Violation(
                "E3-VOICE",
                "child_views",
                "Enter what the child said, or how their views were gathered (for example through their "
                "communication aid, or what was observed)",
            )
        )
    if not family_views.strip():
        violations.append(Violation("E3-VOICE", "family_views", "Enter what the family said"))
    if not decisions.strip():
        violations.append(Violation("C5-REVIEW-RECORD", "decisions", "Enter what was decided"))
    violations += _step_violations(step=step, holding_hub=holding_hub, to_hub=to_hub)
    return violations


def _step_violations(*, step: Step, holding_hub: HubCode | None, to_hub: HubCode | None) -> list[Violation]:
    if step == Step.STAY:
        return []
    if holding_hub is None:
        return [Violation("C5-REVIEW-STEP", "step", "No hub holds this case, so it cannot step up or down")]
    if to_hub is None:
        return [Violation("C5-REVIEW-STEP", "to_hub", "Select the hub the case should move to")]
    higher = NEED_ORDER.index(to_hub) < NEED_ORDER.index(holding_hub)
    lower = NEED_ORDER.index(to_hub) > NEED_ORDER.index(holding_hub)
    if step == Step.STEP_UP and not higher:
        return [Violation("C5-REVIEW-STEP", "to_hub", f"{to_hub.label} is not a step up from {holding_hub.label}")]
    if step == Step.STEP_DOWN and not lower:
        return [Violation("C5-REVIEW-STEP", "to_hub", f"{to_hub.label} is not a step down from {holding_hub.label}")]
    return []
