"""Pages of the child's record: bad input refused with GOV.UK messages, nothing stored, fixed query counts."""

import html
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from joinedup.people.models import AllAboutMe, Child
from joinedup.people.tests.factories import ChildFactory, shared_and_hidden_siblings
from joinedup.teams.tests.factories import KeyWorkerAssignmentFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db


def _details_post(child, **changes):
    data = {
        "version": child.version,
        "given_name": child.given_name,
        "family_name": child.family_name,
        "date_of_birth-day": child.date_of_birth.day,
        "date_of_birth-month": child.date_of_birth.month,
        "date_of_birth-year": child.date_of_birth.year,
        "nhs_number": child.nhs_number,
        "local_id": child.local_id,
        "ehc_plan_status": "NONE",
        "legal_status": "CHILD_IN_NEED",
        "needs": ["LEARNING_DISABILITY"],
    }
    return data | changes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"nhs_number": "943 476 5918"}, "Enter a valid NHS number: the check digit does not match"),
        ({"date_of_birth-year": "2099"}, "Date of birth must be today or in the past"),
        ({"date_of_birth-day": "31", "date_of_birth-month": "2"}, "Date of birth must be a real date"),
        ({"date_of_birth-month": ""}, "Date of birth must include a month"),
        ({"given_name": ""}, "Enter the child's first name"),
    ],
)
def test_r_a1_bad_details_are_refused_with_a_govuk_message_and_nothing_is_stored(client, world, changes, message):
    client.force_login(world.key_worker.user)
    response = client.post(
        reverse("people:child-edit", args=[world.child.pk]), _details_post(world.child, given_name="Renamed") | changes
    )
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    assert Child.objects.get(pk=world.child.pk).given_name == world.child.given_name


def test_r_g5_second_save_of_all_about_me_is_refused_and_its_text_kept_on_the_page(client, world):
    url = reverse("people:all-about-me-edit", args=[world.child.pk])
    client.force_login(world.key_worker.user)
    client.post(url, {"version": "0", "written_by": "OWN_WORDS", "likes": "Trains"})
    client.force_login(world.manager.user)
    response = client.post(url, {"version": "0", "written_by": "OWN_WORDS", "likes": "Buses and lifts"})
    body = html.unescape(response.content.decode())
    assert "Someone else saved All about me while you were editing" in body
    assert "Buses and lifts" in body  # the second editor's text is still on the page
    assert "Trains" in body  # and the saved version is shown beside it
    assert AllAboutMe.objects.get(child=world.child).likes == "Trains"


def _caseload(practitioner, size):
    for _ in range(size):
        child = ChildFactory(area=practitioner.organisation.area, needs=["LEARNING_DISABILITY"])
        TeamMembershipFactory(child=child, practitioner=practitioner)
        KeyWorkerAssignmentFactory(child=child, practitioner=practitioner)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_my_children_query_count_is_the_same_for_5_and_50_children(client, world):
    practitioner = world.same_org_outsider
    client.force_login(practitioner.user)
    _caseload(practitioner, 5)
    five = _queries(client, reverse("people:my-children"))
    _caseload(practitioner, 45)
    assert _queries(client, reverse("people:my-children")) == five


def test_child_page_query_count_does_not_grow_with_the_team_or_family(client, world):
    client.force_login(world.manager.user)
    url = reverse("people:child-detail", args=[world.child.pk])
    small = _queries(client, url)
    for _ in range(10):
        TeamMembershipFactory(child=world.child, added_by=world.manager.user)
    assert _queries(client, url) == small


def test_my_children_shows_key_children_first(client, world):
    practitioner = world.key_worker
    extra = ChildFactory(area=world.area, family_name="Aardvark")
    TeamMembershipFactory(child=extra, practitioner=practitioner)
    client.force_login(practitioner.user)
    body = html.unescape(client.get(reverse("people:my-children")).content.decode())
    assert body.index(world.child.family_name) < body.index("Aardvark")
    assert "Your key child" in body


def test_r_b2_my_children_names_each_childs_current_key_worker(client, world):
    """B2: the worker sees who each child's key worker is; a child whose key worker stepped down
    shows that it has none."""
    without = ChildFactory(area=world.area, family_name="Aardvark")
    TeamMembershipFactory(child=without, practitioner=world.team_member)
    KeyWorkerAssignmentFactory(child=without, practitioner=world.manager, end_date=date(2026, 3, 1))
    client.force_login(world.team_member.user)
    body = html.unescape(client.get(reverse("people:my-children")).content.decode())
    rows = body.split('<tr class="govuk-table__row">')[2:]
    aardvark, child = sorted(rows, key=lambda row: "Aardvark" not in row)
    assert "No key worker" in aardvark
    assert world.manager.full_name not in aardvark
    assert world.key_worker.full_name in child
    assert "No key worker" not in child


def test_empty_my_children_explains_what_to_do(client, world):
    client.force_login(world.commissioner)
    body = html.unescape(client.get(reverse("people:my-children")).content.decode())
    assert "You are not in any child's interagency team yet" in body


def test_r_g1_child_page_names_only_siblings_the_user_may_see(client, world):
    shared, hidden = shared_and_hidden_siblings(world, given_name="Ada", family_name="Okafor")
    client.force_login(world.key_worker.user)

    page = html.unescape(client.get(reverse("people:child-detail", args=[world.child.pk])).content.decode())

    assert "Brothers and sisters" in page
    assert f'href="{reverse("people:child-detail", args=[shared.pk])}">Ada Okafor</a>' in page
    assert "whose record is not shared with you" in page
    for secret in (hidden.given_name, hidden.family_name, str(hidden.pk)):
        assert secret not in page


def test_child_page_without_siblings_has_no_siblings_section(client, world):
    client.force_login(world.key_worker.user)
    page = html.unescape(client.get(reverse("people:child-detail", args=[world.child.pk])).content.decode())
    assert "Brothers and sisters" not in page
