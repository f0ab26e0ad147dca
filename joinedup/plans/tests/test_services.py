"""Plan services: each change atomic, audited, kept as a PlanChange; edits never overwrite silently (G5)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from joinedup.audit.models import AuditEvent
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.plans import selectors, services
from joinedup.plans.models import Action, Outcome, Plan, PlanChange
from joinedup.plans.tests.factories import ActionFactory, OutcomeFactory, PlanFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 2)
REVIEW = services.MadeAt(text="Child in need review", on=dt.date(2026, 3, 1))


def _details(**changes):
    values = {
        "what": "Book two nights of overnight short breaks",
        "responsible_practitioner": None,
        "responsible_other": "Mum",
        "target_date": dt.date(2026, 4, 1),
        "frequency_count": None,
        "frequency_unit": "",
    }
    return services.ActionDetails(**(values | changes))


def _plan(world, kind="CHILD_IN_NEED"):
    return services.create_plan(
        child=world.child,
        kind=kind,
        start_date=TODAY,
        review_date=dt.date(2026, 4, 13),
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )


def _audit_of(subject):
    return AuditEvent.objects.get(subject_id=str(subject.pk))


def test_create_plan_starts_a_draft_audits_it_and_records_the_change(world):
    plan = services.create_plan(
        child=world.child,
        kind="CHILD_IN_NEED",
        start_date=TODAY,
        review_date=None,
        made_at=REVIEW,
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )
    assert (plan.status, plan.version) == ("DRAFT", 1)
    event = AuditEvent.objects.get(subject_id=str(plan.pk))
    assert (event.action, event.child_id, event.user_id) == ("CREATED", world.child.pk, world.key_worker.user.pk)
    change = PlanChange.objects.get(plan=plan)
    assert (change.kind, change.by_id, change.at) == ("CREATED", world.key_worker.user.pk, NOW)
    assert (change.made_at_text, change.made_at_date) == ("Child in need review", dt.date(2026, 3, 1))


def test_create_plan_refuses_a_review_before_the_start_and_stores_nothing(world):
    with pytest.raises(RuleViolations) as exc:
        services.create_plan(
            child=world.child,
            kind="EHC",
            start_date=TODAY,
            review_date=TODAY - dt.timedelta(days=1),
            by=world.key_worker.user,
            now=NOW,
            today=TODAY,
        )
    assert [v.rule for v in exc.value.violations] == ["C6-DATES"]
    assert not Plan.objects.exists()
    assert not AuditEvent.objects.filter(child=world.child).exists()


def test_add_outcome_audits_without_its_words_and_keeps_them_in_the_plan_change(world):
    plan = _plan(world)
    outcome = services.add_outcome(
        plan=plan, text="Sam sleeps through the night", made_at=REVIEW, by=world.key_worker.user, now=NOW, today=TODAY
    )
    event = _audit_of(outcome)
    assert (event.action, event.child_id, event.subject_type) == ("UPDATED", world.child.pk, "plans.Outcome")
    assert "Sam sleeps" not in event.what  # administrators read audit trails; plans are case content
    change = PlanChange.objects.get(plan=plan, kind="OUTCOME_ADDED")
    assert change.what == "Added the outcome 'Sam sleeps through the night'"
    assert change.made_at_text == "Child in need review"


def test_r_c6_ehc_section_an_ehc_plan_entry_needs_its_section_and_service(world):
    plan = _plan(world, kind="EHC")
    with pytest.raises(RuleViolations) as exc:
        services.add_outcome(plan=plan, text="Speech and language", by=world.key_worker.user, now=NOW, today=TODAY)
    assert {v.field for v in exc.value.violations} == {"ehc_section", "ehc_service"}
    outcome = services.add_outcome(
        plan=plan,
        text="Speech and language therapy each week",
        ehc_section="PROVISION",
        ehc_service="HEALTH",
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )
    assert (outcome.ehc_section, outcome.ehc_service) == ("PROVISION", "HEALTH")


def test_edit_outcome_records_before_and_after(world):
    outcome = services.add_outcome(plan=_plan(world), text="Sleep", by=world.key_worker.user, now=NOW, today=TODAY)
    edited = services.edit_outcome(
        outcome=outcome,
        text="Sleep through the night",
        expected_version=1,
        by=world.team_member.user,
        now=NOW,
        today=TODAY,
    )
    assert (edited.text, edited.version, edited.updated_by_id) == (
        "Sleep through the night",
        2,
        world.team_member.user.pk,
    )
    change = PlanChange.objects.get(kind="OUTCOME_CHANGED")
    assert change.details["before"]["text"] == "Sleep"
    assert change.details["after"]["text"] == "Sleep through the night"
    assert AuditEvent.objects.filter(subject_id=str(outcome.pk), action="UPDATED").count() == 2  # added, changed


def test_r_g5_the_second_of_two_outcome_edits_is_refused_and_the_first_kept(world):
    outcome = services.add_outcome(plan=_plan(world), text="Sleep", by=world.key_worker.user, now=NOW, today=TODAY)
    services.edit_outcome(
        outcome=outcome, text="First save", expected_version=1, by=world.key_worker.user, now=NOW, today=TODAY
    )
    changes = PlanChange.objects.count()
    with pytest.raises(EditConflict):
        services.edit_outcome(
            outcome=outcome, text="Second save", expected_version=1, by=world.manager.user, now=NOW, today=TODAY
        )
    assert Outcome.objects.get(pk=outcome.pk).text == "First save"
    assert PlanChange.objects.count() == changes


def test_r_g5_the_second_of_two_action_edits_is_refused(world):
    action = ActionFactory(outcome__plan__child=world.child)
    services.edit_action(
        action=action,
        details=_details(what="First"),
        expected_version=1,
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )
    with pytest.raises(EditConflict):
        services.edit_action(
            action=action,
            details=_details(what="Second"),
            expected_version=1,
            by=world.manager.user,
            now=NOW,
            today=TODAY,
        )
    assert Action.objects.get(pk=action.pk).what == "First"


def test_remove_outcome_removes_its_actions_and_keeps_their_words_in_the_history(world):
    action = ActionFactory(outcome__plan__child=world.child, what="Book respite")
    outcome = action.outcome
    services.remove_outcome(outcome=outcome, expected_version=1, by=world.key_worker.user, now=NOW, today=TODAY)
    assert not Outcome.objects.filter(pk=outcome.pk).exists()
    assert not Action.objects.filter(pk=action.pk).exists()
    change = PlanChange.objects.get(kind="OUTCOME_REMOVED")
    assert change.details["before"] == {"text": outcome.text, "actions": ["Book respite"]}
    assert change.what.endswith("and its 1 action")
    event = AuditEvent.objects.get(what="Outcome removed: child in need plan")
    assert (event.child_id, event.subject_id) == (world.child.pk, str(outcome.plan_id))


def test_add_action_and_complete_it(world):
    outcome = OutcomeFactory(plan__child=world.child)
    action = services.add_action(
        outcome=outcome,
        details=_details(
            responsible_practitioner=world.key_worker, responsible_other="", frequency_count=2, frequency_unit="WEEK"
        ),
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )
    assert (action.frequency_text, action.responsible_practitioner_id) == ("every 2 weeks", world.key_worker.pk)
    assert PlanChange.objects.get(kind="ACTION_ADDED").details["after"]["responsible_practitioner"] == (
        world.key_worker.full_name
    )
    done = services.complete_action(
        action=action, done_on=TODAY, expected_version=1, by=world.key_worker.user, now=NOW, today=TODAY
    )
    assert done.done_on == TODAY
    assert PlanChange.objects.get(kind="ACTION_DONE").what.endswith("done on 2 March 2026")
    with pytest.raises(RuleViolations):
        services.complete_action(
            action=done, done_on=TODAY, expected_version=2, by=world.key_worker.user, now=NOW, today=TODAY
        )


def test_r_c6_action_practitioner_and_family_together_are_refused(world):
    outcome = OutcomeFactory(plan__child=world.child)
    with pytest.raises(RuleViolations) as exc:
        services.add_action(
            outcome=outcome,
            details=_details(responsible_practitioner=world.key_worker, responsible_other="Mum"),
            by=world.key_worker.user,
            now=NOW,
            today=TODAY,
        )
    assert [v.rule for v in exc.value.violations] == ["C6-ACTION"]
    assert not Action.objects.exists()


def test_r_c6_one_current_make_current_then_refuse_a_second_current_plan_of_that_kind(world):
    first, second = _plan(world), _plan(world)
    services.make_plan_current(plan=first, expected_version=1, by=world.manager.user, now=NOW, today=TODAY)
    assert Plan.objects.get(pk=first.pk).status == "CURRENT"
    assert PlanChange.objects.filter(plan=first, kind="MADE_CURRENT").count() == 1
    with pytest.raises(RuleViolations) as exc:
        services.make_plan_current(plan=second, expected_version=1, by=world.manager.user, now=NOW, today=TODAY)
    assert [v.rule for v in exc.value.violations] == ["C6-ONE-CURRENT"]
    # A current plan of another kind is fine.
    ehc = _plan(world, kind="EHC")
    services.make_plan_current(plan=ehc, expected_version=1, by=world.manager.user, now=NOW, today=TODAY)


def test_r_c6_one_current_is_also_a_database_constraint(world):
    PlanFactory(child=world.child, status="CURRENT")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(child=world.child, status="CURRENT")


def test_r_g5_make_current_from_a_stale_page_is_refused(world):
    plan = _plan(world)
    services.end_plan(
        plan=plan,
        ended_on=TODAY,
        reason="Written in error",
        expected_version=1,
        by=world.manager.user,
        now=NOW,
        today=TODAY,
    )
    with pytest.raises(EditConflict):
        services.make_plan_current(plan=plan, expected_version=1, by=world.key_worker.user, now=NOW, today=TODAY)
    assert Plan.objects.get(pk=plan.pk).status == "ENDED"


def test_end_plan_then_nothing_on_it_changes(world):
    action = ActionFactory(outcome__plan__child=world.child)
    plan = action.outcome.plan
    ended = services.end_plan(
        plan=plan,
        ended_on=TODAY,
        reason="Replaced at the review",
        expected_version=1,
        made_at=REVIEW,
        by=world.manager.user,
        now=NOW,
        today=TODAY,
    )
    assert (ended.status, ended.ended_on, ended.end_reason) == ("ENDED", TODAY, "Replaced at the review")
    assert AuditEvent.objects.get(subject_id=str(plan.pk), action="ENDED").what == "Plan ended: child in need plan"
    before = (PlanChange.objects.count(), AuditEvent.objects.count())
    attempts = [
        lambda: services.add_outcome(plan=plan, text="More", by=world.manager.user, now=NOW, today=TODAY),
        lambda: services.edit_outcome(
            outcome=action.outcome, text="x", expected_version=1, by=world.manager.user, now=NOW, today=TODAY
        ),
        lambda: services.add_action(
            outcome=action.outcome, details=_details(), by=world.manager.user, now=NOW, today=TODAY
        ),
        lambda: services.complete_action(
            action=action, done_on=TODAY, expected_version=1, by=world.manager.user, now=NOW, today=TODAY
        ),
        lambda: services.remove_outcome(
            outcome=action.outcome, expected_version=1, by=world.manager.user, now=NOW, today=TODAY
        ),
    ]
    for attempt in attempts:
        with pytest.raises(RuleViolations) as exc:
            attempt()
        assert [v.rule for v in exc.value.violations] == ["C6-ENDED"]
    assert (PlanChange.objects.count(), AuditEvent.objects.count()) == before


def test_r_c6_made_at_in_the_future_is_refused_and_nothing_stored(world):
    plan = _plan(world)
    with pytest.raises(RuleViolations):
        services.add_outcome(
            plan=plan,
            text="Sleep",
            made_at=services.MadeAt(text="Review", on=TODAY + dt.timedelta(days=1)),
            by=world.key_worker.user,
            now=NOW,
            today=TODAY,
        )
    assert not Outcome.objects.filter(plan=plan).exists()


def test_a_change_links_to_the_record_of_the_review_that_made_it(world):
    # The reviews module will pass its review; any record with a UUID key stands in for it here.
    meeting = PlanFactory(child=world.child, kind="CHILD_PROTECTION")
    plan = _plan(world)
    services.add_outcome(
        plan=plan,
        text="Sleep",
        made_at=services.MadeAt(text="Core group meeting", on=TODAY, record=meeting),
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )
    change = PlanChange.objects.get(plan=plan, kind="OUTCOME_ADDED")
    assert change.made_at_record == meeting


def test_cin_plan_smartness_reads_the_current_child_in_need_plan(world):
    assert selectors.cin_plan_smartness(world.child) == (None, ["There is no current child in need plan"])
    plan = PlanFactory(child=world.child, status="CURRENT")
    outcome = OutcomeFactory(plan=plan, text="Go to school every day")
    assert selectors.cin_plan_smartness(world.child) == (plan, ["Outcome 'Go to school every day' has no actions"])
    ActionFactory(outcome=outcome)
    assert selectors.cin_plan_smartness(world.child) == (plan, [])
    PlanFactory(child=world.child, status="CURRENT", kind="EHC")  # other kinds do not count
    assert selectors.cin_plan_smartness(world.child)[0] == plan


def test_r_c6_made_at_a_change_dated_to_the_childs_review_is_linked_to_that_review(world):
    from joinedup.reviews.models import CinReview

    review = CinReview.objects.create(
        child=world.child,
        held_on=TODAY,
        attendees="Mum",
        child_views="Wants to swim",
        family_views="Agree",
        decisions="Add swimming",
        plan_still_smart=True,
        carers_assessment_offered=True,
        recorded_by=world.key_worker.user,
        recorded_at=NOW,
    )
    plan = _plan(world)
    services.add_outcome(
        plan=plan,
        text="Goes swimming every week",
        made_at=services.MadeAt(text="Child in need review", on=TODAY),
        by=world.key_worker.user,
        now=NOW,
        today=TODAY,
    )
    change = PlanChange.objects.get(plan=plan, made_at_text="Child in need review")
    assert change.made_at_id == review.pk
    assert change.made_at_record == review
