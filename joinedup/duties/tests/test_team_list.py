"""The team overdue list's read model (duties.team_list): what each list holds, and for whom."""

import datetime as dt

import pytest
from django.utils import timezone

from joinedup.duties import team_list
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import Duty
from joinedup.people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 3)


def _duty(child, days, owner=None, kind=DutyKind.VISIT):
    return Duty.objects.create(
        child=child,
        kind=kind,
        status=DutyStatus.OPEN,
        due_on=TODAY + dt.timedelta(days=days),
        starts_on=TODAY - dt.timedelta(days=60),
        owner=owner,
        rule="C5-TEST",
        basis="Test",
        created_at=timezone.now(),
    )


def test_r_c5_the_lists_hold_overdue_duties_oldest_first_and_unowned_ones_not_yet_due(world):
    later = ChildFactory(area=world.area, holding_team=world.hub, family_name="Aardvark")
    late = _duty(world.child, -10, owner=world.key_worker)
    late_nobodys = _duty(later, -2, kind=DutyKind.CIN_REVIEW)
    unowned = _duty(later, 5)
    _duty(world.child, 5, owner=world.key_worker, kind=DutyKind.CIN_REVIEW)  # owned and not due: on neither list
    _duty(world.other_child, -30)  # held by another hub

    lists = team_list.team_lists(world.manager.user, TODAY)
    assert (lists.overdue_count, lists.unowned_count) == (2, 1)
    overdue = lists.overdue[0:50]
    assert [d.id for d in overdue] == [late.pk, late_nobodys.pk]
    assert (overdue[0].child.pk, overdue[0].child.full_name) == (world.child.pk, world.child.full_name)
    assert overdue[0].owner is not None
    assert overdue[0].owner.full_name == world.key_worker.full_name
    assert overdue[1].owner is None
    assert overdue[1].child_id == later.pk
    assert [d.id for d in lists.unowned[0:50]] == [unowned.pk]
    assert lists.overdue[1].id == late_nobodys.pk
    assert lists.overdue[2:50] == []


def test_r_c5_only_a_manager_has_team_lists(world):
    _duty(world.child, -10)
    for user in (world.key_worker.user, world.team_member.user, world.parent, world.commissioner):
        lists = team_list.team_lists(user, TODAY)
        assert (lists.overdue_count, lists.unowned_count, lists.overdue[0:50]) == (0, 0, [])
    assert team_list.team_lists(world.manager.user, TODAY).overdue_count == 1


def test_r_c5_duties_due_the_same_day_go_by_the_childs_name_then_the_kind(world):
    baker = ChildFactory(area=world.area, holding_team=world.hub, family_name="Baker", given_name="Ann")
    adams = ChildFactory(area=world.area, holding_team=world.hub, family_name="Adams", given_name="Zoe")
    bakers_visit = _duty(baker, -3)
    adams_visit = _duty(adams, -3)
    adams_review = _duty(adams, -3, kind=DutyKind.CIN_REVIEW)
    earlier = _duty(baker, -4, kind=DutyKind.CIN_REVIEW)

    overdue = team_list.team_lists(world.manager.user, TODAY).overdue
    assert [d.id for d in overdue[0:50]] == [earlier.pk, adams_review.pk, adams_visit.pk, bakers_visit.pk]
    assert [(d.kind, d.basis, d.due_on) for d in overdue[1:3]] == [
        (DutyKind.CIN_REVIEW, "Test", TODAY - dt.timedelta(days=3)),
        (DutyKind.VISIT, "Test", TODAY - dt.timedelta(days=3)),
    ]
    assert [d.id for d in overdue[2:3]] == [adams_visit.pk]  # a page of one, cut in the same order
