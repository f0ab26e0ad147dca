"""Rules for the child's record. Pure: no queries, no writes, no clock. IDs from REQUIREMENTS.md."""

from __future__ import annotations

from datetime import date

from joinedup.core.dates import age_on
from joinedup.core.rules import Violation

OLDEST_AGE = 25  # joinedup serves children and young people from birth to 25


def nhs_number_is_valid(value: str) -> bool:
    """A1: ten digits whose last is the modulus 11 check digit of the first nine.

    Weights 10 down to 2; check = 11 - (sum mod 11); 11 becomes 0; 10 is never issued.
    """
    if len(value) != 10 or not value.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(value[9])


def normalise_nhs_number(value: str) -> str:
    """People write NHS numbers as 943 476 5919 or 943-476-5919; store the ten digits."""
    return "".join(ch for ch in value if ch not in " -")


def nhs_number_violations(value: str) -> list[Violation]:
    """A1-NHS: an NHS number, when given, is ten digits with a valid check digit."""
    digits = normalise_nhs_number(value)
    if not digits:
        return []
    if len(digits) != 10 or not digits.isdigit():
        return [Violation("A1-NHS", "nhs_number", "NHS number must be 10 digits, like 943 476 5919")]
    if not nhs_number_is_valid(digits):
        return [Violation("A1-NHS", "nhs_number", "Enter a valid NHS number: the check digit does not match")]
    return []


def date_of_birth_violations(born: date, *, today: date) -> list[Violation]:
    """A1-DOB: a date of birth is not in the future and the person is 25 or younger."""
    if born > today:
        return [Violation("A1-DOB", "date_of_birth", "Date of birth must be today or in the past")]
    if age_on(born, today) > OLDEST_AGE:
        return [Violation("A1-DOB", "date_of_birth", "joinedup is for children and young people aged 25 or under")]
    return []
