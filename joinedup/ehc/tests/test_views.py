"""EHC needs assessment pages (F3, F2): the timeline, each step, the waiting list, advice asked of me."""

import html
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.audit.models import AuditEvent
from joinedup.duties.models import Duty
from joinedup.ehc import selectors, services, views
from joinedup.ehc.choices import AdviceSection, AssessmentStatus
from joinedup.ehc.models import AdviceRequest, EhcNeedsAssessment
from joinedup.ehc.tests.factories import NOW, TODAY, assess, request
from joinedup.people.tests.factories import ChildFactory
from joinedup.plans.choices import EhcSection, PlanKind
from joinedup.plans.tests.factories import OutcomeFactory, PlanFactory
from joinedup.teams.tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The pages' today is the tests' TODAY (1 December 2026)."""
    monkeypatch.setattr(views, "today", lambda: TODAY)


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _post(client, url, data):
    return client.post(url, data)


def _date(prefix, day):
    return {f"{prefix}-day": day.day, f"{prefix}-month": day.month, f"{prefix}-year": day.year}


def _ask(assessment, practitioner, by, sections=(AdviceSection.HEALTH_NEEDS,)):
    return services.request_advice(
        assessment=assessment,
        practitioner=practitioner,
        requested_on=date(2026, 10, 21),
        sections=list(sections),
        outcomes=[],
        question="",
        by=by,
        now=NOW,
        today=TODAY,
    )


def test_r_f3_a_manager_records_a_request_on_the_page_and_sees_the_deadlines(client, world):
    client.force_login(world.manager.user)
    url = reverse("ehc:request-record", args=[world.child.pk])
    assert "Record a request for an EHC needs assessment" in _page(client, url)
    response = _post(client, url, {**_date("requested_on", date(2026, 10, 1)), "requested_by": "SCHOOL", "note": ""})
    assert response.status_code == 302
    assessment = EhcNeedsAssessment.objects.get(child=world.child)
    assert assessment.requested_by == "SCHOOL"
    body = _page(client, reverse("ehc:assessment", args=[world.child.pk]))
    assert "Requested: decision to assess due" in body
    assert "12 November 2026" in body
    assert "Overdue" in body
    assert "18 February 2027" in body  # the final plan, 20 weeks after
    assert "a school, college or early years setting" in body


def test_r_f3_the_team_reads_the_timeline_but_cannot_take_steps(client, world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    _ask(assessment, world.team_member, sen_officer.user)
    client.force_login(world.key_worker.user)
    body = _page(client, reverse("ehc:assessment", args=[world.child.pk]))
    assert "Assessing: advice requested" in body
    assert world.team_member.full_name in body
    assert "Health needs (section C)" in body
    assert "Ask for advice" not in body
    assert "Record as received" not in body
    assert client.get(reverse("ehc:advice-request", args=[world.child.pk, assessment.pk])).status_code == 403


def test_r_f3_step_order_a_step_that_cannot_be_taken_says_why_and_a_post_stores_nothing(client, world, sen_officer):
    assessment = request(world.child, sen_officer.user)
    client.force_login(sen_officer.user)
    url = reverse("ehc:final-issue", args=[world.child.pk, assessment.pk])
    body = _page(client, url)
    assert "Record the decision to assess, then the draft plan, before the final plan" in body
    assert "<form" not in body
    before = (Duty.objects.count(), AuditEvent.objects.exclude(action="VIEWED").count())
    body = html.unescape(_post(client, url, _date("issued_on", TODAY)).content.decode())
    assert "There is a problem" in body
    assert "Record the decision to assess, then the draft plan, before the final plan" in body
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.REQUESTED
    assert (Duty.objects.count(), AuditEvent.objects.exclude(action="VIEWED").count()) == before


def test_r_f3_not_assessing_reason_is_asked_for_on_the_page(client, world, sen_officer):
    assessment = request(world.child, sen_officer.user)
    client.force_login(sen_officer.user)
    url = reverse("ehc:decision-record", args=[world.child.pk, assessment.pk])
    body = html.unescape(
        _post(client, url, {"decision": "NOT_ASSESS", **_date("decided_on", TODAY), "reason": ""}).content.decode()
    )
    assert "Enter why the child will not be assessed" in body
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.REQUESTED


def test_r_f3_advice_team_asking_someone_outside_the_team_is_refused_saying_why(client, world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    client.force_login(sen_officer.user)
    url = reverse("ehc:advice-request", args=[world.child.pk, assessment.pk])
    body = _page(client, url)
    assert world.team_member.full_name in body
    assert world.same_org_outsider.full_name not in body
    data = {
        "practitioner": str(world.same_org_outsider.pk),
        **_date("requested_on", TODAY),
        "sections": ["HEALTH_NEEDS"],
        "question": "",
    }
    body = html.unescape(_post(client, url, data).content.decode())
    assert "Select someone in the child's team: advice is asked of the child's team" in body
    assert not AdviceRequest.objects.exists()
    response = _post(client, url, data | {"practitioner": str(world.team_member.pk)})
    assert response.status_code == 302
    advice = AdviceRequest.objects.get()
    assert (advice.practitioner, advice.due_on) == (world.team_member, TODAY + timedelta(days=42))


def test_r_f3_advice_feeds_the_plans_outcomes_when_the_child_has_an_ehc_plan(client, world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    plan = PlanFactory(child=world.child, kind=PlanKind.EHC, created_by=world.manager.user)
    outcome = OutcomeFactory(plan=plan, text="Eats safely with friends at lunch", ehc_section=EhcSection.OUTCOMES)
    client.force_login(sen_officer.user)
    url = reverse("ehc:advice-request", args=[world.child.pk, assessment.pk])
    assert "Eats safely with friends at lunch" in _page(client, url)
    data = {
        "practitioner": str(world.team_member.pk),
        **_date("requested_on", TODAY),
        "sections": ["HEALTH_PROVISION", "OUTCOMES"],
        "outcomes": [str(outcome.pk)],
        "question": "Swallowing and eating safely",
    }
    assert _post(client, url, data).status_code == 302
    client.force_login(world.team_member.user)
    body = _page(client, reverse("ehc:advice-mine"))
    assert world.child.full_name in body
    assert "Outcomes (section E)" in body
    assert "Health provision (section G)" in body
    assert body.index("Outcomes (section E)") < body.index("Health provision (section G)")  # in the plan's order
    assert "Eats safely with friends at lunch" in body
    assert "Swallowing and eating safely" in body
    assert "12 January 2027" in body  # due 6 weeks after 1 December


def test_r_f3_who_the_practitioner_asked_records_their_advice_given_from_their_list(client, world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    advice = _ask(assessment, world.team_member, sen_officer.user)
    client.force_login(world.team_member.user)
    body = _page(client, reverse("ehc:advice-mine"))
    assert "2 December 2026" in body
    assert "Overdue" not in body
    url = reverse("ehc:advice-received", args=[world.child.pk, assessment.pk, advice.pk])
    assert "Health needs (section C)" in _page(client, url)
    assert _post(client, url, _date("received_on", TODAY)).status_code == 302
    advice.refresh_from_db()
    assert advice.received_on == TODAY
    client.force_login(world.key_worker.user)
    assert client.get(url).status_code == 403


def test_advice_asked_of_me_leaves_out_assessments_that_have_ended_and_other_peoples(client, world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    _ask(assessment, world.key_worker, sen_officer.user)
    client.force_login(world.team_member.user)
    assert "Nobody is waiting for advice from you" in _page(client, reverse("ehc:advice-mine"))
    _ask(assessment, world.team_member, sen_officer.user)
    assert world.child.full_name in _page(client, reverse("ehc:advice-mine"))
    services.stop_assessment(
        assessment=assessment, stopped_on=TODAY, reason="Moved away", by=sen_officer.user, now=NOW, today=TODAY
    )
    assert "Nobody is waiting for advice from you" in _page(client, reverse("ehc:advice-mine"))


def test_r_f3_the_child_page_timeline_shows_each_step_dated_and_by_whom(client, world, sen_officer):
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user, on=date(2026, 11, 20))
    services.issue_draft_plan(assessment=assessment, issued_on=TODAY, by=sen_officer.user, now=NOW, today=TODAY)
    client.force_login(world.manager.user)
    body = _page(client, reverse("ehc:assessment", args=[world.child.pk]))
    assert "Done 20 November 2026" in body
    assert "Done late" in body
    assert f"Recorded by {sen_officer.full_name}" in body
    assert "Draft plan issued" in body
    assert "Record the final plan issued" in body


# ---- F2: the waiting list ---------------------------------------------------------------------


def _waiting(world, requested_on, decided_on=None):
    child = ChildFactory(area=world.area, holding_team=world.hub)
    TeamMembershipFactory(child=child, practitioner=world.team_member, added_by=world.manager.user)
    assessment = request(child, world.manager.user, on=requested_on)
    if decided_on is not None:
        assess(assessment, world.manager.user, on=decided_on)
    return child


def _names_in_order(body, children):
    found = sorted((body.index(c.full_name), c) for c in children)
    return [c for _, c in found]


def test_r_f2_waiting_order_by_request_date_even_when_a_later_request_is_overdue(client, world, monkeypatch):
    # The earliest request has its decision made; the later ones missed theirs. A list ordered by
    # deadlines or by what is overdue would put them first: this one must not.
    first = _waiting(world, date(2026, 6, 1), decided_on=date(2026, 6, 20))
    second = _waiting(world, date(2026, 8, 1))
    third = _waiting(world, date(2026, 11, 25))
    client.force_login(world.manager.user)
    url = reverse("ehc:waiting-list")
    body = _page(client, url)
    assert _names_in_order(body, [third, second, first]) == [first, second, third]
    assert "3 children waiting" in body
    assert "Overdue" in body
    # Weeks later every deadline has been missed; nobody has moved.
    monkeypatch.setattr(views, "today", lambda: date(2027, 6, 1))
    assert _names_in_order(_page(client, url), [third, second, first]) == [first, second, third]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    waiting=st.lists(
        st.tuples(st.dates(min_value=date(2026, 1, 1), max_value=TODAY), st.booleans()), min_size=1, max_size=6
    )
)
def test_r_f2_waiting_order_never_depends_on_deadlines(world, waiting):
    EhcNeedsAssessment.objects.filter(child__area=world.area).exclude(child=world.child).update(
        status=AssessmentStatus.STOPPED, stopped_on=TODAY, stop_reason="Cleared between examples"
    )
    made = []
    for requested_on, decided in waiting:
        decided_on = min(requested_on + timedelta(days=60), TODAY) if decided else None
        made.append((requested_on, _waiting(world, requested_on, decided_on)))
    listed = [a.child for a in selectors.waiting_list(world.manager.user)]
    assert [a.requested_on for a in selectors.waiting_list(world.manager.user)] == sorted(r for r, _ in made)
    assert set(listed) == {c for _, c in made}


def test_r_f2_the_waiting_list_is_for_sen_officers_and_managers(client, world, sen_officer):
    for user, status in ((world.manager.user, 200), (sen_officer.user, 200), (world.key_worker.user, 403)):
        client.force_login(user)
        assert client.get(reverse("ehc:waiting-list")).status_code == status


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_waiting_list_and_my_advice_run_the_same_queries_however_long_they_are(client, world):
    def grow(n):
        for i in range(n):
            child = _waiting(world, date(2026, 9, 1) + timedelta(days=i), decided_on=date(2026, 10, 15))
            assessment = EhcNeedsAssessment.objects.get(child=child)
            _ask(assessment, world.team_member, world.manager.user, sections=(AdviceSection.OUTCOMES,))

    grow(1)
    client.force_login(world.manager.user)
    one_waiting = _queries(client, reverse("ehc:waiting-list"))
    client.force_login(world.team_member.user)
    one_advice = _queries(client, reverse("ehc:advice-mine"))
    grow(5)
    client.force_login(world.manager.user)
    assert _queries(client, reverse("ehc:waiting-list")) == one_waiting
    client.force_login(world.team_member.user)
    assert _queries(client, reverse("ehc:advice-mine")) == one_advice


def test_the_timeline_runs_the_same_queries_however_many_steps_and_advice(client, world, sen_officer):
    client.force_login(world.manager.user)
    url = reverse("ehc:assessment", args=[world.child.pk])
    assessment = assess(request(world.child, sen_officer.user), sen_officer.user)
    _ask(assessment, world.team_member, sen_officer.user)
    one = _queries(client, url)
    _ask(assessment, world.key_worker, sen_officer.user)
    _ask(assessment, sen_officer, sen_officer.user)
    assert _queries(client, url) == one


def test_r_c5_scheduled_the_decision_is_on_the_sen_officers_week_and_links_to_the_assessment(
    client, world, sen_officer, monkeypatch
):
    from django.utils import timezone

    today = timezone.localdate()
    monkeypatch.setattr(views, "today", lambda: today)
    services.request_assessment(
        child=world.child,
        requested_on=today - timedelta(days=40),
        requested_by="PARENT",
        note="",
        by=sen_officer.user,
        now=NOW,
        today=today,
    )
    client.force_login(sen_officer.user)
    body = _page(client, reverse("duties:due-this-week"))
    assert "EHC needs assessment: decision to assess" in body
    assert reverse("ehc:assessment", args=[world.child.pk]) in body
    assert "Go to the EHC needs assessment" in _page(client, reverse("people:child-detail", args=[world.child.pk]))
