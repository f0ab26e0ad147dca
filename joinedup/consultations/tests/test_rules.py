"""C12 consultation rules: what a consultation must say, and when it can have been given."""

from datetime import date

import pytest

from joinedup.consultations import rules
from joinedup.consultations.choices import AdvisedTeam

TODAY = date(2026, 11, 23)


def _facts(**changes):
    base = {
        "advised_team": AdvisedTeam.EARLY_HELP,
        "advised_team_name": "",
        "advised_contact": "Sam Lee, early help key worker",
        "question": "Would a sensory assessment help with sleep?",
        "advice": "Refer to the community OT; try a visual bedtime routine meanwhile.",
        "given_on": TODAY,
        "today": TODAY,
    }
    return base | changes


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({}, None, None),
        ({"advised_team": AdvisedTeam.YOUTH_JUSTICE}, None, None),
        ({"advised_team": AdvisedTeam.OTHER}, "advised_team_name", "Enter the name of the team you advised"),
        ({"advised_team": AdvisedTeam.OTHER, "advised_team_name": "Virtual school"}, None, None),
        ({"advised_team": "NOPE"}, "advised_team", "Select the team you advised"),
        ({"advised_contact": " "}, "advised_contact", "Enter who you advised"),
        ({"question": ""}, "question", "Enter what you were asked"),
        ({"advice": ""}, "advice", "Enter the advice you gave"),
        ({"given_on": date(2026, 11, 24)}, "given_on", "Date the advice was given must be today or in the past"),
        ({"given_on": date(2020, 1, 1)}, None, None),
    ],
)
def test_r_c12_record_a_consultation_says_who_was_advised_what_and_when(changes, field, message):
    violations = rules.consultation_violations(**_facts(**changes))
    if message is None:
        assert violations == []
    else:
        [v] = violations
        assert (v.rule, v.field, v.message) == ("C12-RECORD", field, message)
