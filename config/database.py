"""How joinedup's connections to PostgreSQL are set up: shared by the settings and the load test's
bare baseline (bench/baseline.py), so both ask the database the same way."""

# Options for each session PostgreSQL starts for a connection (libpq's "options").
# - No JIT compilation: pages run short queries whose estimated cost on a large area can pass the
#   JIT threshold, and compiling then took longer than the query (70 ms for 17 ms, issue 6).
# - No parallel workers: a page's query that the planner splits across workers (counting a hub's
#   open duties, say) took three processes and 2.5 times the CPU for one answer (11 ms for 4.7 on
#   L); with many requests at once the cores are busy already, so it only slowed the others.
POSTGRES_SESSION_OPTIONS = "-c jit=off -c max_parallel_workers_per_gather=0"


def postgres_options(*, prepared_statements: bool) -> dict[str, object]:
    """The OPTIONS of a PostgreSQL connection in Django's DATABASES.

    With ``prepared_statements``, parameters are sent apart from the query (psycopg's server-side
    binding) and a query run twice on a connection is prepared, so PostgreSQL plans the pages'
    queries once per connection rather than on every request: the team overdue list's took 3.7 ms
    to plan each time, with the access policy's union inside (issue 6). Off behind a connection
    pooler that cannot keep prepared statements (PgBouncer before 1.21)."""
    options: dict[str, object] = {"options": POSTGRES_SESSION_OPTIONS}
    if prepared_statements:
        options |= {"server_side_binding": True, "prepare_threshold": 2}
    return options
