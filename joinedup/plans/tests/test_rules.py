"""Plan rules (C6, C10): table tests per rule ID and a property of C6-SMART. No database."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.plans import rules
from joinedup.plans.rules import ActionFacts, OutcomeFacts, PlanFacts

TODAY = dt.date(2026, 3, 2)


def action(what="Book respite", *, who=True, date=True, every=False):
    return ActionFacts(what=what, has_responsible=who, has_target_date=date, has_frequency=every)


def outcome(text="Sleep through the night", *actions):
    return OutcomeFacts(text=text, actions=tuple(actions))


# ---- C6-SMART: each missing thing, named in plain English ------------------------------------


@pytest.mark.parametrize(
    ("plan", "gaps"),
    [
        (PlanFacts(outcomes=()), ["The plan has no outcomes"]),
        (
            PlanFacts(outcomes=(outcome("Sleep through the night"),)),
            ["Outcome 'Sleep through the night' has no actions"],
        ),
        (
            PlanFacts(outcomes=(outcome("Sleep", action("Book respite", who=False)),)),
            ["Action 'Book respite' has nobody responsible"],
        ),
        (
            PlanFacts(outcomes=(outcome("Sleep", action("Book respite", date=False, every=False)),)),
            ["Action 'Book respite' has no target date or frequency"],
        ),
        (
            PlanFacts(outcomes=(outcome("Sleep", action("Book respite", who=False, date=False)),)),
            ["Action 'Book respite' has nobody responsible", "Action 'Book respite' has no target date or frequency"],
        ),
    ],
    ids=["no-outcomes", "outcome-without-actions", "action-without-owner", "action-without-timescale", "both"],
)
def test_r_c6_smart_names_each_missing_thing(plan, gaps):
    assert rules.smart_gaps(plan) == gaps
    assert rules.is_smart(plan) is False


@pytest.mark.parametrize(
    "timed",
    [action(date=True, every=False), action(date=False, every=True), action(date=True, every=True)],
    ids=["target-date", "frequency", "both"],
)
def test_r_c6_smart_a_target_date_or_a_frequency_is_enough(timed):
    plan = PlanFacts(outcomes=(outcome("Sleep", timed),))
    assert rules.smart_gaps(plan) == []
    assert rules.is_smart(plan) is True


def test_r_c6_smart_lists_gaps_in_the_order_of_the_plan():
    plan = PlanFacts(
        outcomes=(
            outcome("Go to school", action("Arrange transport", who=False)),
            outcome("Make friends"),
            outcome("Sleep", action("Bedtime routine", date=False), action("Respite")),
        )
    )
    assert rules.smart_gaps(plan) == [
        "Action 'Arrange transport' has nobody responsible",
        "Outcome 'Make friends' has no actions",
        "Action 'Bedtime routine' has no target date or frequency",
    ]


def test_r_c6_smart_quotes_long_words_short_and_on_one_line():
    long = "Sam will be able to\nsleep through the night in his own bed at least five nights in every week"
    gaps = rules.smart_gaps(PlanFacts(outcomes=(outcome(long),)))
    assert gaps == [f"Outcome '{rules.name_of(long)}' has no actions"]
    assert "\n" not in gaps[0]
    assert len(rules.name_of(long)) <= rules.NAME_LENGTH
    assert rules.name_of(long).endswith("…")


# Unique, non-blank, short words, so each item can be named without ambiguity.
_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12)
_timescale = st.sampled_from([(True, False), (False, True), (True, True)])


@st.composite
def smart_plans(draw):
    """A SMART plan: outcomes, each with actions, each with an owner and a date, a frequency or both."""
    n_outcomes = draw(st.integers(min_value=1, max_value=4))
    sizes = [draw(st.integers(min_value=1, max_value=3)) for _ in range(n_outcomes)]
    names = draw(st.lists(_names, min_size=n_outcomes + sum(sizes), max_size=n_outcomes + sum(sizes), unique=True))
    it = iter(names)
    outcomes = []
    for size in sizes:
        text = f"Outcome {next(it)}"
        actions = []
        for _ in range(size):
            date, every = draw(_timescale)
            actions.append(ActionFacts(f"Action {next(it)}", True, date, every))
        outcomes.append(OutcomeFacts(text, tuple(actions)))
    return PlanFacts(outcomes=tuple(outcomes))


@given(plan=smart_plans(), data=st.data())
def test_r_c6_smart_property_removing_any_one_thing_names_exactly_that_thing(plan, data):
    """A plan whose every outcome has an action and every action an owner and a date or frequency is
    SMART; take away any one of those and it is not, with exactly that thing named."""
    assert rules.smart_gaps(plan) == []

    outcomes = list(plan.outcomes)
    i = data.draw(st.integers(min_value=0, max_value=len(outcomes) - 1), label="outcome")
    target = outcomes[i]
    j = data.draw(st.integers(min_value=0, max_value=len(target.actions) - 1), label="action")
    a = target.actions[j]
    what_to_remove = data.draw(st.sampled_from(["owner", "timescale", "actions", "outcomes"]), label="remove")

    if what_to_remove == "outcomes":
        broken, expected = PlanFacts(outcomes=()), "The plan has no outcomes"
    elif what_to_remove == "actions":
        outcomes[i] = OutcomeFacts(target.text, ())
        broken, expected = PlanFacts(tuple(outcomes)), f"Outcome '{target.text}' has no actions"
    else:
        changed = (
            ActionFacts(a.what, False, a.has_target_date, a.has_frequency)
            if what_to_remove == "owner"
            else ActionFacts(a.what, True, False, False)
        )
        actions = list(target.actions)
        actions[j] = changed
        outcomes[i] = OutcomeFacts(target.text, tuple(actions))
        broken = PlanFacts(tuple(outcomes))
        problem = "has nobody responsible" if what_to_remove == "owner" else "has no target date or frequency"
        expected = f"Action '{a.what}' {problem}"

    assert rules.smart_gaps(broken) == [expected]
    assert not rules.is_smart(broken)


# ---- C6-ONE-CURRENT -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "has_other_current", "expected"),
    [
        ("DRAFT", False, []),
        ("DRAFT", True, ["C6-ONE-CURRENT"]),
        ("CURRENT", False, ["C6-ONE-CURRENT"]),
        ("ENDED", False, ["C6-ENDED"]),
    ],
)
def test_r_c6_one_current_plan_of_each_kind(status, has_other_current, expected):
    violations = rules.make_current_violations(status=status, kind="EHC", has_other_current=has_other_current)
    assert [v.rule for v in violations] == expected


def test_r_c6_one_current_says_which_plan_to_end_first():
    (v,) = rules.make_current_violations(status="DRAFT", kind="CHILD_IN_NEED", has_other_current=True)
    assert v.message == "There is already a current child in need plan. End it before making this one current"


# ---- C6-EHC-SECTION and C10-PFA-AREA ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "section", "service", "area", "expected"),
    [
        ("EHC", "NEEDS", "HEALTH", "", []),
        ("EHC", "", "HEALTH", "", [("C6-EHC-SECTION", "ehc_section")]),
        ("EHC", "PROVISION", "", "", [("C6-EHC-SECTION", "ehc_service")]),
        ("EHC", "", "", "", [("C6-EHC-SECTION", "ehc_section"), ("C6-EHC-SECTION", "ehc_service")]),
        ("CHILD_IN_NEED", "", "", "", []),
        ("CHILD_IN_NEED", "NEEDS", "EDUCATION", "", [("C6-EHC-SECTION", None)]),
        ("PREPARING_FOR_ADULTHOOD", "", "", "EMPLOYMENT", []),
        ("PREPARING_FOR_ADULTHOOD", "", "", "", [("C10-PFA-AREA", "pfa_area")]),
        ("SHORT_BREAKS", "", "", "GOOD_HEALTH", [("C10-PFA-AREA", None)]),
    ],
)
def test_r_c6_ehc_section_and_c10_pfa_area(kind, section, service, area, expected):
    violations = rules.outcome_violations(kind=kind, ehc_section=section, ehc_service=service, pfa_area=area)
    assert [(v.rule, v.field) for v in violations] == expected


def test_r_c10_pfa_area_message():
    (v,) = rules.outcome_violations(kind="PREPARING_FOR_ADULTHOOD", ehc_section="", ehc_service="", pfa_area="")
    assert v.message == "Select which Preparing for Adulthood area this outcome is about"


# ---- C6-DATES, C6-ENDED, C6-ACTION, C6-MADE-AT --------------------------------------------------


@pytest.mark.parametrize(
    ("review", "expected"),
    [(None, []), (TODAY, []), (TODAY + dt.timedelta(days=1), []), (TODAY - dt.timedelta(days=1), ["C6-DATES"])],
)
def test_r_c6_dates_review_on_or_after_start(review, expected):
    assert [v.rule for v in rules.plan_date_violations(start_date=TODAY, review_date=review)] == expected


@pytest.mark.parametrize(
    ("status", "start", "ended_on", "expected"),
    [
        ("CURRENT", TODAY - dt.timedelta(days=30), TODAY, []),
        ("CURRENT", TODAY, TODAY, []),
        ("CURRENT", TODAY, TODAY + dt.timedelta(days=1), ["C6-DATES"]),
        ("CURRENT", TODAY, TODAY - dt.timedelta(days=1), ["C6-DATES"]),
        ("DRAFT", TODAY + dt.timedelta(days=30), TODAY, []),  # a draft that never started may end now
        ("ENDED", TODAY - dt.timedelta(days=30), TODAY, ["C6-ENDED"]),
    ],
)
def test_r_c6_dates_when_a_plan_may_end(status, start, ended_on, expected):
    violations = rules.end_violations(status=status, start_date=start, ended_on=ended_on, today=TODAY)
    assert [v.rule for v in violations] == expected


@pytest.mark.parametrize(("status", "expected"), [("DRAFT", []), ("CURRENT", []), ("ENDED", ["C6-ENDED"])])
def test_r_c6_ended_plans_are_not_changed(status, expected):
    assert [v.rule for v in rules.changeable_violations(status=status)] == expected


@pytest.mark.parametrize(
    ("has_practitioner", "other", "count", "unit", "expected"),
    [
        (True, "", None, "", []),
        (False, "Mum", 2, "WEEK", []),
        (False, "", None, "", []),  # allowed while writing the plan; C6-SMART flags it
        (True, "Mum", None, "", [("C6-ACTION", "responsible_other")]),
        (False, "", 2, "", [("C6-ACTION", "frequency")]),
        (False, "", None, "WEEK", [("C6-ACTION", "frequency")]),
        (False, "", 0, "WEEK", [("C6-ACTION", "frequency")]),
    ],
)
def test_r_c6_action_one_owner_and_a_whole_frequency(has_practitioner, other, count, unit, expected):
    violations = rules.action_violations(
        has_practitioner=has_practitioner, responsible_other=other, frequency_count=count, frequency_unit=unit
    )
    assert [(v.rule, v.field) for v in violations] == expected


@pytest.mark.parametrize(
    ("done_on", "already", "expected"),
    [(TODAY, False, []), (TODAY + dt.timedelta(days=1), False, ["C6-ACTION"]), (TODAY, True, ["C6-ACTION"])],
)
def test_r_c6_action_done_once_not_in_the_future(done_on, already, expected):
    assert [v.rule for v in rules.done_violations(done_on=done_on, already_done=already, today=TODAY)] == expected


@pytest.mark.parametrize(("on", "expected"), [(None, []), (TODAY, []), (TODAY + dt.timedelta(days=1), ["C6-MADE-AT"])])
def test_r_c6_made_at_a_review_or_meeting_already_held(on, expected):
    assert [v.rule for v in rules.made_at_violations(made_at_date=on, today=TODAY)] == expected
