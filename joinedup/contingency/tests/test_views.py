"""B7 pages: cover for key workers, naming a cover, marking someone inactive (with a check first) or
active again, children being covered, and the banner on the child's page. Query counts stay flat."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.contingency.models import Absence, ContingencyFlag, Cover
from joinedup.contingency.tests.factories import key_worked_child, mark_away, name_cover
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.teams.models import KeyWorkerAssignment

pytestmark = pytest.mark.django_db


def _page(response):
    return html.unescape(response.content.decode())


def _inactive_form(**changes):
    today = timezone.localdate()
    return {
        "kind": "SICK_LEAVE",
        "from_date-day": str(today.day),
        "from_date-month": str(today.month),
        "from_date-year": str(today.year),
        "note": "Expected back in spring",
        **changes,
    }


def test_cover_list_shows_each_key_worker_and_no_cover_as_a_breach(client, world):
    client.force_login(world.manager.user)
    key_worked_child(world)

    page = _page(client.get(reverse("contingency:cover-list")))

    assert world.key_worker.full_name in page
    assert "No cover named" in page
    assert "1 key worker, 1 without usable cover" in page
    assert reverse("contingency:cover-set", args=[world.key_worker.pk]) in page
    name_cover(world)
    page = _page(client.get(reverse("contingency:cover-list")))
    assert "No cover named" not in page
    assert world.same_org_outsider.full_name in page


def test_cover_list_query_count_does_not_grow(client, world):
    client.force_login(world.manager.user)
    url = reverse("contingency:cover-list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        colleague = PractitionerFactory(organisation=world.hub.organisation, teams=[world.hub])
        key_worked_child(world, key_worker=colleague)
        name_cover(world, cover=world.same_org_outsider, key_worker=colleague)
    with CaptureQueriesContext(connection) as many:
        page = _page(client.get(url))
    assert "4 key workers" in page
    assert len(many) == len(few)


def test_cover_pages_are_for_managers(client, world):
    for user in (world.key_worker.user, world.team_member.user, world.commissioner):
        client.force_login(user)
        assert client.get(reverse("contingency:cover-list")).status_code == 403
        assert client.get(reverse("contingency:children-covered")).status_code == 403


def test_naming_a_cover(client, world):
    client.force_login(world.manager.user)
    url = reverse("contingency:cover-set", args=[world.key_worker.pk])
    assert "Who covers" in _page(client.get(url))

    refused = client.post(url, {"cover": "", "reason": ""})
    assert "Select who covers" in _page(refused)
    assert "Enter why" in _page(refused)

    response = client.post(url, {"cover": str(world.same_org_outsider.pk), "reason": "Same hub", "version": ""})

    assert response.status_code == 302
    assert Cover.objects.get(key_worker=world.key_worker).cover == world.same_org_outsider


def test_marking_inactive_shows_the_children_first_and_changes_nothing_until_confirmed(client, world):
    name_cover(world)
    second = key_worked_child(world)
    client.force_login(world.manager.user)
    url = reverse("contingency:mark-inactive", args=[world.key_worker.pk])
    assert "Mark " + world.key_worker.full_name + " inactive" in _page(client.get(url))

    check = _page(client.post(url, _inactive_form()))

    assert "Check before you mark" in check
    assert world.child.full_name in check
    assert second.full_name in check
    assert world.same_org_outsider.full_name + " is the named cover" in check
    assert not Absence.objects.exists()
    assert not ContingencyFlag.objects.exists()

    done = client.post(url, _inactive_form(confirmed="yes"))

    assert done.status_code == 302
    assert done["Location"] == reverse("contingency:children-covered")
    assert ContingencyFlag.objects.open().count() == 2
    page = _page(client.get(done["Location"]))
    assert world.child.full_name in page
    assert second.full_name in page


def test_marking_inactive_errors_keep_the_form(client, world):
    client.force_login(world.manager.user)
    url = reverse("contingency:mark-inactive", args=[world.key_worker.pk])
    page = _page(client.post(url, {"kind": "", "note": ""}))
    assert "Select why they are away" in page
    assert "There is a problem" in page
    page = _page(client.post(url, _inactive_form(kind="OTHER_ABSENCE", note="", confirmed="yes")))
    assert "Enter why they are away" in page
    assert not Absence.objects.exists()


def test_children_covered_query_count_does_not_grow(client, world):
    name_cover(world)
    client.force_login(world.manager.user)
    url = reverse("contingency:children-covered")
    assert "No child in your teams is being covered" in _page(client.get(url))
    mark_away(world)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    colleague = PractitionerFactory(organisation=world.hub.organisation, teams=[world.hub])
    for _ in range(3):
        key_worked_child(world, key_worker=colleague)
    mark_away(world, colleague, kind="LEFT")
    before = AuditEvent.objects.filter(action="LISTED").count()
    with CaptureQueriesContext(connection) as many:
        page = _page(client.get(url))
    assert "4 children being covered" in page
    assert "Nobody: urgent" in page
    assert len(many) == len(few)
    assert AuditEvent.objects.filter(action="LISTED").count() - before == 4


def test_the_child_page_shows_who_is_covering(client, world):
    name_cover(world)
    mark_away(world, kind="PARENTAL_LEAVE")
    client.force_login(world.manager.user)

    page = _page(client.get(reverse("people:child-detail", args=[world.child.pk])))

    assert f"{world.key_worker.full_name} is away (long absence: parental leave)" in page
    assert f"{world.same_org_outsider.full_name} is covering as key worker since" in page
    assert reverse("teams:key-worker-assign", args=[world.child.pk]) in page


def _flag_reads(client, child):
    """The queries of the child's page that read contingency flags on their own (not as a subquery)."""
    with CaptureQueriesContext(connection) as queries:
        page = _page(client.get(reverse("people:child-detail", args=[child.pk])))
    return page, [q["sql"] for q in queries if 'FROM "contingency_contingencyflag"' in q["sql"].split("EXISTS")[0]]


def test_the_child_page_reads_the_flag_only_while_there_is_one(client, world):
    client.force_login(world.manager.user)
    page, reads = _flag_reads(client, world.child)
    assert "is away" not in page
    assert reads == []  # the child's own read says there is none

    name_cover(world)
    mark_away(world)
    page, reads = _flag_reads(client, world.child)
    assert f"{world.key_worker.full_name} is away (long absence: sick leave)" in page
    assert len(reads) == 1


def test_marking_active_again_leaves_the_children_with_the_cover(client, world):
    name_cover(world)
    mark_away(world)
    client.force_login(world.manager.user)
    url = reverse("contingency:mark-active", args=[world.key_worker.pk])
    listed = _page(client.get(reverse("contingency:cover-list")))
    assert "Away now" in listed
    assert url in listed
    assert "stay with their cover" in _page(client.get(url))

    assert client.post(url, {"note": "Back from leave"}).status_code == 302

    world.key_worker.refresh_from_db()
    assert world.key_worker.is_active
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == world.same_org_outsider


# Who may open each page naming a practitioner (the key worker): their team manager only. A practitioner
# of another area, and any practitioner for a family, is 404; anyone else signed in is 403.
PRACTITIONER_ROUTES = ["contingency:cover-set", "contingency:mark-inactive", "contingency:mark-active"]


@pytest.mark.parametrize("route", PRACTITIONER_ROUTES)
def test_r_g1_practitioner_pages_only_for_their_managers(client, world, route):
    problems = []
    for persona, user in world.personas().items():
        for target, in_area in ((world.key_worker, True), (world.other_area_practitioner, False)):
            client.logout()
            if user is not None:
                client.force_login(user)
            status = client.get(reverse(route, args=[target.pk])).status_code
            if user is None:
                expected = 302
            elif user.is_family or in_area == (persona == "other_area"):
                expected = 404  # a practitioner of another area is not found
            else:
                expected = 200 if persona == "manager" else 403
            if status != expected:
                problems.append(f"{persona} on {'key_worker' if in_area else 'other area'}: {status}, not {expected}")
    assert problems == []
