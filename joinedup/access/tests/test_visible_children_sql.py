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
