"""B6 handover pages and API: start, read, complete, cancel; the summary; query counts stay flat."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.handovers import selectors
from joinedup.handovers.choices import HandoverStatus
from joinedup.handovers.models import Handover
from joinedup.handovers.tests.factories import give_open_work, make_handover
from joinedup.meetings.tests.factories import MeetingFactory
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.people.models import AllAboutMe, Child
from joinedup.plans.tests.factories import ActionFactory, OutcomeFactory, PlanFactory
from joinedup.teams.models import KeyWorkerAssignment
from joinedup.teams.tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db

REASON = "He asked for her by name: she signs and knows the family from short breaks"


def _page(response):
    return html.unescape(response.content.decode())


def _url(name, world, handover=None):
    args = [world.child.pk] + ([handover.pk] if handover else [])
    return reverse(f"handovers:{name}", args=args)


def test_r_b6_the_whole_handover_through_the_pages(client, world):
    give_open_work(world, timezone.localdate())
    AllAboutMe.objects.update_or_create(
        child=world.child, defaults={"life_goals": "To go to college", "likes": "Trains", "ambitions": "Drive a bus"}
    )
    Child.objects.filter(pk=world.child.pk).update(legal_status="CHILD_PROTECTION_PLAN")
    client.force_login(world.manager.user)
    choose = _page(client.get(_url("handover-start", world)))
    assert world.key_worker.full_name in choose
    assert "Holds 2 open actions, 1 planned meetings" in choose
    start_url = _url("handover-start", world) + f"?from={world.key_worker.pk}"
    form = _page(client.get(start_url))
    assert "Suggested key workers" in form
    response = client.post(start_url, {"to_practitioner": str(world.same_org_outsider.pk), "reason": REASON})
    handover = Handover.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("handover-detail", world, handover)
    page = _page(client.get(response["Location"]))
    for text in ("Risks", "Legal status: Child protection plan", "To go to college", "Trains", "Book respite"):
        assert text in page
    assert "Confirm you have read" not in page  # only the new person confirms
    assert "Complete the handover" in page

    # Completing before the summary is read is refused; nothing moves.
    refused = _page(client.post(_url("handover-complete", world, handover)))
    assert "must confirm they have read the handover summary first" in refused
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == world.key_worker

    client.force_login(world.same_org_outsider.user)
    assert "I have read the handover summary" in _page(client.get(_url("handover-read", world, handover)))
    assert "Confirm you have read" in _page(client.post(_url("handover-read", world, handover), {}))
    client.post(_url("handover-read", world, handover), {"confirm": "on"})
    assert Handover.objects.get().status == HandoverStatus.READ

    client.force_login(world.key_worker.user)  # the old person completes it
    confirm = _page(client.get(_url("handover-complete", world, handover)))
    assert "2 open plan actions" in confirm
    assert "the key worker role" in confirm
    client.post(_url("handover-complete", world, handover))
    done = Handover.objects.get()
    assert done.status == HandoverStatus.COMPLETED
    assert done.counts["old_after"]["actions"] == 0
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == world.same_org_outsider
    assert "Completed" in _page(client.get(_url("handover-list", world)))


def test_r_b6_a_team_member_hands_over_only_their_own_work(client, world):
    client.force_login(world.team_member.user)
    choose = _page(client.get(_url("handover-start", world)))
    assert world.team_member.full_name in choose
    assert world.key_worker.full_name not in choose
    assert client.get(_url("handover-start", world) + f"?from={world.key_worker.pk}").status_code == 403
    own = _page(client.get(_url("handover-start", world) + f"?from={world.team_member.pk}"))
    assert "Suggested key workers" not in own
    assert "Who will take over" in own


def test_r_b6_errors_keep_the_input_and_store_nothing(client, world):
    client.force_login(world.manager.user)
    start_url = _url("handover-start", world) + f"?from={world.key_worker.pk}"
    page = _page(client.post(start_url, {"to_practitioner": str(world.same_org_outsider.pk), "reason": "Same job"}))
    assert page.count("Doing the same job as the last key worker is not a reason on its own") >= 1
    assert Handover.objects.count() == 0
    handover = make_handover(world.child)
    page = _page(client.post(_url("handover-cancel", world, handover), {"reason": ""}))
    assert "Enter why the handover is cancelled" in page
    client.post(_url("handover-cancel", world, handover), {"reason": "Staying after all"})
    assert Handover.objects.get().status == HandoverStatus.CANCELLED


def _grow(world, n):
    plan = PlanFactory(child=world.child, status="CURRENT", kind="SHORT_BREAKS") if n else None
    for i in range(n):
        outcome = OutcomeFactory(plan=plan)
        ActionFactory(outcome=outcome, responsible_practitioner=world.key_worker, responsible_other="")
        MeetingFactory(child=world.child, organiser=world.key_worker, title=f"Meeting {i}")


def _summary_queries(world):
    with CaptureQueriesContext(connection) as ctx:
        selectors.handover_summary(world.child, world.key_worker, today=timezone.localdate())
    return len(ctx.captured_queries)


def test_r_b6_summary_takes_a_fixed_number_of_queries(world):
    assert _summary_queries(world) == selectors.SUMMARY_QUERIES
    _grow(world, 4)
    assert _summary_queries(world) == selectors.SUMMARY_QUERIES


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_handover_pages_queries_do_not_grow(client, world):
    client.force_login(world.manager.user)
    make_handover(world.child)
    urls = [_url("handover-list", world), _url("handover-start", world)]
    before = [_page_queries(client, u) for u in urls]
    _grow(world, 3)
    make_handover(world.child, old=world.team_member, new=world.same_org_outsider)
    for _ in range(3):  # more people whose work could be handed over
        TeamMembershipFactory(child=world.child, practitioner=PractitionerFactory(organisation=world.hub.organisation))
    assert [_page_queries(client, u) for u in urls] == before


def test_r_b6_api_start_read_complete(client, world):
    give_open_work(world, timezone.localdate())
    base = f"/api/v1/children/{world.child.pk}/handovers/"
    client.force_login(world.manager.user)
    body = {
        "from_practitioner_id": str(world.key_worker.pk),
        "to_practitioner_id": str(world.same_org_outsider.pk),
        "reason": "Same job as before",
    }
    refused = client.post(base, body, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["rule"] == "B3-NOT-SAME-JOB"
    started = client.post(base, body | {"reason": REASON}, content_type="application/json")
    assert started.status_code == 201
    assert started.json()["summary"]["holds"]["actions"] == 2
    hid = started.json()["id"]
    assert client.post(f"{base}{hid}/complete/", content_type="application/json").status_code == 422
    assert client.post(f"{base}{hid}/read/", content_type="application/json").status_code == 403
    client.force_login(world.same_org_outsider.user)
    assert client.post(f"{base}{hid}/read/", content_type="application/json").json()["status"] == "READ"
    client.force_login(world.manager.user)
    done = client.post(f"{base}{hid}/complete/", content_type="application/json").json()
    assert done["status"] == "COMPLETED"
    assert done["counts"]["new_after"]["actions"] == 2
    assert [h["status"] for h in client.get(base).json()] == ["COMPLETED"]


def test_r_b6_the_complete_page_counts_the_duties_the_sweep_has_not_yet_made(client, world):
    """The page shows what completing will move: the child's duties are brought up to date first, so
    a duty the nightly sweep has not yet made is counted on the page, not only in the counts moved."""
    handover = make_handover(world.child, old=world.key_worker, new=world.same_org_outsider)
    Handover.objects.filter(pk=handover.pk).update(
        status=HandoverStatus.READ, read_by=world.same_org_outsider.user, read_at=timezone.now()
    )
    assert selectors.open_items_of(world.child, world.key_worker).duties == 0  # never swept
    client.force_login(world.manager.user)
    confirm = _page(client.get(_url("handover-complete", world, handover)))
    shown = selectors.open_items_of(world.child, world.key_worker).duties
    assert shown > 0  # at least the key worker's contact with the family
    assert f"{shown} open duties and reviews" in confirm
    client.post(_url("handover-complete", world, handover))
    assert Handover.objects.get().counts["old_before"]["duties"] == shown
