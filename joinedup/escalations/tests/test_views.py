"""Escalation and family support pages: who gets them, the weekly flag, deciding, fixed query counts."""

import html
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.escalations import services
from joinedup.escalations.choices import EscalationKind, EscalationStatus, RequestStatus
from joinedup.escalations.models import Escalation, FamilySupportRequest
from joinedup.people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def escalation(world):
    return services.raise_escalation(
        child=world.child,
        kind=EscalationKind.SAFEGUARDING_CONCERN,
        what_has_changed="Bruising seen at school",
        is_time_limited=None,
        by=world.key_worker.user,
        now=timezone.now(),
    )


@pytest.fixture
def support_request(world, cwdt):
    return services.request_family_support(
        child=world.child,
        agreed_by_manager=True,
        what_family_needs="Support with the bedtime routine",
        proposed_work="Six sessions of parenting support",
        by=world.key_worker.user,
        now=timezone.now(),
    )


def _requests(world, n):
    now = timezone.now()
    FamilySupportRequest.objects.bulk_create(
        FamilySupportRequest(
            child=ChildFactory(area=world.area, holding_team=world.hub),
            from_hub=world.hub.hub,
            to_hub=world.other_hub.hub,
            requested_by=world.key_worker.user,
            requested_at=now - timedelta(days=i),
            agreed_by_manager=True,
            what_family_needs="Support",
            proposed_work="Parenting sessions",
        )
        for i in range(n)
    )


def test_r_c8_raise_team_members_can_raise_from_the_child(client, world):
    client.force_login(world.team_member.user)  # a community nurse in the child's team
    url = reverse("escalations:escalation-raise", args=[world.child.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"kind": "CHANGE_IN_NEED", "what_has_changed": "Seizures every night this week", "is_time_limited": "NO"}
    )
    escalation = Escalation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == escalation.get_absolute_url()
    assert escalation.is_time_limited is False
    assert escalation.status == EscalationStatus.WITH_MANAGER
    page = client.get(escalation.get_absolute_url())
    assert page.status_code == 200
    assert "Seizures every night this week" in html.unescape(page.content.decode())
    assert "Decide what happens next" not in html.unescape(page.content.decode())


def test_r_c8_raise_shows_gov_uk_errors(client, world):
    client.force_login(world.key_worker.user)
    response = client.post(reverse("escalations:escalation-raise", args=[world.child.pk]), {})
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Select whether this is a change in need or a safeguarding concern" in body


def test_r_c8_the_duty_queue_shows_to_ss_managers_who_decide_on_the_page(client, world, escalation):
    client.force_login(world.manager.user)
    body = html.unescape(client.get(reverse("escalations:escalation-list")).content.decode())
    assert "Safeguarding & Support duty queue (1)" in body
    assert world.child.full_name in body
    url = escalation.get_absolute_url()
    assert "Decide what happens next" in html.unescape(client.get(url).content.decode())
    decision = {"step": "DECIDE", "outcome": "SECTION_47", "assessment_worker": str(world.key_worker.pk)}
    response = client.post(url, decision)
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert (escalation.status, escalation.assessment_worker) == (EscalationStatus.DECIDED, world.key_worker)


def test_r_c8_joint_working_without_an_end_date_is_shown_as_an_error(client, world, escalation):
    client.force_login(world.manager.user)
    response = client.post(escalation.get_absolute_url(), {"step": "DECIDE", "outcome": "JOINT_WORKING"})
    assert response.status_code == 200
    assert "Enter the date joint working ends" in html.unescape(response.content.decode())
    assert html.unescape(response.content.decode()).count('href="#id_joint_working_until-day"') == 1


def test_r_c8_transfer_links_the_holding_manager_to_the_transfer_list(client, world):
    escalation = services.raise_escalation(
        child=world.child,
        kind=EscalationKind.CHANGE_IN_NEED,
        what_has_changed="Risk has reduced",
        is_time_limited=True,
        by=world.key_worker.user,
        now=timezone.now(),
    )
    client.force_login(world.manager.user)
    client.post(escalation.get_absolute_url(), {"step": "DECIDE", "outcome": "TRANSFER"})
    body = html.unescape(client.get(escalation.get_absolute_url()).content.decode())
    assert reverse("transfers:transfer-propose", args=[world.child.pk]) in body


def test_r_c8_the_raiser_sees_but_cannot_decide(client, world, escalation):
    client.force_login(world.key_worker.user)
    assert client.get(escalation.get_absolute_url()).status_code == 200
    decision = {"step": "DECIDE", "outcome": "NO_CHANGE", "outcome_note": "x"}
    assert client.post(escalation.get_absolute_url(), decision).status_code == 403
    assert client.get(reverse("escalations:escalation-list")).status_code == 403


OUTSIDERS = [
    "team_member",
    "same_org_outsider",
    "other_area",
    "ended_member",
    "operations_manager",
    "parent",
    "young_person",
    "commissioner",
    "administrator",
]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_r_g1_escalation_and_request_pages_are_404_for_anyone_not_taking_part(
    client, world, escalation, support_request, persona
):
    client.force_login(world.personas()[persona])
    for url in (escalation.get_absolute_url(), support_request.get_absolute_url()):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"outcome": "NO_CHANGE", "step": "ESCALATE"}).status_code == 404, url
    for route in ("escalations:escalation-list", "escalations:family-support-queue"):
        response = client.get(reverse(route))
        assert response.status_code == 403 or world.child.family_name not in html.unescape(response.content.decode())


def test_r_g1_object_pages_of_another_area_are_404_even_for_its_managers(client, world, escalation):
    client.force_login(world.other_area_practitioner.user)
    assert client.get(escalation.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(("persona", "status"), [("key_worker", 200), ("team_member", 403), ("manager", 403)])
def test_r_c9_request_only_the_ss_social_worker_opens_the_request_form(client, world, cwdt, persona, status):
    client.force_login(world.personas()[persona])
    assert client.get(reverse("escalations:family-support-request", args=[world.child.pk])).status_code == status


def test_r_c9_request_is_sent_from_the_childs_page(client, world, cwdt):
    client.force_login(world.key_worker.user)
    url = reverse("escalations:family-support-request", args=[world.child.pk])
    response = client.post(url, {"what_family_needs": "Bedtime", "proposed_work": "Parenting support"})
    assert "Confirm the responsible team manager agrees to this request" in html.unescape(response.content.decode())
    response = client.post(
        url, {"what_family_needs": "Bedtime", "proposed_work": "Parenting support", "agreed_by_manager": "on"}
    )
    assert response.status_code == 302
    assert FamilySupportRequest.objects.get().status == RequestStatus.WAITING


def test_r_c9_weekly_the_queue_flags_requests_waiting_more_than_7_days(client, world, cwdt, support_request):
    FamilySupportRequest.objects.filter(pk=support_request.pk).update(requested_at=timezone.now() - timedelta(days=8))
    client.force_login(cwdt.sf_manager.user)
    body = html.unescape(client.get(reverse("escalations:family-support-queue")).content.decode())
    assert world.child.full_name in body
    assert "Not considered for 8 days" in body


def test_r_c9_weekly_the_queue_is_oldest_first_and_recent_requests_are_not_flagged(
    client, world, cwdt, support_request
):
    _requests(world, 3)  # 0, 1 and 2 days old; the fixture's is the newest
    client.force_login(cwdt.sf_manager.user)
    body = html.unescape(client.get(reverse("escalations:family-support-queue")).content.decode())
    oldest_first = FamilySupportRequest.objects.order_by("requested_at", "id")
    positions = [body.index(r.get_absolute_url()) for r in oldest_first]
    assert positions == sorted(positions)
    assert "4 open requests" in body
    assert "Not considered for" not in body


def test_r_c9_the_sf_manager_attaches_a_worker_on_the_request_page(client, world, cwdt, support_request):
    client.force_login(cwdt.sf_manager.user)
    url = support_request.get_absolute_url()
    assert cwdt.family_support_worker.full_name in html.unescape(client.get(url).content.decode())
    response = client.post(url, {"step": "ATTACH", "worker": str(cwdt.family_support_worker.pk)})
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.ATTACHED


def test_r_c9_the_family_support_queue_runs_the_same_queries_however_many_requests(client, world, cwdt):
    client.force_login(cwdt.sf_manager.user)
    url = reverse("escalations:family-support-queue")
    _requests(world, 5)
    client.get(url)  # warm the session and content types
    with CaptureQueriesContext(connection) as five:
        assert "5 open requests" in html.unescape(client.get(url).content.decode())
    _requests(world, 15)
    with CaptureQueriesContext(connection) as twenty:
        assert "20 open requests" in html.unescape(client.get(url).content.decode())
    assert len(twenty) == len(five)


def test_r_c8_the_escalations_list_runs_the_same_queries_however_many_escalations(client, world):
    def raise_for(n):
        for _ in range(n):
            child = ChildFactory(area=world.area, holding_team=world.hub)
            services.raise_escalation(
                child=child,
                kind=EscalationKind.CHANGE_IN_NEED,
                what_has_changed="Need has increased",
                is_time_limited=None,
                by=world.manager.user,
                now=timezone.now(),
            )

    client.force_login(world.manager.user)
    url = reverse("escalations:escalation-list")
    raise_for(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    raise_for(8)
    with CaptureQueriesContext(connection) as many:
        assert "Sent to you (10)" in html.unescape(client.get(url).content.decode())
    assert len(many) == len(few)


# ---- C8: disagreement and the final decision (6.3.4) ------------------------------------------


@pytest.fixture
def decided_concern(world, cwdt):
    """A concern about other_child (held by Strengthening Families), decided by the S&S duty manager."""
    escalation = services.raise_escalation(
        child=world.other_child,
        kind=EscalationKind.SAFEGUARDING_CONCERN,
        what_has_changed="Told a teacher about shouting at home",
        is_time_limited=None,
        by=cwdt.sf_worker.user,
        now=timezone.now(),
    )
    return services.decide_escalation(
        escalation=escalation,
        outcome="NO_CHANGE",
        outcome_note="Spoken to both parents",
        joint_working_until=None,
        assessment_worker=None,
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )


def _page(client, url):
    return html.unescape(client.get(url).content.decode())


def test_r_c8_disagreement_then_the_final_decision_on_the_escalation_page(client, world, cwdt, decided_concern):
    url = decided_concern.get_absolute_url()
    client.force_login(cwdt.sf_manager.user)  # the manager of the hub holding the case
    assert "Record a disagreement" in _page(client, url)
    response = client.post(url, {"step": "DISAGREE", "party": "TEAM_MANAGERS", "reason": "The shouting is daily"})
    assert response.status_code == 302
    body = _page(client, url)
    assert "The shouting is daily" in body
    assert "Waiting for the operations manager's final decision" in body
    assert "Record a disagreement" not in body

    client.force_login(cwdt.operations.user)
    listing = _page(client, reverse("escalations:escalation-list"))
    assert "Disagreements for your final decision (1)" in listing
    assert world.other_child.full_name in listing
    assert "Make the final decision" in _page(client, url)
    decision = {
        "step": "FINAL_DECISION",
        "outcome": "TRANSFER",
        "outcome_note": "Safeguarding & Support should hold it",
    }
    assert client.post(url, decision).status_code == 302
    body = _page(client, url)
    assert "Final decision by the operations manager" in body
    assert "Safeguarding & Support should hold it" in body
    assert "Make the final decision" not in body
    Escalation.objects.get(pk=decided_concern.pk, status=EscalationStatus.FINAL, final_outcome="TRANSFER")

    # The final decision is a transfer: the manager of the hub holding the case adds the child to the list.
    client.force_login(cwdt.sf_manager.user)
    assert reverse("transfers:transfer-propose", args=[world.other_child.pk]) in _page(client, url)


def test_r_c8_disagreement_errors_are_shown_on_the_page(client, world, cwdt, decided_concern):
    client.force_login(cwdt.sf_manager.user)
    url = decided_concern.get_absolute_url()
    body = html.unescape(client.post(url, {"step": "DISAGREE"}).content.decode())
    assert "There is a problem" in body
    assert "Select who disagrees" in body
    body = html.unescape(client.post(url, {"step": "DISAGREE", "party": "FAMILY", "reason": " "}).content.decode())
    assert "Enter why the family disagrees with the decision" in body
    assert 'href="#id_reason"' in body
    assert Escalation.objects.get(pk=decided_concern.pk).status == EscalationStatus.DECIDED


def test_r_c8_disagreement_by_the_deciding_manager_for_themselves_is_refused_on_the_page(
    client, world, decided_concern
):
    client.force_login(world.manager.user)
    url = decided_concern.get_absolute_url()
    response = client.post(url, {"step": "DISAGREE", "party": "TEAM_MANAGERS", "reason": "Changed my mind"})
    assert response.status_code == 200
    assert "You made this decision, so you cannot disagree with it yourself" in html.unescape(response.content.decode())


def test_r_c8_outcome_a_second_decision_from_a_stale_page_says_it_was_already_decided(client, world, decided_concern):
    client.force_login(world.manager.user)
    response = client.post(decided_concern.get_absolute_url(), {"step": "DECIDE", "outcome": "TRANSFER"})
    assert response.status_code == 200
    assert "This has already been decided" in html.unescape(response.content.decode())
    assert Escalation.objects.get(pk=decided_concern.pk).outcome == "NO_CHANGE"


def test_r_c8_disagreement_the_raiser_and_the_operations_manager_are_not_offered_it(
    client, world, cwdt, decided_concern
):
    url = decided_concern.get_absolute_url()
    for person in (cwdt.sf_worker, cwdt.operations):
        client.force_login(person.user)
        assert "Record a disagreement" not in _page(client, url)
        post = client.post(url, {"step": "DISAGREE", "party": "FAMILY", "reason": "Mum disagrees"})
        assert post.status_code == 403
    assert Escalation.objects.get(pk=decided_concern.pk).status == EscalationStatus.DECIDED


def test_r_c8_final_decision_errors_are_shown_on_the_page(client, world, cwdt, decided_concern):
    services.disagree_with_escalation(
        escalation=decided_concern, party="FAMILY", reason="Dad disagrees", by=world.manager.user, now=timezone.now()
    )
    client.force_login(cwdt.operations.user)
    body = html.unescape(client.post(decided_concern.get_absolute_url(), {"step": "FINAL_DECISION"}).content.decode())
    assert "Select the final decision" in body
    body = html.unescape(
        client.post(
            decided_concern.get_absolute_url(), {"step": "FINAL_DECISION", "outcome": "NO_CHANGE"}
        ).content.decode()
    )
    assert "Enter the reasons for the final decision" in body
    assert Escalation.objects.get(pk=decided_concern.pk).status == EscalationStatus.DISAGREED
