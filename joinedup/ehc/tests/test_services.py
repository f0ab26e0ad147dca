"""Each step of an EHC needs assessment against the database (F3): valid and refused, duties scheduled
and closed, and nothing stored when a step is refused."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.duties import services as duty_services
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import Duty
from joinedup.ehc import services
from joinedup.ehc.choices import AdviceSection, AssessmentStatus, Decision
from joinedup.ehc.models import AdviceRequest, EhcNeedsAssessment
from joinedup.ehc.tests.factories import NOW, TODAY, assess, request
from joinedup.people.choices import EhcPlanStatus
from joinedup.people.models import Child
from joinedup.people.tests.factories import ChildFactory
from joinedup.plans.choices import EhcSection, EhcService, PlanKind
from joinedup.plans.tests.factories import OutcomeFactory, PlanFactory
from joinedup.teams.tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db
S = AssessmentStatus


def _duties(child):
    return {(d.kind, d.status): d for d in Duty.objects.filter(child=child)}


def _snapshot():
    """Everything a step could write: if a refused step changed any of it, it was half-done."""
    return (
        list(EhcNeedsAssessment.objects.order_by("id").values()),
        list(AdviceRequest.objects.order_by("id").values()),
        list(Duty.objects.order_by("id").values()),
        AuditEvent.objects.count(),
        list(Child.objects.order_by("id").values_list("ehc_plan_status", flat=True)),
    )


def _refused(call, rule):
    before = _snapshot()
    with pytest.raises(RuleViolations) as exc:
        call()
    assert rule in [v.rule for v in exc.value.violations]
    assert _snapshot() == before, "a refused step stored something"
    return exc.value.violations


def _advice(assessment, practitioner, by, on=date(2026, 10, 21), sections=(AdviceSection.HEALTH_NEEDS,), outcomes=()):
    return services.request_advice(
        assessment=assessment,
        practitioner=practitioner,
        requested_on=on,
        sections=list(sections),
        outcomes=list(outcomes),
        question="Night-time care and feeding",
        by=by,
        now=NOW,
        today=TODAY,
    )


def _draft(assessment, by, on=date(2026, 11, 20)):
    return services.issue_draft_plan(assessment=assessment, issued_on=on, by=by, now=NOW, today=TODAY)


def _final(assessment, by, on=date(2026, 11, 30), plan=None):
    return services.issue_final_plan(assessment=assessment, issued_on=on, plan=plan, by=by, now=NOW, today=TODAY)


# ---- Request --------------------------------------------------------------------------------


def test_r_f3_decision_6_weeks_a_request_stores_its_deadlines_and_schedules_the_decision(world, sen_officer):
    assessment = request(world.child, sen_officer.user, on=date(2026, 10, 1))
    assert (assessment.status, assessment.decision_due_on, assessment.final_due_on) == (
        S.REQUESTED,
        date(2026, 11, 12),
        date(2027, 2, 18),
    )
    duty = Duty.objects.open().get(child=world.child, kind=DutyKind.EHC_DECISION_TO_ASSESS)
    assert (duty.due_on, duty.starts_on, duty.owner, duty.rule) == (
        date(2026, 11, 12),
        date(2026, 10, 1),
        sen_officer,
        "F3-DECISION-6-WEEKS",
    )
    assert "1 October 2026" in duty.basis
    world.child.refresh_from_db()
    assert world.child.ehc_plan_status == EhcPlanStatus.REQUESTED
    assert AuditEvent.objects.filter(child=world.child, what__startswith="EHC needs assessment requested").exists()
    assert AuditEvent.objects.filter(child=world.child, what__startswith="Scheduled EHC needs").exists()


def test_r_f3_decision_6_weeks_nobody_owns_the_decision_without_an_sen_officer(world):
    request(world.child, world.manager.user)
    duty = Duty.objects.open().get(child=world.child, kind=DutyKind.EHC_DECISION_TO_ASSESS)
    assert duty.owner is None  # on the team manager's overdue list as "Nobody yet"


def test_r_f3_one_open_a_second_request_is_refused_and_nothing_stored(world, sen_officer):
    request(world.child, sen_officer.user)
    _refused(lambda: request(world.child, sen_officer.user, on=date(2026, 11, 1)), "F3-ONE-OPEN")


def test_r_f3_dates_a_request_from_the_future_is_refused(world, sen_officer):
    _refused(lambda: request(world.child, sen_officer.user, on=TODAY + timedelta(days=1)), "F3-DATES")


def test_r_f3_who_only_sen_officers_and_managers_run_it(world, sen_officer):
    for outsider in (world.key_worker, world.team_member):
        violations = _refused(lambda p=outsider: request(world.child, p.user), "F3-WHO")
        assert "SEN officer" in violations[0].message
    other = ChildFactory(area=world.area, holding_team=world.other_hub)  # the SEN officer is not in its team
    _refused(lambda: request(other, sen_officer.user), "F3-WHO")


def test_r_c5_scheduled_a_stray_open_duty_refuses_the_request_and_stores_nothing(world, sen_officer):
    duty_services.schedule_duty(
        child=world.child,
        kind=DutyKind.EHC_DECISION_TO_ASSESS,
        due_on=date(2026, 12, 10),
        starts_on=date(2026, 12, 1),
        owner=None,
        rule="F3-DECISION-6-WEEKS",
        basis="Left from before",
        by=world.manager.user,
        now=NOW,
    )
    violations = _refused(lambda: request(world.child, sen_officer.user), "C5-SCHEDULED")
    assert violations[0].message == (
        "There is already an open duty for this child: EHC needs assessment: decision to assess. Close it first"
    )


# ---- Decision -------------------------------------------------------------------------------


def test_r_f3_final_20_weeks_deciding_to_assess_closes_the_decision_and_schedules_the_final_plan(world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user, on=date(2026, 10, 1)), sen_officer.user)
    assert (assessment.status, assessment.decided_on, assessment.decided_by) == (
        S.ASSESSING,
        date(2026, 10, 20),
        sen_officer.user,
    )
    duties = _duties(world.child)
    decision = duties[(DutyKind.EHC_DECISION_TO_ASSESS, DutyStatus.DONE)]
    assert (decision.completed_on, decision.completed_by) == (date(2026, 10, 20), sen_officer.user)
    final = duties[(DutyKind.EHC_FINAL_PLAN, DutyStatus.OPEN)]
    # 20 weeks from the request, not from the decision.
    assert (final.due_on, final.starts_on, final.owner, final.rule) == (
        date(2027, 2, 18),
        date(2026, 10, 20),
        sen_officer,
        "F3-FINAL-20-WEEKS",
    )
    world.child.refresh_from_db()
    assert world.child.ehc_plan_status == EhcPlanStatus.ASSESSING


def test_r_f3_step_order_deciding_twice_is_refused_and_nothing_stored(world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    violations = _refused(
        lambda: services.record_decision(
            assessment=assessment,
            decision=Decision.NOT_ASSESS,
            decided_on=date(2026, 10, 25),
            reason="Changed our minds",
            by=sen_officer.user,
            now=NOW,
            today=TODAY,
        ),
        "F3-STEP-ORDER",
    )
    assert violations[0].message == "The decision to assess has already been recorded"


def test_r_f3_not_assessing_reason_then_the_decision_duty_closes_and_no_final_is_due(world, sen_officer):
    assessment = request(world.child, sen_officer.user)

    def decide(reason):
        return services.record_decision(
            assessment=assessment,
            decision=Decision.NOT_ASSESS,
            decided_on=date(2026, 10, 20),
            reason=reason,
            by=sen_officer.user,
            now=NOW,
            today=TODAY,
        )

    _refused(lambda: decide(""), "F3-NOT-ASSESSING-REASON")
    decided = decide("Needs can be met from the school's SEN support")
    assert (decided.status, decided.decision_reason) == (
        S.NOT_ASSESSING,
        "Needs can be met from the school's SEN support",
    )
    assert set(_duties(world.child)) >= {(DutyKind.EHC_DECISION_TO_ASSESS, DutyStatus.DONE)}
    assert not Duty.objects.filter(child=world.child, kind=DutyKind.EHC_FINAL_PLAN).exists()
    world.child.refresh_from_db()
    assert world.child.ehc_plan_status == EhcPlanStatus.NONE
    # The assessment has ended: a new request can be made.
    assert request(world.child, sen_officer.user, on=date(2026, 11, 5)).is_open


def test_r_f3_step_order_a_final_plan_before_the_decision_or_the_draft_is_refused(world, sen_officer):
    assessment = request(world.child, sen_officer.user)
    violations = _refused(lambda: _final(assessment, sen_officer.user), "F3-STEP-ORDER")
    assert violations[0].message == "Record the decision to assess, then the draft plan, before the final plan"
    assess(assessment, sen_officer.user)
    violations = _refused(lambda: _final(assessment, sen_officer.user), "F3-STEP-ORDER")
    assert violations[0].message == "Record the draft plan issued before the final plan"
    _refused(lambda: _draft(assessment, sen_officer.user, on=date(2026, 10, 19)), "F3-DATES")  # before the decision


# ---- Advice ---------------------------------------------------------------------------------


def test_r_f3_advice_6_weeks_advice_is_asked_of_the_team_naming_what_it_feeds(world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    plan = PlanFactory(child=world.child, kind=PlanKind.EHC, created_by=world.manager.user)
    outcome = OutcomeFactory(plan=plan, ehc_section=EhcSection.OUTCOMES, ehc_service=EhcService.HEALTH)
    advice = _advice(
        assessment,
        world.team_member,
        sen_officer.user,
        sections=(AdviceSection.HEALTH_PROVISION, AdviceSection.HEALTH_NEEDS, AdviceSection.HEALTH_NEEDS),
        outcomes=[outcome],
    )
    assert (advice.requested_on, advice.due_on) == (date(2026, 10, 21), date(2026, 12, 2))
    assert advice.sections == [AdviceSection.HEALTH_PROVISION, AdviceSection.HEALTH_NEEDS]  # once each
    assert list(advice.outcomes.all()) == [outcome]
    assert AuditEvent.objects.filter(subject_id=str(advice.pk), what__contains="advice asked of").exists()


def test_r_f3_advice_team_someone_not_in_the_team_is_refused_saying_why(world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    for outsider in (world.same_org_outsider, world.ended_member):
        violations = _refused(lambda p=outsider: _advice(assessment, p, sen_officer.user), "F3-ADVICE-TEAM")
        assert violations[0].message == (
            f"{outsider.full_name} is not in the child's team: advice is asked of the child's team. "
            "Add them to the team first"
        )


def test_r_f3_advice_once_until_given_then_again(world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    first = _advice(assessment, world.team_member, sen_officer.user)
    _refused(lambda: _advice(assessment, world.team_member, sen_officer.user), "F3-ADVICE-ONCE")
    services.record_advice_received(
        advice=first, received_on=date(2026, 11, 1), by=sen_officer.user, now=NOW, today=TODAY
    )
    assert _advice(assessment, world.team_member, sen_officer.user, on=date(2026, 11, 2)).due_on == date(2026, 12, 14)


def test_r_f3_advice_feeds_outcomes_must_be_the_childs_ehc_plans(world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    other_plan = PlanFactory(child=world.other_child, kind=PlanKind.EHC, created_by=world.manager.user)
    theirs = OutcomeFactory(plan=other_plan, ehc_section=EhcSection.OUTCOMES)
    cin_plan = PlanFactory(child=world.child, kind=PlanKind.CHILD_IN_NEED, created_by=world.manager.user)
    not_ehc = OutcomeFactory(plan=cin_plan)
    for outcome in (theirs, not_ehc):
        _refused(
            lambda o=outcome: _advice(assessment, world.team_member, sen_officer.user, outcomes=[o]), "F3-ADVICE-FEEDS"
        )
    _refused(lambda: _advice(assessment, world.team_member, sen_officer.user, sections=()), "F3-ADVICE-FEEDS")


def test_r_f3_step_order_advice_before_the_decision_is_refused(world, sen_officer):
    assessment = request(world.child, sen_officer.user)
    _refused(lambda: _advice(assessment, world.team_member, sen_officer.user), "F3-STEP-ORDER")


def test_r_f3_who_the_practitioner_asked_records_their_advice_given_and_nobody_else_in_the_team(world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    advice = _advice(assessment, world.team_member, sen_officer.user)

    def receive(by, on=date(2026, 11, 3)):
        return services.record_advice_received(advice=advice, received_on=on, by=by, now=NOW, today=TODAY)

    _refused(lambda: receive(world.key_worker.user), "F3-WHO")
    _refused(lambda: receive(world.team_member.user, on=date(2026, 10, 20)), "F3-DATES")  # before it was asked for
    given_advice = receive(world.team_member.user)
    assert (given_advice.received_on, given_advice.received_recorded_by) == (date(2026, 11, 3), world.team_member.user)
    _refused(lambda: receive(world.team_member.user), "F3-STEP-ORDER")  # once


# ---- Draft, final, stop ---------------------------------------------------------------------


def test_r_f3_final_plan_issued_closes_the_duty_links_the_plan_and_the_child_has_a_plan(world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    _draft(assessment, sen_officer.user)
    plan = PlanFactory(child=world.child, kind=PlanKind.EHC, created_by=world.manager.user)
    final = _final(assessment, sen_officer.user, plan=plan)
    assert (final.status, final.final_issued_on, final.final_issued_by, final.final_plan) == (
        S.FINAL_ISSUED,
        date(2026, 11, 30),
        sen_officer.user,
        plan,
    )
    duty = Duty.objects.get(child=world.child, kind=DutyKind.EHC_FINAL_PLAN)
    assert (duty.status, duty.completed_on) == (DutyStatus.DONE, date(2026, 11, 30))
    assert (
        not Duty.objects.open()
        .filter(child=world.child, kind__startswith="EHC_")
        .exclude(kind=DutyKind.EHC_ANNUAL_REVIEW)
        .exists()
    )
    world.child.refresh_from_db()
    assert world.child.ehc_plan_status == EhcPlanStatus.PLAN
    _refused(lambda: _final(assessment, sen_officer.user), "F3-STEP-ORDER")  # once


def test_r_f3_final_plan_of_another_child_or_kind_is_refused(world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    _draft(assessment, sen_officer.user)
    for plan in (
        PlanFactory(child=world.other_child, kind=PlanKind.EHC, created_by=world.manager.user),
        PlanFactory(child=world.child, kind=PlanKind.CHILD_IN_NEED, created_by=world.manager.user),
    ):
        _refused(lambda p=plan: _final(assessment, sen_officer.user, plan=p), "F3-FINAL-PLAN")


def test_r_f3_stop_reason_cancels_the_open_deadline(world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)

    def stop(reason):
        return services.stop_assessment(
            assessment=assessment,
            stopped_on=date(2026, 11, 2),
            reason=reason,
            by=sen_officer.user,
            now=NOW,
            today=TODAY,
        )

    _refused(lambda: stop(""), "F3-STOP-REASON")
    stopped = stop("The family withdrew the request")
    assert (stopped.status, stopped.stopped_on) == (S.STOPPED, date(2026, 11, 2))
    final = Duty.objects.get(child=world.child, kind=DutyKind.EHC_FINAL_PLAN)
    assert (final.status, final.completed_on) == (DutyStatus.CANCELLED, None)
    world.child.refresh_from_db()
    assert world.child.ehc_plan_status == EhcPlanStatus.NONE
    _refused(lambda: stop("Again"), "F3-STEP-ORDER")


def test_r_c5_scheduled_a_deadline_recorded_done_by_hand_does_not_block_the_step(world, sen_officer):
    assessment = request(world.child, sen_officer.user)
    duty = Duty.objects.open().get(child=world.child, kind=DutyKind.EHC_DECISION_TO_ASSESS)
    Duty.objects.filter(pk=duty.pk).update(status=DutyStatus.DONE, completed_on=date(2026, 10, 19))
    assert assess(assessment, sen_officer.user).status == S.ASSESSING


# ---- The 20-week clock, through the services ---------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requested_on=st.dates(min_value=date(2020, 1, 1), max_value=TODAY), decide_after=st.integers(0, 200))
def test_r_f3_final_20_weeks_the_clock_runs_from_the_request_whatever_happens(world, requested_on, decide_after):
    child = ChildFactory(area=world.area, holding_team=world.hub)
    TeamMembershipFactory(child=child, practitioner=world.manager, added_by=world.manager.user)
    assessment = request(child, world.manager.user, on=requested_on)
    assert (assessment.final_due_on - requested_on).days == 140
    assert (assessment.decision_due_on - requested_on).days == 42
    decided_on = min(requested_on + timedelta(days=decide_after), TODAY)  # late decisions too
    assessment = assess(assessment, world.manager.user, on=decided_on)
    final = Duty.objects.open().get(child=child, kind=DutyKind.EHC_FINAL_PLAN)
    assert final.due_on == assessment.final_due_on == requested_on + timedelta(days=140)
    stored = EhcNeedsAssessment.objects.get(pk=assessment.pk)
    assert (stored.decision_due_on, stored.final_due_on) == (
        requested_on + timedelta(days=42),
        requested_on + timedelta(days=140),
    )
