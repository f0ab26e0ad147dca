"""Plan policy (C6, C10). Pure: no queries, no writes, no clock. IDs match docs/rules/PLANS.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from joinedup.core.rules import Violation
from joinedup.plans.choices import IN_A_SENTENCE, PlanKind, PlanStatus

NAME_LENGTH = 60  # how much of an outcome's or action's words a message quotes
SELECT_SECTION = "Select which section of the EHC plan this is in"
SELECT_SERVICE = "Select whether this is about education, health or social care"
SELECT_PFA_AREA = "Select which Preparing for Adulthood area this outcome is about"


@dataclass(frozen=True)
class ActionFacts:
    """What C6-SMART needs to know about one action."""

    what: str
    has_responsible: bool
    has_target_date: bool
    has_frequency: bool


@dataclass(frozen=True)
class OutcomeFacts:
    text: str
    actions: tuple[ActionFacts, ...]


@dataclass(frozen=True)
class PlanFacts:
    outcomes: tuple[OutcomeFacts, ...]


def name_of(text: str) -> str:
    """An outcome or action as a message quotes it: its words on one line, long ones cut short."""
    words = " ".join(text.split())
    return words if len(words) <= NAME_LENGTH else words[: NAME_LENGTH - 1].rstrip() + "…"


def smart_gaps(plan: PlanFacts) -> list[str]:
    """C6-SMART: what a plan lacks to be SMART, in plain English; empty when it is SMART.

    CwDT 2.6: "These plans will be SMART ... The plans will explicitly detail: the outcomes to be
    achieved; the actions required to achieve the outcome; timescales for actions to be completed,
    either a target date or frequency; who is responsible for the implementation of the action."
    """
    if not plan.outcomes:
        return ["The plan has no outcomes"]
    gaps: list[str] = []
    for outcome in plan.outcomes:
        if not outcome.actions:
            gaps.append(f"Outcome '{name_of(outcome.text)}' has no actions")
        for action in outcome.actions:
            if not action.has_responsible:
                gaps.append(f"Action '{name_of(action.what)}' has nobody responsible")
            if not (action.has_target_date or action.has_frequency):
                gaps.append(f"Action '{name_of(action.what)}' has no target date or frequency")
    return gaps


def is_smart(plan: PlanFacts) -> bool:
    """C6-SMART as a yes or no: for callers such as a transfer (C7, CwDT 6.2.5)."""
    return not smart_gaps(plan)


def make_current_violations(*, status: str, kind: str, has_other_current: bool) -> list[Violation]:
    """C6-ONE-CURRENT: only a draft becomes current, and a child has one current plan of each kind."""
    if status == PlanStatus.CURRENT:
        return [Violation("C6-ONE-CURRENT", None, "This plan is already the current plan")]
    if status == PlanStatus.ENDED:
        return [Violation("C6-ENDED", None, "This plan has ended. Start a new plan instead")]
    if has_other_current:
        return [
            Violation(
                "C6-ONE-CURRENT",
                None,
                f"There is already a current {IN_A_SENTENCE[PlanKind(kind)]}. End it before making this one current",
            )
        ]
    return []


def changeable_violations(*, status: str) -> list[Violation]:
    """C6-ENDED: an ended plan is kept as it was; changes go into a new plan."""
    if status == PlanStatus.ENDED:
        return [Violation("C6-ENDED", None, "This plan has ended, so it cannot be changed. Start a new plan instead")]
    return []


def plan_date_violations(*, start_date: date, review_date: date | None) -> list[Violation]:
    """C6-DATES: a plan's review date, when set, is on or after its start date."""
    if review_date is not None and review_date < start_date:
        return [Violation("C6-DATES", "review_date", "The review date must be on or after the start date")]
    return []


def end_violations(*, status: str, start_date: date, ended_on: date, today: date) -> list[Violation]:
    """C6-DATES: a plan ends once, today or in the past; a current plan not before it started."""
    if status == PlanStatus.ENDED:
        return [Violation("C6-ENDED", None, "This plan has already ended")]
    if ended_on > today:
        return [Violation("C6-DATES", "ended_on", "The date the plan ended must be today or in the past")]
    if status == PlanStatus.CURRENT and ended_on < start_date:
        return [Violation("C6-DATES", "ended_on", "The date the plan ended must be on or after its start date")]
    return []


def outcome_violations(*, kind: str, ehc_section: str, ehc_service: str, pfa_area: str) -> list[Violation]:
    """C6-EHC-SECTION and C10-PFA-AREA: where an outcome sits in the plan.

    An EHC plan entry says which section (needs, outcomes, provision) and which service
    (education, health, social care) it belongs to, so each practitioner sees what their advice
    feeds (NG213 1.15.20). A Preparing for Adulthood outcome says which PfA area it serves
    (employment, independent living, good health, friends, relationships and community: C10).
    Other plans have neither.
    """
    violations: list[Violation] = []
    if kind == PlanKind.EHC:
        if not ehc_section:
            violations.append(Violation("C6-EHC-SECTION", "ehc_section", SELECT_SECTION))
        if not ehc_service:
            violations.append(Violation("C6-EHC-SECTION", "ehc_service", SELECT_SERVICE))
    elif ehc_section or ehc_service:
        violations.append(Violation("C6-EHC-SECTION", None, "Only an EHC plan has sections and services"))
    if kind == PlanKind.PREPARING_FOR_ADULTHOOD:
        if not pfa_area:
            violations.append(Violation("C10-PFA-AREA", "pfa_area", SELECT_PFA_AREA))
    elif pfa_area:
        violations.append(Violation("C10-PFA-AREA", None, "Only a Preparing for Adulthood plan has PfA areas"))
    return violations


def action_violations(
    *, has_practitioner: bool, responsible_other: str, frequency_count: int | None, frequency_unit: str
) -> list[Violation]:
    """C6-ACTION: one person is responsible (a practitioner, or someone in the family, not both);
    a frequency is whole (how many, and of what)."""
    violations: list[Violation] = []
    if has_practitioner and responsible_other.strip():
        violations.append(
            Violation(
                "C6-ACTION",
                "responsible_other",
                "Choose a practitioner or write who in the family is responsible, not both",
            )
        )
    if (frequency_count is None) != (not frequency_unit) or (frequency_count is not None and frequency_count < 1):
        violations.append(Violation("C6-ACTION", "frequency", "Enter how often, for example every 2 weeks"))
    return violations


def done_violations(*, done_on: date, already_done: bool, today: date) -> list[Violation]:
    """C6-ACTION: an action is done once, on a day today or in the past."""
    if already_done:
        return [Violation("C6-ACTION", None, "This action is already done")]
    if done_on > today:
        return [Violation("C6-ACTION", "done_on", "The date it was done must be today or in the past")]
    return []


def made_at_violations(*, made_at_date: date | None, today: date) -> list[Violation]:
    """C6-MADE-AT: the review or meeting that made a change has already happened."""
    if made_at_date is not None and made_at_date > today:
        return [
            Violation("C6-MADE-AT", "made_at_date", "The date of the review or meeting must be today or in the past")
        ]
    return []
