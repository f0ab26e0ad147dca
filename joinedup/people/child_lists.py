"""My children as a read model: one hand-written query a page, its rows plain (issue 6).

My children is a third of what practitioners ask for. Through the ORM the list's query, with its
five subqueries and the access policy's union inside, was built and compiled twice a request (the
count and the page) and its rows made into model instances. Here the policy's SQL
(``policy.visible_children_sql``) is put inside plain SQL (``joinedup.core.rows``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.core.rows import Pages, date_or_none, fetch, uuid_of
from joinedup.duties.choices import DutyStatus
from joinedup.people.models import full_name


@dataclass(frozen=True, slots=True)
class ListedChild:
    """A row of My children: the child, the user's role in their team, and what is due next."""

    id: UUID
    given_name: str
    family_name: str
    date_of_birth: date
    is_key_child: bool  # the user is the child's key worker
    my_role: str
    key_worker_name: str | None
    next_due_on: date | None
    next_due_kind: str | None
    has_overdue: bool

    @property
    def pk(self) -> UUID:  # as a Child's: the audit trail and the addresses take either
        return self.id

    @property
    def full_name(self) -> str:
        return full_name(self.given_name, self.family_name)


# Children whose team the practitioner is in now, that access lets the user see (the policy's SQL
# goes in {visible}). Parameters: the practitioner, then the policy's.
_MINE = (
    " FROM people_child c"
    " WHERE c.id IN (SELECT m.child_id FROM teams_teammembership m WHERE m.practitioner_id = %s AND m.end_date IS NULL)"
    " AND c.id IN ({visible})"
)
# The columns of a row; parameters: the practitioner twice, open, open, open, today.
_COLUMNS = (
    "SELECT c.id, c.given_name, c.family_name, c.date_of_birth,"
    " EXISTS (SELECT 1 FROM teams_keyworkerassignment k"
    "  WHERE k.child_id = c.id AND k.practitioner_id = %s AND k.end_date IS NULL) AS is_key_child,"
    " (SELECT m.role_in_team FROM teams_teammembership m"
    "  WHERE m.child_id = c.id AND m.practitioner_id = %s AND m.end_date IS NULL LIMIT 1),"
    " (SELECT p.full_name FROM teams_keyworkerassignment k"
    "  JOIN organisations_practitioner p ON p.id = k.practitioner_id"
    "  WHERE k.child_id = c.id AND k.end_date IS NULL ORDER BY k.start_date DESC, k.id LIMIT 1),"
    " (SELECT d.due_on FROM duties_duty d WHERE d.child_id = c.id AND d.status = %s"
    "  ORDER BY d.due_on, d.kind LIMIT 1) AS next_due_on,"
    " (SELECT d.kind FROM duties_duty d WHERE d.child_id = c.id AND d.status = %s ORDER BY d.due_on, d.kind LIMIT 1),"
    " EXISTS (SELECT 1 FROM duties_duty d"
    "  WHERE d.child_id = c.id AND d.status = %s AND d.due_on < %s) AS has_overdue,"
    # How many children the list has in all, counted before LIMIT cuts the page: the page and its
    # count in one query (a separate COUNT, with the policy's union planned again, cost 0.8 to 1.3 ms
    # of PostgreSQL on L).
    " count(*) OVER ()"
)
# Something overdue first, then key children, then the soonest due, then by name.
_ORDER = (
    " ORDER BY has_overdue DESC, is_key_child DESC, next_due_on ASC NULLS LAST, c.family_name, c.given_name, c.id"
    " LIMIT %s OFFSET %s"
)


class MyChildren(Pages[ListedChild]):
    """The children whose interagency team the user is in, in order, for Django's Paginator: a page
    and the count come from one query (``rows.page_of``); ``len`` alone is a count."""

    def __init__(self, user: User, today: date) -> None:
        self._practitioner = policy.practitioner_of(user)
        self._today = today
        visible, self._visible_params = policy.visible_children_sql(user)
        self._mine = _MINE.format(visible=visible)

    def __len__(self) -> int:
        if self._practitioner is None:
            return 0
        return int(fetch("SELECT count(*)" + self._mine, [self._practitioner.pk, *self._visible_params])[0][0])

    def _read(self, start: int, stop: int) -> list[ListedChild]:
        return self.read_counted(start, stop)[0]

    def read_counted(self, start: int, stop: int) -> tuple[list[ListedChild], int | None]:
        if self._practitioner is None or stop <= start:
            return [], (0 if self._practitioner is None else None)
        me, open_ = self._practitioner.pk, DutyStatus.OPEN
        params: list[Any] = [me, me, open_, open_, open_, self._today, me, *self._visible_params, stop - start, start]
        rows = fetch(_COLUMNS + self._mine + _ORDER, params)
        listed = [
            ListedChild(
                id=uuid_of(row[0]),
                given_name=row[1],
                family_name=row[2],
                date_of_birth=row[3],
                is_key_child=bool(row[4]),
                my_role=row[5] or "",
                key_worker_name=row[6],
                next_due_on=date_or_none(row[7]),
                next_due_kind=row[8],
                has_overdue=bool(row[9]),
            )
            for row in rows
        ]
        # A page past the end has no row to carry the count: not known then, unless nothing came before.
        return listed, (int(rows[0][10]) if rows else (0 if start == 0 else None))
