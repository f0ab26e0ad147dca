"""Run independent pieces of batch work (the sweep's batches) in several processes at once.

A Python process uses one core at a time, so a batch job over a million children is held to one
core however many the machine has. Forked workers share the parent's loaded code (no second start-up)
and each opens its own database connection. The pieces must not depend on one another, and each
must commit its own work: a worker cannot see the parent's uncommitted writes.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence

from django.db import connection, connections
from tqdm import tqdm


class ForkSafeBar(tqdm):  # type: ignore[misc]
    """A progress bar to show while work runs in processes: tqdm's monitor is a thread, and a fork
    must not copy a thread that may hold a lock."""

    monitor_interval = 0


class CannotRunInProcesses(Exception):
    """Work asked to run in several processes where it cannot: on SQLite, or inside a transaction."""


def usable_processes() -> int:
    """How many processes batch work may use by default: every core on PostgreSQL; one on SQLite,
    which lets one process write at a time, and inside a transaction, which workers cannot see."""
    if connection.vendor == "sqlite" or connection.in_atomic_block:
        return 1
    return multiprocessing.cpu_count()


def in_processes[T, R](job: Callable[[T], R], pieces: Sequence[T], *, processes: int) -> Iterator[R]:
    """``job`` of each piece, in this process if ``processes`` is 1, else shared among that many
    forked processes; results in the order they finish. ``job`` must be a module-level function."""
    if processes <= 1 or len(pieces) <= 1:
        yield from map(job, pieces)
        return
    if connection.vendor == "sqlite":
        raise CannotRunInProcesses("SQLite lets one process write at a time: use one process")
    if connection.in_atomic_block:
        raise CannotRunInProcesses("work inside a transaction cannot be shared: the workers would not see it")
    # A connection open at the fork would be shared by parent and workers (their messages would
    # interleave on one socket): close every one, and each process opens its own when it needs it.
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(min(processes, len(pieces))) as pool:
        yield from pool.imap_unordered(job, pieces)
