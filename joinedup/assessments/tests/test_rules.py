"""C10 assessment rules, one table per rule ID (docs/rules/ASSESSMENTS.md). No database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.assessments import rules
from joinedup.assessments.choices import CarersOutcome, PanelOutcome, RequestKind, RequestStatus, TransitionsAfter
from joinedup.organisations.choices import JobRole

TODAY = date(2026, 3, 2)
YESTERDAY = TODAY - timedelta(days=1)
TOMORROW = TODAY + timedelta(days=1)


def _ids(violations):
    return [(v.rule, v.field) for v in violations]


@pytest.mark.parametrize(
    ("role", "refused"),
    [
        (JobRole.SOCIAL_WORKER, False),
        (JobRole.SWAP, True),  # C3-SINGLE-ASSESSMENT: a social worker, as C8-SOCIAL-WORKER
        (JobRole.FAMILY_SUPPORT_WORKER, True),
        (JobRole.TEAM_MANAGER, True),
        (JobRole.COMMUNITY_NURSE, True),
        (None, True),
    ],
)
def test_r_c10_single_assessment_sw_only_a_social_worker_does_a_single_assessment(role, refused):
    violations = rules.single_assessment_worker_violations(job_role=role)
    assert _ids(violations) == ([("C10-SINGLE-ASSESSMENT-SW", "social_worker")] if refused else [])
    if role == JobRole.SWAP:
        assert "only done by social workers" in violations[0].message


@pytest.mark.parametrize(
    ("started_on", "in_progress", "expected"),
    [
        (TODAY, False, []),
        (YESTERDAY, False, []),
        (TOMORROW, False, [("C10-SINGLE-ASSESSMENT-RECORD", "started_on")]),
        (TODAY, True, [("C10-SINGLE-ASSESSMENT-RECORD", None)]),
    ],
)
def test_r_c10_single_assessment_record_one_at_a_time_and_not_in_the_future(started_on, in_progress, expected):
    violations = rules.start_violations(
        job_role=JobRole.SOCIAL_WORKER, started_on=started_on, in_progress=in_progress, today=TODAY
    )
    assert _ids(violations) == expected


@pytest.mark.parametrize(
    ("completed_on", "outcome", "expected"),
    [
        (TODAY, "Short breaks recommended", []),
        (date(2026, 2, 1), "Found", []),  # the day it started
        (date(2026, 1, 31), "Found", [("C10-SINGLE-ASSESSMENT-RECORD", "completed_on")]),
        (TOMORROW, "Found", [("C10-SINGLE-ASSESSMENT-RECORD", "completed_on")]),
        (TODAY, "  ", [("C10-SINGLE-ASSESSMENT-RECORD", "outcome")]),
    ],
)
def test_r_c10_single_assessment_record_completed_after_it_started_with_what_it_found(completed_on, outcome, expected):
    violations = rules.completion_violations(
        started_on=date(2026, 2, 1), completed_on=completed_on, outcome=outcome, today=TODAY
    )
    assert _ids(violations) == expected


@pytest.mark.parametrize(
    ("offered", "taken_up", "on", "expected"),
    [
        (True, True, TODAY, []),
        (True, False, TODAY, []),  # declining is recorded, not refused
        (False, None, TODAY, [("C10-CARERS-OFFERED", "carers_offered")]),
        (None, None, TODAY, [("C10-CARERS-OFFERED", "carers_offered")]),
        (True, None, TODAY, [("C10-CARERS-OFFERED", "carers_taken_up")]),
        (True, True, TOMORROW, [("C10-CARERS-OFFERED", "offered_on")]),
    ],
)
def test_r_c10_carers_offered_at_every_single_assessment_and_review_with_uptake(offered, taken_up, on, expected):
    violations = rules.carers_offer_violations(offered=offered, taken_up=taken_up, offered_on=on, today=TODAY)
    assert _ids(violations) == expected
    if offered is False:
        assert "CwDT 7.3.1" in violations[0].message


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (JobRole.FAMILY_SUPPORT_WORKER, True),
        (JobRole.SOCIAL_WORKER, True),
        (JobRole.SWAP, True),
        (JobRole.COMMUNITY_NURSE, False),
        (JobRole.TEAM_MANAGER, False),
        (None, False),
    ],
)
def test_r_c10_carers_assessor_a_family_support_worker_or_a_social_worker(role, allowed):
    assert (rules.carers_assessor_violations(job_role=role) == []) is allowed
    assert all(v.field == "reviewer" for v in rules.carers_assessor_violations(job_role=role, field="reviewer"))


@pytest.mark.parametrize(
    ("outcomes", "notes", "expected"),
    [
        ([CarersOutcome.ADVICE], "Advice on sleep", []),
        (CarersOutcome.values, "All five", []),
        ([CarersOutcome.RESPITE, CarersOutcome.SMALL_FINANCIAL_PACKAGE], "Respite and £300", []),
        ([], "Notes", [("C10-CARERS-OUTCOMES", "outcomes")]),
        (["HOLIDAY"], "Notes", [("C10-CARERS-OUTCOMES", "outcomes")]),
        ([CarersOutcome.GUIDANCE], " ", [("C10-CARERS-OUTCOMES", "notes")]),
    ],
)
def test_r_c10_carers_outcomes_from_the_list_with_notes(outcomes, notes, expected):
    assert _ids(rules.carers_outcome_violations(outcomes=outcomes, notes=notes)) == expected


def test_r_c10_carers_outcomes_the_list_is_the_delivery_models():
    assert [c.label for c in CarersOutcome] == [
        "Advice",
        "Guidance",
        "Signposting to other services",
        "Respite support",
        "Other support, including a small financial package",
    ]


@pytest.mark.parametrize(("months", "allowed"), [(6, True), (12, True), (3, False), (18, False), (None, False)])
def test_r_c10_carers_interval_6_or_12_months_as_agreed(months, allowed):
    assert (rules.review_interval_violations(months=months) == []) is allowed


def test_r_c10_carers_outcomes_an_assessment_is_of_the_childs_own_carer_and_not_in_the_future():
    base = {
        "carer_linked": True,
        "job_role": JobRole.FAMILY_SUPPORT_WORKER,
        "assessed_on": TODAY,
        "outcomes": [CarersOutcome.ADVICE],
        "notes": "Advice",
        "months": 12,
        "today": TODAY,
    }
    assert rules.carers_assessment_violations(**base) == []
    assert _ids(rules.carers_assessment_violations(**base | {"carer_linked": False})) == [
        ("C10-CARERS-OUTCOMES", "carer")
    ]
    assert _ids(rules.carers_assessment_violations(**base | {"assessed_on": TOMORROW})) == [
        ("C10-CARERS-OUTCOMES", "assessed_on")
    ]


@pytest.mark.parametrize(
    ("reviewed_on", "notes", "months", "expected"),
    [
        (TODAY, "No change", 12, []),
        (date(2026, 1, 10), "Same day as the last", 6, []),
        (date(2026, 1, 9), "Before the last", 6, [("C10-CARERS-REVIEW-RECORD", "reviewed_on")]),
        (TOMORROW, "Future", 6, [("C10-CARERS-REVIEW-RECORD", "reviewed_on")]),
        (TODAY, "", 6, [("C10-CARERS-REVIEW-RECORD", "notes")]),
        (TODAY, "Notes", 9, [("C10-CARERS-INTERVAL", "review_months")]),
    ],
)
def test_r_c10_carers_review_record_follows_the_last_and_sets_the_next_interval(reviewed_on, notes, months, expected):
    violations = rules.carers_review_violations(
        job_role=JobRole.SOCIAL_WORKER,
        reviewed_on=reviewed_on,
        last_on=date(2026, 1, 10),
        notes=notes,
        months=months,
        today=TODAY,
    )
    assert _ids(violations) == expected


def _transitions(**changes):
    base = {
        "worker_is_case_worker": True,
        "after": TransitionsAfter.ENHANCED_REVIEW,
        "assessed_on": YESTERDAY,
        "transitional_needs": "Travel training",
        "referral_made_on": None,
        "today": TODAY,
    }
    return rules.transitions_violations(**base | changes)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"after": TransitionsAfter.UPDATED_SINGLE_ASSESSMENT, "referral_made_on": TODAY}, []),
        ({"worker_is_case_worker": False}, [("C10-TRANSITIONS-WORKER", "worker")]),
        ({"after": ""}, [("C10-TRANSITIONS-WORKER", "after")]),
        ({"transitional_needs": ""}, [("C10-TRANSITIONS-WORKER", "transitional_needs")]),
        ({"assessed_on": TOMORROW}, [("C10-TRANSITIONS-WORKER", "assessed_on")]),
        ({"referral_made_on": YESTERDAY - timedelta(days=1)}, [("C10-REFERRAL-MADE", "referral_made_on")]),
    ],
)
def test_r_c10_transitions_worker_the_allocated_or_assigned_worker_identifies_transitional_needs(changes, expected):
    assert _ids(_transitions(**changes)) == expected


@pytest.mark.parametrize(
    ("made_on", "already", "expected"),
    [
        (TODAY, False, []),
        (YESTERDAY, False, []),
        (YESTERDAY - timedelta(days=1), False, [("C10-REFERRAL-MADE", "referral_made_on")]),
        (TOMORROW, False, [("C10-REFERRAL-MADE", "referral_made_on")]),
        (TODAY, True, [("C10-REFERRAL-MADE", None)]),
    ],
)
def test_r_c10_referral_made_once_after_the_transitions_assessment(made_on, already, expected):
    violations = rules.referral_violations(
        assessed_on=YESTERDAY, referral_made_on=made_on, already_made=already, today=TODAY
    )
    assert _ids(violations) == expected


def _package(**changes):
    base = {
        "assessment_started_on": date(2026, 2, 1),
        "assessment_completed_on": None,
        "overnight_respite": False,
        "asked": "A personal assistant 6 hours a week",
        "amount": Decimal("4800"),
        "today": TODAY,
    }
    return rules.package_violations(**base | changes)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),  # during the single assessment
        ({"assessment_completed_on": date(2026, 2, 20)}, []),  # after it
        ({"assessment_started_on": None}, [("C10-PACKAGE-AFTER-SA", None)]),
        ({"assessment_started_on": TOMORROW}, [("C10-PACKAGE-AFTER-SA", None)]),
        ({"asked": " ", "amount": None}, [("C10-PANEL-REQUEST", "asked"), ("C10-PANEL-REQUEST", "amount")]),
        ({"amount": Decimal(0)}, [("C10-PANEL-REQUEST", "amount")]),
    ],
)
def test_r_c10_package_after_sa_never_before_a_single_assessment_has_started(changes, expected):
    assert _ids(_package(**changes)) == expected


@pytest.mark.parametrize(
    ("completed_on", "expected"),
    [
        (None, [("C10-OVERNIGHT-PANEL", "overnight_respite")]),  # still in progress: not yet considered
        (date(2026, 2, 20), []),
    ],
)
def test_r_c10_overnight_panel_overnight_respite_rests_on_a_completed_single_assessment(completed_on, expected):
    violations = _package(overnight_respite=True, assessment_completed_on=completed_on)
    assert _ids(violations) == expected
    if expected:
        assert "Resource Panel" in violations[0].message


def _change(**changes):
    base = {
        "package_in_place": True,
        "waiting_request": False,
        "current": Decimal("5000"),
        "package_set_on": date(2026, 1, 5),
        "asked": "A personal assistant 7 hours a week",
        "amount": Decimal("5400"),
        "adds_overnight": False,
        "reviewed_on": date(2026, 2, 20),
        "requester_role": JobRole.FAMILY_SUPPORT_WORKER,
        "updated_assessment_on": None,
        "today": TODAY,
    }
    return rules.change_violations(**base | changes)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),  # 8% more, at a review, by a family support worker
        ({"amount": Decimal("5500")}, []),  # exactly 10% more
        ({"amount": Decimal("4000")}, []),  # a reduction agreed at a review
        ({"requester_role": JobRole.SOCIAL_WORKER}, []),
        ({"requester_role": JobRole.COMMUNITY_NURSE}, [("C10-SMALL-INCREASE", None)]),
        ({"requester_role": JobRole.TEAM_MANAGER}, [("C10-SMALL-INCREASE", None)]),
        ({"reviewed_on": None}, [("C10-SMALL-INCREASE", "reviewed_on")]),
        ({"reviewed_on": TOMORROW}, [("C10-SMALL-INCREASE", "reviewed_on")]),
        ({"reviewed_on": date(2026, 1, 4)}, [("C10-SMALL-INCREASE", "reviewed_on")]),  # before it was agreed
        ({"waiting_request": True}, [("C10-PANEL-REQUEST", None)]),
        ({"package_in_place": False, "current": None, "package_set_on": None}, [("C10-PANEL-REQUEST", None)]),
    ],
)
def test_r_c10_small_increase_at_a_review_up_to_the_threshold(changes, expected):
    assert _ids(_change(**changes)) == expected


def test_r_c10_small_increase_threshold_is_10_percent_of_the_amount_agreed():
    assert Decimal("0.10") == rules.SMALL_INCREASE_FRACTION
    assert rules.small_increase_limit(Decimal("5000")) == Decimal("5500.00")
    assert rules.small_increase_limit(Decimal("333.33")) == Decimal("366.66")  # never rounds up past the line
    small = RequestKind.SMALL_INCREASE
    assert rules.change_kind(current=Decimal("5000"), asked=Decimal("5500"), adds_overnight=False) == small
    assert rules.change_kind(current=Decimal("5000"), asked=Decimal("5500.01"), adds_overnight=False) == "CHANGE"
    assert rules.change_kind(current=Decimal("5000"), asked=Decimal("5000"), adds_overnight=True) == "CHANGE"


@settings(deadline=None)  # pure arithmetic; the deadline only trips on a busy machine
@given(
    current=st.decimals(min_value=Decimal("1"), max_value=Decimal("100000"), places=2),
    asked=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("200000"), places=2),
)
def test_r_c10_small_increase_a_small_increase_is_never_more_than_10_percent(current, asked):
    kind = rules.change_kind(current=current, asked=asked, adds_overnight=False)
    assert (kind == RequestKind.SMALL_INCREASE) is (asked <= current * Decimal("1.1"))


@pytest.mark.parametrize(
    ("updated_on", "refused"),
    [
        (None, True),
        (date(2026, 1, 4), True),  # the assessment the package rests on, not an updated one
        (date(2026, 1, 5), False),
        (date(2026, 2, 27), False),
        (TOMORROW, True),
    ],
)
def test_r_c10_larger_change_needs_an_updated_single_assessment(updated_on, refused):
    violations = _change(amount=Decimal("6500"), updated_assessment_on=updated_on, reviewed_on=None)
    assert _ids(violations) == ([("C10-LARGER-CHANGE", "amount")] if refused else [])
    if refused:
        assert violations[0].message == (
            "£6,500 a year is more than a small increase (up to £5,500, 10% more than the £5,000 agreed). "
            "A larger change needs an updated single assessment by a social worker first (CwDT 7.3.3)"
        )


def test_r_c10_overnight_panel_adding_overnight_respite_is_never_a_small_increase():
    violations = _change(amount=Decimal("5000"), adds_overnight=True)
    assert _ids(violations) == [("C10-OVERNIGHT-PANEL", "adds_overnight")]
    assert _change(amount=Decimal("5000"), adds_overnight=True, updated_assessment_on=date(2026, 2, 1)) == []


def _decision(**changes):
    base = {
        "request_status": RequestStatus.WAITING,
        "outcome": PanelOutcome.APPROVED,
        "amount_requested": Decimal("5000"),
        "amount_approved": Decimal("4500"),
        "requested_on": date(2026, 2, 1),
        "decided_on": TODAY,
        "reason": "",
        "today": TODAY,
    }
    return rules.decision_violations(**base | changes)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"amount_approved": Decimal("5000")}, []),
        ({"outcome": PanelOutcome.DECLINED, "amount_approved": None, "reason": "Met by the short breaks offer"}, []),
        ({"outcome": PanelOutcome.DEFERRED, "amount_approved": None, "reason": "Needs costings"}, []),
        ({"amount_approved": None}, [("C10-PANEL-DECISION", "amount_approved")]),
        ({"amount_approved": Decimal("5000.01")}, [("C10-PANEL-DECISION", "amount_approved")]),
        ({"outcome": PanelOutcome.DECLINED, "amount_approved": None}, [("C10-PANEL-DECISION", "reason")]),
        (
            {"outcome": PanelOutcome.DEFERRED, "amount_approved": Decimal(1), "reason": "x"},
            [("C10-PANEL-DECISION", "amount_approved")],
        ),
        ({"outcome": ""}, [("C10-PANEL-DECISION", "outcome")]),
        ({"decided_on": TOMORROW}, [("C10-PANEL-DECISION", "decided_on")]),
        ({"decided_on": date(2026, 1, 31)}, [("C10-PANEL-DECISION", "decided_on")]),
        ({"request_status": RequestStatus.APPROVED}, [("C10-PANEL-DECISION", None)]),
        ({"request_status": RequestStatus.DECLINED}, [("C10-PANEL-DECISION", None)]),
    ],
)
def test_r_c10_panel_decision_approved_with_an_amount_or_declined_or_deferred_with_a_reason(changes, expected):
    assert _ids(_decision(**changes)) == expected


@pytest.mark.parametrize(
    ("amount", "text"),
    [(Decimal(1200), "£1,200"), (Decimal("1200.5"), "£1,200.50"), (Decimal("0.99"), "£0.99")],
)
def test_r_c10_panel_request_amounts_are_written_as_govuk_writes_money(amount, text):
    assert rules.pounds(amount) == text
