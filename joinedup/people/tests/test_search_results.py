"""Finding a child (the search page's read model): by name, date of birth or NHS number, within reach."""

import datetime as dt

import pytest

from joinedup.people import search_results
from joinedup.people.tests.factories import ChildFactory
from joinedup.teams.tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


def _in_team(world, **fields):
    child = ChildFactory(area=world.area, **fields)
    TeamMembershipFactory(child=child, practitioner=world.key_worker, added_by=world.manager.user)
    return child


def _found(world, query):
    return [c.pk for c in search_results.search(world.key_worker.user, query)]


def test_every_word_is_found_in_a_name_whatever_its_case(world):
    amara = _in_team(world, given_name="Amara", family_name="Okafor", preferred_name="Mara")
    _in_team(world, given_name="Amara", family_name="Jones")
    assert _found(world, "amara OKAFOR") == [amara.pk]
    assert _found(world, "kaf") == [amara.pk]  # part of a name
    assert amara.pk in _found(world, "mara")  # the preferred name counts too


def test_a_date_of_birth_or_an_nhs_number_finds_exactly_that_child(world):
    born = _in_team(world, date_of_birth=dt.date(2015, 12, 31), nhs_number="9434765919")
    _in_team(world, date_of_birth=dt.date(2015, 12, 30))
    assert _found(world, "31/12/2015") == [born.pk]
    assert _found(world, "2015-12-31") == [born.pk]
    assert _found(world, "943 476 5919") == [born.pk]
    assert _found(world, "31/02/2015") == []  # no such date: a name search, which finds nobody


def test_like_wildcards_typed_in_a_search_are_only_characters(world):
    _in_team(world, given_name="Tom", family_name="Ellis")
    assert _found(world, "%") == []
    assert _found(world, "_") == []


def test_only_children_in_reach_are_found_and_they_come_by_family_then_given_name(world):
    b = _in_team(world, given_name="Ada", family_name="Quillbrook")
    a2 = _in_team(world, given_name="Zoe", family_name="Quillabot")
    a1 = _in_team(world, given_name="Ada", family_name="Quillabot")
    ChildFactory(area=world.area, given_name="Ada", family_name="Quillabot")  # not in their team
    assert _found(world, "quill") == [a1.pk, a2.pk, b.pk]
    assert search_results.search(world.parent, "quill") == []  # a parent finds nobody here


def test_at_most_the_limit_is_listed_with_what_the_results_show(world):
    for _ in range(search_results.SEARCH_LIMIT + 3):
        _in_team(world, family_name="Manyfold", holding_team=world.hub)
    found = search_results.search(world.key_worker.user, "Manyfold")
    assert len(found) == search_results.SEARCH_LIMIT
    first = found[0]
    assert first.held_by == world.hub.name
    assert first.full_name.endswith("Manyfold")
