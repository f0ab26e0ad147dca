"""C7 transfer rules: who takes which step from which state; readiness; the weekly review flag."""

from datetime import UTC, date, datetime, timedelta

import pytest

from joinedup.transfers import rules
from joinedup.transfers.choices import TransferRole, TransferStatus, TransferStep

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("step", "status", "role", "allowed", "then"),
    [
        (TransferStep.AGREE, TransferStatus.PROPOSED, TransferRole.INCOMING, True, TransferStatus.AGREED),
        (TransferStep.AGREE, TransferStatus.PROPOSED, TransferRole.OUTGOING, False, None),
        (TransferStep.NOT_AGREE, TransferStatus.PROPOSED, TransferRole.INCOMING, True, TransferStatus.ESCALATED),
        (TransferStep.DECIDE_TRANSFER, TransferStatus.ESCALATED, TransferRole.OPERATIONS, True, TransferStatus.AGREED),
        (TransferStep.DECIDE_TRANSFER, TransferStatus.ESCALATED, TransferRole.INCOMING, False, None),
        (TransferStep.DECIDE_STAY, TransferStatus.ESCALATED, TransferRole.OPERATIONS, True, TransferStatus.DECLINED),
        (TransferStep.COMPLETE, TransferStatus.PROPOSED, TransferRole.INCOMING, False, None),
        (TransferStep.COMPLETE, TransferStatus.AGREED, TransferRole.INCOMING, True, TransferStatus.COMPLETED),
        (TransferStep.RECORDING_CONFIRMED, TransferStatus.AGREED, TransferRole.OUTGOING, True, TransferStatus.AGREED),
        (TransferStep.WITHDRAW, TransferStatus.AGREED, TransferRole.OUTGOING, True, TransferStatus.WITHDRAWN),
        (TransferStep.REVIEWED, TransferStatus.COMPLETED, TransferRole.OUTGOING, False, None),
        (TransferStep.AGREE, TransferStatus.PROPOSED, TransferRole.NONE, False, None),
    ],
)
def test_r_c7_each_step_is_taken_by_the_manager_the_model_names(step, status, role, allowed, then):
    violations = rules.step_violations(step=step, status=status, role=role)
    assert (violations == []) is allowed
    if allowed:
        assert rules.next_status(step, status) == then
    else:
        assert violations[0].rule == "C7-STEP"


def _ready(**changes):
    base = {
        "timescale_date": TODAY,
        "family_told_on": TODAY,
        "recording_confirmed": True,
        "plan_smart_confirmed": True,
        "introductions_done_on": TODAY,
        "planned_review_on": None,
    }
    return rules.Readiness(**(base | changes))


def test_r_c7_a_transfer_completes_when_everything_is_ready():
    assert rules.completion_violations(_ready(), today=TODAY) == []


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ({"timescale_date": None}, "Set a timescale"),
        ({"family_told_on": None}, "child and family were told"),
        ({"recording_confirmed": False}, "case recording is up to date"),
        ({"plan_smart_confirmed": False}, "plan is SMART"),
        ({"introductions_done_on": None}, "introductions"),
        ({"introductions_done_on": TODAY + timedelta(days=1)}, "introductions"),
    ],
)
def test_r_c7_a_transfer_does_not_complete_before_it_is_ready(missing, message):
    [violation] = rules.completion_violations(_ready(**missing), today=TODAY)
    assert message in violation.message


def test_r_c7_a_planned_review_held_can_stand_instead_of_introductions():
    ready = _ready(introductions_done_on=None, planned_review_on=TODAY - timedelta(days=1))
    assert rules.completion_violations(ready, today=TODAY) == []


def test_r_c7_items_not_reviewed_for_seven_days_are_flagged():
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert rules.not_reviewed_for(now - timedelta(days=6, hours=23), now=now) is None
    assert rules.not_reviewed_for(now - timedelta(days=7), now=now) == timedelta(days=7)
