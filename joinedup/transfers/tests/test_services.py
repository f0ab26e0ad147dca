"""C7 planned transfers through the service: the whole journey, escalation, readiness, access."""

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from joinedup.access import policy
from joinedup.accounts.choices import Role
from joinedup.allocation import services as allocation_services
from joinedup.allocation.choices import RespiteFunding, RiskTier, WorkerRelationship
from joinedup.allocation.models import Allocation
from joinedup.allocation.rules import ChildFacts
from joinedup.core.rules import RuleViolations
from joinedup.duties import services as duty_services
from joinedup.duties.choices import DutyKind
from joinedup.duties.models import Duty
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.people.models import Child
from joinedup.plans.tests.factories import ActionFactory, OutcomeFactory, smart_cin_plan
from joinedup.transfers import services
from joinedup.transfers.choices import TransferStatus, TransferStep
from joinedup.transfers.models import TransferEvent

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


@pytest.fixture
def managers(world):
    council = world.hub.organisation
    incoming = PractitionerFactory(
        organisation=council, user__role=Role.TEAM_MANAGER, job_role=JobRole.TEAM_MANAGER, teams=[world.other_hub]
    )
    ops = PractitionerFactory(
        organisation=council, user__role=Role.OPERATIONS_MANAGER, job_role=JobRole.OPERATIONS_MANAGER
    )
    return world.manager.user, incoming.user, ops.user


def _propose(world, outgoing):
    return services.propose_transfer(
        child=world.child, to_hub=world.other_hub.hub, reason="Risk has reduced; plan stable", by=outgoing, now=NOW
    )


_clock = itertools.count(1)


def _step(transfer, step, by, **kwargs):
    # Each step a minute after the last, as a day's work would have them.
    now = NOW + timedelta(minutes=next(_clock))
    return services.take_step(transfer=transfer, step=step, by=by, now=now, today=TODAY, **kwargs)


def test_r_c7_a_planned_transfer_from_list_to_completion_moves_the_case(world, managers):
    outgoing, incoming, _ = managers
    allocation = allocation_services.allocate(
        child=world.child,
        hub=world.hub.hub,
        practitioner=world.key_worker,
        relationship=WorkerRelationship.ALLOCATED,
        over_capacity_reason="",
        by=outgoing,
        now=NOW,
        today=TODAY,
        facts=ChildFacts(
            risk_tier=RiskTier.HIGH,
            section_47_open=False,
            single_assessment_needed=False,
            child_protection_plan=False,
            looked_after_or_edge_of_care=False,
            complex_needs_beyond_disability=False,
            overnight_respite=RespiteFunding.NONE,
            stable_support_package=False,
            change_in_need_not_time_limited=False,
            sibling_of_child_held=False,
            sibling_hub=None,
        ),
    )
    duty_services.bring_up_to_date(children=[world.child], today=TODAY, now=NOW)
    review = Duty.objects.open().get(child=world.child, kind=DutyKind.CIN_REVIEW)
    assert review.owner == world.key_worker
    smart_cin_plan(world.child)
    transfer = _propose(world, outgoing)
    # The incoming manager can read the child's record to decide.
    assert policy.visible_children(incoming).filter(pk=world.child.pk).exists()
    _step(transfer, TransferStep.AGREE, incoming)
    with pytest.raises(RuleViolations) as exc:
        _step(transfer, TransferStep.COMPLETE, incoming, on=TODAY)
    assert len(exc.value.violations) == 4  # timescale, family told, recording, plan SMART
    _step(transfer, TransferStep.SET_TIMESCALE, outgoing, on=date(2026, 12, 7))
    _step(transfer, TransferStep.FAMILY_TOLD, outgoing, on=TODAY)
    _step(transfer, TransferStep.RECORDING_CONFIRMED, outgoing)
    _step(transfer, TransferStep.PLAN_SMART, outgoing)
    transfer = _step(transfer, TransferStep.COMPLETE, incoming, on=TODAY)
    assert transfer.status == TransferStatus.COMPLETED
    assert Child.objects.get(pk=world.child.pk).holding_team == world.other_hub
    allocation.refresh_from_db()
    assert allocation.end_date == TODAY  # old worker relationships end (6.2.7)
    # Every open item moves with the case: the review keeps its place, at the new hub's cadence,
    # with the old worker's name off it (the key worker holds it until the new manager allocates).
    moved = Duty.objects.open().get(child=world.child, kind=DutyKind.CIN_REVIEW)
    assert moved.pk == review.pk
    assert "Strengthening Families" in moved.basis
    assert moved.due_on == TODAY + timedelta(days=91)
    steps = list(TransferEvent.objects.filter(transfer=transfer).order_by("at", "id").values_list("step", "by"))
    assert [s for s, _ in steps] == [
        "PROPOSE",
        "AGREE",
        "SET_TIMESCALE",
        "FAMILY_TOLD",
        "RECORDING_CONFIRMED",
        "PLAN_SMART",
        "COMPLETE",
    ]
    assert steps[1][1] == incoming.pk


def test_r_c7_not_agreed_goes_to_the_operations_manager_who_decides(world, managers):
    outgoing, incoming, ops = managers
    transfer = _propose(world, outgoing)
    with pytest.raises(RuleViolations):  # a reason is needed to say no
        _step(transfer, TransferStep.NOT_AGREE, incoming)
    transfer = _step(transfer, TransferStep.NOT_AGREE, incoming, note="No capacity for complex respite")
    assert transfer.status == TransferStatus.ESCALATED
    with pytest.raises(RuleViolations):
        _step(transfer, TransferStep.DECIDE_TRANSFER, incoming)
    transfer = _step(transfer, TransferStep.DECIDE_STAY, ops, note="Stays until the March review")
    assert transfer.status == TransferStatus.DECLINED
    assert transfer.closed_at is not None


def test_r_c7_only_the_holding_hub_manager_adds_a_child_once(world, managers):
    outgoing, incoming, _ = managers
    with pytest.raises(RuleViolations):
        services.propose_transfer(child=world.child, to_hub=world.other_hub.hub, reason="x", by=incoming, now=NOW)
    _propose(world, outgoing)
    with pytest.raises(RuleViolations) as exc:
        _propose(world, outgoing)
    assert "already on the transfer list" in str(exc.value)


def test_r_c7_capacity_delay_is_flagged(world, managers):
    outgoing, incoming, _ = managers
    transfer = _step(_propose(world, outgoing), TransferStep.CAPACITY_DELAY, incoming, note="Full until January")
    assert transfer.delayed_by_capacity
    assert Allocation.objects.count() == 0


def _inbox(user):
    from joinedup.notifications.models import Notification

    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def test_r_c7_each_step_tells_the_people_the_model_names(world, managers):
    outgoing, incoming, ops = managers
    transfer = _propose(world, outgoing)
    assert _inbox(incoming) == [f"Transfer of record {world.child.local_id}: Added to the transfer list"]
    assert _inbox(outgoing) == []  # nobody is told of their own step
    _step(transfer, TransferStep.NOT_AGREE, incoming, note="No capacity")
    assert any("escalated" in s for s in _inbox(ops))
    assert any("escalated" in s for s in _inbox(outgoing))


def test_r_c4_a_transfer_delayed_by_capacity_is_flagged_to_the_operations_manager(world, managers):
    outgoing, incoming, ops = managers
    _step(_propose(world, outgoing), TransferStep.CAPACITY_DELAY, incoming, note="Full until January")
    assert any("Delayed by capacity" in s for s in _inbox(ops))


def test_r_c7_plan_smart_is_checked_against_the_plan_itself(world, managers):
    outgoing, incoming, _ = managers
    transfer = _propose(world, outgoing)
    _step(transfer, TransferStep.AGREE, incoming)
    with pytest.raises(RuleViolations, match="There is no current child in need plan"):
        _step(transfer, TransferStep.PLAN_SMART, outgoing)
    plan = smart_cin_plan(world.child)
    OutcomeFactory(plan=plan, text="Goes swimming every week")  # an outcome nobody acts on
    with pytest.raises(RuleViolations) as refused:
        _step(transfer, TransferStep.PLAN_SMART, outgoing)
    assert refused.value.violations[0].rule == "C7-PLAN-SMART"
    assert "Goes swimming every week" in refused.value.violations[0].message
    transfer.refresh_from_db()
    assert not transfer.plan_smart_confirmed
    ActionFactory(outcome=plan.outcomes.get(text="Goes swimming every week"))
    assert _step(transfer, TransferStep.PLAN_SMART, outgoing).plan_smart_confirmed
