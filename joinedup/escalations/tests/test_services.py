"""C8 and C9 through the services: routing, deciding, requesting, attaching; audited and people told."""

from datetime import UTC, date, datetime, timedelta

import pytest

from joinedup.allocation.choices import WorkerRelationship
from joinedup.allocation.models import Allocation
from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.escalations import selectors, services
from joinedup.escalations.choices import (
    EscalationKind,
    EscalationOutcome,
    EscalationRole,
    EscalationStatus,
    RequestStatus,
    RequestStep,
)
from joinedup.escalations.models import Escalation, FamilySupportRequest
from joinedup.notifications.models import Notification
from joinedup.people.models import Child
from joinedup.teams.models import TeamMembership
from joinedup.transfers.models import Transfer

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def _raise(child, by, kind=EscalationKind.CHANGE_IN_NEED, time_limited=None):
    return services.raise_escalation(
        child=child,
        kind=kind,
        what_has_changed="Dad says she has stopped eating",
        is_time_limited=time_limited,
        by=by,
        now=NOW,
    )


def _decide(escalation, by, outcome, note="", until=None, worker=None):
    return services.decide_escalation(
        escalation=escalation,
        outcome=outcome,
        outcome_note=note,
        joint_working_until=until,
        assessment_worker=worker,
        by=by,
        now=NOW + timedelta(hours=1),
        today=TODAY,
    )


def _told(user):
    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def _rule_ids(exc):
    return [v.rule for v in exc.value.violations]


# ---- C8 ---------------------------------------------------------------------------------------


def test_r_c8_route_a_change_in_need_goes_to_the_manager_of_the_hub_holding_the_case(world, cwdt):
    escalation = _raise(world.child, world.key_worker.user)
    assert escalation.status == EscalationStatus.WITH_MANAGER
    assert escalation.to_hub == world.hub.hub
    assert escalation.from_hub == world.hub.hub
    assert _told(world.manager.user) == [f"A change in need for record {world.child.local_id}"]
    assert _told(cwdt.sf_manager.user) == []
    steps = AuditEvent.objects.filter(subject_id=str(escalation.pk)).order_by("at", "what")
    assert [e.what for e in steps] == ["Raised a change in need", "Sent to the team manager of Safeguarding & Support"]
    assert escalation in selectors.escalation_queues(world.manager.user).to_decide


def test_r_c8_route_a_safeguarding_concern_lands_in_the_ss_duty_queue_not_the_raisers_manager(world, cwdt):
    # other_child is held by Strengthening Families; their worker raises a safeguarding concern.
    escalation = _raise(world.other_child, cwdt.sf_worker.user, kind=EscalationKind.SAFEGUARDING_CONCERN)
    assert escalation.status == EscalationStatus.IN_DUTY_QUEUE
    assert escalation.to_hub == world.hub.hub
    assert escalation.from_hub == world.other_hub.hub
    ss_queues = selectors.escalation_queues(world.manager.user)
    assert ss_queues.duty_queue == [escalation]
    assert ss_queues.keeps_duty_queue
    sf_queues = selectors.escalation_queues(cwdt.sf_manager.user)
    assert (sf_queues.to_decide, sf_queues.duty_queue, sf_queues.elsewhere) == ([], [], [escalation])
    assert not sf_queues.keeps_duty_queue
    # The raiser's own manager hears of it, but cannot decide it: the duty manager does.
    assert len(_told(cwdt.sf_manager.user)) == 1
    assert selectors.escalation_role(cwdt.sf_manager.user, escalation) == EscalationRole.HOLDING
    with pytest.raises(RuleViolations) as exc:
        _decide(escalation, cwdt.sf_manager.user, EscalationOutcome.NO_CHANGE, note="Seen it")
    assert _rule_ids(exc) == ["C8-OUTCOME"]
    escalation = _decide(escalation, world.manager.user, EscalationOutcome.SECTION_47, worker=world.key_worker)
    assert escalation.status == EscalationStatus.DECIDED


def test_r_c8_raise_by_someone_outside_the_childs_team_is_refused(world):
    with pytest.raises(RuleViolations) as exc:
        _raise(world.child, world.same_org_outsider.user)
    assert _rule_ids(exc) == ["C8-RAISE"]
    assert not Escalation.objects.exists()


def test_r_c8_raise_by_a_manager_with_reach_who_is_not_in_the_team(world):
    assert _raise(world.child, world.manager.user).status == EscalationStatus.WITH_MANAGER


def test_r_c8_route_a_change_in_need_for_a_child_no_hub_holds_is_refused(world):
    Child.objects.filter(pk=world.child.pk).update(holding_team=None)
    world.child.refresh_from_db()
    with pytest.raises(RuleViolations) as exc:
        _raise(world.child, world.key_worker.user)
    assert _rule_ids(exc) == ["C8-ROUTE"]


def test_r_c8_social_worker_s47_allocated_to_a_family_support_worker_is_refused(world, cwdt):
    escalation = _raise(world.child, world.key_worker.user, kind=EscalationKind.SAFEGUARDING_CONCERN)
    with pytest.raises(RuleViolations) as exc:
        _decide(escalation, world.manager.user, EscalationOutcome.SECTION_47, worker=cwdt.family_support_worker)
    assert _rule_ids(exc) == ["C8-SOCIAL-WORKER"]
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.IN_DUTY_QUEUE  # nothing stored
    with pytest.raises(RuleViolations):
        _decide(escalation, world.manager.user, EscalationOutcome.UPDATED_SINGLE_ASSESSMENT)  # nobody chosen
    escalation = _decide(escalation, world.manager.user, EscalationOutcome.SECTION_47, worker=cwdt.social_worker)
    assert escalation.assessment_worker == cwdt.social_worker
    # The social worker joins the child's team so they can open the record, and is told.
    assert TeamMembership.objects.current().filter(child=world.child, practitioner=cwdt.social_worker).exists()
    assert len(_told(cwdt.social_worker.user)) == 1
    assert len(_told(world.key_worker.user)) == 1


def test_r_c8_joint_working_end_joint_working_needs_an_end_date(world):
    escalation = _raise(world.child, world.key_worker.user)
    for until in (None, TODAY):
        with pytest.raises(RuleViolations) as exc:
            _decide(escalation, world.manager.user, EscalationOutcome.JOINT_WORKING, until=until)
        assert _rule_ids(exc) == ["C8-JOINT-WORKING-END"]
    escalation = _decide(escalation, world.manager.user, EscalationOutcome.JOINT_WORKING, until=date(2027, 1, 31))
    assert escalation.joint_working_until == date(2027, 1, 31)
    assert escalation.decided_by == world.manager.user


def test_r_c8_outcome_no_change_needs_a_reason_and_is_decided_once(world):
    escalation = _raise(world.child, world.key_worker.user, time_limited=False)
    with pytest.raises(RuleViolations) as exc:
        _decide(escalation, world.manager.user, EscalationOutcome.NO_CHANGE)
    assert "updated single assessment" in str(exc.value)
    _decide(escalation, world.manager.user, EscalationOutcome.NO_CHANGE, note="Assessment updated in October")
    with pytest.raises(RuleViolations) as exc:
        _decide(escalation, world.manager.user, EscalationOutcome.TRANSFER)
    assert str(exc.value) == "This has already been decided"
    assert AuditEvent.objects.filter(subject_id=str(escalation.pk), what="Decided: No change").count() == 1


def test_r_c8_outcome_only_the_receiving_manager_or_an_operations_manager_decides(world, cwdt):
    escalation = _raise(world.child, world.key_worker.user)
    for outsider in (cwdt.sf_manager.user, world.key_worker.user, world.operations_manager.user):
        with pytest.raises(RuleViolations):
            _decide(escalation, outsider, EscalationOutcome.TRANSFER)
    assert _decide(escalation, cwdt.operations.user, EscalationOutcome.TRANSFER).outcome == "TRANSFER"


def test_r_c8_outcome_transfer_does_not_move_the_case(world, cwdt):
    escalation = _raise(world.child, world.key_worker.user)
    _decide(escalation, cwdt.operations.user, EscalationOutcome.TRANSFER, note="Risk reduced")
    world.child.refresh_from_db()
    assert world.child.holding_team == world.hub
    assert not Transfer.objects.exists()
    # The holding hub's manager is told: they add the child to the transfer list.
    assert f"Escalation for record {world.child.local_id} decided" in _told(world.manager.user)


# ---- C9 ---------------------------------------------------------------------------------------


def _request(child, by, **changes):
    data = {
        "agreed_by_manager": True,
        "what_family_needs": "Support with the bedtime routine",
        "proposed_work": "Six weekly sessions of parenting support at home",
    }
    return services.request_family_support(child=child, by=by, now=NOW, **(data | changes))


def _consider(support_request, by, step, worker=None, alternative="", note=""):
    return services.consider_family_support(
        support_request=support_request,
        step=step,
        worker=worker,
        alternative=alternative,
        escalation_note=note,
        by=by,
        now=NOW + timedelta(days=2),
        today=TODAY,
    )


def test_r_c9_request_by_the_ss_social_worker_goes_to_strengthening_families(world, cwdt):
    support_request = _request(world.child, world.key_worker.user)
    assert (support_request.from_hub, support_request.to_hub) == (world.hub.hub, world.other_hub.hub)
    assert support_request.status == RequestStatus.WAITING
    assert _told(cwdt.sf_manager.user) == [f"Family support request for record {world.child.local_id}"]
    assert selectors.request_queue(cwdt.sf_manager.user) == [support_request]
    assert AuditEvent.objects.filter(subject_id=str(support_request.pk), action="CREATED").exists()


@pytest.mark.parametrize("who", ["team_member", "manager", "same_org_outsider"])
def test_r_c9_request_by_a_non_social_worker_or_outside_the_team_is_refused(world, who):
    with pytest.raises(RuleViolations) as exc:
        _request(world.child, world.personas()[who])
    assert _rule_ids(exc) == ["C9-REQUEST"]
    assert not FamilySupportRequest.objects.exists()


def test_r_c9_request_for_a_child_not_held_by_ss_is_refused(world, cwdt):
    # A social worker in the team of a child Strengthening Families holds.
    TeamMembership.objects.create(
        child=world.other_child,
        practitioner=world.key_worker,
        role_in_team="Social worker",
        start_date=TODAY,
        added_by=world.manager.user,
        added_at=NOW,
    )
    with pytest.raises(RuleViolations) as exc:
        _request(world.other_child, world.key_worker.user)
    assert "held by Safeguarding & Support" in str(exc.value)


def test_r_c9_request_needs_the_managers_agreement(world):
    with pytest.raises(RuleViolations) as exc:
        _request(world.child, world.key_worker.user, agreed_by_manager=False, proposed_work="")
    assert [v.field for v in exc.value.violations] == ["agreed_by_manager", "proposed_work"]


def test_r_c9_attach_an_sf_family_support_worker_creates_an_attached_allocation(world, cwdt):
    support_request = _request(world.child, world.key_worker.user)
    support_request = _consider(support_request, cwdt.sf_manager.user, RequestStep.ATTACH, cwdt.family_support_worker)
    assert support_request.status == RequestStatus.ATTACHED
    allocation = support_request.allocation
    assert (allocation.relationship, allocation.hub, allocation.practitioner) == (
        WorkerRelationship.ATTACHED,
        world.other_hub.hub,
        cwdt.family_support_worker,
    )
    assert allocation.end_date is None
    world.child.refresh_from_db()
    assert world.child.holding_team == world.hub  # attaching does not move the case
    assert TeamMembership.objects.current().filter(child=world.child, practitioner=cwdt.family_support_worker).exists()
    assert len(_told(cwdt.family_support_worker.user)) == 1
    assert len(_told(world.key_worker.user)) == 1
    assert support_request.considered_by == cwdt.sf_manager.user
    # A second piece of work for the same worker keeps the one attachment.
    second = _consider(
        _request(world.child, world.key_worker.user),
        cwdt.sf_manager.user,
        RequestStep.ATTACH,
        cwdt.family_support_worker,
    )
    assert second.allocation == allocation
    assert Allocation.objects.filter(child=world.child, relationship="ATTACHED").count() == 1


@pytest.mark.parametrize("worker", ["sf_worker", "social_worker", None])
def test_r_c9_attach_refuses_anyone_but_an_sf_family_support_worker(world, cwdt, worker):
    support_request = _request(world.child, world.key_worker.user)
    with pytest.raises(RuleViolations) as exc:
        _consider(support_request, cwdt.sf_manager.user, RequestStep.ATTACH, getattr(cwdt, worker) if worker else None)
    assert _rule_ids(exc) == ["C9-ATTACH"]
    assert not Allocation.objects.exists()


def test_r_c9_alternative_needs_text(world, cwdt):
    support_request = _request(world.child, world.key_worker.user)
    with pytest.raises(RuleViolations) as exc:
        _consider(support_request, cwdt.sf_manager.user, RequestStep.ALTERNATIVE, alternative="  ")
    assert _rule_ids(exc) == ["C9-ALTERNATIVE"]
    support_request = _consider(
        support_request,
        cwdt.sf_manager.user,
        RequestStep.ALTERNATIVE,
        alternative="Saturday club, agreed with the S&S manager",
    )
    assert support_request.status == RequestStatus.ALTERNATIVE_AGREED
    assert support_request.alternative == "Saturday club, agreed with the S&S manager"


def test_r_c9_escalate_goes_to_the_operations_manager_who_decides(world, cwdt):
    support_request = _request(world.child, world.key_worker.user)
    with pytest.raises(RuleViolations):  # a reason is needed
        _consider(support_request, cwdt.sf_manager.user, RequestStep.ESCALATE)
    support_request = _consider(
        support_request, cwdt.sf_manager.user, RequestStep.ESCALATE, note="No capacity until March"
    )
    assert support_request.status == RequestStatus.ESCALATED
    assert support_request.escalated_by == cwdt.sf_manager.user
    assert len(_told(cwdt.operations.user)) == 1
    assert _told(world.operations_manager.user) == []  # another organisation's
    assert selectors.request_queue(cwdt.operations.user) == [support_request]
    with pytest.raises(RuleViolations) as exc:  # now the operations manager's to decide
        _consider(support_request, cwdt.sf_manager.user, RequestStep.ATTACH, cwdt.family_support_worker)
    assert _rule_ids(exc) == ["C9-CONSIDER"]
    support_request = _consider(support_request, cwdt.operations.user, RequestStep.ATTACH, cwdt.family_support_worker)
    assert support_request.status == RequestStatus.ATTACHED
    assert support_request.considered_by == cwdt.operations.user


def test_r_c9_consider_the_referring_manager_may_escalate_but_not_attach(world, cwdt):
    support_request = _request(world.child, world.key_worker.user)
    with pytest.raises(RuleViolations):
        _consider(support_request, world.manager.user, RequestStep.ATTACH, cwdt.family_support_worker)
    escalated = _consider(support_request, world.manager.user, RequestStep.ESCALATE, note="Not considered for 3 weeks")
    assert escalated.status == RequestStatus.ESCALATED


def test_r_g1_the_duty_manager_can_read_the_child_while_a_concern_waits_in_their_queue(world):
    from django.utils import timezone

    from joinedup.access import policy
    from joinedup.teams.tests.factories import TeamMembershipFactory

    # other_child is held by Strengthening Families; its concern goes to the S&S duty queue.
    member = TeamMembershipFactory(child=world.other_child, added_by=world.manager.user).practitioner
    assert not policy.visible_children(world.manager.user).filter(pk=world.other_child.pk).exists()
    services.raise_escalation(
        child=world.other_child,
        kind="SAFEGUARDING_CONCERN",
        is_time_limited=None,
        what_has_changed="Disclosure at school",
        by=member.user,
        now=timezone.now(),
    )
    assert policy.visible_children(world.manager.user).filter(pk=world.other_child.pk).exists()
    assert not policy.manages(world.manager.user, world.other_child)  # reading, not managing
