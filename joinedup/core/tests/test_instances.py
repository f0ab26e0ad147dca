"""An instance made from a hand-written row is the one the ORM makes, on SQLite and PostgreSQL."""

import datetime as dt

import pytest

from joinedup.accounts.models import User
from joinedup.core.instances import columns, instance, instance_and_joined
from joinedup.core.rows import fetch
from joinedup.organisations.models import Team
from joinedup.people.choices import EhcPlanStatus
from joinedup.people.models import Child
from joinedup.people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def test_a_child_read_by_hand_has_every_value_the_orm_gives_it(world):
    child = ChildFactory(
        area=world.area,
        holding_team=world.hub,
        is_young_carer=True,
        young_carer_referred_on=dt.date(2026, 3, 4),
        ehc_plan_status=EhcPlanStatus.PLAN,
        nhs_number=None,
    )
    (row,) = fetch(f"SELECT {columns(Child, 'c')} FROM people_child c WHERE c.id = %s", [child.pk])  # noqa: S608
    read = instance(Child, row)
    assert _fields(read) == _fields(Child.objects.get(pk=child.pk))
    assert read.is_young_carer is True  # SQLite keeps 1; the converter makes it a boolean
    assert read.pk == child.pk
    assert read.nhs_number is None


def test_an_instance_read_by_hand_is_saved_as_an_update_not_a_new_row(world):
    (row,) = fetch(f"SELECT {columns(Child, 'c')} FROM people_child c WHERE c.id = %s", [world.child.pk])  # noqa: S608
    read = instance(Child, row)
    assert read._state.adding is False
    read.school_or_setting = "Oak Tree School"
    read.save()
    assert Child.objects.filter(school_or_setting="Oak Tree School").count() == 1


def test_a_time_comes_back_aware_and_equal_and_a_joined_row_splits_at_the_width(world):
    user = world.key_worker.user
    user.last_login = dt.datetime(2026, 11, 30, 8, 15, 30, 123456, tzinfo=dt.UTC)
    user.save()
    (row,) = fetch(
        f"SELECT {columns(User, 'u')}, {columns(Team, 't')} FROM accounts_user u, organisations_team t"  # noqa: S608
        " WHERE u.id = %s AND t.id = %s",
        [user.pk, world.hub.pk],
    )
    read_user, read_team = instance_and_joined(User, Team, row)
    assert read_user.last_login == user.last_login
    assert read_user.last_login.tzinfo is not None
    assert _fields(read_user) == _fields(User.objects.get(pk=user.pk))
    assert _fields(read_team) == _fields(Team.objects.get(pk=world.hub.pk))


def test_a_left_join_that_found_nothing_gives_no_joined_instance(world):
    (row,) = fetch(
        f"SELECT {columns(Child, 'c')}, {columns(Team, 't')} FROM people_child c"  # noqa: S608
        " LEFT JOIN organisations_team t ON t.id = c.holding_team_id WHERE c.id = %s",
        [ChildFactory(area=world.area, holding_team=None).pk],
    )
    child, team = instance_and_joined(Child, Team, row)
    assert team is None
    assert child.holding_team_id is None
