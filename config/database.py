"""How joinedup's connections to PostgreSQL are set up: shared by the settings and the load test's
bare baseline (bench/baseline.py), so both ask the database the same way."""

# Options for each session PostgreSQL starts for a connection (libpq's "options").
# - No JIT compilation: pages run short queries whose estimated cost on a large area can pass the
#   JIT threshold, and compiling then took longer than the query (70 ms for 17 ms, issue 6).
# - No parallel workers: a page's query that the planner splits across workers (counting a hub's
#   open duties, say) took three processes and 2.5 times the CPU for one answer (11 ms for 4.7 on
#   L); with many requests at once the cores are busy already, so it only slowed the others.
POSTGRES_SESSION_OPTIONS = "-c jit=off -c max_parallel_workers_per_gather=0"
