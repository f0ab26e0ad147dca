"""Every cadence and milestone rule by ID (C5, C10), with properties over any child's facts."""

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.allocation.choices import HubCode
from joinedup.core.dates import add_months, birthday
from joinedup.duties import rules
from joinedup.duties.choices import CadenceKind, DutyKind
from joinedup.duties.rules import Cadence, DutyFacts

SS, SF, RI = HubCode.SAFEGUARDING_SUPPORT, HubCode.STRENGTHENING_FAMILIES, HubCode.REVIEW_INTERVENTION
HUB_DAYS = {SS: (42, 42), SF: (91, 42), RI: (None, 182)}  # (CIN review, visit) as in allocation/defaults.py
TODAY = date(2026, 12, 1)
WORKER = uuid4()


def cadence(hub, held_since=date(2026, 9, 1), **agreed):
    review, visit = HUB_DAYS[hub]
    return Cadence(hub=hub, held_since=held_since, cin_review_days=review, visit_days=visit, **agreed)


def facts(hub=SS, born=date(2016, 5, 10), last_done=None, **more):
    return DutyFacts(
        date_of_birth=born,
        cadence=cadence(hub, **more.pop("agreed", {})) if hub else None,
        last_done=last_done or {},
        case_worker=WORKER,
        **more,
    )


def due(kind, f, today=TODAY):
    return next((d for d in rules.duties_due(f, today=today) if d.kind == kind), None)


@pytest.mark.parametrize(
    ("hub", "agreed", "last_review", "expected"),
    [
        (SS, {}, None, date(2026, 10, 13)),  # held 1 September: no less than 6 weekly (CwDT 3.3)
        (SS, {}, date(2026, 11, 20), date(2027, 1, 1)),
        (SF, {}, None, date(2026, 12, 1)),  # at least 3 monthly (4.2.2): 91 days
        (RI, {}, None, date(2027, 3, 2)),  # not yet set at allocation: the shorter, 6 months
        (RI, {"agreed_review_days": 365}, None, date(2027, 9, 1)),  # 12 months set at allocation (5.2)
        (RI, {"agreed_review_days": 182}, date(2026, 11, 1), date(2027, 5, 2)),
    ],
)
def test_r_c5_cin_review_falls_due_at_the_hub_cadence(hub, agreed, last_review, expected):
    last = {DutyKind.CIN_REVIEW: last_review} if last_review else {}
    review = due(DutyKind.CIN_REVIEW, facts(hub, last_done=last, agreed=agreed))
    assert review.due_on == expected
    assert review.rule == "C5-CIN-REVIEW"
    assert hub.label in review.basis
    assert review.owner == WORKER


def test_r_c5_cin_review_counts_from_when_the_hub_took_the_case_not_an_older_review():
    """After a transfer, a review done in the old hub does not set the new hub's date."""
    f = facts(SF, last_done={DutyKind.CIN_REVIEW: date(2026, 8, 1)})
    assert due(DutyKind.CIN_REVIEW, f).due_on == date(2026, 9, 1) + timedelta(days=91)


@pytest.mark.parametrize(
    ("hub", "agreed", "expected"),
    [
        (SS, {}, date(2026, 10, 13)),  # at least 6 weekly (CwDT 3.3)
        (SS, {"agreed_visit_days": 56}, date(2026, 10, 27)),  # a manager agreed 8 weekly
        (SF, {}, date(2026, 10, 13)),  # usually 6 weekly (4.2.2)
        (RI, {}, date(2027, 3, 2)),  # at least 6 monthly (5.3)
    ],
)
def test_r_c5_visits_fall_due_at_the_hub_cadence_or_as_a_manager_agreed(hub, agreed, expected):
    visit = due(DutyKind.VISIT, facts(hub, agreed=agreed))
    assert visit.due_on == expected
    assert visit.rule == "C5-VISIT"
    assert ("as a manager agreed" in visit.basis) == bool(agreed)


def test_r_c5_a_child_no_hub_holds_has_no_reviews_visits_or_milestones():
    assert rules.duties_due(facts(None, born=date(2011, 1, 1)), today=TODAY) == []


@pytest.mark.parametrize(
    ("since", "last", "expected"),
    [
        (date(2026, 3, 15), None, date(2027, 3, 15)),
        (date(2025, 3, 15), date(2026, 2, 1), date(2027, 2, 1)),
        (date(2024, 2, 29), None, date(2025, 2, 28)),
    ],
)
def test_r_c5_ehc_plan_reviewed_every_12_months(since, last, expected):
    f = facts(ehc_plan_since=since, last_done={DutyKind.EHC_ANNUAL_REVIEW: last} if last else {})
    review = due(DutyKind.EHC_ANNUAL_REVIEW, f)
    assert (review.due_on, review.rule) == (expected, "C5-EHC-REVIEW")


def test_r_c5_ehc_review_is_owned_by_the_sen_officer_when_the_team_has_one():
    officer = uuid4()
    f = facts(ehc_plan_since=date(2026, 3, 1), sen_officer=officer)
    assert due(DutyKind.EHC_ANNUAL_REVIEW, f).owner == officer
    assert due(DutyKind.EHC_ANNUAL_REVIEW, facts(ehc_plan_since=date(2026, 3, 1))).owner == WORKER


@pytest.mark.parametrize(
    ("cin", "ehc", "proposed"),
    [
        (date(2027, 1, 10), date(2027, 2, 1), True),
        (date(2027, 1, 10), date(2027, 2, 21), True),  # 42 days apart: still within 6 weeks
        (date(2027, 1, 10), date(2027, 2, 22), False),
        (date(2027, 3, 1), date(2027, 1, 20), True),
        (date(2027, 1, 10), None, False),
    ],
)
def test_r_c5_combine_the_cin_review_with_the_ehc_review_when_close(cin, ehc, proposed):
    proposal = rules.combine_with_ehc_review(cin_review_due=cin, ehc_review_due=ehc)
    assert (proposal is not None) == proposed
    if proposal:
        assert f"{min(cin, ehc):%-d %B %Y}" in proposal


@pytest.mark.parametrize(
    ("last", "months", "expected"),
    [
        (date(2026, 6, 1), 6, date(2026, 12, 1)),
        (date(2026, 6, 1), 12, date(2027, 6, 1)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
    ],
)
def test_r_c10_carers_assessment_reviewed_every_6_or_12_months(last, months, expected):
    review = due(DutyKind.CARERS_ASSESSMENT_REVIEW, facts(carers_assessment=(last, months)))
    assert (review.due_on, review.rule) == (expected, "C10-CARERS-REVIEW")


@pytest.mark.parametrize(
    ("kind", "rule", "born", "due_on", "starts_on"),
    [
        (DutyKind.PFA_PLAN, "C10-PFA", date(2013, 5, 10), date(2027, 5, 10), date(2027, 2, 9)),
        (
            DutyKind.ADULT_SOCIAL_CARE_REFERRAL,
            "C10-ADULT-REFERRAL",
            date(2011, 5, 10),
            date(2027, 5, 10),
            date(2026, 11, 10),
        ),
        (DutyKind.POST_18_PLAN, "C10-POST-18", date(2009, 5, 10), date(2026, 11, 10), date(2026, 5, 10)),
        # 29 February birthdays turn on 1 March in other years, as age_on counts them
        (DutyKind.PFA_PLAN, "C10-PFA", date(2012, 2, 29), date(2026, 3, 1), date(2025, 12, 1)),
        (
            DutyKind.ADULT_SOCIAL_CARE_REFERRAL,
            "C10-ADULT-REFERRAL",
            date(2012, 2, 29),
            date(2028, 2, 29),
            date(2027, 8, 29),
        ),
        (DutyKind.POST_18_PLAN, "C10-POST-18", date(2008, 2, 29), date(2025, 9, 1), date(2025, 3, 1)),
    ],
)
def test_r_c10_transition_milestones_fall_due_by_birthday(kind, rule, born, due_on, starts_on):
    today = min(TODAY, birthday(born, 18) - timedelta(days=1))
    milestone = due(kind, facts(born=born), today=today)
    assert (milestone.due_on, milestone.starts_on, milestone.rule) == (due_on, starts_on, rule)


def test_r_c10_a_milestone_once_done_is_never_due_again_and_none_are_due_from_18():
    born = date(2011, 5, 10)
    assert (
        due(
            DutyKind.ADULT_SOCIAL_CARE_REFERRAL,
            facts(born=born, last_done={DutyKind.ADULT_SOCIAL_CARE_REFERRAL: TODAY}),
        )
        is None
    )
    adult = facts(born=date(2008, 11, 30))
    assert [d.kind for d in rules.duties_due(adult, today=TODAY)] == [DutyKind.CIN_REVIEW, DutyKind.VISIT]


def test_r_c10_birthdays_on_29_february():
    assert birthday(date(2012, 2, 29), 14) == date(2026, 3, 1)
    assert birthday(date(2012, 2, 29), 16) == date(2028, 2, 29)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("kind", "hub", "days", "options", "reason", "message"),
    [
        (CadenceKind.CIN_REVIEW, RI, 365, [182, 365], "Stable package", None),
        (CadenceKind.CIN_REVIEW, RI, 90, [182, 365], "Because", "Choose 6 months or 12 months"),
        (CadenceKind.CIN_REVIEW, SS, 90, [], "Because", "Safeguarding & Support reviews are at the hub's cadence"),
        (CadenceKind.VISIT, SS, 84, [], "Family prefer fewer visits; child settled", None),
        (CadenceKind.VISIT, SS, 84, [], "  ", "Enter why"),
        (
            CadenceKind.VISIT,
            RI,
            365,
            [182, 365],
            "Because",
            "Review & Intervention children are visited at least every 26 weeks (CwDT 5.3)",
        ),
    ],
)
def test_r_c5_agreement_cadence_set_by_a_manager(kind, hub, days, options, reason, message):
    violations = rules.cadence_agreement_violations(
        kind=kind, hub=hub, interval_days=days, review_options=options, hub_visit_days=HUB_DAYS[hub][1], reason=reason
    )
    assert [v.message for v in violations] == ([message] if message else [])


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(
    hub=st.sampled_from([SS, SF, RI]),
    held_since=dates,
    last=st.one_of(st.none(), dates),
    review=st.one_of(st.none(), st.sampled_from([182, 365])),
    visit=st.one_of(st.none(), st.integers(min_value=1, max_value=400)),
)
def test_r_c5_a_next_due_date_is_never_before_the_last_completed_occurrence(hub, held_since, last, review, visit):
    last_done = {DutyKind.CIN_REVIEW: last, DutyKind.VISIT: last} if last else {}
    f = DutyFacts(
        date_of_birth=date(2010, 1, 1),
        cadence=cadence(hub, held_since=held_since, agreed_review_days=review, agreed_visit_days=visit),
        last_done=last_done,
    )
    for kind in (DutyKind.CIN_REVIEW, DutyKind.VISIT):
        d = due(kind, f, today=held_since)
        assert d.due_on > held_since
        if last is not None:
            assert d.due_on > last
        assert d.starts_on <= d.due_on


SPRING_FORWARD = datetime(2026, 3, 28, tzinfo=UTC)
FALL_BACK = datetime(2026, 10, 24, tzinfo=UTC)
around_the_clock_changes = st.sampled_from([SPRING_FORWARD, FALL_BACK]).flatmap(
    lambda start: st.integers(min_value=0, max_value=3 * 86400).map(lambda s: start + timedelta(seconds=s))
)


@settings(deadline=None)  # a busy CI machine must not fail a date property on time
@given(moment=around_the_clock_changes, days=st.sampled_from([42, 91, 182]))
def test_r_c5_dates_across_the_clock_change_stay_right(moment, days):
    """Due dates are whole days in Europe/London: a review 6 weeks after a case is taken at 00:30
    on the day the clocks change is due 42 calendar days later, never a day early or late."""
    held = timezone.localdate(moment)  # what joinedup.core.clock.today() gives at that instant
    london = moment.astimezone(timezone.get_default_timezone())
    assert held == london.date()
    f = DutyFacts(date_of_birth=date(2015, 1, 1), cadence=cadence(SS, held_since=held, agreed_visit_days=days))
    assert (due(DutyKind.VISIT, f, today=held).due_on - held).days == days
