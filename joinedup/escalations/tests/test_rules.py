"""C8 and C9 rules, table by table: raising, routing, deciding; requesting, considering, the weekly flag."""

from datetime import UTC, date, datetime, timedelta

import pytest

from joinedup.allocation.choices import HubCode
from joinedup.escalations import rules
from joinedup.escalations.choices import (
    DisagreementParty,
    EscalationKind,
    EscalationOutcome,
    EscalationRole,
    EscalationStatus,
    EscalationStep,
    RequestRole,
    RequestStatus,
    RequestStep,
)
from joinedup.organisations.choices import JobRole

TODAY = date(2026, 11, 23)
SS, SF, RI = HubCode.SAFEGUARDING_SUPPORT, HubCode.STRENGTHENING_FAMILIES, HubCode.REVIEW_INTERVENTION
CHANGE, CONCERN = EscalationKind.CHANGE_IN_NEED, EscalationKind.SAFEGUARDING_CONCERN


def _rules(violations):
    return [(v.rule, v.field) for v in violations]


@pytest.mark.parametrize(
    ("may_raise", "text", "expected"),
    [
        (True, "Mum in hospital; no care at night", []),
        (False, "Mum in hospital", [("C8-RAISE", None)]),
        (True, "   ", [("C8-RAISE", "what_has_changed")]),
    ],
)
def test_r_c8_raise_a_member_or_manager_says_what_has_changed(may_raise, text, expected):
    assert _rules(rules.raise_violations(may_raise=may_raise, what_has_changed=text)) == expected


@pytest.mark.parametrize(
    ("kind", "holding", "then"),
    [
        (CHANGE, SS, (EscalationStatus.WITH_MANAGER, SS)),
        (CHANGE, SF, (EscalationStatus.WITH_MANAGER, SF)),
        (CHANGE, RI, (EscalationStatus.WITH_MANAGER, RI)),
        # A safeguarding concern goes to the S&S duty queue, whoever holds the case (6.3.2).
        (CONCERN, SF, (EscalationStatus.IN_DUTY_QUEUE, SS)),
        (CONCERN, RI, (EscalationStatus.IN_DUTY_QUEUE, SS)),
        (CONCERN, SS, (EscalationStatus.IN_DUTY_QUEUE, SS)),
        (CONCERN, None, (EscalationStatus.IN_DUTY_QUEUE, SS)),
    ],
)
def test_r_c8_route_a_concern_goes_to_the_duty_queue_a_change_to_the_holding_hub(kind, holding, then):
    assert rules.route_violations(kind=kind, holding_hub=holding, duty_hub_exists=True) == []
    way = rules.route(kind=kind, holding_hub=holding)
    assert way is not None
    assert (way.status, way.hub) == then


@pytest.mark.parametrize(
    ("kind", "holding", "duty_hub_exists"),
    [(CHANGE, None, True), (CONCERN, SF, False)],
)
def test_r_c8_route_refuses_when_there_is_no_manager_to_send_it_to(kind, holding, duty_hub_exists):
    [violation] = rules.route_violations(kind=kind, holding_hub=holding, duty_hub_exists=duty_hub_exists)
    assert violation.rule == "C8-ROUTE"


W, D = EscalationStatus.WITH_MANAGER, EscalationStatus.IN_DUTY_QUEUE


@pytest.mark.parametrize(
    ("status", "role", "outcome", "note", "time_limited", "expected"),
    [
        (W, EscalationRole.RECEIVING, EscalationOutcome.TRANSFER, "", None, []),
        (D, EscalationRole.RECEIVING, EscalationOutcome.SECTION_47, "", None, []),
        (D, EscalationRole.OPERATIONS, EscalationOutcome.JOINT_WORKING, "", True, []),
        (W, EscalationRole.RECEIVING, EscalationOutcome.NO_CHANGE, "Crisis passed", False, []),
        (W, EscalationRole.RECEIVING, EscalationOutcome.NO_CHANGE, "", True, [("C8-OUTCOME", "outcome_note")]),
        (W, EscalationRole.RECEIVING, "", "", None, [("C8-OUTCOME", "outcome")]),
        (D, EscalationRole.HOLDING, EscalationOutcome.SECTION_47, "", None, [("C8-OUTCOME", None)]),
        (W, EscalationRole.RAISER, EscalationOutcome.NO_CHANGE, "x", None, [("C8-OUTCOME", None)]),
        (
            EscalationStatus.DECIDED,
            EscalationRole.RECEIVING,
            EscalationOutcome.TRANSFER,
            "",
            None,
            [("C8-OUTCOME", None)],
        ),
    ],
)
def test_r_c8_outcome_is_recorded_by_the_manager_it_was_sent_to(status, role, outcome, note, time_limited, expected):
    violations = rules.decision_violations(
        status=status, role=role, outcome=outcome, note=note, is_time_limited=time_limited
    )
    assert _rules(violations) == expected


def test_r_c8_outcome_no_change_on_a_lasting_need_asks_about_an_updated_assessment():
    [violation] = rules.decision_violations(
        status=W, role=EscalationRole.RECEIVING, outcome=EscalationOutcome.NO_CHANGE, note="", is_time_limited=False
    )
    assert "updated single assessment" in violation.message


def test_r_c8_outcome_names_the_duty_managers_for_the_duty_queue():
    [violation] = rules.decision_violations(
        status=D, role=EscalationRole.RAISER, outcome=EscalationOutcome.NO_CHANGE, note="x", is_time_limited=None
    )
    assert violation.message == "Only a Safeguarding & Support team manager, or an operations manager, can decide this"


@pytest.mark.parametrize(
    ("outcome", "role", "in_area", "expected"),
    [
        (EscalationOutcome.SECTION_47, JobRole.SOCIAL_WORKER, True, []),
        (EscalationOutcome.UPDATED_SINGLE_ASSESSMENT, JobRole.SOCIAL_WORKER, True, []),
        (EscalationOutcome.SECTION_47, JobRole.FAMILY_SUPPORT_WORKER, True, ["C8-SOCIAL-WORKER"]),
        (EscalationOutcome.SECTION_47, JobRole.SWAP, True, ["C8-SOCIAL-WORKER"]),
        (EscalationOutcome.UPDATED_SINGLE_ASSESSMENT, JobRole.FAMILY_SUPPORT_WORKER, True, ["C8-SOCIAL-WORKER"]),
        (EscalationOutcome.SECTION_47, None, False, ["C8-SOCIAL-WORKER"]),
        (EscalationOutcome.SECTION_47, JobRole.SOCIAL_WORKER, False, ["C8-SOCIAL-WORKER"]),
        (EscalationOutcome.TRANSFER, None, False, []),
        (EscalationOutcome.NO_CHANGE, JobRole.FAMILY_SUPPORT_WORKER, True, []),
    ],
)
def test_r_c8_social_worker_only_a_social_worker_does_s47_or_the_assessment(outcome, role, in_area, expected):
    violations = rules.assessment_worker_violations(outcome=outcome, worker_role=role, worker_in_area=in_area)
    assert [v.rule for v in violations] == expected
    assert all(v.field == "assessment_worker" for v in violations)


def test_r_c8_social_worker_refusal_says_why():
    [violation] = rules.assessment_worker_violations(
        outcome=EscalationOutcome.SECTION_47, worker_role=JobRole.FAMILY_SUPPORT_WORKER, worker_in_area=True
    )
    assert violation.message.startswith("Select a social worker: section 47 enquiries")


@pytest.mark.parametrize(
    ("outcome", "until", "message"),
    [
        (EscalationOutcome.JOINT_WORKING, None, "Enter the date joint working ends"),
        (EscalationOutcome.JOINT_WORKING, TODAY, "The date joint working ends must be in the future"),
        (
            EscalationOutcome.JOINT_WORKING,
            TODAY - timedelta(days=3),
            "The date joint working ends must be in the future",
        ),
        (EscalationOutcome.JOINT_WORKING, TODAY + timedelta(days=42), None),
        (EscalationOutcome.NO_CHANGE, None, None),
    ],
)
def test_r_c8_joint_working_end_is_a_period_with_an_end_date(outcome, until, message):
    violations = rules.joint_working_violations(outcome=outcome, until=until, today=TODAY)
    assert [v.message for v in violations] == ([message] if message else [])
    assert all((v.rule, v.field) == ("C8-JOINT-WORKING-END", "joint_working_until") for v in violations)


# ---- C8: disagreement and the operations manager's final decision (6.3.4) ---------------------

S = EscalationStatus
ROLE = EscalationRole
# Every state and every way of standing to an escalation: what may be done (anything not listed: nothing).
STEPS = {
    (S.WITH_MANAGER, ROLE.RECEIVING): EscalationStep.DECIDE,
    (S.WITH_MANAGER, ROLE.OPERATIONS): EscalationStep.DECIDE,
    (S.IN_DUTY_QUEUE, ROLE.RECEIVING): EscalationStep.DECIDE,
    (S.IN_DUTY_QUEUE, ROLE.OPERATIONS): EscalationStep.DECIDE,
    (S.DECIDED, ROLE.RECEIVING): EscalationStep.DISAGREE,
    (S.DECIDED, ROLE.HOLDING): EscalationStep.DISAGREE,
    (S.DECIDED, ROLE.RAISERS_MANAGER): EscalationStep.DISAGREE,
    (S.DISAGREED, ROLE.OPERATIONS): EscalationStep.FINAL_DECISION,
}


@pytest.mark.parametrize("status", list(EscalationStatus))
@pytest.mark.parametrize("role", list(EscalationRole))
def test_r_c8_disagreement_every_state_and_role_has_its_next_step(status, role):
    assert rules.next_step(status=status, role=role) == STEPS.get((status, role))


def _disagree(status=S.DECIDED, role=ROLE.HOLDING, party=DisagreementParty.TEAM_MANAGERS, **changes):
    facts = {"reason": "The risk has not reduced", "decided_it": False, "operations_manager_exists": True} | changes
    return rules.disagreement_violations(status=status, role=role, party=party, **facts)


@pytest.mark.parametrize("role", sorted(rules.DISAGREEING_ROLES))
@pytest.mark.parametrize("party", list(DisagreementParty))
def test_r_c8_disagreement_a_team_manager_taking_part_records_their_own_or_the_familys(role, party):
    assert _disagree(role=role, party=party) == []


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (S.OPEN, "This has not been decided yet, so there is nothing to disagree with"),
        (S.WITH_MANAGER, "This has not been decided yet, so there is nothing to disagree with"),
        (S.IN_DUTY_QUEUE, "This has not been decided yet, so there is nothing to disagree with"),
        (S.DISAGREED, "A disagreement with this decision is already with the operations manager"),
        (S.FINAL, "The operations manager has made the final decision, so it cannot be disagreed with again"),
    ],
)
def test_r_c8_disagreement_only_with_a_decided_outcome_and_only_once(status, message):
    assert [(v.rule, v.field, v.message) for v in _disagree(status=status)] == [("C8-DISAGREEMENT", None, message)]


@pytest.mark.parametrize("role", [ROLE.OPERATIONS, ROLE.RAISER, ROLE.WORKER, ROLE.NONE])
def test_r_c8_disagreement_without_standing_is_refused_with_who_may(role):
    [violation] = _disagree(role=role)
    assert (violation.rule, violation.field) == ("C8-DISAGREEMENT", None)
    assert violation.message.startswith("Only a team manager taking part can record a disagreement")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"party": ""}, [("party", "Select who disagrees")]),
        (
            {"decided_it": True},
            [
                (
                    "party",
                    "You made this decision, so you cannot disagree with it yourself. "
                    "If it is the family who disagrees, select that",
                )
            ],
        ),
        ({"decided_it": True, "party": DisagreementParty.FAMILY}, []),
        ({"reason": "  "}, [("reason", "Enter why you disagree with the decision")]),
        (
            {"reason": "", "party": DisagreementParty.FAMILY},
            [("reason", "Enter why the family disagrees with the decision")],
        ),
        (
            {"operations_manager_exists": False},
            [(None, "There is no operations or service manager to send this to: ask an administrator to add one")],
        ),
    ],
)
def test_r_c8_disagreement_says_who_disagrees_and_why(changes, expected):
    assert [(v.field, v.message) for v in _disagree(role=ROLE.RECEIVING, **changes)] == expected


def _final(status=S.DISAGREED, role=ROLE.OPERATIONS, outcome=EscalationOutcome.NO_CHANGE, note="Risk is managed"):
    return rules.final_decision_violations(status=status, role=role, outcome=outcome, note=note)


@pytest.mark.parametrize("outcome", list(EscalationOutcome))
def test_r_c8_final_decision_the_operations_manager_chooses_any_outcome_with_reasons(outcome):
    assert _final(outcome=outcome) == []


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (S.FINAL, "The final decision has already been made"),
        (S.DECIDED, "Nobody has disagreed with a decision on this, so there is no final decision to make"),
        (S.WITH_MANAGER, "Nobody has disagreed with a decision on this, so there is no final decision to make"),
        (S.IN_DUTY_QUEUE, "Nobody has disagreed with a decision on this, so there is no final decision to make"),
    ],
)
def test_r_c8_final_decision_only_on_a_disagreement_and_only_once(status, message):
    assert [(v.rule, v.field, v.message) for v in _final(status=status)] == [("C8-FINAL-DECISION", None, message)]


@pytest.mark.parametrize("role", [r for r in EscalationRole if r != ROLE.OPERATIONS])
def test_r_c8_final_decision_only_by_the_operations_manager(role):
    [violation] = _final(role=role)
    assert (
        violation.message
        == "Only an operations manager of the organisation this was sent to can make the final decision"
    )


@pytest.mark.parametrize(
    ("outcome", "note", "expected"),
    [
        ("", "Reasons", [("outcome", "Select the final decision")]),
        (EscalationOutcome.TRANSFER, " ", [("outcome_note", "Enter the reasons for the final decision")]),
    ],
)
def test_r_c8_final_decision_needs_an_outcome_and_reasons(outcome, note, expected):
    assert [(v.field, v.message) for v in _final(outcome=outcome, note=note)] == expected


def _requester(**changes):
    base = {"is_member": True, "job_role": JobRole.SOCIAL_WORKER, "in_holding_hub": True, "holding_hub": SS}
    return rules.Requester(**(base | changes))


@pytest.mark.parametrize(
    ("changes", "refused"),
    [
        ({}, False),
        ({"job_role": JobRole.FAMILY_SUPPORT_WORKER}, True),
        ({"job_role": JobRole.TEAM_MANAGER}, True),
        ({"job_role": JobRole.SWAP}, True),
        ({"is_member": False}, True),
        ({"in_holding_hub": False}, True),
        ({"holding_hub": SF}, True),
        ({"holding_hub": None}, True),
    ],
)
def test_r_c9_request_only_the_childs_ss_social_worker_asks(changes, refused):
    violations = rules.requester_violations(_requester(**changes))
    assert bool(violations) is refused
    assert all(v.rule == "C9-REQUEST" for v in violations)


def test_r_c9_request_needs_manager_agreement_the_need_and_the_proposed_work():
    violations = rules.request_violations(
        requester=_requester(), agreed_by_manager=False, what_family_needs=" ", proposed_work="", sf_hub_exists=False
    )
    assert _rules(violations) == [
        ("C9-REQUEST", None),
        ("C9-REQUEST", "agreed_by_manager"),
        ("C9-REQUEST", "what_family_needs"),
        ("C9-REQUEST", "proposed_work"),
    ]
    assert (
        rules.request_violations(
            requester=_requester(),
            agreed_by_manager=True,
            what_family_needs="Help with bedtime routine",
            proposed_work="Six sessions of parenting support",
            sf_hub_exists=True,
        )
        == []
    )


WAIT, ESC = RequestStatus.WAITING, RequestStatus.ESCALATED


@pytest.mark.parametrize(
    ("step", "status", "role", "allowed"),
    [
        (RequestStep.ATTACH, WAIT, RequestRole.CONSIDERING, True),
        (RequestStep.ATTACH, WAIT, RequestRole.OPERATIONS, True),
        (RequestStep.ATTACH, WAIT, RequestRole.REFERRING, False),
        (RequestStep.ATTACH, WAIT, RequestRole.REQUESTER, False),
        (RequestStep.ATTACH, ESC, RequestRole.CONSIDERING, False),
        (RequestStep.ATTACH, ESC, RequestRole.OPERATIONS, True),
        (RequestStep.ALTERNATIVE, WAIT, RequestRole.CONSIDERING, True),
        (RequestStep.ALTERNATIVE, ESC, RequestRole.OPERATIONS, True),
        (RequestStep.ALTERNATIVE, ESC, RequestRole.CONSIDERING, False),
        (RequestStep.ESCALATE, WAIT, RequestRole.CONSIDERING, True),
        (RequestStep.ESCALATE, WAIT, RequestRole.REFERRING, True),
        (RequestStep.ESCALATE, WAIT, RequestRole.OPERATIONS, False),
        (RequestStep.ESCALATE, ESC, RequestRole.CONSIDERING, False),
        (RequestStep.ATTACH, RequestStatus.ATTACHED, RequestRole.OPERATIONS, False),
        (RequestStep.ALTERNATIVE, RequestStatus.ALTERNATIVE_AGREED, RequestRole.CONSIDERING, False),
        (RequestStep.ATTACH, WAIT, RequestRole.NONE, False),
    ],
)
def test_r_c9_consider_each_step_is_taken_by_the_manager_the_model_names(step, status, role, allowed):
    violations = rules.step_violations(step=step, status=status, role=role)
    assert (violations == []) is allowed
    assert all(v.rule == "C9-CONSIDER" for v in violations)


@pytest.mark.parametrize(
    ("role", "in_sf", "holding", "expected"),
    [
        (JobRole.FAMILY_SUPPORT_WORKER, True, SS, []),
        (JobRole.FAMILY_SUPPORT_WORKER, False, SS, [("C9-ATTACH", "worker")]),
        (JobRole.SWAP, True, SS, [("C9-ATTACH", "worker")]),
        (JobRole.SOCIAL_WORKER, True, SS, [("C9-ATTACH", "worker")]),
        (None, False, SS, [("C9-ATTACH", "worker")]),
        (JobRole.FAMILY_SUPPORT_WORKER, True, SF, [("C9-ATTACH", None)]),
    ],
)
def test_r_c9_attach_a_strengthening_families_family_support_worker(role, in_sf, holding, expected):
    assert _rules(rules.attach_violations(worker_role=role, in_sf_hub=in_sf, holding_hub=holding)) == expected


@pytest.mark.parametrize(("text", "refused"), [("", True), ("  ", True), ("Short breaks club on Saturdays", False)])
def test_r_c9_alternative_needs_text(text, refused):
    assert _rules(rules.alternative_violations(alternative=text)) == (
        [("C9-ALTERNATIVE", "alternative")] if refused else []
    )


@pytest.mark.parametrize(("text", "refused"), [("", True), ("No capacity until March", False)])
def test_r_c9_escalate_says_why(text, refused):
    assert _rules(rules.escalate_violations(note=text)) == ([("C9-ESCALATE", "escalation_note")] if refused else [])


def test_r_c9_weekly_requests_waiting_7_days_unconsidered_are_flagged():
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert rules.not_considered_for(now - timedelta(days=6, hours=23), status=WAIT, now=now) is None
    assert rules.not_considered_for(now - timedelta(days=7), status=WAIT, now=now) == timedelta(days=7)
    # Escalated requests are with the operations manager: considered, not forgotten.
    assert rules.not_considered_for(now - timedelta(days=30), status=ESC, now=now) is None
    assert rules.waited(now + timedelta(hours=1), now=now) == timedelta(0)
