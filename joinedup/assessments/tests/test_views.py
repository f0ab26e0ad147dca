"""C10 pages: the child's Assessments page, its forms (errors keep what was typed), and the Resource
Panel's agenda for managers (403 for others; only children in reach; oldest first)."""

import html
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.assessments.choices import PackageStatus, RequestStatus
from joinedup.assessments.models import Package, PanelRequest, SingleAssessment
from joinedup.assessments.tests.factories import carers_assessment, package, single_assessment, transitions_assessment
from joinedup.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _page(client, url, data=None):
    response = client.post(url, data) if data is not None else client.get(url)
    return response, html.unescape(response.content.decode())


def _date(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def _url(name, world, **kwargs):
    return reverse(f"assessments:{name}", kwargs={"child_id": world.child.pk, **kwargs})


def test_r_c10_record_the_child_page_links_to_assessments_and_the_empty_page_says_so(client, world):
    client.force_login(world.key_worker.user)
    _, child_page = _page(client, reverse("people:child-detail", args=[world.child.pk]))
    assert _url("assessments", world) in child_page
    response, body = _page(client, _url("assessments", world))
    assert response.status_code == 200
    for text in (
        "No single assessment has been recorded",
        "No carers assessment has been recorded.",
        "No transitions assessment has been recorded.",
        "No direct payments or short breaks package has been recorded.",
        "Start a single assessment",
    ):
        assert text in body


def test_r_c10_single_assessment_sw_start_then_complete_through_the_pages(client, world):
    client.force_login(world.key_worker.user)
    _, form = _page(client, _url("single-start", world))
    assert world.key_worker.full_name in form
    assert world.team_member.full_name not in form
    today = timezone.localdate()
    response, _ = _page(
        client, _url("single-start", world), {"social_worker": str(world.key_worker.pk), **_date("started_on", today)}
    )
    assert response.status_code == 302
    assessment = SingleAssessment.objects.get(child=world.child)
    complete = _url("single-complete", world, assessment_id=assessment.pk)
    typed = {"outcome": "Short breaks recommended", "carers_offered": "no", **_date("completed_on", today)}
    response, body = _page(client, complete, typed)
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Offer the parents and carers a carers assessment" in body
    assert "Short breaks recommended" in body  # what was typed is kept
    response, _ = _page(client, complete, typed | {"carers_offered": "yes", "carers_taken_up": "yes"})
    assert response.status_code == 302
    _, page = _page(client, _url("assessments", world))
    assert "Single assessment completed" in page
    assert "Offered; taken up" in page
    assert client.get(complete).status_code == 404  # completed: no form


def test_r_c10_package_after_sa_the_form_explains_and_keeps_what_was_typed(client, world):
    client.force_login(world.key_worker.user)
    typed = {
        "kind": "SHORT_BREAKS",
        "asked": "Saturday club twice a month",
        "amount": "2400",
        "overnight_respite": "no",
    }
    response, body = _page(client, _url("package-add", world), typed)
    assert response.status_code == 200
    assert "start the child's single assessment first" in body
    assert "Saturday club twice a month" in body
    assert 'value="2400"' in body
    response, body = _page(client, _url("package-add", world), typed | {"amount": "lots"})
    assert "Amount a year must be an amount in pounds, like 1200 or 1200.50" in body
    assert not Package.objects.exists()


def test_r_c10_carers_outcomes_recorded_through_the_page_with_its_review_due(client, world):
    from joinedup.duties.services import sweep

    sweep(today=timezone.localdate(), now=timezone.now())
    client.force_login(world.key_worker.user)
    carer = world.child.carer_links.get().carer
    data = {
        "carer": str(carer.pk),
        "assessor": str(world.key_worker.pk),
        "outcomes": ["ADVICE", "SMALL_FINANCIAL_PACKAGE"],
        "notes": "A small grant towards a washing machine",
        "review_months": "6",
        **_date("assessed_on", timezone.localdate()),
    }
    response, body = _page(client, _url("carers-add", world), data | {"outcomes": []})
    assert "Select at least one outcome" in body
    assert "A small grant towards a washing machine" in body
    response, _ = _page(client, _url("carers-add", world), data)
    assert response.status_code == 302
    _, page = _page(client, _url("assessments", world))
    assert "Other support, including a small financial package" in page
    assert "The next carers assessment review is due" in page


def test_r_c10_transitions_worker_the_form_says_when_there_is_no_allocated_worker(client, world):
    client.force_login(world.key_worker.user)
    _, body = _page(client, _url("transitions-add", world))
    assert "has no allocated or assigned worker" in body


def test_r_c10_panel_decision_the_resource_panel_is_for_managers(client, world):
    for persona in ("key_worker", "team_member", "commissioner", "administrator"):
        client.force_login(world.personas()[persona])
        assert client.get(reverse("assessments:resource-panel")).status_code == 403, persona


def test_r_c10_panel_decision_the_agenda_lists_waiting_requests_oldest_first_in_reach_only(client, world):
    older = package(world.child, amount=None).requests.get()
    newer = package(world.child, amount=None).requests.get()
    PanelRequest.objects.filter(pk=older.pk).update(requested_on=older.requested_on - timedelta(days=10))
    PanelRequest.objects.filter(pk=newer.pk).update(asked="A holiday scheme place")
    package(world.other_child, amount=None)  # out of the manager's reach
    client.force_login(world.manager.user)
    response, body = _page(client, reverse("assessments:resource-panel"))
    assert response.status_code == 200
    assert world.other_child.full_name not in body
    assert body.index("A personal assistant") < body.index("A holiday scheme place")  # oldest first
    assert AuditEvent.objects.filter(child=world.child, action="LISTED", what="Resource Panel").count() == 1
    assert not AuditEvent.objects.filter(child=world.other_child, what="Resource Panel").exists()


def test_r_c10_panel_decision_recorded_from_the_agenda(client, world):
    request = package(world.child, amount=None).requests.get()
    client.force_login(world.manager.user)
    url = _url("panel-decide", world, request_id=request.pk)
    today = timezone.localdate()
    response, body = _page(
        client, url, {"outcome": "APPROVED", "amount_approved": "9000", **_date("decided_on", today)}
    )
    assert "no more than the £5,000 a year asked for" in body
    assert 'value="9000"' in body
    response, _ = _page(
        client, url, {"outcome": "APPROVED", "amount_approved": "4750.50", **_date("decided_on", today)}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:resource-panel")
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert Package.objects.get(pk=request.package_id).status == PackageStatus.IN_PLACE
    _, agenda = _page(client, reverse("assessments:resource-panel"))
    assert "No requests are waiting for the panel." in agenda
    assert "Approved: £4,750.50" in agenda
    assert client.get(url).status_code == 404  # decided: no longer waiting


def test_r_c10_small_increase_the_change_form_shows_the_limit_and_refuses_a_larger_change(client, world):
    in_place = package(world.child, amount=Decimal("5000"))
    client.force_login(world.key_worker.user)
    url = _url("package-change", world, package_id=in_place.pk)
    _, form = _page(client, url)
    assert "Up to £5,500 a year, identified at a review" in form
    today = timezone.localdate()
    response, body = _page(
        client, url, {"asked": "More hours", "amount": "8000", "adds_overnight": "no", **_date("reviewed_on", today)}
    )
    assert response.status_code == 200
    assert "A larger change needs an updated single assessment by a social worker first" in body
    assert "More hours" in body


def _count_page(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_r_c10_record_the_assessments_page_reads_a_fixed_number_of_queries(client, world):
    client.force_login(world.manager.user)

    def fill():
        single_assessment(world.child)
        carers_assessment(world.child)
        transitions_assessment(world.child)
        package(world.child)
        package(world.child, amount=None)

    fill()
    one = _count_page(client, _url("assessments", world))
    for _ in range(4):
        fill()
    assert _count_page(client, _url("assessments", world)) == one


def test_r_c10_panel_decision_the_agenda_reads_a_fixed_number_of_queries(client, world):
    from joinedup.people.tests.factories import ChildFactory

    client.force_login(world.manager.user)
    package(world.child, amount=None)
    one = _count_page(client, reverse("assessments:resource-panel"))
    for _ in range(5):
        package(ChildFactory(area=world.area, holding_team=world.hub), amount=None)
    assert _count_page(client, reverse("assessments:resource-panel")) == one
