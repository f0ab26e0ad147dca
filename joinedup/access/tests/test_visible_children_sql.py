"""G1: the policy's SQL for hand-written reads selects exactly the children visible_children does."""

from datetime import UTC, datetime

import pytest

from joinedup.access import policy
from joinedup.access import services as access_services
from joinedup.core.rows import fetch, uuid_of
from joinedup.people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_r_g1_visible_children_sql_selects_what_visible_children_does_for_every_persona(world):
    ChildFactory(area=world.area, holding_team=world.hub)  # held by the manager's hub, nobody's team
    access_services.break_glass(  # emergency access: one more reason in the policy's union
        user=world.same_org_outsider.user,
        nhs_number=world.other_child.nhs_number,
        reason="Emergency admission overnight",
        now=datetime.now(UTC),
    )
    seen_by_someone = 0
    for name, user in world.personas().items():
        if user is None:
            continue
        sql, params = policy.visible_children_sql(user)
        found = {uuid_of(row[0]) for row in fetch(f"SELECT id FROM people_child WHERE id IN ({sql})", params)}  # noqa: S608 - the policy's SQL
        assert found == set(policy.visible_children(user).values_list("pk", flat=True)), name
        seen_by_someone += bool(found)
    assert seen_by_someone >= 4  # the comparison is not between empty sets


def test_r_g1_visible_children_sql_narrowed_stays_within_what_the_user_may_see(world):
    ChildFactory(area=world.area, holding_team=world.other_hub)  # another hub's: the manager may not see it
    user = world.manager.user
    sql, params = policy.visible_children_sql(user, narrowed=lambda c: c.filter(holding_team__isnull=False))
    found = {uuid_of(row[0]) for row in fetch(f"SELECT id FROM people_child WHERE id IN ({sql})", params)}  # noqa: S608 - the policy's SQL
    expected = set(policy.visible_children(user).filter(holding_team__isnull=False).values_list("pk", flat=True))
    assert found == expected
    assert world.child.pk in found
    assert world.other_child.pk not in found


def test_each_decision_a_hub_waits_on_has_a_place_for_each_waiting_status():
    """The policy writes the statuses' places by hand: a status added to a model's waiting set must
    get its place in the SQL too."""
    for sql, statuses in policy._DECISIONS:
        assert sql.count("%s") == len(statuses) + 1, sql


def test_r_g1_get_child_or_404_opens_by_hand_exactly_what_the_shaped_orm_query_opens(world, django_assert_num_queries):
    """Pages open a child with a hand-written query, the API with the ORM (``shape``): the same
    child for whoever may see it, a 404 for every other persona, holding team loaded."""
    from django.http import Http404

    ChildFactory(area=world.area, holding_team=world.hub)
    opened = 0
    for name, user in world.personas().items():
        if user is None:
            continue
        for child in (world.child, world.other_child):
            try:
                shaped = policy.get_child_or_404(user, child.pk, shape=lambda c: c)
            except Http404:
                shaped = None
            try:
                by_hand = policy.get_child_or_404(user, str(child.pk))
            except Http404:
                by_hand = None
            assert (by_hand is None) == (shaped is None), (name, child)
            if by_hand is not None:
                opened += 1
                fields = [f.attname for f in type(by_hand)._meta.concrete_fields]
                assert [getattr(by_hand, f) for f in fields] == [getattr(shaped, f) for f in fields], name
                with django_assert_num_queries(0):
                    assert by_hand.holding_team == shaped.holding_team
    assert opened >= 3  # the comparison is not only between refusals


def test_r_g1_a_malformed_child_id_is_not_found(world):
    from django.http import Http404

    with pytest.raises(Http404):
        policy.get_child_or_404(world.key_worker.user, "not-a-child")


def test_r_g1_visible_child_condition_selects_what_visible_children_does_for_every_persona(world):
    ChildFactory(area=world.area, holding_team=world.hub)
    seen_by_someone = 0
    for name, user in world.personas().items():
        if user is None:
            continue
        condition, params = policy.visible_child_condition(user, "k")
        found = {uuid_of(row[0]) for row in fetch(f"SELECT k.id FROM people_child k WHERE {condition}", params)}  # noqa: S608 - the policy's SQL
        assert found == set(policy.visible_children(user).values_list("pk", flat=True)), name
        seen_by_someone += bool(found)
    assert seen_by_someone >= 4
