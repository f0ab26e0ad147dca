"""My children's read model (people.child_lists): its order, its pages, and only what access allows."""

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from joinedup.core.rows import page_of
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import Duty
from joinedup.organisations.tests.factories import AreaFactory
from joinedup.people.child_lists import MyChildren
from joinedup.people.tests.factories import ChildFactory
from joinedup.teams.tests.factories import KeyWorkerAssignmentFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 3)


def _due(child, days, kind=DutyKind.VISIT):
    Duty.objects.create(
        child=child,
        kind=kind,
        status=DutyStatus.OPEN,
        due_on=TODAY + dt.timedelta(days=days),
        starts_on=TODAY - dt.timedelta(days=30),
        rule="C5-TEST",
        basis="Test",
        created_at=timezone.now(),
    )


def test_my_children_lists_overdue_first_then_key_children_then_soonest_due_then_by_name(world):
    worker = world.same_org_outsider
    names = ["Overdue", "Key", "Soon", "Later", "Aaa-Nothing", "Bbb-Nothing"]
    children = {n: ChildFactory(area=world.area, family_name=n) for n in names}
    for child in children.values():
        TeamMembershipFactory(child=child, practitioner=worker, role_in_team="Family support worker")
    _due(children["Overdue"], -3)
    _due(children["Overdue"], 40, DutyKind.CIN_REVIEW)
    KeyWorkerAssignmentFactory(child=children["Key"], practitioner=worker)
    _due(children["Soon"], 5)
    _due(children["Later"], 20)
    # In their team, but in another area: access does not let them see the child, so it is not listed.
    TeamMembershipFactory(child=ChildFactory(area=AreaFactory(), family_name="Elsewhere"), practitioner=worker)

    rows = MyChildren(worker.user, TODAY)
    listed = rows[0:10]
    assert [r.family_name for r in listed] == names
    assert len(rows) == 6
    overdue, key = listed[0], listed[1]
    assert (overdue.has_overdue, overdue.next_due_on, overdue.next_due_kind) == (
        True,
        TODAY - dt.timedelta(days=3),
        "VISIT",
    )
    assert (key.is_key_child, key.key_worker_name, key.next_due_on) == (True, worker.full_name, None)
    assert overdue.my_role == "Family support worker"
    assert overdue.pk == children["Overdue"].pk
    assert overdue.full_name == children["Overdue"].full_name


def test_my_children_reads_a_page_at_a_time(world):
    worker = world.same_org_outsider
    for n in range(5):
        TeamMembershipFactory(child=ChildFactory(area=world.area, family_name=f"Page{n}"), practitioner=worker)
    rows = MyChildren(worker.user, TODAY)
    assert [r.family_name for r in rows[2:4]] == ["Page2", "Page3"]
    assert rows[4].family_name == "Page4"
    assert rows[5:10] == []
    assert [r.family_name for r in rows] == [f"Page{n}" for n in range(5)]
    with pytest.raises(IndexError):
        rows[5]


def test_my_children_is_empty_for_someone_in_no_team(world):
    for user in (world.commissioner, world.administrator, world.parent):
        rows = MyChildren(user, TODAY)
        assert len(rows) == 0
        assert rows[0:50] == []


def test_a_page_of_my_children_and_their_count_come_from_one_query(world, django_assert_num_queries):
    worker = world.same_org_outsider
    for n in range(5):
        TeamMembershipFactory(child=ChildFactory(area=world.area, family_name=f"Page{n}"), practitioner=worker)
    rows = MyChildren(worker.user, TODAY)
    with django_assert_num_queries(1):
        page = page_of(rows, "2", 2)
        assert [r.family_name for r in page.object_list] == ["Page2", "Page3"]
        assert (page.paginator.count, page.paginator.num_pages, page.has_next()) == (5, 3, True)
    # A page past the end has no row to carry the count.
    assert rows.read_counted(10, 12) == ([], None)


@pytest.mark.parametrize("number", [None, "", "two", "2.5", "-1", "0", "1", "2", "3", "4", "99"])
def test_page_of_my_children_is_the_page_djangos_paginator_gives(world, number):
    """Whatever ``?page=`` holds, the same page as ``Paginator.get_page``: a number that is not one is
    the first page, one past the end or below 1 the last."""
    worker = world.same_org_outsider
    for n in range(5):
        TeamMembershipFactory(child=ChildFactory(area=world.area, family_name=f"Page{n}"), practitioner=worker)
    rows = MyChildren(worker.user, TODAY)
    ours, django = page_of(rows, number, 2), Paginator(rows, 2).get_page(number)
    assert (ours.number, ours.paginator.count) == (django.number, django.paginator.count)
    assert [r.id for r in ours.object_list] == [r.id for r in django.object_list]


def test_page_of_an_empty_my_children_is_the_first_page_with_nobody(world):
    page = page_of(MyChildren(world.same_org_outsider.user, TODAY), "3", 100)
    assert (page.number, page.paginator.count, list(page.object_list)) == (1, 0, [])
