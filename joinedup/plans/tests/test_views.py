"""Plan pages: what they show, bad input refused with GOV.UK messages, nothing lost, fixed query counts."""

import datetime as dt
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.access.services import break_glass
from joinedup.accounts.choices import Role
from joinedup.audit.models import AuditEvent
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.plans.models import Action, Outcome, Plan, PlanChange
from joinedup.plans.tests.factories import ActionFactory, OutcomeFactory, PlanFactory
from joinedup.transfers.services import propose_transfer

pytestmark = pytest.mark.django_db


def _body(response):
    return html.unescape(response.content.decode())


def _date(name, d):
    return {f"{name}-day": d.day, f"{name}-month": d.month, f"{name}-year": d.year}


def _url(name, plan, **ids):
    return reverse(f"plans:{name}", kwargs={"child_id": plan.child_id, "plan_id": plan.pk, **ids})


def _not_smart_plan(child):
    plan = PlanFactory(child=child, status="CURRENT")
    OutcomeFactory(plan=plan, text="Sam sleeps through the night")
    ActionFactory(outcome__plan=plan, what="Book respite", responsible_other="")
    return plan


# ---- The child's page and the plan page ---------------------------------------------------------


def test_child_page_lists_plans_tagged_not_smart_with_what_is_missing(client, world):
    _not_smart_plan(world.child)
    client.force_login(world.key_worker.user)
    body = _body(client.get(reverse("people:child-detail", args=[world.child.pk])))
    assert "Child in need plan" in body
    assert "Not SMART" in body
    assert "Outcome 'Sam sleeps through the night' has no actions" in body
    assert "Action 'Book respite' has nobody responsible" in body
    assert "Start a plan" in body


def test_child_page_says_when_there_are_no_plans(client, world):
    client.force_login(world.team_member.user)
    body = _body(client.get(reverse("people:child-detail", args=[world.child.pk])))
    assert "No plans have been recorded for" in body


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _full_plan(child, kind="CHILD_IN_NEED", status="DRAFT"):
    plan = PlanFactory(child=child, kind=kind, status=status)
    for _ in range(2):
        outcome = OutcomeFactory(plan=plan)
        ActionFactory(outcome=outcome)
        ActionFactory(outcome=outcome, responsible_other="", responsible_practitioner=None, target_date=None)
    return plan


def test_child_page_query_count_does_not_grow_with_the_number_of_plans(client, world):
    client.force_login(world.key_worker.user)
    url = reverse("people:child-detail", args=[world.child.pk])
    _full_plan(world.child)
    one = _queries(client, url)
    for _ in range(5):
        _full_plan(world.child)
    assert _queries(client, url) == one


def test_child_page_reads_no_practitioner_responsible_for_an_action(client, world):
    """The Plans section judges whether someone is responsible without reading who (issue 6)."""
    client.force_login(world.key_worker.user)
    url = reverse("people:child-detail", args=[world.child.pk])
    plan = _full_plan(world.child, status="CURRENT")
    one = _queries(client, url)
    for person in (world.key_worker, world.team_member, world.manager):
        ActionFactory(outcome=plan.outcomes.first(), responsible_other="", responsible_practitioner=person)
    assert _queries(client, url) == one
    body = _body(client.get(url))
    assert "Child in need plan" in body
    assert "has nobody responsible" in body  # the second action of each outcome: still judged


def test_plan_page_query_count_does_not_grow_with_outcomes_actions_and_changes(client, world):
    from joinedup.plans import services

    client.force_login(world.key_worker.user)
    plan = _full_plan(world.child)
    small = _queries(client, plan.get_absolute_url())
    for person in (world.key_worker, world.team_member, world.manager):
        outcome = services.add_outcome(
            plan=plan, text="More", by=person.user, now=timezone.now(), today=timezone.localdate()
        )
        ActionFactory(outcome=outcome, responsible_other="", responsible_practitioner=world.key_worker)
    assert _queries(client, plan.get_absolute_url()) == small


def test_plan_page_groups_an_ehc_plan_by_section_and_service(client, world):
    plan = PlanFactory(child=world.child, kind="EHC")
    OutcomeFactory(plan=plan, text="Weekly speech therapy", ehc_section="PROVISION", ehc_service="HEALTH")
    OutcomeFactory(plan=plan, text="Difficulty with reading", ehc_section="NEEDS", ehc_service="EDUCATION")
    client.force_login(world.key_worker.user)
    body = _body(client.get(plan.get_absolute_url()))
    body = body[body.index("What the plan says") :]  # after the list of what is missing
    needs, provision = body.index("Needs: education (section B)"), body.index("Provision: health (section G)")
    assert needs < body.index("Difficulty with reading") < provision < body.index("Weekly speech therapy")


def test_plan_page_groups_a_preparing_for_adulthood_plan_by_area(client, world):
    plan = PlanFactory(child=world.child, kind="PREPARING_FOR_ADULTHOOD")
    ActionFactory(outcome=OutcomeFactory(plan=plan, text="Travel to college alone", pfa_area="INDEPENDENT_LIVING"))
    client.force_login(world.key_worker.user)
    body = _body(client.get(plan.get_absolute_url()))
    assert body.index("Independent living") < body.index("Travel to college alone")
    assert "SMART" in body
    assert "Not SMART" not in body


def test_plan_page_shows_actions_with_who_and_when_and_the_history(client, world):
    plan = PlanFactory(child=world.child)
    ActionFactory(
        outcome=OutcomeFactory(plan=plan),
        what="Short breaks at Oak House",
        responsible_other="",
        responsible_practitioner=world.key_worker,
        target_date=None,
        frequency_count=2,
        frequency_unit="WEEK",
    )
    PlanChange.objects.create(
        plan=plan,
        kind="CREATED",
        what="Started a draft child in need plan",
        by=world.key_worker.user,
        at=timezone.now(),
        made_at_text="Child in need review",
        made_at_date=dt.date(2026, 3, 1),
    )
    client.force_login(world.manager.user)
    body = _body(client.get(plan.get_absolute_url()))
    assert "Short breaks at Oak House" in body
    assert world.key_worker.full_name in body
    assert "Every 2 weeks" in body
    assert "Child in need review, 1 March 2026" in body


def test_a_plan_of_another_child_is_not_found(client, world):
    plan = PlanFactory(child=world.other_child)
    client.force_login(world.key_worker.user)
    url = reverse("plans:plan-detail", kwargs={"child_id": world.child.pk, "plan_id": plan.pk})
    assert client.get(url).status_code == 404


# ---- Starting a plan, adding outcomes and actions: good and bad input ---------------------------


def test_start_a_plan_then_add_an_outcome_and_an_action(client, world):
    client.force_login(world.key_worker.user)
    today = timezone.localdate()
    response = client.post(
        reverse("plans:plan-add", args=[world.child.pk]),
        {"kind": "CHILD_IN_NEED", **_date("start_date", today), "made_at_text": "Child in need review"},
    )
    plan = Plan.objects.get(child=world.child)
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    client.post(_url("outcome-add", plan), {"text": "Sam sleeps through the night"})
    outcome = Outcome.objects.get(plan=plan)
    response = client.post(
        _url("action-add", plan, outcome_id=outcome.pk),
        {"what": "Bedtime routine", "responsible_practitioner": str(world.key_worker.pk), "frequency": "1-WEEK"},
    )
    assert response.status_code == 302
    action = Action.objects.get(outcome=outcome)
    assert (action.responsible_practitioner_id, action.frequency_count, action.frequency_unit) == (
        world.key_worker.pk,
        1,
        "WEEK",
    )
    assert PlanChange.objects.filter(plan=plan).count() == 3
    assert "SMART" in _body(client.get(plan.get_absolute_url()))


def _future():
    return timezone.localdate() + dt.timedelta(days=3)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select what kind of plan this is"),
        (
            {"kind": "CHILD_IN_NEED", "start_date-day": "31", "start_date-month": "2", "start_date-year": "2026"},
            "Start date must be a real date",
        ),
        (
            {
                "kind": "CHILD_IN_NEED",
                **_date("start_date", dt.date(2026, 3, 2)),
                **_date("review_date", dt.date(2026, 3, 1)),
            },
            "The review date must be on or after the start date",
        ),
        (
            {"kind": "EHC", **_date("start_date", dt.date(2026, 3, 2)), **_date("made_at_date", _future())},
            "The date of the review or meeting must be today or in the past",
        ),
        ({"kind": "NOT_A_PLAN", **_date("start_date", dt.date(2026, 3, 2))}, "Select what kind of plan this is"),
    ],
    ids=["no-kind", "unreal-date", "review-before-start", "meeting-in-future", "bad-kind"],
)
def test_bad_plan_input_is_refused_with_a_message_and_nothing_stored(client, world, data, message):
    client.force_login(world.key_worker.user)
    response = client.post(reverse("plans:plan-add", args=[world.child.pk]), data)
    body = _body(response)
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("kind", "data", "messages"),
    [
        ("CHILD_IN_NEED", {}, ["Enter the outcome"]),
        (
            "EHC",
            {"text": "Speech therapy"},
            [
                "Select which section of the EHC plan this is in",
                "Select whether this is about education, health or social care",
            ],
        ),
        (
            "EHC",
            {"text": "Speech therapy", "ehc_section": "PROVISION", "ehc_service": "DENTISTRY"},
            ["Select whether this is about education, health or social care"],
        ),
        (
            "PREPARING_FOR_ADULTHOOD",
            {"text": "A job"},
            ["Select which Preparing for Adulthood area this outcome is about"],
        ),
        ("CHILD_IN_NEED", {"text": "x" * 2001}, ["The outcome must be 2000 characters or fewer"]),
    ],
    ids=["no-text", "ehc-no-section", "ehc-bad-service", "pfa-no-area", "too-long"],
)
def test_bad_outcome_input_is_refused_with_a_message_and_nothing_stored(client, world, kind, data, messages):
    plan = PlanFactory(child=world.child, kind=kind)
    client.force_login(world.key_worker.user)
    body = _body(client.post(_url("outcome-add", plan), data))
    assert "There is a problem" in body
    assert all(m in body for m in messages)
    assert not Outcome.objects.exists()


def test_an_outcome_form_asks_only_what_the_kind_of_plan_needs(client, world):
    client.force_login(world.key_worker.user)
    cin = _body(client.get(_url("outcome-add", PlanFactory(child=world.child))))
    ehc = _body(client.get(_url("outcome-add", PlanFactory(child=world.child, kind="EHC"))))
    assert "Section of the EHC plan" not in cin
    assert "Preparing for Adulthood area" not in cin
    assert "Section of the EHC plan" in ehc
    assert "Social care" in ehc


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter what will be done"),
        (
            {"what": "Respite", "responsible_other": "Mum", "responsible_practitioner": "KEY_WORKER"},
            "Choose a practitioner or write who in the family is responsible, not both",
        ),
        ({"what": "Respite", "responsible_practitioner": "OUTSIDER"}, "Select someone in the child's team"),
        ({"what": "Respite", "frequency": "5-FORTNIGHT"}, "Select how often from the list"),
        (
            {"what": "Respite", "target_date-day": "1", "target_date-year": "2026"},
            "Target date (optional) must include a month",
        ),
    ],
    ids=["no-what", "two-owners", "not-in-team", "bad-frequency", "part-date"],
)
def test_bad_action_input_is_refused_with_a_message_and_nothing_stored(client, world, data, message):
    outcome = OutcomeFactory(plan__child=world.child)
    people = {"KEY_WORKER": str(world.key_worker.pk), "OUTSIDER": str(world.same_org_outsider.pk)}
    data = {k: people.get(v, v) for k, v in data.items()}
    client.force_login(world.key_worker.user)
    body = _body(client.post(_url("action-add", outcome.plan, outcome_id=outcome.pk), data))
    assert "There is a problem" in body
    assert message in body
    assert not Action.objects.exists()


def test_an_action_keeps_a_practitioner_who_has_since_left_the_team(client, world):
    action = ActionFactory(
        outcome__plan__child=world.child, responsible_other="", responsible_practitioner=world.ended_member
    )
    client.force_login(world.key_worker.user)
    body = _body(client.get(_url("action-edit", action.outcome.plan, action_id=action.pk)))
    assert world.ended_member.full_name in body


# ---- Nothing lost (G5) -----------------------------------------------------------------------


def test_r_g5_second_save_of_an_outcome_is_refused_and_both_versions_are_shown(client, world):
    outcome = OutcomeFactory(plan__child=world.child, text="Sleep")
    url = _url("outcome-edit", outcome.plan, outcome_id=outcome.pk)
    client.force_login(world.key_worker.user)
    client.post(url, {"version": "1", "text": "Sleeps through 5 nights a week"})
    client.force_login(world.manager.user)
    response = client.post(url, {"version": "1", "text": "Sleeps in own bed"})
    body = _body(response)
    assert "Someone else saved this outcome while you were editing" in body
    assert "Sleeps in own bed" in body  # the second editor's words are still on the page
    assert "Sleeps through 5 nights a week" in body  # and the saved version beside them
    assert world.key_worker.full_name in body  # with who saved it
    assert Outcome.objects.get(pk=outcome.pk).text == "Sleeps through 5 nights a week"
    # Saving again from the rebased page replaces it, knowingly.
    client.post(url, {"version": "2", "text": "Sleeps in own bed"})
    assert Outcome.objects.get(pk=outcome.pk).text == "Sleeps in own bed"


def test_r_g5_second_save_of_an_action_is_refused_and_their_version_shown(client, world):
    action = ActionFactory(outcome__plan__child=world.child, what="Respite")
    url = _url("action-edit", action.outcome.plan, action_id=action.pk)
    client.force_login(world.key_worker.user)
    client.post(url, {"version": "1", "what": "Respite twice a month", "responsible_other": "Dad"})
    client.force_login(world.team_member.user)
    body = _body(client.post(url, {"version": "1", "what": "Respite weekly", "responsible_other": "Mum"}))
    assert "Someone else saved this action while you were editing" in body
    assert "Respite weekly" in body
    assert "Respite twice a month" in body
    assert Action.objects.get(pk=action.pk).what == "Respite twice a month"


def test_r_c6_one_current_the_page_says_to_end_the_other_plan_first(client, world):
    PlanFactory(child=world.child, status="CURRENT")
    draft = PlanFactory(child=world.child)
    client.force_login(world.manager.user)
    body = _body(client.post(_url("plan-make-current", draft), {"version": "1"}))
    assert "There is already a current child in need plan. End it before making this one current" in body
    assert Plan.objects.get(pk=draft.pk).status == "DRAFT"


def test_make_current_and_end_a_plan(client, world):
    plan = _not_smart_plan(world.child)
    Plan.objects.filter(pk=plan.pk).update(status="DRAFT")
    client.force_login(world.key_worker.user)
    page = _body(client.get(_url("plan-make-current", plan)))
    assert "This plan is not SMART yet" in page
    assert client.post(_url("plan-make-current", plan), {"version": "1"}).status_code == 302
    response = client.post(
        _url("plan-end", plan),
        {"version": "2", "reason": "Replaced at the review", **_date("ended_on", timezone.localdate())},
    )
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == "ENDED"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": "1"}, "Enter why the plan is ending"),
        (
            {"version": "1", "reason": "Closed", **_date("ended_on", _future())},
            "The date the plan ended must be today or in the past",
        ),
    ],
    ids=["no-reason", "future"],
)
def test_bad_end_input_is_refused(client, world, data, message):
    plan = PlanFactory(child=world.child, status="CURRENT")
    client.force_login(world.key_worker.user)
    body = _body(client.post(_url("plan-end", plan), data))
    assert "There is a problem" in body
    assert message in body
    assert Plan.objects.get(pk=plan.pk).status == "CURRENT"


def test_marking_an_action_done_in_the_future_is_refused(client, world):
    action = ActionFactory(outcome__plan__child=world.child)
    client.force_login(world.key_worker.user)
    url = _url("action-complete", action.outcome.plan, action_id=action.pk)
    body = _body(client.post(url, {"version": "1", **_date("done_on", _future())}))
    assert "The date it was done must be today or in the past" in body
    assert client.post(url, {"version": "1", **_date("done_on", timezone.localdate())}).status_code == 302
    assert Action.objects.get(pk=action.pk).done_on == timezone.localdate()


def test_removing_an_outcome_shows_what_goes_with_it(client, world):
    action = ActionFactory(outcome__plan__child=world.child, what="Book respite")
    url = _url("outcome-remove", action.outcome.plan, outcome_id=action.outcome_id)
    client.force_login(world.key_worker.user)
    assert "Removing it also removes its 1 action" in _body(client.get(url))
    assert client.post(url, {"version": "1"}).status_code == 302
    assert not Outcome.objects.exists()


def test_the_change_pages_of_an_ended_plan_send_people_back_to_it(client, world):
    action = ActionFactory(
        outcome__plan__child=world.child, outcome__plan__status="ENDED", outcome__plan__ended_on=dt.date(2026, 3, 2)
    )
    plan = action.outcome.plan
    client.force_login(world.key_worker.user)
    for url in (
        _url("outcome-add", plan),
        _url("outcome-edit", plan, outcome_id=action.outcome_id),
        _url("action-edit", plan, action_id=action.pk),
        _url("plan-end", plan),
    ):
        response = client.post(url, {"version": "1", "text": "x", "what": "x"})
        assert (response.status_code, response["Location"]) == (302, plan.get_absolute_url()), url
    body = _body(client.get(plan.get_absolute_url()))
    assert "This plan has ended, so it cannot be changed" in body
    assert "Add an outcome" not in body
    assert Outcome.objects.get(pk=action.outcome_id).text != "x"


# ---- Who reads and who changes plans (access/policy.py) -----------------------------------------


def test_an_incoming_manager_deciding_a_transfer_reads_plans_but_cannot_change_them(client, world):
    council = world.hub.organisation
    incoming = PractitionerFactory(
        organisation=council, user__role=Role.TEAM_MANAGER, job_role=JobRole.TEAM_MANAGER, teams=[world.other_hub]
    )
    propose_transfer(
        child=world.child, to_hub=world.other_hub.hub, reason="Needs reduced", by=world.manager.user, now=timezone.now()
    )
    plan = _not_smart_plan(world.child)
    client.force_login(incoming.user)
    assert client.get(plan.get_absolute_url()).status_code == 200
    assert "Not SMART" in _body(client.get(reverse("people:child-detail", args=[world.child.pk])))
    assert client.get(_url("outcome-add", plan)).status_code == 403
    assert client.get(reverse("plans:plan-add", args=[world.child.pk])).status_code == 403


def test_emergency_access_alone_does_not_show_plans(client, world):
    plan = _not_smart_plan(world.child)
    user = world.same_org_outsider.user
    break_glass(
        user=user, nhs_number=world.child.nhs_number, reason="Admitted to hospital overnight", now=timezone.now()
    )
    client.force_login(user)
    body = _body(client.get(reverse("people:child-detail", args=[world.child.pk])))
    assert "Sam sleeps through the night" not in body
    assert "Start a plan" not in body
    before = AuditEvent.objects.count()
    assert client.get(plan.get_absolute_url()).status_code == 403
    assert AuditEvent.objects.count() == before  # a refused read leaves no row


def test_the_family_view_shows_current_plans_only(client, world):
    current = PlanFactory(child=world.child, status="CURRENT", kind="SHORT_BREAKS")
    ActionFactory(outcome=OutcomeFactory(plan=current, text="Have fun with friends"), what="Saturday club")
    OutcomeFactory(plan=PlanFactory(child=world.child, kind="EHC"), text="A draft entry")
    client.force_login(world.parent)
    body = _body(client.get(reverse("portal:child", args=[world.child.pk])))
    assert "Short breaks plan" in body
    assert "Have fun with friends" in body
    assert "Saturday club" in body
    assert "A draft entry" not in body
