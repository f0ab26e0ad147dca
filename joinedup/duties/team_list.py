"""The team overdue list as a read model: plain SQL for its counts and its page, plain rows (issue 6).

A manager opens it every morning, and it was the costliest list: through the ORM, the lists' query
with the access policy's union inside was built, cloned and compiled three times a request (the
counts, then the page), and fifty duties became model instances with their children and owners.
Here the policy's query, narrowed to the teams' children, is compiled once
(``policy.visible_children_sql``) and put inside plain SQL (``joinedup.core.rows``). Rows carry the
child and owner a duty row shows, so the duty table's macro draws them as it draws duties.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.core.rows import Pages, fetch, uuid_of
from joinedup.duties.choices import DutyStatus
from joinedup.duties.selectors import WEEK
from joinedup.people.models import full_name


@dataclass(frozen=True, slots=True)
class ChildRef:
    pk: UUID
    full_name: str


@dataclass(frozen=True, slots=True)
class OwnerRef:
    full_name: str


@dataclass(frozen=True, slots=True)
class TeamDuty:
    """An open duty on the list, with its child and whoever owns it (None: nobody yet)."""

    id: UUID
    kind: str
    due_on: date
    basis: str
    child: ChildRef
    owner: OwnerRef | None

    @property
    def child_id(self) -> UUID:
        return self.child.pk


# The open duties of the children the teams the manager works in hold, that access lets them see:
# {held} is the policy's query narrowed to the teams' children, so PostgreSQL reads the children the
# teams hold by index rather than every child of the area (half the time on L). The narrowing is
# compiled by the ORM into the policy's own WHERE: written by hand as a second look at the children,
# PostgreSQL ran the two lists' queries 1.6 and 2 times as long (L).
_HELD = " WHERE d.status = %s AND d.child_id IN ({held})"
# Both lists' lengths; parameters: today twice, then _HELD's.
_COUNTS = (
    "SELECT count(CASE WHEN d.due_on < %s THEN 1 END),"
    " count(CASE WHEN d.due_on >= %s AND d.owner_id IS NULL THEN 1 END) FROM duties_duty d"
)
_OVERDUE = " AND d.due_on < %s"
# Nobody owns it and it is not yet overdue (overdue ones are on the overdue list, marked as nobody's).
_UNOWNED = " AND d.due_on >= %s AND d.owner_id IS NULL"
# A page of a list. The duties are put in order and cut to the page from the index alone
# (``duty_child_due`` holds each open duty's date, kind and owner) with their children's names; only
# then are the page's duties read for their id and basis (a child has one open duty of a kind:
# ``one_open_duty_per_kind``), and their owners' names. Reading every candidate duty's row and owner
# before cutting took twice as long (L, a hub of 500 children: 12.6 → 5.8 ms). Ties on the date and
# the name go by child, then kind.
_ROWS = (
    "SELECT d.id, d.kind, d.due_on, d.basis, p.child_id, p.given_name, p.family_name, o.full_name"
    " FROM (SELECT d.child_id, d.kind, d.status, d.due_on, d.owner_id, c.given_name, c.family_name"
    " FROM duties_duty d JOIN people_child c ON c.id = d.child_id{held}{which}"
    " ORDER BY d.due_on, c.family_name, c.given_name, c.id, d.kind LIMIT %s OFFSET %s) p"
    " JOIN duties_duty d ON d.child_id = p.child_id AND d.status = p.status AND d.due_on = p.due_on AND d.kind = p.kind"
    " LEFT JOIN organisations_practitioner o ON o.id = p.owner_id"
    " ORDER BY p.due_on, p.family_name, p.given_name, p.child_id, p.kind"
)


class DutyList(Pages[TeamDuty]):
    """One of the two lists, oldest first, for Django's Paginator: its length is already counted,
    and each page, a slice, is one query."""

    def __init__(self, sql: str, params: list[Any], length: int) -> None:
        self._sql, self._params, self._length = sql, params, length

    def __len__(self) -> int:
        return self._length

    def _read(self, start: int, stop: int) -> list[TeamDuty]:
        if min(stop, self._length) <= start:  # past the end (or an empty list): no query
            return []
        return [
            TeamDuty(
                id=uuid_of(duty_id),
                kind=kind,
                due_on=due_on,
                basis=basis,
                child=ChildRef(uuid_of(child_id), full_name(given_name, family_name)),
                owner=OwnerRef(owner) if owner is not None else None,
            )
            for duty_id, kind, due_on, basis, child_id, given_name, family_name, owner in fetch(
                self._sql, [*self._params, stop - start, start]
            )
        ]


@dataclass(frozen=True)
class TeamLists:
    """The manager's two lists of the children held by the teams they work in (C5), each to page (a
    hub of 500 children can have a thousand overdue duties), oldest first: overdue duties, owned or
    not; and duties nobody owns that are not yet overdue, for which the manager must find someone."""

    overdue: DutyList
    unowned: DutyList

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)

    @property
    def unowned_count(self) -> int:
        return len(self.unowned)


def team_lists(user: User, today: date) -> TeamLists:
    """Both lists, and both counts in one query; empty for anyone but a manager in a team."""
    practitioner = policy.practitioner_of(user)
    if practitioner is None or not user.is_manager:
        return TeamLists(DutyList("", [], 0), DutyList("", [], 0))
    teams = practitioner.teams.all()
    held_sql, held_params = policy.visible_children_sql(user, narrowed=lambda c: c.filter(holding_team__in=teams))
    held = _HELD.format(held=held_sql)
    params: list[Any] = [DutyStatus.OPEN, *held_params]
    overdue, unowned = fetch(_COUNTS + held, [today, today, *params])[0]
    return TeamLists(
        overdue=DutyList(_ROWS.format(held=held, which=_OVERDUE), [*params, today], int(overdue)),
        unowned=DutyList(_ROWS.format(held=held, which=_UNOWNED), [*params, today], int(unowned)),
    )


@dataclass(frozen=True, slots=True)
class HubFigures:
    """A hub of a team the manager works in, with its children's open duties: all of them, those
    overdue and those due within the week (``duties.selectors.WEEK``)."""

    name: str
    open: int
    overdue: int
    due_this_week: int


# Every hub of the manager's teams in their area, with its children's open duties counted; a hub
# holding no child counts none. Parameters: today, today, the week's end, the open status, the
# area, then the practitioner. Counting the duties of the children a hub holds, by index, took
# 2.6 ms for a hub of 500 children on L (the ORM's two queries 2.8). A duty is counted by its due
# date (never null) rather than its id, so PostgreSQL reads the duties from the index alone
# (``duty_child_due`` holds the date).
_HUB_FIGURES = (
    "SELECT t.name, count(d.due_on), count(CASE WHEN d.due_on < %s THEN 1 END),"
    " count(CASE WHEN d.due_on >= %s AND d.due_on <= %s THEN 1 END)"
    " FROM allocation_hub h JOIN organisations_team t ON t.id = h.team_id"
    " JOIN organisations_organisation o ON o.id = t.organisation_id"
    " LEFT JOIN people_child c ON c.holding_team_id = h.team_id"
    " LEFT JOIN duties_duty d ON d.child_id = c.id AND d.status = %s"
    " WHERE o.area_id = %s"
    " AND h.team_id IN (SELECT w.team_id FROM organisations_practitioner_teams w WHERE w.practitioner_id = %s)"
    " GROUP BY h.id, h.code, t.name ORDER BY h.code, t.name"
)


def my_hubs_figures(user: User, today: date) -> list[HubFigures]:
    """The figures of each hub of the teams the manager works in, by hub (C5); none for anyone
    without a practitioner profile or an area. The same counts as ``selectors.counts_by_hub``,
    which the monthly performance page reads for every hub of the area."""
    practitioner = policy.practitioner_of(user)
    if practitioner is None or user.area_id is None:
        return []
    week_end = today + timedelta(days=WEEK)
    rows = fetch(_HUB_FIGURES, [today, today, week_end, DutyStatus.OPEN, user.area_id, practitioner.pk])
    return [HubFigures(name, int(n), int(overdue), int(this_week)) for name, n, overdue, this_week in rows]
