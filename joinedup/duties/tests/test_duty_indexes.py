"""The team overdue list and My children read open duties from an index alone on PostgreSQL (issue 6)."""

import pytest
from django.db import connection

from joinedup.duties import team_list

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="covering indexes are PostgreSQL's"),
]


def test_a_childs_open_duties_by_date_hold_their_kind_and_owner():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'duty_child_due'")
        (definition,) = cursor.fetchone()
    assert "(child_id, status, due_on) INCLUDE (kind, owner_id)" in definition


def test_the_hubs_figures_are_counted_from_the_index_alone(world):
    """The plan PostgreSQL keeps for the prepared statement (production prepares repeated queries,
    so the status is a parameter and the partial indexes on open duties do not apply). On tables
    this small the planner would read them whole, so that is turned off. PREPARE goes by libpq's
    simple protocol: in psycopg's, $1 would be taken for a parameter of the PREPARE itself."""
    numbered = team_list._HUB_FIGURES
    for n in range(1, numbered.count("%s") + 1):
        numbered = numbered.replace("%s", f"${n}", 1)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
    libpq = connection.connection.pgconn
    libpq.exec_(f"PREPARE hub_figures(date, date, date, text, uuid, uuid) AS {numbered}".encode())
    explained = libpq.exec_(
        "EXPLAIN EXECUTE hub_figures('2026-12-03', '2026-12-03', '2026-12-10', 'OPEN',"
        f" '{world.area.pk}', '{world.manager.pk}')".encode()
    )
    plan = "\n".join(explained.get_value(row, 0).decode() for row in range(explained.ntuples))
    libpq.exec_(b"DEALLOCATE hub_figures")
    assert "Index Only Scan using duty_child_due on duties_duty" in plan
