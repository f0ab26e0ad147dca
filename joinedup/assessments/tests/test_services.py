"""C10 services against the database: each step refuses before storing anything, is audited, and
keeps the duty engine up to date (the carers assessment review, the referral to adult social care)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joinedup.allocation.choices import WorkerRelationship
from joinedup.allocation.models import Allocation, Hub
from joinedup.assessments import services
from joinedup.assessments.choices import (
    CarersOutcome,
    OfferedAt,
    PackageStatus,
    PanelOutcome,
    RequestKind,
    RequestStatus,
    TransitionsAfter,
)
from joinedup.assessments.models import (
    CarersAssessment,
    CarersAssessmentOffer,
    Package,
    PanelDecision,
    PanelRequest,
    SingleAssessment,
    TransitionsAssessment,
)
from joinedup.assessments.tests.factories import carers_assessment
from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.facts import facts_for
from joinedup.duties.models import Duty
from joinedup.duties.services import sweep
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.people.models import CarerLink, Child
from joinedup.people.tests.factories import CarerFactory, CarerLinkFactory, ChildFactory
from joinedup.teams.tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _rules(exc):
    return [(v.rule, v.field) for v in exc.value.violations]


def _family_support_worker(world):
    fsw = PractitionerFactory(
        organisation=world.hub.organisation, job_role=JobRole.FAMILY_SUPPORT_WORKER, teams=[world.other_hub]
    )
    TeamMembershipFactory(child=world.child, practitioner=fsw, added_by=world.manager.user)
    return fsw


def _start(world, worker=None, on=date(2026, 2, 2)):
    return services.start_single_assessment(
        child=world.child,
        social_worker=worker or world.key_worker,
        started_on=on,
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )


def _complete(assessment, world, offered=True, taken_up=True, on=date(2026, 2, 20)):
    return services.complete_single_assessment(
        assessment=assessment,
        completed_on=on,
        outcome="Short breaks recommended; carers assessment with mum",
        carers_offered=offered,
        carers_taken_up=taken_up,
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )


# ---- Single assessments --------------------------------------------------------------------


def test_r_c10_single_assessment_sw_a_social_worker_starts_it_and_it_is_audited(world):
    assessment = _start(world)
    assert (assessment.social_worker, assessment.started_on, assessment.completed_on) == (
        world.key_worker,
        date(2026, 2, 2),
        None,
    )
    event = AuditEvent.objects.get(subject_id=str(assessment.pk))
    assert event.what == f"Single assessment started on 2 February 2026 by {world.key_worker.full_name}"
    assert event.user == world.key_worker.user


@pytest.mark.parametrize("job_role", [JobRole.SWAP, JobRole.FAMILY_SUPPORT_WORKER, JobRole.COMMUNITY_NURSE])
def test_r_c10_single_assessment_sw_anyone_else_is_refused_and_nothing_is_stored(world, job_role):
    other = PractitionerFactory(organisation=world.hub.organisation, job_role=job_role)
    events = AuditEvent.objects.count()
    with pytest.raises(RuleViolations) as exc:
        _start(world, worker=other)
    assert _rules(exc) == [("C10-SINGLE-ASSESSMENT-SW", "social_worker")]
    assert (SingleAssessment.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_r_c10_single_assessment_sw_a_social_worker_of_another_area_is_refused(world):
    with pytest.raises(RuleViolations) as exc:
        _start(world, worker=world.other_area_practitioner)
    assert _rules(exc) == [("C10-SINGLE-ASSESSMENT-SW", "social_worker")]


def test_r_c10_single_assessment_record_one_in_progress_at_a_time(world):
    _start(world)
    with pytest.raises(RuleViolations) as exc:
        _start(world)
    assert _rules(exc) == [("C10-SINGLE-ASSESSMENT-RECORD", None)]
    assert SingleAssessment.objects.count() == 1


def test_r_c10_record_only_the_childs_team_and_its_managers_record_assessments(world):
    for outsider in (world.same_org_outsider, world.ended_member):
        with pytest.raises(RuleViolations) as exc:
            services.start_single_assessment(
                child=world.child,
                social_worker=world.key_worker,
                started_on=TODAY,
                by=outsider.user,
                now=NOW,
                today=TODAY,
            )
        assert _rules(exc) == [("C10-RECORD", None)]
    by_manager = services.start_single_assessment(
        child=world.child, social_worker=world.key_worker, started_on=TODAY, by=world.manager.user, now=NOW, today=TODAY
    )
    assert by_manager.started_by == world.manager.user  # the social worker did it; the manager recorded it


def test_r_c10_carers_offered_a_single_assessment_completes_only_with_the_offer(world):
    assessment = _start(world)
    with pytest.raises(RuleViolations) as exc:
        _complete(assessment, world, offered=False, taken_up=None)
    assert _rules(exc) == [("C10-CARERS-OFFERED", "carers_offered")]
    assessment.refresh_from_db()
    assert assessment.completed_on is None
    assert not CarersAssessmentOffer.objects.exists()

    done = _complete(assessment, world, taken_up=False)
    assert (done.completed_on, done.completed_by) == (date(2026, 2, 20), world.key_worker.user)
    offer = CarersAssessmentOffer.objects.get()
    assert (offer.offered_at, offer.single_assessment, offer.offered_on, offer.taken_up) == (
        OfferedAt.SINGLE_ASSESSMENT,
        done,
        date(2026, 2, 20),
        False,
    )
    assert AuditEvent.objects.filter(
        subject_id=str(done.pk),
        what="Single assessment completed on 20 February 2026; carers assessment offered, not taken up",
    ).exists()
    with pytest.raises(RuleViolations):
        _complete(done, world)  # once


def test_r_c10_carers_offered_at_a_child_in_need_review_for_the_review_record_to_call(world):
    offer = services.record_carers_offer_at_review(
        child=world.child,
        reviewed_on=date(2026, 2, 27),
        offered=True,
        taken_up=True,
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )
    assert (offer.offered_at, offer.single_assessment, offer.taken_up) == (OfferedAt.CIN_REVIEW, None, True)
    with pytest.raises(RuleViolations) as exc:
        services.record_carers_offer_at_review(
            child=world.child,
            reviewed_on=TODAY,
            offered=False,
            taken_up=None,
            by=world.key_worker.user,
            now=NOW,
            today=TODAY,
        )
    assert _rules(exc) == [("C10-CARERS-OFFERED", "carers_offered")]
    assert CarersAssessmentOffer.objects.count() == 1


# ---- Carers assessments and their review duty ----------------------------------------------


def _carer(world):
    return CarerLink.objects.get(child=world.child).carer


def _assess(world, by=None, assessor=None, carer=None, on=date(2026, 2, 10), months=6, outcomes=None):
    return services.record_carers_assessment(
        child=world.child,
        carer=carer or _carer(world),
        assessor=assessor or world.key_worker,
        assessed_on=on,
        outcomes=outcomes or [CarersOutcome.RESPITE, CarersOutcome.ADVICE],
        notes="Mum is exhausted: a respite evening a month; advice on sleep",
        review_months=months,
        by=by or world.key_worker.user,
        now=NOW,
        today=TODAY,
    )


def _open(child, kind):
    return Duty.objects.open().filter(child=child, kind=kind).first()


def test_r_c10_carers_review_a_carers_assessment_schedules_its_review_6_or_12_months_on(world):
    fsw = _family_support_worker(world)
    assessment = _assess(world, by=fsw.user, assessor=fsw, months=6)
    assert [o.outcome for o in assessment.outcomes.order_by("id")] == [CarersOutcome.ADVICE, CarersOutcome.RESPITE]
    duty = _open(world.child, DutyKind.CARERS_ASSESSMENT_REVIEW)
    assert (duty.due_on, duty.rule) == (date(2026, 8, 10), "C10-CARERS-REVIEW")
    assert "every 6 months, as agreed" in duty.basis
    assert AuditEvent.objects.filter(child=world.child, what__contains="scheduled carers assessment review").exists()
    assert AuditEvent.objects.filter(
        subject_id=str(assessment.pk), what="Carers assessment on 10 February 2026, reviewed every 6 months"
    ).exists()


def test_r_c10_carers_review_record_a_review_moves_the_next_review_to_the_interval_agreed_then(world):
    assessment = _assess(world, months=6)
    review = services.review_carers_assessment(
        assessment=assessment,
        reviewer=world.key_worker,
        reviewed_on=date(2026, 3, 1),
        notes="Respite is working",
        review_months=12,
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )
    assert review.review_months == 12
    assert _open(world.child, DutyKind.CARERS_ASSESSMENT_REVIEW).due_on == date(2027, 3, 1)
    with pytest.raises(RuleViolations) as exc:  # before the last review
        services.review_carers_assessment(
            assessment=assessment,
            reviewer=world.key_worker,
            reviewed_on=date(2026, 2, 28),
            notes="x",
            review_months=6,
            by=world.key_worker.user,
            now=NOW,
            today=TODAY,
        )
    assert _rules(exc) == [("C10-CARERS-REVIEW-RECORD", "reviewed_on")]


def test_r_c10_carers_review_record_only_the_carers_newest_assessment_is_reviewed(world):
    old = _assess(world, on=date(2026, 1, 5))
    _assess(world, on=date(2026, 2, 10))
    with pytest.raises(RuleViolations) as exc:
        services.review_carers_assessment(
            assessment=old,
            reviewer=world.key_worker,
            reviewed_on=TODAY,
            notes="x",
            review_months=6,
            by=world.key_worker.user,
            now=NOW,
            today=TODAY,
        )
    assert _rules(exc) == [("C10-CARERS-REVIEW-RECORD", None)]


def test_r_c10_carers_assessor_a_nurse_is_refused_and_nothing_is_stored(world):
    duties_before = Duty.objects.count()
    with pytest.raises(RuleViolations) as exc:
        _assess(world, assessor=world.team_member)
    assert _rules(exc) == [("C10-CARERS-ASSESSOR", "assessor")]
    assert (CarersAssessment.objects.count(), Duty.objects.count()) == (0, duties_before)


def test_r_c10_carers_outcomes_only_the_childs_own_carers_and_outcomes_from_the_list(world):
    stranger = CarerFactory(area=world.area)
    with pytest.raises(RuleViolations) as exc:
        _assess(world, carer=stranger, outcomes=["HOLIDAY"])
    assert _rules(exc) == [("C10-CARERS-OUTCOMES", "carer"), ("C10-CARERS-OUTCOMES", "outcomes")]


def test_r_c10_carers_review_of_two_carers_the_review_that_falls_first_is_due(world):
    first = _carer(world)
    second = CarerLinkFactory(child=world.child, carer=CarerFactory(area=world.area)).carer
    _assess(world, carer=first, on=date(2026, 1, 5), months=12)  # due 5 January 2027
    _assess(world, carer=second, on=date(2026, 2, 10), months=6)  # due 10 August 2026
    assert _open(world.child, DutyKind.CARERS_ASSESSMENT_REVIEW).due_on == date(2026, 8, 10)
    CarerLink.objects.filter(child=world.child, carer=second).delete()  # no longer the child's carer
    assert facts_for([world.child])[world.child.pk].carers_assessment == (date(2026, 1, 5), 12)


def test_r_c10_carers_review_facts_are_read_in_a_fixed_number_of_queries(world):
    def count(n):
        children = [ChildFactory(area=world.area, holding_team=world.hub) for _ in range(n)]
        for child in children:
            carers_assessment(child)
        with CaptureQueriesContext(connection) as queries:
            facts = facts_for(children)
        assert all(facts[c.pk].carers_assessment == (date(2026, 1, 5), 6) for c in children)
        return len(queries)

    assert count(1) == count(6)


# ---- Transitions ---------------------------------------------------------------------------


def _allocate(world, practitioner, relationship=WorkerRelationship.ALLOCATED):
    return Allocation.objects.create(
        child=world.child,
        hub=Hub.objects.get(team=world.hub),
        practitioner=practitioner,
        relationship=relationship,
        start_date=date(2025, 9, 1),
        fired_rules=[],
        decided_by=world.manager.user,
        decided_at=NOW,
    )


def _transitions(world, worker, referral_made_on=None):
    return services.record_transitions_assessment(
        child=world.child,
        worker=worker,
        after=TransitionsAfter.ENHANCED_REVIEW,
        assessed_on=date(2026, 2, 16),
        transitional_needs="Travel training; a supported college place; adult short breaks",
        referral_made_on=referral_made_on,
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )


@pytest.mark.parametrize("relationship", [WorkerRelationship.ALLOCATED, WorkerRelationship.ASSIGNED])
def test_r_c10_transitions_worker_the_allocated_or_assigned_worker_does_it(world, relationship):
    _allocate(world, world.key_worker, relationship)
    assessment = _transitions(world, world.key_worker)
    assert (assessment.worker, assessment.referral_made_on) == (world.key_worker, None)


def test_r_c10_transitions_worker_anyone_else_is_refused(world):
    _allocate(world, world.key_worker, WorkerRelationship.ATTACHED)  # a piece of work only
    with pytest.raises(RuleViolations) as exc:
        _transitions(world, world.key_worker)
    assert _rules(exc) == [("C10-TRANSITIONS-WORKER", "worker")]
    assert not TransitionsAssessment.objects.exists()


def test_r_c10_referral_made_completes_the_adult_social_care_referral_duty(world):
    Child.objects.filter(pk=world.child.pk).update(date_of_birth=date(2010, 9, 1))  # 16 on 1 September 2026
    _allocate(world, world.key_worker)
    sweep(today=TODAY, now=NOW)  # the nightly sweep has scheduled the child's duties
    assessment = _transitions(world, world.key_worker)
    duty = _open(world.child, DutyKind.ADULT_SOCIAL_CARE_REFERRAL)
    assert (duty.rule, duty.due_on) == ("C10-ADULT-REFERRAL", date(2026, 9, 1))
    services.record_adult_referral(
        assessment=assessment, referral_made_on=date(2026, 2, 25), by=world.key_worker.user, now=NOW, today=TODAY
    )
    duty.refresh_from_db()
    assert (duty.status, duty.completed_on, duty.completed_by) == (
        DutyStatus.DONE,
        date(2026, 2, 25),
        world.key_worker.user,
    )
    assert _open(world.child, DutyKind.ADULT_SOCIAL_CARE_REFERRAL) is None  # a milestone happens once
    assert AuditEvent.objects.filter(what="Referral to adult social care made on 25 February 2026").exists()
    with pytest.raises(RuleViolations) as exc:
        services.record_adult_referral(
            assessment=assessment, referral_made_on=TODAY, by=world.key_worker.user, now=NOW, today=TODAY
        )
    assert _rules(exc) == [("C10-REFERRAL-MADE", None)]


def test_r_c10_referral_made_with_the_assessment_completes_the_duty_too(world):
    _allocate(world, world.key_worker)
    _transitions(world, world.key_worker, referral_made_on=date(2026, 2, 20))
    done = Duty.objects.get(child=world.child, kind=DutyKind.ADULT_SOCIAL_CARE_REFERRAL)
    assert (done.status, done.completed_on) == (DutyStatus.DONE, date(2026, 2, 20))
    with pytest.raises(RuleViolations) as exc:
        _transitions(world, world.key_worker, referral_made_on=TODAY)
    assert ("C10-REFERRAL-MADE", None) in _rules(exc)


# ---- Direct payments, short breaks and the Resource Panel ----------------------------------


def _identify(world, overnight=False, amount=Decimal("5000"), by=None):
    return services.identify_package(
        child=world.child,
        kind="DIRECT_PAYMENTS",
        asked="A personal assistant 6 hours a week",
        amount=amount,
        overnight_respite=overnight,
        by=by or world.key_worker.user,
        now=NOW,
        today=TODAY,
    )


def _decide(request, world, outcome=PanelOutcome.APPROVED, amount=Decimal("4800"), reason="", by=None):
    return services.decide_panel_request(
        request=request,
        outcome=outcome,
        amount_approved=amount,
        decided_on=TODAY,
        reason=reason,
        by=by or world.manager.user,
        now=NOW,
        today=TODAY,
    )


def test_r_c10_package_after_sa_refused_before_a_single_assessment(world):
    with pytest.raises(RuleViolations) as exc:
        _identify(world)
    assert _rules(exc) == [("C10-PACKAGE-AFTER-SA", None)]
    assert (Package.objects.count(), PanelRequest.objects.count()) == (0, 0)


def test_r_c10_package_after_sa_identified_during_the_assessment_goes_to_the_panel(world):
    assessment = _start(world)
    package = _identify(world)
    request = package.requests.get()
    assert (package.status, package.amount, package.single_assessment) == (PackageStatus.WAITING, None, assessment)
    assert (request.kind, request.amount, request.status, request.requested_by) == (
        RequestKind.NEW_PACKAGE,
        Decimal("5000"),
        RequestStatus.WAITING,
        world.key_worker.user,
    )
    assert AuditEvent.objects.filter(
        subject_id=str(request.pk), what="Direct payments package asked of the Resource Panel: £5,000 a year"
    ).exists()


def test_r_c10_overnight_panel_overnight_respite_waits_for_the_completed_single_assessment(world):
    assessment = _start(world)
    with pytest.raises(RuleViolations) as exc:
        _identify(world, overnight=True)
    assert _rules(exc) == [("C10-OVERNIGHT-PANEL", "overnight_respite")]
    _complete(assessment, world)
    package = _identify(world, overnight=True)
    assert package.requests.get().overnight_respite
    assert package.status == PackageStatus.WAITING  # in place only once the panel agrees it


def test_r_c10_panel_decision_approved_puts_the_package_in_place_at_the_amount_approved(world):
    _start(world)
    package = _identify(world)
    decision = _decide(package.requests.get(), world)
    package.refresh_from_db()
    assert (package.status, package.amount, package.amount_set_on) == (
        PackageStatus.IN_PLACE,
        Decimal("4800"),
        TODAY,
    )
    assert (decision.outcome, decision.decided_by, decision.request.status) == (
        PanelOutcome.APPROVED,
        world.manager.user,
        RequestStatus.APPROVED,
    )
    assert AuditEvent.objects.filter(
        subject_id=str(decision.pk),
        what="Resource Panel approved a new package, identified at or after a single assessment: £4,800 a year",
    ).exists()
    with pytest.raises(RuleViolations) as exc:
        _decide(package.requests.get(), world)
    assert _rules(exc) == [("C10-PANEL-DECISION", None)]


def test_r_c10_panel_decision_deferred_stays_waiting_then_declined_ends_the_new_package(world):
    _start(world)
    package = _identify(world)
    request = package.requests.get()
    _decide(request, world, outcome=PanelOutcome.DEFERRED, amount=None, reason="Needs a costed support plan")
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING
    _decide(request, world, outcome=PanelOutcome.DECLINED, amount=None, reason="Met by universal short breaks")
    package.refresh_from_db()
    assert (package.status, package.requests.get().status) == (PackageStatus.DECLINED, RequestStatus.DECLINED)
    assert sorted(request.decisions.values_list("outcome", flat=True)) == ["DECLINED", "DEFERRED"]  # both kept


def test_r_c10_panel_decision_only_a_manager_of_the_case_records_it(world):
    _start(world)
    request = _identify(world).requests.get()
    for someone in (world.key_worker, world.operations_manager):  # the worker; a manager of another organisation
        with pytest.raises(RuleViolations) as exc:
            _decide(request, world, by=someone.user)
        assert _rules(exc) == [("C10-PANEL-DECISION", None)]
    assert not PanelDecision.objects.exists()


def _in_place(world, amount=Decimal("5000")):
    assessment = _start(world, on=date(2026, 1, 5))
    _complete(assessment, world, on=date(2026, 1, 20))
    package = services.identify_package(
        child=world.child,
        kind="SHORT_BREAKS",
        asked="Saturday club",
        amount=amount,
        overnight_respite=False,
        by=world.key_worker.user,
        now=NOW,
        today=date(2026, 1, 20),
    )
    services.decide_panel_request(
        request=package.requests.get(),
        outcome=PanelOutcome.APPROVED,
        amount_approved=amount,
        decided_on=date(2026, 1, 27),
        reason="",
        by=world.manager.user,
        now=NOW,
        today=date(2026, 1, 27),
    )
    package.refresh_from_db()
    return package


def _change(package, world, amount, by=None, reviewed_on=date(2026, 2, 24), adds_overnight=False):
    return services.request_package_change(
        package=package,
        asked="Saturday club and a holiday scheme",
        amount=amount,
        adds_overnight=adds_overnight,
        reviewed_on=reviewed_on,
        by=by or world.key_worker.user,
        now=NOW,
        today=TODAY,
    )


def test_r_c10_small_increase_at_a_review_goes_to_the_panel(world):
    package = _in_place(world)
    fsw = _family_support_worker(world)
    request = _change(package, world, Decimal("5500"), by=fsw.user)
    assert (request.kind, request.reviewed_on, request.single_assessment, request.amount) == (
        RequestKind.SMALL_INCREASE,
        date(2026, 2, 24),
        None,
        Decimal("5500"),
    )
    with pytest.raises(RuleViolations) as exc:  # one waiting request at a time
        _change(package, world, Decimal("5400"))
    assert _rules(exc) == [("C10-PANEL-REQUEST", None)]
    _decide(request, world, amount=Decimal("5500"))
    package.refresh_from_db()
    assert (package.amount, package.provides) == (Decimal("5500"), "Saturday club and a holiday scheme")


def test_r_c10_small_increase_a_nurse_cannot_ask_for_one(world):
    package = _in_place(world)
    with pytest.raises(RuleViolations) as exc:
        _change(package, world, Decimal("5100"), by=world.team_member.user)
    assert _rules(exc) == [("C10-SMALL-INCREASE", None)]


def test_r_c10_larger_change_is_refused_until_an_updated_single_assessment(world):
    package = _in_place(world)
    with pytest.raises(RuleViolations) as exc:
        _change(package, world, Decimal("7000"))
    assert _rules(exc) == [("C10-LARGER-CHANGE", "amount")]
    assert "needs an updated single assessment" in exc.value.violations[0].message
    assert package.requests.count() == 1
    updated = _start(world, on=date(2026, 2, 10))
    _complete(updated, world, on=date(2026, 2, 26))
    request = _change(package, world, Decimal("7000"))
    assert (request.kind, request.single_assessment, request.reviewed_on) == (RequestKind.CHANGE, updated, None)


def test_r_c10_overnight_panel_adding_overnight_respite_needs_an_updated_single_assessment(world):
    package = _in_place(world)
    with pytest.raises(RuleViolations) as exc:
        _change(package, world, Decimal("5000"), adds_overnight=True)
    assert _rules(exc) == [("C10-OVERNIGHT-PANEL", "adds_overnight")]
    updated = _start(world, on=date(2026, 2, 10))
    _complete(updated, world, on=date(2026, 2, 26))
    request = _change(package, world, Decimal("9000"), adds_overnight=True)
    assert (request.kind, request.overnight_respite) == (RequestKind.CHANGE, True)
    _decide(request, world, amount=Decimal("8500"))
    package.refresh_from_db()
    assert (package.overnight_respite, package.amount) == (True, Decimal("8500"))


def test_r_c10_record_a_child_out_of_reach_is_refused(world):
    child = ChildFactory(area=world.area, holding_team=world.other_hub)
    with pytest.raises(RuleViolations) as exc:
        services.identify_package(
            child=child,
            kind="SHORT_BREAKS",
            asked="x",
            amount=Decimal(1),
            overnight_respite=False,
            by=world.key_worker.user,
            now=NOW,
            today=TODAY,
        )
    assert _rules(exc) == [("C10-RECORD", None)]


def test_r_c10_larger_change_the_assessment_the_package_rests_on_is_not_an_updated_one(world):
    from joinedup.assessments.tests.factories import package

    in_place = package(world.child, amount=Decimal("5000"))  # its single assessment completed the day it was agreed
    assert in_place.single_assessment.completed_on == in_place.amount_set_on
    with pytest.raises(RuleViolations) as exc:
        _change(in_place, world, Decimal("8000"))
    assert _rules(exc) == [("C10-LARGER-CHANGE", "amount")]
