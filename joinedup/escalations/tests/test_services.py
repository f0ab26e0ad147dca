"""C8 and C9 through the services: routing, deciding, requesting, attaching; audited and people told."""

from datetime import UTC, date, datetime, timedelta

import pytest

from joinedup.access import policy
from joinedup.accounts.choices import Role
from joinedup.allocation.choices import WorkerRelationship
from joinedup.allocation.models import Allocation
from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import Duty
from joinedup.escalations import selectors, services
from joinedup.escalations.choices import (
    DisagreementParty,
    EscalationKind,
    EscalationOutcome,
    EscalationRole,
    EscalationStatus,
    RequestStatus,
    RequestStep,
)
from joinedup.escalations.models import Escalation, FamilySupportRequest
from joinedup.notifications.models import Notification
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory
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
    assert policy.escalation_role(cwdt.sf_manager.user, escalation) == EscalationRole.HOLDING
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


def test_r_c8_joint_working_end_reminds_the_manager_who_agreed_it_when_it_ends(world):
    escalation = _raise(world.child, world.key_worker.user)
    _decide(escalation, world.manager.user, EscalationOutcome.JOINT_WORKING, until=date(2027, 1, 31))
    reminder = Duty.objects.open().get(child=world.child, kind=DutyKind.JOINT_WORKING_END)
    assert (reminder.due_on, reminder.starts_on) == (date(2027, 1, 31), date(2027, 1, 17))
    assert reminder.owner == world.manager
    assert reminder.rule == "C8-JOINT-WORKING-END"
    # A later escalation agreeing joint working again replaces the reminder: one open at a time.
    second = _raise(world.child, world.key_worker.user)
    _decide(second, world.manager.user, EscalationOutcome.JOINT_WORKING, until=date(2027, 3, 31))
    assert Duty.objects.open().get(child=world.child, kind=DutyKind.JOINT_WORKING_END).due_on == date(2027, 3, 31)
    reminder.refresh_from_db()
    assert reminder.status == DutyStatus.CANCELLED


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


# ---- C8: disagreement and the final decision (6.3.4) ------------------------------------------


def _disagree(escalation, by, party=DisagreementParty.TEAM_MANAGERS, reason="The risk at home has not reduced"):
    return services.disagree_with_escalation(
        escalation=escalation, party=party, reason=reason, by=by, now=NOW + timedelta(hours=2)
    )


def _final(escalation, by, outcome, note="Discussed with both managers", until=None, worker=None):
    return services.make_final_decision(
        escalation=escalation,
        outcome=outcome,
        outcome_note=note,
        joint_working_until=until,
        assessment_worker=worker,
        by=by,
        now=NOW + timedelta(hours=3),
        today=TODAY,
    )


@pytest.fixture
def decided_concern(world, cwdt):
    """A concern about other_child (held by Strengthening Families) that the S&S duty manager decided."""
    escalation = _raise(world.other_child, cwdt.sf_worker.user, kind=EscalationKind.SAFEGUARDING_CONCERN)
    return _decide(escalation, world.manager.user, EscalationOutcome.NO_CHANGE, note="Seen at school: no marks")


def _audited(escalation):
    return list(AuditEvent.objects.filter(subject_id=str(escalation.pk)).order_by("at").values_list("what", flat=True))


def test_r_c8_disagreement_a_decision_tells_the_holding_hubs_managers_who_may_disagree(world, cwdt, decided_concern):
    assert f"Escalation for record {world.other_child.local_id} decided" in _told(cwdt.sf_manager.user)


def test_r_c8_disagreement_by_the_holding_manager_goes_to_the_operations_managers(world, cwdt, decided_concern):
    escalation = _disagree(decided_concern, cwdt.sf_manager.user)
    assert escalation.status == EscalationStatus.DISAGREED
    assert (escalation.disagreement_party, escalation.disagreement_reason) == (
        DisagreementParty.TEAM_MANAGERS,
        "The risk at home has not reduced",
    )
    assert (escalation.disagreed_by, escalation.disagreed_at) == (cwdt.sf_manager.user, NOW + timedelta(hours=2))
    assert escalation.outcome == EscalationOutcome.NO_CHANGE  # the team manager's decision is kept
    assert _audited(escalation)[-1] == "Disagreement: a team manager disagrees; sent to the operations manager"
    subject = f"Disagreement about the escalation for record {world.other_child.local_id}"
    assert _told(cwdt.operations.user) == [subject]
    assert subject in _told(world.manager.user)  # the manager who decided
    assert _told(world.operations_manager.user) == []  # another organisation's
    assert selectors.escalation_queues(cwdt.operations.user).disagreements == [escalation]
    assert selectors.escalation_queues(cwdt.sf_manager.user).disagreements == [escalation]


def test_r_c8_disagreement_the_deciding_manager_records_the_familys_but_not_their_own(world, cwdt):
    escalation = _decide(_raise(world.child, world.key_worker.user), world.manager.user, EscalationOutcome.TRANSFER)
    with pytest.raises(RuleViolations) as exc:
        _disagree(escalation, world.manager.user)
    assert [(v.rule, v.field) for v in exc.value.violations] == [("C8-DISAGREEMENT", "party")]
    escalation = _disagree(escalation, world.manager.user, party=DisagreementParty.FAMILY, reason="Mum wants to stay")
    assert escalation.disagreement_party == DisagreementParty.FAMILY
    assert len(_told(cwdt.operations.user)) == 1


def test_r_c8_disagreement_the_raisers_team_manager_has_standing(world, cwdt):
    # The community nurse raises a change in need; the manager of the nursing team disagrees with the outcome.
    nursing_manager = PractitionerFactory(
        organisation=world.team_member.organisation,
        user__role=Role.TEAM_MANAGER,
        job_role=JobRole.TEAM_MANAGER,
        teams=list(world.team_member.teams.all()),
    )
    escalation = _decide(_raise(world.child, world.team_member.user), world.manager.user, EscalationOutcome.TRANSFER)
    assert policy.escalation_role(nursing_manager.user, escalation) == EscalationRole.RAISERS_MANAGER
    assert _disagree(escalation, nursing_manager.user).status == EscalationStatus.DISAGREED


def test_r_c8_disagreement_with_an_undecided_escalation_is_refused_and_nothing_is_stored(world, cwdt):
    escalation = _raise(world.child, world.key_worker.user)
    with pytest.raises(RuleViolations) as exc:
        _disagree(escalation, world.manager.user)
    assert str(exc.value) == "This has not been decided yet, so there is nothing to disagree with"
    escalation.refresh_from_db()
    assert (escalation.status, escalation.disagreed_by) == (EscalationStatus.WITH_MANAGER, None)
    assert _told(cwdt.operations.user) == []


@pytest.mark.parametrize("who", ["raiser", "operations", "other_operations", "family_support_worker", "key_worker"])
def test_r_c8_disagreement_by_someone_without_standing_is_refused_with_the_reason(world, cwdt, decided_concern, who):
    person = {
        "raiser": cwdt.sf_worker,
        "operations": cwdt.operations,
        "other_operations": world.operations_manager,
        "family_support_worker": cwdt.family_support_worker,
        "key_worker": world.key_worker,
    }[who]
    before = len(_audited(decided_concern))
    with pytest.raises(RuleViolations) as exc:
        _disagree(decided_concern, person.user)
    assert _rule_ids(exc) == ["C8-DISAGREEMENT"]
    assert str(exc.value).startswith("Only a team manager taking part can record a disagreement: the manager it was")
    decided_concern.refresh_from_db()
    assert decided_concern.status == EscalationStatus.DECIDED
    assert len(_audited(decided_concern)) == before
    assert _told(cwdt.operations.user) == []


def test_r_c8_disagreement_twice_is_refused(world, cwdt, decided_concern):
    _disagree(decided_concern, cwdt.sf_manager.user)
    with pytest.raises(RuleViolations) as exc:
        _disagree(decided_concern, cwdt.sf_manager.user, party=DisagreementParty.FAMILY)
    assert str(exc.value) == "A disagreement with this decision is already with the operations manager"
    _final(decided_concern, cwdt.operations.user, EscalationOutcome.NO_CHANGE)
    with pytest.raises(RuleViolations) as exc:
        _disagree(decided_concern, world.manager.user, party=DisagreementParty.FAMILY)
    assert str(exc.value) == "The operations manager has made the final decision, so it cannot be disagreed with again"


def test_r_c8_disagreement_is_refused_when_there_is_no_operations_manager_to_send_it_to(world):
    # Without the cwdt fixture the council has no operations manager (world.operations_manager is the trust's).
    escalation = _decide(_raise(world.child, world.key_worker.user), world.manager.user, EscalationOutcome.TRANSFER)
    with pytest.raises(RuleViolations) as exc:
        _disagree(escalation, world.manager.user, party=DisagreementParty.FAMILY)
    assert "There is no operations or service manager to send this to" in str(exc.value)
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.DECIDED


def test_r_c8_final_decision_replaces_the_outcome_and_keeps_the_team_managers(world, cwdt, decided_concern):
    _disagree(decided_concern, cwdt.sf_manager.user)
    escalation = _final(decided_concern, cwdt.operations.user, EscalationOutcome.SECTION_47, worker=cwdt.social_worker)
    assert escalation.status == EscalationStatus.FINAL
    assert (escalation.final_outcome, escalation.final_assessment_worker) == (
        EscalationOutcome.SECTION_47,
        cwdt.social_worker,
    )
    assert (escalation.final_decided_by, escalation.final_note) == (
        cwdt.operations.user,
        "Discussed with both managers",
    )
    assert (escalation.outcome, escalation.decided_by) == (EscalationOutcome.NO_CHANGE, world.manager.user)
    assert escalation.outcome_in_force == EscalationOutcome.SECTION_47
    assert "Final decision: Section 47 enquiry by a social worker" in _audited(escalation)
    # The social worker joins the child's team; everyone involved hears the final decision.
    assert TeamMembership.objects.current().filter(child=world.other_child, practitioner=cwdt.social_worker).exists()
    subject = f"Escalation for record {world.other_child.local_id}: final decision made"
    for person in (cwdt.social_worker, cwdt.sf_worker, world.manager, cwdt.sf_manager):
        assert subject in _told(person.user), person
    assert subject not in _told(cwdt.operations.user)  # they made it


def test_r_c8_final_decision_may_let_the_team_managers_decision_stand(world, cwdt, decided_concern):
    _disagree(decided_concern, cwdt.sf_manager.user)
    escalation = _final(decided_concern, cwdt.operations.user, EscalationOutcome.NO_CHANGE, note="Plan is working")
    assert (escalation.outcome, escalation.final_outcome) == (EscalationOutcome.NO_CHANGE, EscalationOutcome.NO_CHANGE)


def test_r_c8_final_decision_twice_is_refused(world, cwdt, decided_concern):
    _disagree(decided_concern, cwdt.sf_manager.user)
    _final(decided_concern, cwdt.operations.user, EscalationOutcome.TRANSFER)
    with pytest.raises(RuleViolations) as exc:
        _final(decided_concern, cwdt.operations.user, EscalationOutcome.NO_CHANGE)
    assert str(exc.value) == "The final decision has already been made"
    decided_concern.refresh_from_db()
    assert decided_concern.final_outcome == EscalationOutcome.TRANSFER
    assert (
        _audited(decided_concern).count("Final decision: Transfer to another hub: add the child to the transfer list")
        == 1
    )


def test_r_c8_final_decision_without_a_disagreement_is_refused(world, cwdt):
    message = "Nobody has disagreed with a decision on this, so there is no final decision to make"
    escalation = _raise(world.child, world.key_worker.user)
    with pytest.raises(RuleViolations) as exc:  # waiting for the team manager
        _final(escalation, cwdt.operations.user, EscalationOutcome.NO_CHANGE)
    assert str(exc.value) == message
    escalation = _decide(escalation, world.manager.user, EscalationOutcome.TRANSFER)
    with pytest.raises(RuleViolations) as exc:  # decided, and nobody disagrees
        _final(escalation, cwdt.operations.user, EscalationOutcome.NO_CHANGE)
    assert str(exc.value) == message
    escalation.refresh_from_db()
    assert (escalation.status, escalation.final_outcome) == (EscalationStatus.DECIDED, "")


@pytest.mark.parametrize("who", ["deciding_manager", "holding_manager", "other_operations", "raiser"])
def test_r_c8_final_decision_by_anyone_but_the_operations_manager_is_refused(world, cwdt, decided_concern, who):
    person = {
        "deciding_manager": world.manager,
        "holding_manager": cwdt.sf_manager,
        "other_operations": world.operations_manager,
        "raiser": cwdt.sf_worker,
    }[who]
    _disagree(decided_concern, cwdt.sf_manager.user)
    with pytest.raises(RuleViolations) as exc:
        _final(decided_concern, person.user, EscalationOutcome.TRANSFER)
    assert (
        str(exc.value) == "Only an operations manager of the organisation this was sent to can make the final decision"
    )
    decided_concern.refresh_from_db()
    assert decided_concern.status == EscalationStatus.DISAGREED


def test_r_c8_final_decision_follows_the_outcome_rules(world, cwdt, decided_concern):
    _disagree(decided_concern, cwdt.sf_manager.user)
    ops = cwdt.operations.user
    cases = [
        ({"outcome": EscalationOutcome.NO_CHANGE, "note": ""}, [("C8-FINAL-DECISION", "outcome_note")]),
        ({"outcome": EscalationOutcome.JOINT_WORKING}, [("C8-JOINT-WORKING-END", "joint_working_until")]),
        ({"outcome": EscalationOutcome.SECTION_47}, [("C8-SOCIAL-WORKER", "assessment_worker")]),
        (
            {"outcome": EscalationOutcome.SECTION_47, "worker": cwdt.family_support_worker},
            [("C8-SOCIAL-WORKER", "assessment_worker")],
        ),
    ]
    for changes, expected in cases:
        with pytest.raises(RuleViolations) as exc:
            _final(decided_concern, ops, **changes)
        assert [(v.rule, v.field) for v in exc.value.violations] == expected, changes
    escalation = _final(decided_concern, ops, EscalationOutcome.JOINT_WORKING, until=date(2027, 2, 28))
    assert escalation.final_joint_working_until == date(2027, 2, 28)
