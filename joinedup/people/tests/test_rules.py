"""A1 rules for the child's record: NHS number check digit, date of birth. No database."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.people import rules

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("number", ["9434765919", "4010232137", "9990000018"])
def test_r_a1_nhs_number_with_a_valid_check_digit_is_accepted(number):
    assert rules.nhs_number_is_valid(number)
    assert rules.nhs_number_violations(number) == []


@pytest.mark.parametrize("number", ["9434765918", "9434765910", "1234567890"])
def test_r_a1_nhs_number_with_a_wrong_check_digit_is_refused(number):
    [violation] = rules.nhs_number_violations(number)
    assert violation.rule == "A1-NHS"
    assert violation.field == "nhs_number"
    assert "check digit" in violation.message


@pytest.mark.parametrize("number", ["943476591", "94347659190", "94347A5919"])
def test_r_a1_nhs_number_must_be_ten_digits(number):
    [violation] = rules.nhs_number_violations(number)
    assert violation.message.startswith("NHS number must be 10 digits")


def test_r_a1_nhs_number_whose_check_digit_would_be_ten_is_never_valid():
    # 0000000060: weighted sum 6*2=12, 11 - 12 % 11 = 10: such numbers are never issued.
    assert not rules.nhs_number_is_valid("0000000060")


def test_r_a1_nhs_number_may_be_written_with_spaces_or_dashes():
    assert rules.normalise_nhs_number("943 476-5919") == "9434765919"
    assert rules.nhs_number_violations("943 476 5919") == []


def test_r_a1_nhs_number_is_optional():
    assert rules.nhs_number_violations("") == []


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_r_a1_exactly_one_check_digit_completes_any_nine_digits_unless_it_would_be_ten(stem):
    valid = [d for d in "0123456789" if rules.nhs_number_is_valid(stem + d)]
    assert len(valid) <= 1


def test_r_a1_date_of_birth_in_the_future_is_refused():
    [violation] = rules.date_of_birth_violations(date(2026, 11, 24), today=TODAY)
    assert violation.message == "Date of birth must be today or in the past"


def test_r_a1_date_of_birth_today_is_accepted():
    assert rules.date_of_birth_violations(TODAY, today=TODAY) == []


def test_r_a1_young_people_up_to_25_are_accepted_and_older_are_refused():
    assert rules.date_of_birth_violations(date(2000, 11, 24), today=TODAY) == []  # 25 until tomorrow
    [violation] = rules.date_of_birth_violations(date(2000, 11, 23), today=TODAY)  # 26 today
    assert "25 or under" in violation.message
