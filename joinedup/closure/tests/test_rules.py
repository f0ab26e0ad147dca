"""C11 closure rules and G4 retention review: tables, with leap-day births and closures."""

from datetime import date

import pytest

from joinedup.closure import rules
from joinedup.closure.choices import RetentionFrom
from joinedup.organisations.choices import JobRole, Sector
from joinedup.people.choices import EhcPlanStatus

TODAY = date(2026, 11, 23)
DOB, CLOSURE = RetentionFrom.DATE_OF_BIRTH, RetentionFrom.CLOSURE


@pytest.mark.parametrize(
    ("retention_from", "years", "born", "closed_on", "looked_after", "expected"),
    [
        (DOB, 25, date(2015, 6, 1), TODAY, False, date(2040, 6, 1)),  # the 25th birthday
        (CLOSURE, 15, date(2015, 6, 1), TODAY, False, date(2041, 11, 23)),
        # Born on a leap day: the birthday in a common year is 1 March, never 28 February.
        (DOB, 25, date(2012, 2, 29), TODAY, False, date(2037, 3, 1)),
        (DOB, 24, date(2012, 2, 29), TODAY, False, date(2036, 2, 29)),  # 2036 is a leap year
        (DOB, 88, date(2012, 2, 29), TODAY, False, date(2100, 3, 1)),  # 2100 is not
        # Closed on a leap day.
        (CLOSURE, 15, date(2015, 6, 1), date(2024, 2, 29), False, date(2039, 3, 1)),
        (CLOSURE, 16, date(2015, 6, 1), date(2024, 2, 29), False, date(2040, 2, 29)),
        # Looked after: at least the 75th birthday (reg. 50), whatever the reason says.
        (DOB, 25, date(2015, 6, 1), TODAY, True, date(2090, 6, 1)),
        (CLOSURE, 15, date(2012, 2, 29), TODAY, True, date(2087, 3, 1)),
        (DOB, 80, date(2015, 6, 1), TODAY, True, date(2095, 6, 1)),  # the reason's longer period wins
        # Closed at 26 under a date-of-birth rule: already past, so reported for review at once.
        (DOB, 25, date(2000, 1, 10), TODAY, False, date(2025, 1, 10)),
    ],
)
def test_r_c11_retention_date_table(retention_from, years, born, closed_on, looked_after, expected):
    kept = rules.retention_date(
        retention_from=retention_from,
        retention_years=years,
        date_of_birth=born,
        closed_on=closed_on,
        looked_after=looked_after,
    )
    assert kept == expected


@pytest.mark.parametrize(
    ("retain_until", "past"),
    [(TODAY, False), (date(2026, 11, 22), True), (date(2026, 11, 24), False)],
)
def test_r_g4_a_record_is_past_retention_from_the_day_after_its_date(retain_until, past):
    assert rules.is_past_retention(retain_until, today=TODAY) is past


@pytest.mark.parametrize(
    ("held", "allocated", "is_open"),
    [(True, True, True), (True, False, True), (False, True, True), (False, False, False)],
)
def test_r_c11_open_means_held_by_a_team_or_a_worker_still_allocated(held, allocated, is_open):
    assert rules.is_open(held_by_a_team=held, has_current_allocation=allocated) is is_open


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"is_open": False}, [("C11-OPEN", None, "already closed")]),
        ({"has_open_transfer": True}, [("C11-OPEN", None, "Complete or withdraw the transfer first")]),
        ({"reason_active": False}, [("C11-REASON", "reason", "Select why the case is closing")]),
        ({"note": "  "}, [("C11-REASON", "note", "Enter a closing summary")]),
    ],
)
def test_r_c11_only_an_open_case_off_the_transfer_list_closes_with_a_reason(changes, expected):
    facts = {"is_open": True, "has_open_transfer": False, "reason_active": True, "note": "Moved to Southshire"}
    violations = rules.closure_violations(**(facts | changes))
    assert [(v.rule, v.field) for v in violations] == [(r, f) for r, f, _ in expected]
    for v, (_, _, text) in zip(violations, expected, strict=True):
        assert text in v.message


@pytest.mark.parametrize(
    ("closed_on", "latest_start", "message"),
    [
        (TODAY, None, None),
        (date(2015, 6, 1), None, None),  # the day of birth itself
        (date(2026, 11, 24), None, "today or in the past"),
        (date(2015, 5, 31), None, "on or after the child's date of birth"),
        (date(2026, 1, 4), date(2026, 1, 5), "on or after 5 January 2026"),
        (date(2026, 1, 5), date(2026, 1, 5), None),
    ],
)
def test_r_c11_closing_date_table(closed_on, latest_start, message):
    violations = rules.closing_date_violations(
        closed_on=closed_on, date_of_birth=date(2015, 6, 1), today=TODAY, latest_start=latest_start
    )
    if message is None:
        assert violations == []
    else:
        [v] = violations
        assert (v.rule, v.field) == ("C11-DATE", "closed_on")
        assert message in v.message


@pytest.mark.parametrize(("status", "tell"), [(s, s == EhcPlanStatus.PLAN) for s in EhcPlanStatus.values])
def test_r_c11_sen_the_sen_team_is_told_only_when_the_child_has_an_ehc_plan(status, tell):
    assert rules.tells_sen_team(status) is tell


@pytest.mark.parametrize(
    ("sector", "job_role", "active", "is_officer"),
    [
        (Sector.EDUCATION, JobRole.SEN_OFFICER, True, True),
        (Sector.EDUCATION, JobRole.SEN_OFFICER, False, False),
        (Sector.EDUCATION, JobRole.SENCO, True, False),  # the school's SENCO is not the SEN team
        (Sector.SOCIAL_CARE, JobRole.SEN_OFFICER, True, False),
    ],
)
def test_r_c11_sen_officers_are_active_sen_officers_of_an_education_organisation(sector, job_role, active, is_officer):
    assert rules.is_sen_officer(sector=sector, job_role=job_role, active=active) is is_officer


def test_r_c11_add_years_keeps_ordinary_days():
    assert rules.add_years(date(2026, 12, 31), 1) == date(2027, 12, 31)
