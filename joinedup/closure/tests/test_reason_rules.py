"""C11-REASON-EDIT and C11-REASON-IN-USE: what an administrator may set for a closure reason. No database."""

import pytest

from joinedup.closure import rules
from joinedup.closure.choices import RetentionFrom
from joinedup.closure.defaults import DEFAULT_REASONS

BIRTH = RetentionFrom.DATE_OF_BIRTH.value
CLOSURE = RetentionFrom.CLOSURE.value


def broken(label="The family moved to another area", retention_from=BIRTH, retention_years=25):
    return [
        (v.rule, v.field)
        for v in rules.reason_violations(label=label, retention_from=retention_from, retention_years=retention_years)
    ]


@pytest.mark.parametrize("code", sorted(DEFAULT_REASONS))
def test_r_c11_reason_edit_the_default_reasons_are_valid(code):
    label, start, years = DEFAULT_REASONS[code]
    assert broken(label, start, years) == []


def test_r_c11_reason_edit_a_reason_has_wording():
    assert broken(label="  ") == [("C11-REASON-EDIT", "label")]


def test_r_c11_reason_edit_retention_starts_at_closure_or_birth():
    assert broken(retention_from="REFERRAL") == [("C11-REASON-EDIT", "retention_from")]


@pytest.mark.parametrize(
    ("retention_from", "years", "expected"),
    [
        (CLOSURE, 1, []),
        (CLOSURE, 100, []),
        (CLOSURE, 0, [("C11-REASON-EDIT", "retention_years")]),
        (CLOSURE, -3, [("C11-REASON-EDIT", "retention_years")]),
        (CLOSURE, 101, [("C11-REASON-EDIT", "retention_years")]),
        (BIRTH, 18, []),
        (BIRTH, 17, [("C11-REASON-EDIT", "retention_years")]),  # would fall due while still a child
        (BIRTH, 100, []),
        (BIRTH, 101, [("C11-REASON-EDIT", "retention_years")]),
    ],
)
def test_r_c11_reason_edit_years_are_a_whole_number_from_1_to_100_and_18_from_birth(retention_from, years, expected):
    assert broken(retention_from=retention_from, retention_years=years) == expected


def test_r_c11_reason_edit_from_birth_the_message_says_why():
    [v] = rules.reason_violations(label="Moved", retention_from=BIRTH, retention_years=10)
    assert v.message.startswith("Years the record is kept must be 18 or more when counted from the date of birth")


@pytest.mark.parametrize(
    ("active", "others", "expected"),
    [(True, 0, []), (False, 1, []), (False, 5, []), (False, 0, [("C11-REASON-IN-USE", "active")])],
)
def test_r_c11_reason_in_use_the_last_reason_in_use_cannot_be_switched_off(active, others, expected):
    violations = rules.reason_switch_off_violations(active=active, other_active_reasons=others)
    assert [(v.rule, v.field) for v in violations] == expected


@pytest.mark.parametrize(
    ("retention_from", "years", "words"),
    [
        (BIRTH, 25, "Until the child's 25th birthday"),
        (BIRTH, 21, "Until the child's 21st birthday"),
        (BIRTH, 22, "Until the child's 22nd birthday"),
        (BIRTH, 23, "Until the child's 23rd birthday"),
        (BIRTH, 75, "Until the child's 75th birthday"),
        (BIRTH, 12, "Until the child's 12th birthday"),
        (CLOSURE, 15, "15 years after the case closed"),
        (CLOSURE, 1, "1 year after the case closed"),
    ],
)
def test_r_c11_retention_in_words(retention_from, years, words):
    assert rules.kept_in_words(retention_from=retention_from, retention_years=years) == words
