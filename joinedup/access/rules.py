"""Emergency access policy. Pure: no queries, no writes, no clock."""

from __future__ import annotations

from datetime import timedelta

from joinedup.core.rules import Violation

# How long emergency access lasts before the practitioner must ask again (G1).
EMERGENCY_ACCESS = timedelta(hours=24)
MINIMUM_REASON_LENGTH = 10


def break_glass_violations(*, reason: str, child_found: bool) -> list[Violation]:
    """G1-BREAK-GLASS: emergency access names a child in the user's area and says why, in words."""
    violations = []
    if len(reason.strip()) < MINIMUM_REASON_LENGTH:
        violations.append(
            Violation("G1-BREAK-GLASS", "reason", "Enter why you need emergency access, in at least 10 characters")
        )
    if not child_found:
        violations.append(
            Violation("G1-BREAK-GLASS", "nhs_number", "There is no child with that NHS number in your area")
        )
    return violations
