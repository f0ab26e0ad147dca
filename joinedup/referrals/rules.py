"""Referral and threshold policy (CwDT 1.2, 1.3; C1). Pure: no queries, no writes, no clock."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from joinedup.core.rules import Violation
from joinedup.people import rules as people_rules
from joinedup.people.choices import Need


@dataclass(frozen=True)
class Criterion:
    """A threshold criterion as the rules see it."""

    code: str
    text: str
    needs: tuple[str, ...]


@dataclass(frozen=True)
class MetCriterion:
    """A criterion a referral meets, and the referral's needs that meet it."""

    code: str
    text: str
    needs: tuple[str, ...]


SIBLING_CRITERION = MetCriterion(
    code="A4-SIBLING",
    text=(
        "A brother or sister is held by the Children with Disabilities Team, which is responsible for all "
        "siblings within the family group: one family, one social worker (CwDT 1.4)"
    ),
    needs=(),
)


def criteria_met(
    *, needs: Iterable[str], severe: bool, criteria: Sequence[Criterion], sibling_held: bool = False
) -> list[MetCriterion]:
    """C1-CRITERIA: a criterion is met when the referral names one of its needs and the disability
    is severe or profound (CwDT 1.2). A diagnosis plays no part (F2).

    A4-SIBLING: a brother or sister of a child the team holds is the team's whatever their own
    needs (CwDT 1.4), so that referral meets the threshold through the family."""
    met = [SIBLING_CRITERION] if sibling_held else []
    if not severe:
        return met
    have = set(needs)
    for c in criteria:
        matched = tuple(n for n in c.needs if n in have)
        if matched:
            met.append(MetCriterion(code=c.code, text=c.text, needs=matched))
    return met


def decision_violations(*, accept: bool, met: Sequence[MetCriterion], reason: str) -> list[Violation]:
    """C1-DECISION: accepting needs at least one criterion met; not accepting needs a reason."""
    if accept and not met:
        return [Violation("C1-DECISION", "decision", "None of the criteria for the specialist team are met")]
    if not accept and not reason.strip():
        return [
            Violation(
                "C1-DECISION",
                "reason",
                "Enter why the referral is not accepted, for example: signpost to the area team",
            )
        ]
    return []


def criterion_violations(*, text: str, needs: Sequence[str]) -> list[Violation]:
    """C1-CRITERION: a criterion says what it is in plain English and covers at least one need
    from the list; needs, never a diagnosis (F2)."""
    violations = []
    if not text.strip():
        violations.append(Violation("C1-CRITERION", "text", "Enter the criterion"))
    if not needs:
        violations.append(Violation("C1-CRITERION", "needs", "Select at least one need"))
    elif any(n not in Need.values for n in needs):
        violations.append(Violation("C1-CRITERION", "needs", "Select needs from the list"))
    return violations


def referral_violations(
    *,
    received_on: date,
    date_of_birth: date,
    nhs_number: str,
    needs: Sequence[str],
    reason: str,
    today: date,
) -> list[Violation]:
    """C1-REFERRAL: received today or before, a valid date of birth and NHS number (if given),
    needs from the list and why the child is referred."""
    violations = []
    if received_on > today:
        violations.append(Violation("C1-REFERRAL", "received_on", "Date received must be today or in the past"))
    violations += people_rules.date_of_birth_violations(date_of_birth, today=today)
    violations += people_rules.nhs_number_violations(nhs_number)
    if any(n not in Need.values for n in needs):
        violations.append(Violation("C1-REFERRAL", "needs", "Select needs from the list"))
    if not reason.strip():
        violations.append(Violation("C1-REFERRAL", "reason", "Enter why the child is referred"))
    return violations
