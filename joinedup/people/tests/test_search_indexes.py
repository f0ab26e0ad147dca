"""Search by part of a name is served by trigram indexes on PostgreSQL (issue 6)."""

import pytest
from django.db import connection

from joinedup.people import search_results
from joinedup.people.models import Child
from joinedup.people.tests.factories import ChildFactory
from joinedup.teams.tests.factories import TeamMembershipFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's"),
]


def test_each_name_column_has_a_trigram_index_on_its_upper_case():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'people_child'")
        indexes = dict(cursor.fetchall())
    for column in ("given_name", "family_name", "preferred_name"):
        definition = indexes[f"child_{column}_trgm"]
        assert "gin" in definition
        assert f"upper(({column})::text) gin_trgm_ops" in definition


def test_the_planner_can_answer_part_of_a_name_from_the_index(world):
    """The index matches what Django writes for icontains (UPPER(column) LIKE '%TEXT%'): shown by
    the plan; on a table this small the planner would read it whole, so that is turned off."""
    ChildFactory.create_batch(30, area=world.area)
    target = ChildFactory(area=world.area, family_name="Okonkwo-Hartley")
    TeamMembershipFactory(child=target, practitioner=world.key_worker, added_by=world.manager.user)
    query = Child.objects.filter(family_name__icontains="konkwo").values("pk")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "child_family_name_trgm" in plan
    assert [c.pk for c in search_results.search(world.key_worker.user, "konkwo")] == [target.pk]


def test_the_search_page_asks_with_the_expression_the_trigram_index_holds(world):
    """The read model's own SQL (not the ORM's) is also answered from the index."""
    ChildFactory.create_batch(30, area=world.area)
    sql, params = search_results._matching("konkwo")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT c.id FROM people_child c WHERE " + sql, params)  # noqa: S608 - the read model's SQL
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "child_family_name_trgm" in plan
