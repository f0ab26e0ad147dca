"""Which children of a sweep's batch have open duties other than the rules call for, found by
comparing one digest a child (PostgreSQL only; issue 6).

Reading a million children's six million open duties into Python, to compare them with what the
rules call for, took about half the sweep's time. PostgreSQL instead hashes each child's open swept
duties into one digest, and Python hashes the duties the rules call for in the same way: a child
whose two digests differ has something to change. The sweep then reads that child's duties, locked,
and compares them field by field as before (``services._compare``), so the digest only decides whom
to look at. A difference in how the two sides write a value can only make a child look changed
when it is not (it is then compared in full and nothing is written): never the other way round,
but for two texts with one MD5 (a chance in about 10^38 for a changed child).

SQLite (the embedded default, with far fewer children) compares the rows themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from hashlib import md5
from operator import attrgetter
from typing import Any
from uuid import UUID

from django.db import connection

from joinedup.duties import rules
from joinedup.duties.choices import SWEPT, DutyStatus
from joinedup.duties.facts import ChildRow, Scope
from joinedup.duties.models import BASIS_LENGTH
from joinedup.duties.rules import DueDuty, DutyFacts

# Between fields and between duties alike (each duty has six fields): the ASCII unit separator,
# which no kind, date, id, rule or basis the rules write holds.
SEPARATOR = "\x1f"

# A duty written as text: kind, due, starts (ISO dates), owner (hyphenated, or empty), rule, basis;
# the duties of a child in the order of their kinds' bytes (COLLATE "C", as Python sorts strings).
# The children: those between two ids (a sweep's batch), and of those only the ids listed unless
# the flag says every one (a literal after client-side binding, so PostgreSQL plans it away).
_DIGESTS = """
SELECT child_id, md5(string_agg(
           kind || chr(31) || to_char(due_on, 'YYYY-MM-DD') || chr(31) || to_char(starts_on, 'YYYY-MM-DD')
           || chr(31) || coalesce(owner_id::text, '') || chr(31) || rule || chr(31) || basis,
           chr(31) ORDER BY kind COLLATE "C"))
  FROM duties_duty
 WHERE status = %s AND kind = ANY(%s)
   AND child_id BETWEEN %s AND %s AND (%s OR child_id = ANY(%s))
 GROUP BY child_id
"""
_KIND = attrgetter("kind")


def open_duty_digests(scope: Scope) -> dict[int, str]:
    """The digest of each child's open swept duties, keyed by the child's UUID's ``int``; a child
    with none is left out."""
    every_one = scope.span
    ids: list[UUID] = [] if every_one else list(scope.ids)
    parameters: list[Any] = [DutyStatus.OPEN, sorted(SWEPT), min(scope.ids), max(scope.ids), every_one, ids]
    with connection.cursor() as cursor:
        cursor.execute(_DIGESTS, parameters)
        return {child_id.int: digest for child_id, digest in cursor.fetchall()}


def due_duties_digest(dues: Sequence[DueDuty]) -> str | None:
    """The digest the open duties have when they are exactly ``dues``; None when there are none."""
    if not dues:
        return None
    text = SEPARATOR.join(
        [
            field
            for due in sorted(dues, key=_KIND)
            for field in (
                due.kind,
                due.due_on.isoformat(),
                due.starts_on.isoformat(),
                _owner_text(due.owner),
                due.rule,
                due.basis[:BASIS_LENGTH],
            )
        ]
    )
    return md5(text.encode(), usedforsecurity=False).hexdigest()


@lru_cache(maxsize=100_000)
def _owner_text(owner: UUID | None) -> str:
    """A practitioner's id as PostgreSQL writes it; a few thousand owners own a million children's
    duties, and writing a UUID is a Python call."""
    return "" if owner is None else str(owner)


def children_to_change(
    children: Sequence[ChildRow], facts: dict[UUID, DutyFacts], scope: Scope, *, today: date
) -> list[ChildRow]:
    """The children whose open duties may differ from what the rules call for on ``today``."""
    if not children:
        return []
    digests = open_duty_digests(scope)
    return [
        child
        for child in children
        if digests.get(child[0].int) != due_duties_digest(rules.duties_due(facts[child[0]], today=today))
    ]
