"""Time the duty sweep (``joinedup sweep``'s service) over a generated dataset: every child, a night, again.

    .venv/bin/python -m bench.sweep --size S|M|L|N [--database-url URL] [--processes K] [--profile]

Three runs, as ``joinedup sweep`` runs them, in one process per core (``--processes`` to choose):

1. every child (``--every-child``: the first sweep, and the first after a release changes the rules);
2. a night: first a day's work is recorded in SQL (a visit done for one child in ``DAY_SHARE``), then
   the sweep reads only the children whose facts changed (named by the database's triggers) and those
   turning 18; it must schedule each of those children's next visit;
3. the same night again: it must create and move nothing.

Targets (issue 6): L in 5 s or less, N in 60 s or less, for the sweep of every child and for the
night; S and M are held to L's rate (5,000 children a second). Exits 1 on a miss.
``--profile`` prints where the sweep of every child spends its time (cProfile: top 30 by cumulative
time, top 20 by own time), and so runs it in one process: a profiler sees only its own.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import re
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from bench.common import SIZES, database_url, setup_django, verdict

TARGET_SECONDS = {"L": 5.0, "N": 60.0}
L_RATE = 25_000 / 5.0  # children a second
DAY_SHARE = 50  # a night's sweep follows a visit done for one child in 50


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench.sweep", description=__doc__.split("\n\n")[0])
    p.add_argument("--size", choices=SIZES, default="S")
    p.add_argument("--database-url")
    p.add_argument("--processes", type=int, help="processes to sweep in (default: one per core, as joinedup sweep)")
    p.add_argument("--profile", action="store_true")
    return p.parse_args(argv)


class QueryTimes:
    """Seconds spent in the database (and the driver) per kind of statement: its first table."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.count: dict[str, int] = defaultdict(int)

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            verb = sql.split(None, 1)[0].upper()
            match = re.search(r'(?:FROM|INTO|UPDATE)\s+"(\w+)"', sql)
            key = f"{verb} {match.group(1) if match else ''}"
            self.seconds[key] += time.perf_counter() - started
            self.count[key] += 1

    def print(self, total: float) -> None:
        print(f"Time in the database per statement kind (of {total:.2f} s):")
        for key, seconds in sorted(self.seconds.items(), key=lambda kv: -kv[1]):
            print(f"  {key:<48}{self.count[key]:>6} statements {seconds:8.2f} s")
        queries, seconds = sum(self.count.values()), sum(self.seconds.values())
        print(f"  {'total in the database':<48}{queries:>6} statements {seconds:8.2f} s")


def timed_sweep(processes: int, *, every_child: bool = False, profile: bool = False) -> tuple[float, Any]:
    from django.db import connection

    from joinedup.core.clock import now, today
    from joinedup.duties.services import sweep

    profiler = cProfile.Profile() if profile else None
    times = QueryTimes()
    started = time.perf_counter()
    with connection.execute_wrapper(times) if profile else contextlib.nullcontext():
        if profiler:
            profiler.enable()
        result = sweep(today=today(), now=now(), processes=1 if profile else processes, every_child=every_child)
        if profiler:
            profiler.disable()
    seconds = time.perf_counter() - started
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(20)
        times.print(seconds)
    return seconds, result


def a_days_work() -> int:
    """Record a visit done today for one child in ``DAY_SHARE`` (by id, so the same children each run),
    in SQL as a bulk import would: only the database's triggers tell the sweep. The visits done."""
    from django.db import connection

    from joinedup.core.clock import today

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE duties_duty SET status = 'DONE', completed_on = %s, note = 'Seen (bench.sweep)'"
            " WHERE status = 'OPEN' AND kind = 'VISIT' AND abs(hashtext(child_id::text)) %% %s = 0",
            [today(), DAY_SHARE],
        )
        return int(cursor.rowcount)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    url = database_url(args.size, args.database_url)
    setup_django(url)
    from joinedup.core.processes import usable_processes

    processes = args.processes or usable_processes()
    every_s, every = timed_sweep(processes, every_child=True, profile=args.profile)
    visits = a_days_work()
    night_s, night = timed_sweep(processes)
    again_s, again = timed_sweep(processes)
    target = TARGET_SECONDS.get(args.size, every.children / L_RATE)
    basis = "" if args.size in TARGET_SECONDS else " (L's rate)"
    ok_every = every_s <= target and every.every_child
    ok_night = night_s <= target and not night.every_child and night.created == visits
    ok_again = again.created == 0 and again.updated == 0
    in_processes = f"{processes} processes" if processes > 1 else "1 process"
    print(f"Sweep on {args.size} ({url.split('@')[-1]}): {every.children:,} children, {in_processes}")
    print(
        f"  every child  {every_s:7.2f} s   target <= {target:.2f} s{basis}   {verdict(ok_every)}   ({_changes(every)})"
    )
    print(
        f"  a night      {night_s:7.2f} s   target <= {target:.2f} s, the {visits:,} next visits scheduled"
        f"   {verdict(ok_night)}   ({night.children:,} children read: {_changes(night)})"
    )
    print(
        f"  again        {again_s:7.2f} s   target: creates and moves nothing   {verdict(ok_again)}"
        f"   ({again.children:,} children read: {_changes(again)})"
    )
    print(f"  rate         {every.children / every_s:7.0f} children/s (every child)   target >= {L_RATE:.0f}")
    return 0 if ok_every and ok_night and ok_again else 1


def _changes(result: Any) -> str:
    return f"{result.created:,} created, {result.updated:,} moved, {result.cancelled:,} cancelled"


if __name__ == "__main__":
    raise SystemExit(main())
