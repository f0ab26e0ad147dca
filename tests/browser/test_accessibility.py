"""Every page joinedup has, in each state worth seeing (empty, with results, with errors), passes axe-core.

WCAG 2.2 AA and axe's best practices, under the production CSP, with the app's stylesheet loaded.
Each page is its own test id; each test builds its own world and signs in through the real page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from joinedup.assessments.tests.visits import ASSESSMENT_VISITS
from joinedup.contingency.tests.visits import CONTINGENCY_VISITS
from joinedup.core.clock import now
from joinedup.disagreements.tests.visits import DISAGREEMENT_VISITS
from joinedup.documents.tests.visits import DOCUMENT_VISITS
from joinedup.handovers.tests.visits import HANDOVER_VISITS
from joinedup.meetings.tests.visits import MEETING_VISITS
from joinedup.moves.tests.visits import MOVE_VISITS
from joinedup.notifications.services import notify
from joinedup.teams.models import TeamMembership

pytestmark = pytest.mark.browser


def _submit(button: str) -> Callable[[Any, Any], None]:
    """Press the form's button with nothing filled in, so the error summary shows."""

    def act(page: Any, world: Any) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def _clear_search_then_submit(page: Any, world: Any) -> None:
    page.get_by_label("Name, date of birth or NHS number").fill("")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(lambda url: "q=" in url)


def _suggest_a_hub(page: Any, world: Any) -> None:
    page.get_by_label("High (tier 3 to 4)").check()
    page.get_by_label("A section 47 enquiry is open").check()
    page.get_by_role("button", name="Suggest a hub", exact=True).click()
    page.wait_for_load_state()


def _key_working_level_path(world: Any) -> str:
    """B4: a level set, so the page shows the next contact and the history."""
    from datetime import timedelta

    from django.utils import timezone

    from joinedup.teams.services import set_key_working_level

    today = timezone.localdate()
    set_key_working_level(
        child=world.child,
        level="INTENSIVE",
        tailored_days=None,
        review_on=today + timedelta(days=30),
        reason="Just out of hospital",
        by=world.key_worker.user,
        now=timezone.now(),
        today=today,
    )
    return f"/children/{world.child.pk}/key-working/"


def _transfer_path(world: Any) -> str:
    from django.utils import timezone

    from joinedup.transfers.services import propose_transfer

    transfer = propose_transfer(
        child=world.child,
        to_hub=world.other_hub.hub,
        reason="Risk has reduced",
        by=world.manager.user,
        now=timezone.now(),
    )
    return f"/transfers/{transfer.pk}/"


def _close_path(world: Any) -> str:
    return f"/children/{world.child.pk}/close/"  # the page loads the area's closure reasons the first time


def _retention_with_a_record(world: Any) -> str:
    import datetime as dt

    from django.utils import timezone

    from joinedup.closure.services import close_case, load_default_reasons
    from joinedup.people.tests.factories import ChildFactory

    reasons = {r.code: r for r in load_default_reasons(area=world.area, by=None, now=timezone.now())}
    adult = ChildFactory(area=world.area, holding_team=world.hub, date_of_birth=dt.date(1995, 1, 1))
    close_case(
        child=adult,
        reason=reasons["TURNED_18"],
        closed_on=timezone.localdate(),
        note="Moved to adult services",
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )
    return "/closure/retention/"


def _consultations_with_one(world: Any) -> str:
    from django.utils import timezone

    from joinedup.consultations.services import record_consultation

    record_consultation(
        child=world.child,
        advised_team="OTHER",
        advised_team_name="Virtual school",
        advised_contact="Sam Lee, head of the virtual school",
        given_on=timezone.localdate(),
        question="How do we support school transport?",
        advice="Apply through the SEND transport team.",
        by=world.key_worker.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )
    return f"/children/{world.child.pk}/consultations/"


def _escalation_path(world: Any) -> str:
    from django.utils import timezone

    from joinedup.escalations.services import raise_escalation

    escalation = raise_escalation(
        child=world.child,
        kind="SAFEGUARDING_CONCERN",
        what_has_changed="Bruising seen at school",
        is_time_limited=None,
        by=world.key_worker.user,
        now=timezone.now(),
    )
    return f"/escalations/{escalation.pk}/"


def _escalation_list_path(world: Any) -> str:
    _escalation_path(world)
    return "/escalations/"


def _decided_escalation(world: Any) -> Any:
    """A concern about the child, decided by the duty manager; world's operations manager joins the
    council for these visits (they are the trust's), so a disagreement has someone to go to."""
    from django.utils import timezone

    from joinedup.escalations.models import Escalation
    from joinedup.escalations.services import decide_escalation
    from joinedup.organisations.models import Practitioner

    Practitioner.objects.filter(pk=world.operations_manager.pk).update(organisation=world.hub.organisation)
    _escalation_path(world)
    return decide_escalation(
        escalation=Escalation.objects.get(child=world.child),
        outcome="NO_CHANGE",
        outcome_note="Explained by a fall at school",
        joint_working_until=None,
        assessment_worker=None,
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )


def _decided_escalation_path(world: Any) -> str:
    return f"/escalations/{_decided_escalation(world).pk}/"


def _disagreed_escalation(world: Any) -> Any:
    from django.utils import timezone

    from joinedup.escalations.services import disagree_with_escalation

    return disagree_with_escalation(
        escalation=_decided_escalation(world),
        party="FAMILY",
        reason="Mum says the bruising was not from a fall",
        by=world.manager.user,
        now=timezone.now(),
    )


def _disagreed_escalation_path(world: Any) -> str:
    return f"/escalations/{_disagreed_escalation(world).pk}/"


def _disagreement_list_path(world: Any) -> str:
    _disagreed_escalation(world)
    return "/escalations/"


def _final_decision_path(world: Any) -> str:
    from datetime import timedelta

    from django.utils import timezone

    from joinedup.accounts.models import User
    from joinedup.escalations.services import make_final_decision

    escalation = make_final_decision(
        escalation=_disagreed_escalation(world),
        outcome="JOINT_WORKING",
        outcome_note="Joint working with the school nurse while the family settles",
        joint_working_until=timezone.localdate() + timedelta(days=42),
        assessment_worker=None,
        by=User.objects.get(pk=world.operations_manager.user.pk),  # as the council's, now
        now=timezone.now(),
        today=timezone.localdate(),
    )
    return f"/escalations/{escalation.pk}/"


def _family_support_path(world: Any) -> str:
    from django.utils import timezone

    from joinedup.escalations.services import request_family_support

    support_request = request_family_support(
        child=world.child,
        agreed_by_manager=True,
        what_family_needs="Support with the bedtime routine",
        proposed_work="Six sessions of parenting support",
        by=world.key_worker.user,
        now=timezone.now(),
    )
    return f"/family-support/{support_request.pk}/"


def _family_support_queue_path(world: Any) -> str:
    _family_support_path(world)
    return "/family-support/"


def _referral_path(world: Any) -> str:
    from datetime import date

    from django.utils import timezone

    from joinedup.referrals.services import record_referral

    referral = record_referral(
        source="MASH",
        received_on=timezone.localdate(),
        given_name="Rowan",
        family_name="Referred",
        date_of_birth=date(2017, 4, 2),
        nhs_number="",
        needs=["SENSORY_IMPAIRMENT"],
        reason="Profound hearing loss",
        severe=True,
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )
    return f"/referrals/{referral.pk}/"


def _referral_list_path(world: Any) -> str:
    _referral_path(world)
    return "/referrals/"


def _criterion_path(world: Any) -> str:
    from django.utils import timezone

    from joinedup.referrals.models import ThresholdCriterion
    from joinedup.referrals.services import load_default_criteria

    load_default_criteria(area=world.area, by=None, now=timezone.now())
    criterion = ThresholdCriterion.objects.get(area=world.area, code="SENSORY")
    return f"/referrals/criteria/{criterion.pk}/"


def _untick_needs_then_save(page: Any, world: Any) -> None:
    page.get_by_label("Sensory impairment").uncheck()
    page.get_by_role("button", name="Save the criterion", exact=True).click()
    page.wait_for_load_state()


def _hub_edit_path(world: Any) -> str:
    return f"/hubs/{world.hub.hub.pk}/"


def _fill_then_save(label: str, value: str, button: str) -> Callable[[Any, Any], None]:
    """Type a value the rules refuse into one field and save, so the error summary shows."""

    def act(page: Any, world: Any) -> None:
        page.get_by_label(label, exact=True).fill(value)
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def _closure_reason_path(world: Any) -> str:
    from django.utils import timezone

    from joinedup.closure.services import load_default_reasons

    reasons = {r.code: r for r in load_default_reasons(area=world.area, by=None, now=timezone.now())}
    return f"/closure/reasons/{reasons['DIED'].pk}/"


def _end_member_path(world: Any) -> str:
    membership = TeamMembership.objects.get(child=world.child, practitioner=world.team_member, end_date__isnull=True)
    return f"/children/{world.child.pk}/team/{membership.pk}/end/"


def _inbox_with_a_message(world: Any) -> str:
    notify(
        recipients=[world.key_worker.user],
        subject=f"Emergency access to record {world.child.local_id}",
        body="Someone used emergency access to this record. Their reason: admitted overnight",
        link=f"/children/{world.child.pk}/",
        child=world.child,
        now=now(),
    )
    return "/inbox/"


def _with_duties(world: Any) -> None:
    """Schedule the children's duties, and make the child's visit overdue (it was due last week)."""
    from datetime import timedelta

    from django.utils import timezone

    from joinedup.duties.models import Duty
    from joinedup.duties.services import sweep

    today = timezone.localdate()
    sweep(today=today, now=timezone.now())
    last_week = today - timedelta(days=7)
    Duty.objects.open().filter(child=world.child, kind="VISIT").update(starts_on=last_week, due_on=last_week)


def _duty_done_path(world: Any) -> str:
    from joinedup.duties.models import Duty

    _with_duties(world)
    duty = Duty.objects.open().filter(child=world.child).order_by("kind").first()
    return f"/children/{world.child.pk}/duties/{duty.pk}/done/"


def _due_this_week_path(world: Any) -> str:
    _with_duties(world)  # the key worker owns the child's reviews and visits: they are overdue
    return "/duties/"


def _team_overdue_path(world: Any) -> str:
    _with_duties(world)
    return "/duties/team/"


def _team_overdue_pages_path(world: Any) -> str:
    """More overdue duties than fit on a page, so the GOV.UK pagination is drawn; the second page."""
    from datetime import timedelta

    from django.utils import timezone

    from joinedup.duties.models import Duty
    from joinedup.duties.views import TEAM_PAGE_SIZE
    from joinedup.people.tests.factories import ChildFactory

    for _ in range(TEAM_PAGE_SIZE // 2 + 1):
        ChildFactory(area=world.area, holding_team=world.hub)
    _with_duties(world)
    last_week = timezone.localdate() - timedelta(days=7)
    Duty.objects.open().filter(child__holding_team=world.hub).update(starts_on=last_week, due_on=last_week)
    return "/duties/team/?page=2"


def _performance_path(world: Any) -> str:
    """Last month with a visit on time and a review late, so every chart has bars."""
    from datetime import timedelta

    from django.utils import timezone

    from joinedup.duties.models import Duty

    last_month_end = timezone.localdate().replace(day=1) - timedelta(days=1)
    for kind, late in (("VISIT", 0), ("CIN_REVIEW", 2)):
        Duty.objects.create(
            child=world.child,
            kind=kind,
            due_on=last_month_end - timedelta(days=late),
            starts_on=last_month_end - timedelta(days=late),
            rule="C5",
            basis="For the page",
            status="DONE",
            completed_on=last_month_end,
            created_at=timezone.now(),
        )
    return f"/figures/performance/?month={last_month_end:%Y-%m}"


def _child_page_with_duties(world: Any) -> str:
    _with_duties(world)
    return f"/children/{world.child.pk}/"


def _plan(world: Any, kind: str = "CHILD_IN_NEED", smart: bool = False, current: bool = False) -> Any:
    """A plan for the child with one SMART outcome and, unless ``smart``, an outcome with no actions."""
    from django.utils import timezone

    from joinedup.plans import services as plans

    now, today, by = timezone.now(), timezone.localdate(), world.key_worker.user
    review = plans.MadeAt(text="Child in need review", on=today)
    plan = plans.create_plan(
        child=world.child, kind=kind, start_date=today, review_date=None, made_at=review, by=by, now=now, today=today
    )
    place = {
        "EHC": {"ehc_section": "PROVISION", "ehc_service": "HEALTH"},
        "PREPARING_FOR_ADULTHOOD": {"pfa_area": "INDEPENDENT_LIVING"},
    }.get(kind, {})
    outcome = plans.add_outcome(plan=plan, text="Sam sleeps through the night", **place, by=by, now=now, today=today)
    details = plans.ActionDetails(
        what="Bedtime routine",
        responsible_practitioner=world.key_worker,
        responsible_other="",
        target_date=None,
        frequency_count=1,
        frequency_unit="WEEK",
    )
    plans.add_action(outcome=outcome, details=details, by=by, now=now, today=today)
    if not smart:
        plans.add_outcome(plan=plan, text="Makes friends at school", **place, by=by, now=now, today=today)
    if current:
        plan = plans.make_plan_current(plan=plan, expected_version=1, by=by, now=now, today=today)
    return plan


def _plan_page(suffix: str = "", **plan_options: Any) -> Callable[[Any], str]:
    """A page of a new plan: ``suffix`` may name {outcome} or {action}, the plan's first ones."""

    def path(world: Any) -> str:
        plan = _plan(world, **plan_options)
        outcome = plan.outcomes.order_by("added_at").first()
        action = outcome.actions.first()
        return f"/children/{world.child.pk}/plans/{plan.pk}/" + suffix.format(outcome=outcome.pk, action=action.pk)

    return path


def _child_page_with_plans(world: Any) -> str:
    _plan(world, current=True)
    _plan(world, kind="EHC", smart=True)
    return f"/children/{world.child.pk}/"


def _family_view_with_a_plan(world: Any) -> str:
    _plan(world, current=True)
    return f"/family/children/{world.child.pk}/"


def _make_current_with_another_current(world: Any) -> str:
    _plan(world, current=True)
    return _plan_page("current/")(world)


def _outcome_saved_elsewhere_then_save(page: Any, world: Any) -> None:
    """Someone else saves the outcome while this page is open; then this editor saves (G5)."""
    from django.utils import timezone

    from joinedup.plans.models import Outcome
    from joinedup.plans.services import edit_outcome

    outcome = Outcome.objects.get(plan__child=world.child, text="Sam sleeps through the night")
    edit_outcome(
        outcome=outcome,
        text="Sam sleeps through the night in his own bed",
        expected_version=outcome.version,
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()


def _clear_done_date_then_submit(page: Any, world: Any) -> None:
    page.locator("[name='done_on-day']").fill("")
    page.get_by_role("button", name="Mark as done", exact=True).click()
    page.wait_for_load_state()


def _ehc(world: Any, stage: str = "REQUESTED", advice: bool = False, ehc_plan: bool = False) -> Any:
    """An EHC needs assessment of the child, requested 50 days ago (its decision is overdue), taken by
    the manager to ``stage``; with ``advice``, advice asked of the community nurse (the team member)."""
    from datetime import timedelta

    from django.utils import timezone

    from joinedup.ehc import services as ehc

    now, today, by = timezone.now(), timezone.localdate(), world.manager.user
    if ehc_plan:
        _plan(world, kind="EHC")
    assessment = ehc.request_assessment(
        child=world.child,
        requested_on=today - timedelta(days=50),
        requested_by="PARENT",
        note="Mum asked at the review",
        by=by,
        now=now,
        today=today,
    )
    if stage == "REQUESTED":
        return assessment
    assessment = ehc.record_decision(
        assessment=assessment,
        decision="ASSESS",
        decided_on=today - timedelta(days=40),
        reason="",
        by=by,
        now=now,
        today=today,
    )
    if advice:
        ehc.request_advice(
            assessment=assessment,
            practitioner=world.team_member,
            requested_on=today - timedelta(days=39),
            sections=["HEALTH_NEEDS", "HEALTH_PROVISION"],
            outcomes=[],
            question="Feeding and night-time care",
            by=by,
            now=now,
            today=today,
        )
    if stage == "DRAFT_ISSUED":
        assessment = ehc.issue_draft_plan(assessment=assessment, issued_on=today, by=by, now=now, today=today)
    return assessment


def _ehc_page(suffix: str = "", **options: Any) -> Callable[[Any], str]:
    """A page of the child's EHC needs assessment: ``suffix`` may name {assessment} and {advice}."""

    def path(world: Any) -> str:
        a = _ehc(world, **options)
        advice = a.advice_requests.first()
        step = suffix.format(assessment=a.pk, advice=advice.pk if advice else "")
        return f"/children/{world.child.pk}/ehc/{step}"

    return path


def _ehc_ended_with_an_earlier_one(world: Any) -> str:
    from django.utils import timezone

    from joinedup.ehc import services as ehc

    now, today, by = timezone.now(), timezone.localdate(), world.manager.user
    first = _ehc(world)
    ehc.record_decision(
        assessment=first,
        decision="NOT_ASSESS",
        decided_on=today,
        reason="Needs met at SEN support",
        by=by,
        now=now,
        today=today,
    )
    second = ehc.request_assessment(
        child=world.child, requested_on=today, requested_by="SCHOOL", note="", by=by, now=now, today=today
    )
    second = ehc.record_decision(
        assessment=second, decision="ASSESS", decided_on=today, reason="", by=by, now=now, today=today
    )
    second = ehc.issue_draft_plan(assessment=second, issued_on=today, by=by, now=now, today=today)
    ehc.issue_final_plan(assessment=second, issued_on=today, plan=_plan(world, kind="EHC"), by=by, now=now, today=today)
    return f"/children/{world.child.pk}/ehc/"


def _ehc_waiting(world: Any) -> str:
    _ehc(world, stage="ASSESSING", advice=True)
    return "/ehc/waiting/"


def _ehc_advice_mine(world: Any) -> str:
    _ehc(world, stage="ASSESSING", advice=True)
    return "/ehc/advice/"


@dataclass(frozen=True)
class Visit:
    """Sign in as `who` (a key of World.personas(); None stays signed out), open `path`, then `act`."""

    id: str
    who: str | None
    path: Callable[[Any], str]
    act: Callable[[Any, Any], None] | None = None
    status: int = 200
    expect: Callable[[Any], str] = field(default=lambda world: "")  # text the page must show
    error_summary: bool = False


def child(suffix: str = "") -> Callable[[Any], str]:
    return lambda world: f"/children/{world.child.pk}/{suffix}"


VISITS = [
    Visit("sign-in", None, lambda w: "/accounts/sign-in/", expect=lambda w: "Sign in to joinedup"),
    Visit(
        "sign-in-error",
        None,
        lambda w: "/accounts/sign-in/",
        act=_submit("Sign in"),
        error_summary=True,
        expect=lambda w: "Enter your username",
    ),
    Visit("my-children", "manager", lambda w: "/children/", expect=lambda w: "My children"),
    Visit("my-children-with-children", "key_worker", lambda w: "/children/", expect=lambda w: w.child.full_name),
    Visit("find-a-child", "manager", lambda w: "/children/search/", expect=lambda w: "Find a child"),
    Visit(
        "find-a-child-results",
        "manager",
        lambda w: f"/children/search/?q={w.child.family_name}",
        expect=lambda w: w.child.full_name,
    ),
    Visit(
        "find-a-child-none-found",
        "manager",
        lambda w: "/children/search/?q=Nobody-by-this-name",
        expect=lambda w: "No children found",
    ),
    Visit(
        "find-a-child-error",
        "manager",
        lambda w: "/children/search/",
        act=_clear_search_then_submit,
        error_summary=True,
        expect=lambda w: "Enter a name, date of birth or NHS number",
    ),
    Visit("child-page", "manager", child(), expect=lambda w: "All about me"),
    Visit("details-edit", "manager", child("details/"), expect=lambda w: "Disabilities and needs"),
    Visit("all-about-me-edit", "manager", child("all-about-me/"), expect=lambda w: "Who wrote this"),
    Visit("communication-edit", "manager", child("communication/"), expect=lambda w: "Communication aids I use"),
    Visit("add-team-member", "manager", child("team/add/"), expect=lambda w: "Role in the child's team"),
    Visit(
        "add-team-member-error",
        "manager",
        child("team/add/"),
        act=_submit("Add to the team"),
        error_summary=True,
        expect=lambda w: "Select a practitioner",
    ),
    Visit("end-team-member", "manager", _end_member_path, expect=lambda w: w.team_member.full_name),
    Visit(
        "end-team-member-error",
        "manager",
        _end_member_path,
        act=_submit("End their place in the team"),
        error_summary=True,
        expect=lambda w: "Enter why they are leaving the team",
    ),
    Visit("assign-key-worker", "manager", child("key-worker/"), expect=lambda w: "Key workers so far"),
    Visit(
        "assign-key-worker-error",
        "manager",
        child("key-worker/"),
        act=_submit("Assign key worker"),
        error_summary=True,
        expect=lambda w: "Select the key worker",
    ),
    Visit(
        "key-worker-preference-error",
        "manager",
        child("key-worker/"),
        act=_submit("Record this preference"),
        error_summary=True,
        expect=lambda w: "Select who they would like",
    ),
    Visit("key-working-level", "key_worker", child("key-working/"), expect=lambda w: "No level has been set yet"),
    Visit(
        "key-working-level-error",
        "key_worker",
        child("key-working/"),
        act=_submit("Save the level"),
        error_summary=True,
        expect=lambda w: "Select the level of key working support",
    ),
    Visit("key-working-level-set", "key_worker", _key_working_level_path, expect=lambda w: "Review the level"),
    Visit("unmet-needs", "manager", lambda w: "/unmet-needs/", expect=lambda w: "Unmet needs"),
    Visit("without-key-worker", "manager", lambda w: "/without-key-worker/", expect=lambda w: "without a key worker"),
    Visit("audit", "manager", lambda w: f"/audit/children/{w.child.pk}/", expect=lambda w: "Who has seen this record"),
    Visit("sign-out", "manager", lambda w: "/accounts/sign-out/", expect=lambda w: "Sign out of joinedup"),
    Visit("family-home", "parent", lambda w: "/family/", expect=lambda w: w.child.known_as),
    Visit(
        "family-child",
        "parent",
        lambda w: f"/family/children/{w.child.pk}/",
        expect=lambda w: "Your key worker",
    ),
    Visit("administrator-home", "administrator", lambda w: "/", expect=lambda w: "Who has seen a record"),
    Visit(
        "audit-lookup-not-found",
        "administrator",
        lambda w: "/audit/?local_id=NOSUCHID",
        error_summary=True,
        expect=lambda w: "There is no record with that local ID",
    ),
    Visit("emergency-access", "same_org_outsider", lambda w: "/access/emergency/", expect=lambda w: "Emergency access"),
    Visit(
        "emergency-access-error",
        "same_org_outsider",
        lambda w: "/access/emergency/",
        act=_submit("Get emergency access"),
        error_summary=True,
        expect=lambda w: "Enter the child's NHS number",
    ),
    Visit(
        "allocation-suggestion",
        "manager",
        child("allocation/"),
        act=_suggest_a_hub,
        expect=lambda w: "Suggested: Safeguarding & Support",
    ),
    Visit(
        "allocation-error",
        "manager",
        child("allocation/"),
        act=_submit("Suggest a hub"),
        error_summary=True,
        expect=lambda w: "Select the level of risk",
    ),
    Visit("transfer-list", "manager", lambda w: "/transfers/", expect=lambda w: "Transfer list"),
    Visit("transfer-propose", "manager", child("transfer/"), expect=lambda w: "Add to the transfer list"),
    Visit("transfer-detail", "manager", _transfer_path, expect=lambda w: "Record a step"),
    Visit(
        "transfer-detail-error",
        "manager",
        _transfer_path,
        act=_submit("Record"),
        error_summary=True,
        expect=lambda w: "Select what has happened",
    ),
    Visit("inbox-empty", "key_worker", lambda w: "/inbox/", expect=lambda w: "You have no messages"),
    Visit("inbox-with-a-message", "key_worker", _inbox_with_a_message, expect=lambda w: "Mark all as read"),
    Visit("case-close", "manager", _close_path, expect=lambda w: "What closing the case ends"),
    Visit(
        "case-close-error",
        "manager",
        _close_path,
        act=_submit("Close the case"),
        error_summary=True,
        expect=lambda w: "Select why the case is closing",
    ),
    Visit(
        "retention-report-empty",
        "administrator",
        lambda w: "/closure/retention/",
        expect=lambda w: "No closed record in your area is past its retention date",
    ),
    Visit("retention-report", "administrator", _retention_with_a_record, expect=lambda w: "1 record to review"),
    Visit(
        "consultations-empty",
        "key_worker",
        child("consultations/"),
        expect=lambda w: "No consultations have been recorded",
    ),
    Visit("consultations", "key_worker", _consultations_with_one, expect=lambda w: "Advice to Virtual school"),
    Visit("consultation-add", "key_worker", child("consultations/new/"), expect=lambda w: "Record a consultation"),
    Visit(
        "consultation-add-error",
        "key_worker",
        child("consultations/new/"),
        act=_submit("Record the consultation"),
        error_summary=True,
        expect=lambda w: "Select the team you advised",
    ),
    Visit("escalation-raise", "key_worker", child("escalations/new/"), expect=lambda w: "Send to the manager"),
    Visit(
        "escalation-raise-error",
        "key_worker",
        child("escalations/new/"),
        act=_submit("Send to the manager"),
        error_summary=True,
        expect=lambda w: "Select whether this is a change in need or a safeguarding concern",
    ),
    Visit(
        "escalation-list-empty",
        "manager",
        lambda w: "/escalations/",
        expect=lambda w: "Nothing is waiting for your decision",
    ),
    Visit("escalation-list", "manager", _escalation_list_path, expect=lambda w: "Safeguarding & Support duty queue"),
    Visit("escalation-detail", "manager", _escalation_path, expect=lambda w: "Decide what happens next"),
    Visit(
        "escalation-detail-error",
        "manager",
        _escalation_path,
        act=_submit("Record the decision"),
        error_summary=True,
        expect=lambda w: "Select what happens next",
    ),
    Visit("escalation-detail-raiser", "key_worker", _escalation_path, expect=lambda w: "Bruising seen at school"),
    Visit("escalation-detail-decided", "manager", _decided_escalation_path, expect=lambda w: "Record a disagreement"),
    Visit(
        "escalation-detail-disagree-error",
        "manager",
        _decided_escalation_path,
        act=_submit("Send to the operations manager"),
        error_summary=True,
        expect=lambda w: "Select who disagrees",
    ),
    Visit(
        "escalation-detail-disagreed",
        "manager",
        _disagreed_escalation_path,
        expect=lambda w: "Waiting for the operations manager's final decision",
    ),
    Visit(
        "escalation-list-disagreements",
        "operations_manager",
        _disagreement_list_path,
        expect=lambda w: "Disagreements for your final decision",
    ),
    Visit(
        "escalation-detail-final-decision",
        "operations_manager",
        _disagreed_escalation_path,
        expect=lambda w: "Make the final decision",
    ),
    Visit(
        "escalation-detail-final-decision-error",
        "operations_manager",
        _disagreed_escalation_path,
        act=_submit("Record the final decision"),
        error_summary=True,
        expect=lambda w: "Select the final decision",
    ),
    Visit(
        "escalation-detail-final-decision-made",
        "key_worker",
        _final_decision_path,
        expect=lambda w: "Final decision by the operations manager",
    ),
    Visit("family-support-request", "key_worker", child("family-support/new/"), expect=lambda w: "Send the request"),
    Visit(
        "family-support-request-error",
        "key_worker",
        child("family-support/new/"),
        act=_submit("Send the request"),
        error_summary=True,
        expect=lambda w: "Enter exactly what support the family needs",
    ),
    Visit(
        "family-support-queue-empty",
        "manager",
        lambda w: "/family-support/",
        expect=lambda w: "No requests are waiting",
    ),
    Visit("family-support-queue", "manager", _family_support_queue_path, expect=lambda w: "1 open request"),
    Visit("family-support-detail", "manager", _family_support_path, expect=lambda w: "Consider the request"),
    Visit(
        "family-support-detail-error",
        "manager",
        _family_support_path,
        act=_submit("Record"),
        error_summary=True,
        expect=lambda w: "Select what has been decided",
    ),
    Visit("referral-list-empty", "manager", lambda w: "/referrals/", expect=lambda w: "There are no referrals"),
    Visit("referral-list", "manager", _referral_list_path, expect=lambda w: "Rowan Referred"),
    Visit("referral-new", "manager", lambda w: "/referrals/new/", expect=lambda w: "Record a referral"),
    Visit(
        "referral-new-error",
        "manager",
        lambda w: "/referrals/new/",
        act=_submit("Record the referral"),
        error_summary=True,
        expect=lambda w: "Select who referred the child",
    ),
    Visit("referral-detail", "manager", _referral_path, expect=lambda w: "Met: sensory impairment"),
    Visit(
        "referral-detail-error",
        "manager",
        _referral_path,
        act=_submit("Record the decision"),
        error_summary=True,
        expect=lambda w: "Select whether the referral is accepted",
    ),
    Visit(
        "referral-criteria",
        "administrator",
        lambda w: "/referrals/criteria/",
        expect=lambda w: "Severe or profound learning or physical disability",
    ),
    Visit("referral-criterion-edit", "administrator", _criterion_path, expect=lambda w: "Change a referral criterion"),
    Visit(
        "referral-criterion-edit-error",
        "administrator",
        _criterion_path,
        act=_untick_needs_then_save,
        error_summary=True,
        expect=lambda w: "Select at least one need",
    ),
    Visit("hub-list", "administrator", lambda w: "/hubs/", expect=lambda w: "Strengthening Families"),
    Visit("hub-edit", "administrator", _hub_edit_path, expect=lambda w: "Change the settings of Safeguarding"),
    Visit(
        "hub-edit-error",
        "administrator",
        _hub_edit_path,
        act=_fill_then_save("Default caseload capacity", "fifty", "Save the settings"),
        error_summary=True,
        expect=lambda w: "Default caseload capacity must be a whole number, like 50",
    ),
    Visit(
        "closure-reasons",
        "administrator",
        lambda w: "/closure/reasons/",
        expect=lambda w: "Until the child's 25th birthday",
    ),
    Visit("closure-reason-edit", "administrator", _closure_reason_path, expect=lambda w: "Change a closure reason"),
    Visit(
        "closure-reason-edit-error",
        "administrator",
        _closure_reason_path,
        act=_fill_then_save("Years the record is kept", "0", "Save the reason"),
        error_summary=True,
        expect=lambda w: "Years the record is kept must be between 1 and 100",
    ),
    Visit("due-this-week-empty", "manager", lambda w: "/duties/", expect=lambda w: "Nothing of yours is overdue"),
    Visit("due-this-week", "key_worker", _due_this_week_path, expect=lambda w: "Record a visit"),
    Visit("team-overdue", "manager", _team_overdue_path, expect=lambda w: "Overdue in your team"),
    Visit("team-overdue-pages", "manager", _team_overdue_pages_path, expect=lambda w: "Showing 51 to"),
    Visit("child-page-with-duties", "manager", _child_page_with_duties, expect=lambda w: "What is due"),
    Visit("duty-done", "key_worker", _duty_done_path, expect=lambda w: "Why then"),
    Visit(
        "duty-done-error",
        "key_worker",
        _duty_done_path,
        act=_fill_then_save("Year", "", "Record as done"),
        error_summary=True,
    ),
    Visit("cadence-agree", "manager", child("duties/cadence/"), expect=lambda w: "Agree how often"),
    Visit("visits-and-reviews-empty", "key_worker", child("reviews/"), expect=lambda w: "No reviews recorded yet"),
    Visit("visit-record", "key_worker", child("visits/new/"), expect=lambda w: "Was the child seen alone?"),
    Visit(
        "visit-record-error",
        "key_worker",
        child("visits/new/"),
        act=_submit("Record the visit"),
        error_summary=True,
        expect=lambda w: "Enter what happened on the visit",
    ),
    Visit("review-record", "key_worker", child("reviews/new/"), expect=lambda w: "What the child or young person said"),
    Visit(
        "review-record-error",
        "key_worker",
        child("reviews/new/"),
        act=_submit("Record the review"),
        error_summary=True,
        expect=lambda w: "Enter what the child said",
    ),
    Visit(
        "cadence-agree-error",
        "manager",
        child("duties/cadence/"),
        act=_submit("Agree"),
        error_summary=True,
        expect=lambda w: "Select reviews or visits",
    ),
    Visit("monthly-performance", "manager", _performance_path, expect=lambda w: "Done on time"),
    Visit(
        "monthly-performance-empty",
        "commissioner",
        lambda w: "/figures/performance/",
        expect=lambda w: "Nothing was recorded as done",
    ),
    Visit("area-figures", "commissioner", lambda w: "/figures/", expect=lambda w: "Figures for the area"),
    Visit(
        "forbidden-403",
        "key_worker",
        lambda w: f"/audit/children/{w.child.pk}/",
        status=403,
        expect=lambda w: "You cannot do this",
    ),
    Visit("not-found-404", "manager", lambda w: "/no-such-page/", status=404, expect=lambda w: "Page not found"),
    Visit(
        "not-found-404-signed-out",
        None,
        lambda w: "/no-such-page/",
        status=404,
        expect=lambda w: "Page not found",
    ),
    Visit("child-page-with-plans", "key_worker", _child_page_with_plans, expect=lambda w: "Not SMART"),
    Visit("plan-add", "key_worker", child("plans/new/"), expect=lambda w: "Start a plan"),
    Visit(
        "plan-add-error",
        "key_worker",
        child("plans/new/"),
        act=_submit("Start the plan"),
        error_summary=True,
        expect=lambda w: "Select what kind of plan this is",
    ),
    Visit("plan-not-smart", "key_worker", _plan_page(), expect=lambda w: "This plan is not SMART"),
    Visit("plan-smart", "manager", _plan_page(smart=True, current=True), expect=lambda w: "Changes to this plan"),
    Visit("plan-ehc", "key_worker", _plan_page(kind="EHC"), expect=lambda w: "Provision: health (section G)"),
    Visit(
        "plan-pfa",
        "key_worker",
        _plan_page(kind="PREPARING_FOR_ADULTHOOD", smart=True),
        expect=lambda w: "Bedtime routine",
    ),
    Visit("plan-make-current", "key_worker", _plan_page("current/"), expect=lambda w: "This plan is not SMART yet"),
    Visit(
        "plan-make-current-error",
        "key_worker",
        _make_current_with_another_current,
        act=_submit("Make it the current plan"),
        error_summary=True,
        expect=lambda w: "There is already a current child in need plan",
    ),
    Visit("plan-end", "key_worker", _plan_page("end/"), expect=lambda w: "Why the plan is ending"),
    Visit(
        "plan-end-error",
        "key_worker",
        _plan_page("end/"),
        act=_submit("End the plan"),
        error_summary=True,
        expect=lambda w: "Enter why the plan is ending",
    ),
    Visit("outcome-add", "key_worker", _plan_page("outcomes/new/"), expect=lambda w: "Add an outcome"),
    Visit(
        "outcome-add-ehc-error",
        "key_worker",
        _plan_page("outcomes/new/", kind="EHC"),
        act=_submit("Add an entry"),
        error_summary=True,
        expect=lambda w: "Select which section of the EHC plan this is in",
    ),
    Visit("outcome-edit", "key_worker", _plan_page("outcomes/{outcome}/"), expect=lambda w: "Change an outcome"),
    Visit(
        "outcome-edit-conflict",
        "key_worker",
        _plan_page("outcomes/{outcome}/"),
        act=_outcome_saved_elsewhere_then_save,
        error_summary=True,
        expect=lambda w: "The version saved now",
    ),
    Visit(
        "outcome-remove", "key_worker", _plan_page("outcomes/{outcome}/remove/"), expect=lambda w: "Remove this outcome"
    ),
    Visit("action-add", "key_worker", _plan_page("outcomes/{outcome}/actions/new/"), expect=lambda w: "Add an action"),
    Visit(
        "action-add-error",
        "key_worker",
        _plan_page("outcomes/{outcome}/actions/new/"),
        act=_submit("Add the action"),
        error_summary=True,
        expect=lambda w: "Enter what will be done",
    ),
    Visit("action-edit", "key_worker", _plan_page("actions/{action}/"), expect=lambda w: "Change an action"),
    Visit(
        "action-complete", "key_worker", _plan_page("actions/{action}/done/"), expect=lambda w: "Mark an action done"
    ),
    Visit(
        "action-complete-error",
        "key_worker",
        _plan_page("actions/{action}/done/"),
        act=_clear_done_date_then_submit,
        error_summary=True,
        expect=lambda w: "Date it was done must include a day",
    ),
    Visit("family-child-with-a-plan", "parent", _family_view_with_a_plan, expect=lambda w: "Bedtime routine"),
    Visit("ehc-none", "manager", child("ehc/"), expect=lambda w: "No EHC needs assessment has been requested"),
    Visit("ehc-requested", "manager", _ehc_page(), expect=lambda w: "Overdue"),
    Visit(
        "ehc-assessing-team-reads",
        "key_worker",
        _ehc_page(stage="ASSESSING", advice=True),
        expect=lambda w: "Health provision (section G)",
    ),
    Visit("ehc-ended-with-earlier", "manager", _ehc_ended_with_an_earlier_one, expect=lambda w: "Earlier assessments"),
    Visit("ehc-request", "manager", child("ehc/request/"), expect=lambda w: "Record a request for an EHC"),
    Visit(
        "ehc-request-error",
        "manager",
        child("ehc/request/"),
        act=_submit("Record the request"),
        error_summary=True,
        expect=lambda w: "Select who asked for the assessment",
    ),
    Visit("ehc-request-refused", "manager", _ehc_page("request/"), expect=lambda w: "already open for this child"),
    Visit("ehc-decision", "manager", _ehc_page("{assessment}/decision/"), expect=lambda w: "Decision due by"),
    Visit(
        "ehc-decision-error",
        "manager",
        _ehc_page("{assessment}/decision/"),
        act=_submit("Record the decision"),
        error_summary=True,
        expect=lambda w: "Select whether the child will be assessed",
    ),
    Visit(
        "ehc-advice-request",
        "manager",
        _ehc_page("{assessment}/advice/new/", stage="ASSESSING", ehc_plan=True),
        expect=lambda w: "Which sections of the EHC plan does this advice feed?",
    ),
    Visit(
        "ehc-advice-request-error",
        "manager",
        _ehc_page("{assessment}/advice/new/", stage="ASSESSING"),
        act=_submit("Ask for advice"),
        error_summary=True,
        expect=lambda w: "Select who you are asking for advice",
    ),
    Visit(
        "ehc-advice-received",
        "team_member",
        _ehc_page("{assessment}/advice/{advice}/received/", stage="ASSESSING", advice=True),
        expect=lambda w: "Health needs (section C)",
    ),
    Visit(
        "ehc-advice-received-error",
        "team_member",
        _ehc_page("{assessment}/advice/{advice}/received/", stage="ASSESSING", advice=True),
        act=_fill_then_save("Year", "", "Record as received"),
        error_summary=True,
        expect=lambda w: "Date the advice was received must include a year",
    ),
    Visit(
        "ehc-draft",
        "manager",
        _ehc_page("{assessment}/draft/", stage="ASSESSING", advice=True),
        expect=lambda w: "Advice has not been received from",
    ),
    Visit(
        "ehc-draft-error",
        "manager",
        _ehc_page("{assessment}/draft/", stage="ASSESSING"),
        act=_fill_then_save("Year", "", "Record the draft plan"),
        error_summary=True,
    ),
    Visit(
        "ehc-final",
        "manager",
        _ehc_page("{assessment}/final/", stage="DRAFT_ISSUED", ehc_plan=True),
        expect=lambda w: "Which EHC plan in Plans is the final plan?",
    ),
    Visit(
        "ehc-final-error",
        "manager",
        _ehc_page("{assessment}/final/", stage="DRAFT_ISSUED", ehc_plan=True),
        act=_submit("Record the final plan"),
        error_summary=True,
        expect=lambda w: "Select the EHC plan, or that it is not in Plans yet",
    ),
    Visit(
        "ehc-final-refused",
        "manager",
        _ehc_page("{assessment}/final/", stage="ASSESSING"),
        expect=lambda w: "Record the draft plan issued before the final plan",
    ),
    Visit("ehc-stop", "manager", _ehc_page("{assessment}/stop/"), expect=lambda w: "Stop the assessment"),
    Visit(
        "ehc-stop-error",
        "manager",
        _ehc_page("{assessment}/stop/"),
        act=_submit("Stop the assessment"),
        error_summary=True,
        expect=lambda w: "Enter why the assessment is stopping",
    ),
    Visit(
        "ehc-waiting-empty", "manager", lambda w: "/ehc/waiting/", expect=lambda w: "No child you can see is waiting"
    ),
    Visit("ehc-waiting", "manager", _ehc_waiting, expect=lambda w: "1 child waiting"),
    Visit(
        "ehc-advice-mine-empty",
        "team_member",
        lambda w: "/ehc/advice/",
        expect=lambda w: "Nobody is waiting for advice from you",
    ),
    Visit("ehc-advice-mine", "team_member", _ehc_advice_mine, expect=lambda w: "Health needs (section C)"),
    *[Visit(**v) for v in ASSESSMENT_VISITS],  # the assessments pages and the Resource Panel (C10)
    *[Visit(**v) for v in MEETING_VISITS],  # the meetings pages (B5)
    *[Visit(**v) for v in DOCUMENT_VISITS],  # letters and updates shared with the team (B5)
    *[Visit(**v) for v in MOVE_VISITS],  # moving area (B8)
    *[Visit(**v) for v in DISAGREEMENT_VISITS],  # disagreements (B9) and shared knowledge (B10)
    *[Visit(**v) for v in HANDOVER_VISITS],  # handovers (B6)
    *[Visit(**v) for v in CONTINGENCY_VISITS],  # the contingency plan for key workers (B7)
]


@pytest.mark.parametrize("visit", VISITS, ids=[v.id for v in VISITS])
def test_page_has_no_axe_violations(
    visit: Visit, live_world: Any, live_server: Any, page: Any, signed_in: Callable[..., Any], axe_clean: Any
) -> None:
    if visit.who is not None:
        signed_in(page, live_world.personas()[visit.who])
    response = page.goto(live_server.url + visit.path(live_world))
    assert response is not None
    assert response.status == visit.status, f"{visit.id}: {response.status} from {page.url}"
    if visit.act is not None:
        visit.act(page, live_world)
    if text := visit.expect(live_world):
        assert page.get_by_text(text).first.is_visible(), f"{visit.id}: {text!r} not shown on {page.url}"
    if visit.error_summary:
        assert page.locator(".govuk-error-summary").is_visible(), f"{visit.id}: no error summary on {page.url}"
        assert page.title().startswith("Error: "), f"{visit.id}: title {page.title()!r} does not start 'Error: '"
    axe_clean(visit.id)
