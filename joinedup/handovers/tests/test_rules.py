"""Handover rules (B6), table-tested without a database; each test is named after its rule ID."""

import uuid

import pytest

from joinedup.handovers import rules
from joinedup.handovers.choices import HandoverStatus

A, B = uuid.uuid4(), uuid.uuid4()


def _ids(violations):
    return [v.rule for v in violations]


@pytest.mark.parametrize(
    ("new_id", "active", "in_area", "expected"),
    [
        (B, True, True, []),
        (A, True, True, ["B6-NEW-PERSON"]),
        (B, False, True, ["B6-NEW-PERSON"]),
        (B, True, False, ["B6-NEW-PERSON"]),
        (A, False, False, ["B6-NEW-PERSON"] * 3),
    ],
)
def test_r_b6_new_person(new_id, active, in_area, expected):
    assert (
        _ids(rules.new_person_violations(old_id=A, new_id=new_id, new_active=active, new_in_area=in_area)) == expected
    )


@pytest.mark.parametrize(
    ("is_key_worker", "in_team", "open_items", "refused"),
    [(True, False, 0, False), (False, True, 0, False), (False, False, 2, False), (False, False, 0, True)],
)
def test_r_b6_from(is_key_worker, in_team, open_items, refused):
    assert bool(rules.from_violations(is_key_worker=is_key_worker, in_team=in_team, open_items=open_items)) == refused


@pytest.mark.parametrize(
    ("reason", "is_key_worker", "expected"),
    [
        ("Knows the family from the short breaks service", True, []),
        ("", False, ["B6-REASON"]),
        ("   ", True, ["B6-REASON"]),
        ("x" * (rules.REASON_MAX + 1), False, ["B6-REASON"]),
        ("Same job as the last one", True, ["B3-NOT-SAME-JOB"]),
        ("Same job as the last one", False, []),  # another key practitioner: B3 is about key workers
    ],
)
def test_r_b6_reason(reason, is_key_worker, expected):
    assert _ids(rules.reason_violations(reason=reason, is_key_worker=is_key_worker)) == expected


def test_r_b6_one_open():
    assert rules.one_open_violations(already_open=False) == []
    assert _ids(rules.one_open_violations(already_open=True)) == ["B6-ONE-OPEN"]


@pytest.mark.parametrize(
    ("status", "is_new_person", "expected"),
    [
        (HandoverStatus.STARTED, True, []),
        (HandoverStatus.STARTED, False, ["B6-READ"]),
        (HandoverStatus.READ, True, ["B6-READ"]),
        (HandoverStatus.COMPLETED, False, ["B6-READ", "B6-READ"]),
        (HandoverStatus.CANCELLED, True, ["B6-READ"]),
    ],
)
def test_r_b6_read(status, is_new_person, expected):
    assert _ids(rules.read_violations(status=status, is_new_person=is_new_person)) == expected


@pytest.mark.parametrize(
    ("status", "refused"),
    [
        (HandoverStatus.STARTED, True),  # B6-KEEP: not before the summary is read
        (HandoverStatus.READ, False),
        (HandoverStatus.COMPLETED, True),
        (HandoverStatus.CANCELLED, True),
    ],
)
def test_r_b6_complete(status, refused):
    assert bool(rules.complete_violations(status=status)) == refused


@pytest.mark.parametrize(
    ("status", "reason", "expected"),
    [
        (HandoverStatus.STARTED, "Off sick", []),
        (HandoverStatus.READ, "Off sick", []),
        (HandoverStatus.READ, " ", ["B6-CANCEL"]),
        (HandoverStatus.COMPLETED, "Off sick", ["B6-CANCEL"]),
        (HandoverStatus.CANCELLED, "", ["B6-CANCEL", "B6-CANCEL"]),
        (HandoverStatus.STARTED, "x" * (rules.CANCEL_REASON_MAX + 1), ["B6-CANCEL"]),
    ],
)
def test_r_b6_cancel(status, reason, expected):
    assert _ids(rules.cancel_violations(status=status, reason=reason)) == expected


def test_r_b6_move_nothing_lost():
    zero = {"actions": 0, "meetings": 0, "duties": 0}
    old = {"actions": 2, "meetings": 1, "duties": 3}
    new = {"actions": 1, "meetings": 0, "duties": 0}
    assert rules.nothing_lost(
        old_before=old, new_before=new, new_after={"actions": 3, "meetings": 1, "duties": 3}, old_after=zero
    )
    # One action left with the old person, or one lost on the way: refused.
    assert not rules.nothing_lost(
        old_before=old,
        new_before=new,
        new_after={"actions": 2, "meetings": 1, "duties": 3},
        old_after=zero | {"actions": 1},
    )
    assert not rules.nothing_lost(
        old_before=old, new_before=new, new_after={"actions": 2, "meetings": 1, "duties": 3}, old_after=zero
    )
