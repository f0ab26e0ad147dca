"""EHC needs assessment rules (F3, F2): table tests, one or more per rule ID. No database."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.ehc import rules
from joinedup.ehc.choices import AdviceSection, AssessmentStatus, Decision, Step
from joinedup.people.choices import EhcPlanStatus

S = AssessmentStatus
TODAY = date(2026, 12, 1)
ALL_STATUSES = list(S)


@pytest.mark.parametrize(
    ("requested_on", "decision_due"),
    [
        (date(2026, 3, 2), date(2026, 4, 13)),
        (date(2026, 1, 31), date(2026, 3, 14)),  # across the end of a 28-day February
        (date(2026, 12, 1), date(2027, 1, 12)),  # across the new year
        (date(2024, 2, 29), date(2024, 4, 11)),  # a request on 29 February
        (date(2024, 1, 29), date(2024, 3, 11)),  # across a leap February
        (date(2026, 3, 20), date(2026, 5, 1)),  # across the clocks going forward: whole days
    ],
)
def test_r_f3_decision_6_weeks_is_42_days_after_the_request(requested_on, decision_due):
    assert rules.decision_due(requested_on) == decision_due
    assert (decision_due - requested_on).days == 42


@pytest.mark.parametrize(
    ("requested_on", "final_due"),
    [
        (date(2026, 3, 2), date(2026, 7, 20)),
        (date(2024, 2, 29), date(2024, 7, 18)),  # a request on 29 February
        (date(2025, 2, 28), date(2025, 7, 18)),
        (date(2026, 10, 31), date(2027, 3, 20)),  # across the end of October and the new year
        (date(2027, 12, 31), date(2028, 5, 19)),  # into a leap year, across 29 February 2028
    ],
)
def test_r_f3_final_20_weeks_is_140_days_after_the_request(requested_on, final_due):
    assert rules.final_due(requested_on) == final_due
    assert (final_due - requested_on).days == 140


@pytest.mark.parametrize(
    ("asked_on", "due_on"),
    [
        (date(2026, 4, 13), date(2026, 5, 25)),
        (date(2028, 2, 29), date(2028, 4, 11)),  # asked on 29 February
        (date(2026, 11, 30), date(2027, 1, 11)),  # across the month end and the new year
    ],
)
def test_r_f3_advice_6_weeks_is_42_days_after_it_was_asked_for(asked_on, due_on):
    assert rules.advice_due(asked_on) == due_on


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_r_f3_the_20_week_clock_always_runs_exactly_140_days_and_the_decision_42(requested_on):
    assert rules.final_due(requested_on) - requested_on == timedelta(days=140)
    assert rules.decision_due(requested_on) - requested_on == timedelta(days=42)
    assert rules.advice_due(requested_on) - requested_on == timedelta(days=42)
    assert rules.decision_due(requested_on) < rules.final_due(requested_on)


@pytest.mark.parametrize(
    ("due_on", "done_on", "overdue", "late"),
    [
        (date(2026, 11, 30), None, True, False),
        (date(2026, 12, 1), None, False, False),  # due today is not yet overdue
        (date(2026, 12, 2), None, False, False),
        (date(2026, 11, 30), date(2026, 11, 30), False, False),
        (date(2026, 11, 30), date(2026, 12, 1), False, True),
    ],
)
def test_r_f3_overdue_and_late(due_on, done_on, overdue, late):
    assert rules.is_overdue(due_on=due_on, done_on=done_on, today=TODAY) is overdue
    assert rules.was_late(due_on=due_on, done_on=done_on) is late


ALLOWED = {
    Step.DECIDE: {S.REQUESTED},
    Step.ASK_ADVICE: {S.ASSESSING},
    Step.RECEIVE_ADVICE: {S.REQUESTED, S.ASSESSING, S.DRAFT_ISSUED},
    Step.ISSUE_DRAFT: {S.ASSESSING},
    Step.ISSUE_FINAL: {S.DRAFT_ISSUED},
    Step.STOP: {S.REQUESTED, S.ASSESSING, S.DRAFT_ISSUED},
}


@pytest.mark.parametrize("step", list(Step))
@pytest.mark.parametrize("status", ALL_STATUSES)
def test_r_f3_step_order_every_step_from_every_stage(step, status):
    violation = rules.step_violation(step, status)
    if status in ALLOWED[step]:
        assert violation is None
    else:
        assert violation is not None
        assert violation.rule == "F3-STEP-ORDER"
        assert violation.message
        assert "cannot be taken now" not in violation.message


@pytest.mark.parametrize(
    ("step", "status", "message"),
    [
        (Step.DECIDE, S.ASSESSING, "The decision to assess has already been recorded"),
        (Step.DECIDE, S.NOT_ASSESSING, "It was decided not to assess, so this assessment has ended"),
        (Step.ISSUE_FINAL, S.REQUESTED, "Record the decision to assess, then the draft plan, before the final plan"),
        (Step.ISSUE_FINAL, S.ASSESSING, "Record the draft plan issued before the final plan"),
        (Step.ASK_ADVICE, S.REQUESTED, "Record the decision to assess before asking for advice"),
        (Step.STOP, S.FINAL_ISSUED, "The final EHC plan has been issued, so this assessment has ended"),
    ],
)
def test_r_f3_step_order_says_why(step, status, message):
    assert rules.step_violation(step, status).message == message


def test_r_f3_one_open_refuses_a_second_request_and_a_future_date():
    assert rules.request_violations(requested_on=TODAY, today=TODAY, has_open=False) == []
    refused = rules.request_violations(requested_on=TODAY + timedelta(days=1), today=TODAY, has_open=True)
    assert [(v.rule, v.field) for v in refused] == [("F3-ONE-OPEN", None), ("F3-DATES", "requested_on")]


@pytest.mark.parametrize(
    ("decision", "decided_on", "reason", "expected"),
    [
        (Decision.ASSESS, date(2026, 11, 1), "", []),
        (Decision.NOT_ASSESS, date(2026, 11, 1), "Needs are met at SEN support", []),
        (Decision.NOT_ASSESS, date(2026, 11, 1), "  ", [("F3-NOT-ASSESSING-REASON", "reason")]),
        (Decision.ASSESS, date(2026, 9, 30), "", [("F3-DATES", "decided_on")]),  # before the request
        (Decision.ASSESS, date(2026, 12, 2), "", [("F3-DATES", "decided_on")]),  # in the future
        (Decision.ASSESS, date(2026, 10, 1), "", []),  # on the day of the request
    ],
)
def test_r_f3_decision_dates_and_reasons(decision, decided_on, reason, expected):
    violations = rules.decision_violations(
        status=S.REQUESTED,
        requested_on=date(2026, 10, 1),
        decision=decision,
        decided_on=decided_on,
        reason=reason,
        today=TODAY,
    )
    assert [(v.rule, v.field) for v in violations] == expected


def test_r_f3_step_order_deciding_twice_is_refused_before_anything_else():
    violations = rules.decision_violations(
        status=S.ASSESSING,
        requested_on=date(2026, 10, 1),
        decision=Decision.NOT_ASSESS,
        decided_on=date(2030, 1, 1),
        reason="",
        today=TODAY,
    )
    assert [v.rule for v in violations] == ["F3-STEP-ORDER"]


def _advice(**overrides):
    values = {
        "status": S.ASSESSING,
        "decided_on": date(2026, 11, 1),
        "asked_on": date(2026, 11, 2),
        "today": TODAY,
        "in_team": True,
        "already_asked": False,
        "who": "Ada Example",
        "sections": [AdviceSection.HEALTH_NEEDS],
        "outcomes_in_plan": True,
    }
    return [(v.rule, v.field) for v in rules.advice_violations(**(values | overrides))]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, []),
        ({"in_team": False}, [("F3-ADVICE-TEAM", "practitioner")]),
        ({"already_asked": True}, [("F3-ADVICE-ONCE", "practitioner")]),
        ({"sections": []}, [("F3-ADVICE-FEEDS", "sections")]),
        ({"sections": ["NOT_A_SECTION"]}, [("F3-ADVICE-FEEDS", "sections")]),
        ({"outcomes_in_plan": False}, [("F3-ADVICE-FEEDS", "outcomes")]),
        ({"asked_on": date(2026, 10, 31)}, [("F3-DATES", "requested_on")]),
        ({"status": S.REQUESTED}, [("F3-STEP-ORDER", None)]),
        ({"status": S.DRAFT_ISSUED}, [("F3-STEP-ORDER", None)]),
    ],
)
def test_r_f3_advice_team_once_feeds_and_dates(overrides, expected):
    assert _advice(**overrides) == expected


def test_r_f3_advice_team_message_says_why():
    [violation] = rules.advice_violations(
        status=S.ASSESSING,
        decided_on=date(2026, 11, 1),
        asked_on=date(2026, 11, 2),
        today=TODAY,
        in_team=False,
        already_asked=False,
        who="Ada Example",
        sections=[AdviceSection.OUTCOMES],
        outcomes_in_plan=True,
    )
    assert violation.message == (
        "Ada Example is not in the child's team: advice is asked of the child's team. Add them to the team first"
    )


@pytest.mark.parametrize(
    ("status", "received_on", "already", "expected"),
    [
        (S.ASSESSING, date(2026, 11, 20), False, []),
        (S.DRAFT_ISSUED, date(2026, 11, 20), False, []),
        (S.ASSESSING, date(2026, 11, 20), True, [("F3-STEP-ORDER", None)]),
        (S.STOPPED, date(2026, 11, 20), False, [("F3-STEP-ORDER", None)]),
        (S.ASSESSING, date(2026, 11, 1), False, [("F3-DATES", "received_on")]),
        (S.ASSESSING, date(2026, 12, 2), False, [("F3-DATES", "received_on")]),
    ],
)
def test_r_f3_advice_received_once_while_open(status, received_on, already, expected):
    violations = rules.advice_received_violations(
        status=status, asked_on=date(2026, 11, 2), received_on=received_on, already_received=already, today=TODAY
    )
    assert [(v.rule, v.field) for v in violations] == expected


def test_r_f3_dates_a_draft_follows_the_decision_and_a_final_the_draft():
    assert rules.draft_violations(status=S.ASSESSING, decided_on=date(2026, 11, 1), issued_on=TODAY, today=TODAY) == []
    early = rules.draft_violations(
        status=S.ASSESSING, decided_on=date(2026, 11, 1), issued_on=date(2026, 10, 31), today=TODAY
    )
    assert [(v.rule, v.field) for v in early] == [("F3-DATES", "issued_on")]
    assert "the decision to assess, 1 November 2026" in early[0].message
    assert [
        v.rule for v in rules.draft_violations(status=S.REQUESTED, decided_on=None, issued_on=TODAY, today=TODAY)
    ] == ["F3-STEP-ORDER"]
    final = {"draft_issued_on": date(2026, 11, 20), "issued_on": TODAY, "plan_is_theirs": True, "today": TODAY}
    assert rules.final_violations(status=S.DRAFT_ISSUED, **final) == []
    assert [v.rule for v in rules.final_violations(status=S.ASSESSING, **final)] == ["F3-STEP-ORDER"]
    assert [v.rule for v in rules.final_violations(status=S.REQUESTED, **final)] == ["F3-STEP-ORDER"]
    before_draft = final | {"issued_on": date(2026, 11, 19)}
    assert [v.rule for v in rules.final_violations(status=S.DRAFT_ISSUED, **before_draft)] == ["F3-DATES"]


def test_r_f3_final_plan_must_be_the_childs_ehc_plan():
    violations = rules.final_violations(
        status=S.DRAFT_ISSUED, draft_issued_on=date(2026, 11, 20), issued_on=TODAY, plan_is_theirs=False, today=TODAY
    )
    assert [(v.rule, v.field) for v in violations] == [("F3-FINAL-PLAN", "plan")]


@pytest.mark.parametrize(
    ("status", "stopped_on", "reason", "expected"),
    [
        (S.ASSESSING, TODAY, "The family withdrew the request", []),
        (S.REQUESTED, TODAY, "", [("F3-STOP-REASON", "reason")]),
        (S.STOPPED, TODAY, "Again", [("F3-STEP-ORDER", None)]),
        (S.NOT_ASSESSING, TODAY, "x", [("F3-STEP-ORDER", None)]),
        (S.DRAFT_ISSUED, date(2026, 9, 1), "Moved away", [("F3-DATES", "stopped_on")]),
    ],
)
def test_r_f3_stop_reason_while_open(status, stopped_on, reason, expected):
    violations = rules.stop_violations(
        status=status, requested_on=date(2026, 10, 1), stopped_on=stopped_on, reason=reason, today=TODAY
    )
    assert [(v.rule, v.field) for v in violations] == expected


@pytest.mark.parametrize(
    ("current", "after", "expected"),
    [
        (EhcPlanStatus.NONE, S.REQUESTED, EhcPlanStatus.REQUESTED),
        (EhcPlanStatus.REQUESTED, S.ASSESSING, EhcPlanStatus.ASSESSING),
        (EhcPlanStatus.ASSESSING, S.DRAFT_ISSUED, EhcPlanStatus.ASSESSING),
        (EhcPlanStatus.ASSESSING, S.FINAL_ISSUED, EhcPlanStatus.PLAN),
        (EhcPlanStatus.REQUESTED, S.NOT_ASSESSING, EhcPlanStatus.NONE),
        (EhcPlanStatus.ASSESSING, S.STOPPED, EhcPlanStatus.NONE),
        (EhcPlanStatus.PLAN, S.REQUESTED, EhcPlanStatus.PLAN),  # reassessed: keeps the plan it has
        (EhcPlanStatus.PLAN, S.STOPPED, EhcPlanStatus.PLAN),
    ],
)
def test_r_f3_child_status_follows_the_assessment(current, after, expected):
    assert rules.child_ehc_status(current=current, after=after) == expected


def test_r_f2_waiting_order_has_no_deadline_in_it():
    assert rules.WAITING_ORDER == ("requested_on", "recorded_at", "id")
    assert not any("due" in f or "overdue" in f for f in rules.WAITING_ORDER)
