"""Planned transfers through the API: the transfer list, one transfer, and every step (C7)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, get_args

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from joinedup.api.schemas import TransferStepName
from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.people.models import Child
from joinedup.people.tests.factories import ChildFactory
from joinedup.plans.tests.factories import smart_cin_plan
from joinedup.transfers import rules, services
from joinedup.transfers.models import Transfer, TransferEvent

pytestmark = pytest.mark.django_db

LIST = "/api/v1/transfers/"


def _steps(transfer_id: Any) -> str:
    return f"/api/v1/transfers/{transfer_id}/steps/"


@pytest.fixture
def transfer(world: Any) -> Transfer:
    return services.propose_transfer(
        child=world.child,
        to_hub=world.other_hub.hub,
        reason="Risk has reduced",
        by=world.manager.user,
        now=timezone.now(),
    )


def _stored(transfer: Transfer) -> tuple[Any, ...]:
    transfer.refresh_from_db()
    return transfer.status, TransferEvent.objects.count(), AuditEvent.objects.count(), transfer.timescale_date


def test_r_c7_a_manager_adds_the_child_to_the_transfer_list(world, api_as) -> None:
    response = api_as(world.manager.user).post(
        f"/api/v1/children/{world.child.pk}/transfers/",
        {"to_hub_id": str(world.other_hub.hub.pk), "reason": "Risk has reduced; the plan is stable"},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    transfer = Transfer.objects.get(pk=body["id"])
    assert (transfer.status, transfer.proposed_by) == ("PROPOSED", world.manager.user)
    assert (body["from_hub"]["code"], body["to_hub"]["code"]) == ("SAFEGUARDING_SUPPORT", "STRENGTHENING_FAMILIES")
    assert [(e["step"], e["by"]["user_id"]) for e in body["events"]] == [("PROPOSE", str(world.manager.user.pk))]
    assert body["steps_available"] == ["CAPACITY_DELAY", "REVIEWED", "WITHDRAW"]
    assert AuditEvent.objects.filter(user=world.manager.user, subject_id=str(transfer.pk)).exists()


def test_r_c7_the_transfer_list_for_both_managers_and_each_child_listed_is_audited(
    world, api_as, cwdt, transfer
) -> None:
    Transfer.objects.filter(pk=transfer.pk).update(last_reviewed_at=timezone.now() - timedelta(days=8))

    for user in (world.manager.user, cwdt.sf_manager, cwdt.operations):
        response = api_as(user).get(LIST)
        assert response.status_code == 200
        [item] = response.json()
        assert (item["id"], item["child_id"], item["status"]) == (str(transfer.pk), str(world.child.pk), "PROPOSED")
        assert item["not_reviewed_for_days"] == 8
        assert AuditEvent.objects.filter(user=user, child=world.child, action=AuditAction.LISTED).count() == 1


def test_r_c7_one_transfer_is_read_with_its_history_and_audited(world, api_as, cwdt, transfer) -> None:
    response = api_as(cwdt.sf_manager).get(f"/api/v1/transfers/{transfer.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert [e["step"] for e in body["events"]] == ["PROPOSE"]
    assert body["steps_available"] == ["AGREE", "NOT_AGREE", "CAPACITY_DELAY", "REVIEWED"]
    event = AuditEvent.objects.get(user=cwdt.sf_manager, action=AuditAction.VIEWED)
    assert (event.child, event.subject_id) == (world.child, str(transfer.pk))


def test_r_c7_the_whole_journey_through_the_api_moves_the_case(world, api_as, cwdt, transfer) -> None:
    smart_cin_plan(world.child)  # the plan is checked, not only confirmed (C7-PLAN-SMART)
    incoming, outgoing = api_as(cwdt.sf_manager), api_as(world.manager.user)
    today = timezone.localdate().isoformat()

    for client, body in [
        (incoming, {"step": "AGREE"}),
        (outgoing, {"step": "SET_TIMESCALE", "on": today}),
        (incoming, {"step": "FAMILY_TOLD", "on": today}),
        (outgoing, {"step": "RECORDING_CONFIRMED"}),
        (outgoing, {"step": "PLAN_SMART"}),
        (incoming, {"step": "COMPLETE", "on": today}),
    ]:
        response = client.post(_steps(transfer.pk), body)
        assert response.status_code == 200, (body, response.content)

    body = response.json()
    assert body["status"] == "COMPLETED"
    assert [e["step"] for e in body["events"]] == [
        "PROPOSE",
        "AGREE",
        "SET_TIMESCALE",
        "FAMILY_TOLD",
        "RECORDING_CONFIRMED",
        "PLAN_SMART",
        "COMPLETE",
    ]
    assert body["events"][-1]["by"]["user_id"] == str(cwdt.sf_manager.pk)
    assert Child.objects.get(pk=world.child.pk).holding_team == world.other_hub


def test_r_c7_not_agreed_goes_to_the_operations_manager_who_decides(world, api_as, cwdt, transfer) -> None:
    refused = api_as(cwdt.sf_manager).post(_steps(transfer.pk), {"step": "NOT_AGREE", "note": "We are full"})
    decided = api_as(cwdt.operations).post(_steps(transfer.pk), {"step": "DECIDE_TRANSFER", "note": "Agreed"})

    assert refused.json()["status"] == "ESCALATED"
    assert decided.json()["status"] == "AGREED"
    assert [(e["step"], e["note"]) for e in decided.json()["events"]][1:] == [
        ("NOT_AGREE", "We are full"),
        ("DECIDE_TRANSFER", "Agreed"),
    ]
    for user in (cwdt.sf_manager, cwdt.operations):  # each step is audited, by whom
        assert AuditEvent.objects.filter(user=user, action=AuditAction.UPDATED, subject_id=str(transfer.pk)).exists()


STEP_CASES = [
    (
        "completing a transfer never agreed",
        "incoming",
        {"step": "COMPLETE", "on": "2026-01-05"},
        [("C7-STEP", None, "This cannot be done now: the transfer is waiting for the incoming manager")],
    ),
    (
        "the outgoing manager agreeing",
        "outgoing",
        {"step": "AGREE"},
        [("C7-STEP", None, "Only the manager of the proposed hub or operations or service manager can do this")],
    ),
    (
        "not agreed without a reason",
        "incoming",
        {"step": "NOT_AGREE"},
        [("C7-STEP", "note", "Enter the reason")],
    ),
    (
        "a step that does not exist",
        "incoming",
        {"step": "TELEPORT"},
        [("API-INPUT", "step", None)],
    ),
]


@pytest.mark.parametrize(("case", "who", "body", "expected"), STEP_CASES, ids=[c[0] for c in STEP_CASES])
def test_r_c7_an_invalid_step_is_422_with_the_rule_and_changes_nothing(
    world, api_as, cwdt, transfer, case, who, body, expected
) -> None:
    user = cwdt.sf_manager if who == "incoming" else world.manager.user
    before = _stored(transfer)

    response = api_as(user).post(_steps(transfer.pk), body)

    assert response.status_code == 422, response.content
    detail = [(e["rule"], e["field"], e["message"]) for e in response.json()["detail"]]
    assert [(r, f, m if m is not None else detail[i][2]) for i, (r, f, m) in enumerate(expected)] == detail
    assert _stored(transfer) == before


def test_r_c7_completing_before_the_transfer_is_ready_says_what_is_missing(world, api_as, cwdt, transfer) -> None:
    api_as(cwdt.sf_manager).post(_steps(transfer.pk), {"step": "AGREE"})
    before = _stored(transfer)

    response = api_as(cwdt.sf_manager).post(_steps(transfer.pk), {"step": "COMPLETE"})

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {e["rule"] for e in detail} == {"C7-READY"}
    assert {
        "rule": "C7-READY",
        "field": "on",
        "message": ("Enter the date introductions to the child and family were completed, or of the planned review"),
    } in detail
    assert _stored(transfer) == before


def test_r_c7_a_child_is_on_the_list_once(world, api_as, transfer) -> None:
    response = api_as(world.manager.user).post(
        f"/api/v1/children/{world.child.pk}/transfers/", {"to_hub_id": str(world.other_hub.hub.pk), "reason": "Again"}
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"rule": "C7-PROPOSE", "field": None, "message": "This child is already on the transfer list"}
    ]
    assert Transfer.objects.count() == 1


def test_r_c7_the_hub_holding_the_case_is_not_a_hub_to_move_to(world, api_as) -> None:
    response = api_as(world.manager.user).post(
        f"/api/v1/children/{world.child.pk}/transfers/", {"to_hub_id": str(world.hub.hub.pk), "reason": "Nowhere"}
    )

    assert response.status_code == 422
    assert [(e["rule"], e["field"]) for e in response.json()["detail"]] == [("API-INPUT", "to_hub_id")]
    assert Transfer.objects.count() == 0


def test_r_c7_the_api_offers_exactly_the_steps_of_the_state_machine() -> None:
    assert set(get_args(TransferStepName)) == set(rules.TRANSITIONS)


def test_r_c7_adding_to_the_list_is_not_a_step(world, api_as, transfer) -> None:
    before = _stored(transfer)

    response = api_as(world.manager.user).post(_steps(transfer.pk), {"step": "PROPOSE"})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["rule"], error["field"]) == ("API-INPUT", "step")
    assert error["message"].startswith("step must be one of 'AGREE', 'NOT_AGREE'")
    assert _stored(transfer) == before


def test_r_c7_the_list_costs_the_same_queries_however_many_transfers(world, api_as, transfer) -> None:
    client = api_as(world.manager.user)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for _ in range(3):
        child = ChildFactory(area=world.area, holding_team=world.hub)
        services.propose_transfer(
            child=child, to_hub=world.other_hub.hub, reason="Stable", by=world.manager.user, now=timezone.now()
        )

    with CaptureQueriesContext(connection) as four:
        response = client.get(LIST)

    assert len(response.json()) == 4
    assert len(four) == len(one)
