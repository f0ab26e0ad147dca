"""How joinedup connects to PostgreSQL (config/database.py): the same for the app and the load test's baseline."""

import pytest
from django.db import connection

from config.database import POSTGRES_SESSION_OPTIONS, postgres_options


def test_postgres_sessions_run_without_jit_or_parallel_workers_and_may_prepare_statements():
    assert "-c jit=off" in POSTGRES_SESSION_OPTIONS
    assert "-c max_parallel_workers_per_gather=0" in POSTGRES_SESSION_OPTIONS
    assert postgres_options(prepared_statements=True) == {
        "options": POSTGRES_SESSION_OPTIONS,
        "server_side_binding": True,
        "prepare_threshold": 2,
    }
    assert postgres_options(prepared_statements=False) == {"options": POSTGRES_SESSION_OPTIONS}


@pytest.mark.django_db
def test_a_postgresql_connection_prepares_a_query_it_runs_again():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's prepared statements: the suite runs again on PostgreSQL")
    with connection.cursor() as cursor:
        for _ in range(3):
            cursor.execute("SELECT count(*) FROM people_child WHERE id = %s", ["5d1e1bce-9d0e-4b5e-8c89-2f0b1d4a6e11"])
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%FROM people_child%"])
        assert cursor.fetchone()[0] == 1
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
