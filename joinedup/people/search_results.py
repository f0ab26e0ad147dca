"""Finding a child (the search page) as a read model: one hand-written query into plain rows (issue 6).

A fifth of the requests in the load test are searches. Through the ORM each built, compiled and ran
the policy's query with the search's conditions and made up to 50 model instances with their
holding teams; here the same SQL is written once, with the policy's condition on the same row
(``policy.visible_child_condition``), and the page reads plain rows.

By NHS number (ten digits, spaced or not), by date of birth (31/12/2015 or 2015-12-31), or else by
every word of the query, each found in the given, family or preferred name, ignoring case (as the
ORM's ``icontains``: on PostgreSQL ``UPPER(name) LIKE UPPER(pattern)``, which the trigram indexes
serve; SQLite's ``LIKE`` ignores the case of ASCII letters, as before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db import connection

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.core.rows import fetch, uuid_of
from joinedup.people.models import full_name
from joinedup.people.rules import normalise_nhs_number

SEARCH_LIMIT = 50


@dataclass(frozen=True, slots=True)
class FoundChild:
    """A child on the results: who, born when, their NHS number and the team holding them."""

    pk: UUID
    full_name: str
    date_of_birth: date
    nhs_number: str | None
    held_by: str | None


_FOUND = (
    "SELECT c.id, c.given_name, c.family_name, c.date_of_birth, c.nhs_number, t.name"
    " FROM people_child c LEFT JOIN organisations_team t ON t.id = c.holding_team_id"
    " WHERE {visible} AND {matching} ORDER BY c.family_name, c.given_name, c.id LIMIT %s"
)
_NAMES = ("c.given_name", "c.family_name", "c.preferred_name")


def search(user: User, query: str) -> list[FoundChild]:
    """The children ``user`` may see that ``query`` finds, by family then given name, at most
    ``SEARCH_LIMIT``."""
    visible, visible_params = policy.visible_child_condition(user, "c")
    matching, matching_params = _matching(query.strip())
    sql = _FOUND.format(visible=visible, matching=matching)
    rows = fetch(sql, [*visible_params, *matching_params, SEARCH_LIMIT])
    return [
        FoundChild(uuid_of(child_id), full_name(given, family), born, nhs_number, held_by)
        for child_id, given, family, born, nhs_number, held_by in rows
    ]


def _matching(query: str) -> tuple[str, list[Any]]:
    digits = normalise_nhs_number(query)
    if digits.isdigit() and len(digits) == 10:
        return "c.nhs_number = %s", [digits]
    if (born := parse_date(query)) is not None:
        return "c.date_of_birth = %s", [born]
    words = query.split()
    if not words:
        return "1 = 1", []
    # A name containing the pattern, case ignored: PostgreSQL's LIKE escapes with a backslash already
    # (and UPPER(name) is what the trigram indexes hold); SQLite's LIKE must be told.
    like = "UPPER({name}) LIKE UPPER(%s)" if connection.vendor == "postgresql" else "{name} LIKE %s ESCAPE '\\'"
    each = "(" + " OR ".join(like.format(name=name) for name in _NAMES) + ")"
    patterns = [f"%{connection.ops.prep_for_like_query(word)}%" for word in words]
    return " AND ".join([each] * len(words)), [p for p in patterns for _name in _NAMES]


def parse_date(text: str) -> date | None:
    """A date of birth as people type it: 31/12/2015 (or with dots, dashes or spaces), or 2015-12-31."""
    m = re.fullmatch(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})", text) or None
    try:
        if m:
            return date(int(m[3]), int(m[2]), int(m[1]))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None
