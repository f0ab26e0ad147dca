"""Consultation policy (CwDT 8.2 to 8.5; C12). Pure: no queries, no writes, no clock."""

from __future__ import annotations

from datetime import date

from joinedup.consultations.choices import AdvisedTeam
from joinedup.core.rules import Violation


def given_on_violations(*, given_on: date, today: date) -> list[Violation]:
    """C12-RECORD: advice is recorded after it is given: today or in the past."""
    if given_on > today:
        return [Violation("C12-RECORD", "given_on", "Date the advice was given must be today or in the past")]
    return []


def consultation_violations(
    *,
    advised_team: str,
    advised_team_name: str,
    advised_contact: str,
    question: str,
    advice: str,
    given_on: date,
    today: date,
) -> list[Violation]:
    """C12-RECORD: a consultation says which team was advised (named, if another team), who
    asked, what they asked and the advice given, on a date not in the future (CwDT 8.2 to 8.5)."""
    violations = []
    if advised_team not in AdvisedTeam.values:
        violations.append(Violation("C12-RECORD", "advised_team", "Select the team you advised"))
    elif advised_team == AdvisedTeam.OTHER and not advised_team_name.strip():
        violations.append(Violation("C12-RECORD", "advised_team_name", "Enter the name of the team you advised"))
    if not advised_contact.strip():
        violations.append(Violation("C12-RECORD", "advised_contact", "Enter who you advised"))
    if not question.strip():
        violations.append(Violation("C12-RECORD", "question", "Enter what you were asked"))
    if not advice.strip():
        violations.append(Violation("C12-RECORD", "advice", "Enter the advice you gave"))
    return violations + given_on_violations(given_on=given_on, today=today)
