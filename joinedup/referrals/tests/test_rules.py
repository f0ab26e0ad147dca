"""C1 threshold rules: which criteria a referral meets, and what a decision needs."""

from datetime import date

import pytest

from joinedup.referrals import rules
from joinedup.referrals.choices import DEFAULT_CRITERIA

CRITERIA = [rules.Criterion(code=code, text=text, needs=tuple(needs)) for code, text, needs in DEFAULT_CRITERIA]
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("needs", "severe", "met"),
    [
        (["LEARNING_DISABILITY"], True, ["LEARNING_OR_PHYSICAL"]),
        (["PHYSICAL_DISABILITY", "SENSORY_IMPAIRMENT"], True, ["LEARNING_OR_PHYSICAL", "SENSORY"]),
        (["COMPLEX_HEALTH"], True, ["COMPLEX_HEALTH"]),
        (["LIFE_LIMITING"], True, ["LIFE_LIMITING"]),
        (["MENTAL_HEALTH"], True, ["MENTAL_HEALTH"]),
        (["AUTISM_COMMUNICATION"], True, ["AUTISM"]),
        (["LEARNING_DISABILITY"], False, []),
        ([], True, []),
    ],
)
def test_r_c1_criteria_met_needs_a_listed_need_and_a_severe_or_profound_disability(needs, severe, met):
    assert [m.code for m in rules.criteria_met(needs=needs, severe=severe, criteria=CRITERIA)] == met


def test_r_c1_criteria_met_names_the_needs_that_meet_it():
    [m] = rules.criteria_met(needs=["PHYSICAL_DISABILITY"], severe=True, criteria=CRITERIA)
    assert m.text == "Severe or profound learning or physical disability"
    assert m.needs == ("PHYSICAL_DISABILITY",)


def test_r_c1_criteria_are_data_an_edited_criterion_changes_the_outcome():
    edited = [rules.Criterion(code="X", text="Sensory only", needs=("SENSORY_IMPAIRMENT",))]
    assert rules.criteria_met(needs=["LEARNING_DISABILITY"], severe=True, criteria=edited) == []


MET = rules.criteria_met(needs=["COMPLEX_HEALTH"], severe=True, criteria=CRITERIA)


@pytest.mark.parametrize(
    ("accept", "met", "reason", "message"),
    [
        (True, MET, "", None),
        (True, [], "They are known", "None of the criteria for the specialist team are met"),
        (False, [], "Signpost to the area team", None),
        (False, MET, "Signpost to the area team", None),
        (False, [], "  ", "Enter why the referral is not accepted, for example: signpost to the area team"),
    ],
)
def test_r_c1_decision_accepting_needs_a_criterion_met_and_not_accepting_a_reason(accept, met, reason, message):
    violations = rules.decision_violations(accept=accept, met=met, reason=reason)
    assert [v.message for v in violations] == ([message] if message else [])
    assert all(v.rule == "C1-DECISION" for v in violations)


@pytest.mark.parametrize(
    ("text", "needs", "messages"),
    [
        ("Severe sensory impairment", ["SENSORY_IMPAIRMENT"], []),
        ("Severe sensory impairment", [], ["Select at least one need"]),
        ("", ["SENSORY_IMPAIRMENT"], ["Enter the criterion"]),
        ("Has a diagnosis of X", ["DIAGNOSIS_X"], ["Select needs from the list"]),
    ],
)
def test_r_c1_criterion_covers_at_least_one_need_from_the_list(text, needs, messages):
    assert [v.message for v in rules.criterion_violations(text=text, needs=needs)] == messages


@pytest.mark.parametrize(
    ("received_on", "nhs_number", "field"),
    [
        (TODAY, "", None),
        (TODAY, "9434765919", None),
        (date(2026, 11, 24), "", "received_on"),
        (TODAY, "9434765918", "nhs_number"),
        (TODAY, "12345", "nhs_number"),
    ],
)
def test_r_c1_referral_received_not_in_the_future_with_a_valid_nhs_number(received_on, nhs_number, field):
    violations = rules.referral_violations(
        received_on=received_on,
        date_of_birth=date(2018, 5, 1),
        nhs_number=nhs_number,
        needs=["LEARNING_DISABILITY"],
        reason="Referred by MASH",
        today=TODAY,
    )
    assert [v.field for v in violations] == ([field] if field else [])
