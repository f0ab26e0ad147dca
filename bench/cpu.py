"""CPU time used by the server and by PostgreSQL during a load run, read from /proc (Linux only).

Shows where the machine's two cores went: a page's CPU in Python (gunicorn's master and workers)
against its CPU in the database (every postgres process, including backends that have exited,
which the postmaster's children's time counts).
"""

from __future__ import annotations

import os
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name, in parentheses, may hold spaces: split after its closing parenthesis.
    name = text[text.index("(") + 1 : text.rindex(")")]
    return [str(pid), name, *text[text.rindex(")") + 2 :].split()]


def _processes() -> list[list[str]]:
    stats = (_stat(int(p.name)) for p in Path("/proc").iterdir() if p.name.isdigit())
    return [s for s in stats if s is not None]


def _seconds(stat: list[str], *, with_children: bool) -> float:
    # Fields 14 and 15 are utime and stime; 16 and 17 the waited-for children's (proc(5), 1-based).
    ticks = int(stat[13]) + int(stat[14])
    if with_children:
        ticks += int(stat[15]) + int(stat[16])
    return ticks / _TICKS


def server_seconds(master_pid: int) -> float:
    """gunicorn's master and its workers (children's time too, for workers that were replaced)."""
    return sum(
        _seconds(s, with_children=True) for s in _processes() if int(s[0]) == master_pid or int(s[3]) == master_pid
    )


def postgres_seconds() -> float:
    """Every process named postgres; the postmaster's children's time counts exited backends."""
    return sum(_seconds(s, with_children=True) for s in _processes() if s[1] == "postgres")


def available() -> bool:
    return Path("/proc/self/stat").exists()
