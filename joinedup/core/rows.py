"""Hand-written reads into plain rows, the same on SQLite and PostgreSQL.

For the pages read most (issue 6): building and compiling an ORM query and making model instances
of its rows costs several times the Python of running the same SQL, and the child page asked twenty
of them a request. A read written here is plain SQL that both databases run as written (joins,
``IS NULL``, ``ORDER BY``; no functions either lacks), and its rows come back as tuples.

Access is never decided here: a read model is called for a child already opened through
``access.reads.open_child`` (the policy and the audit row), and asks ``access.policy`` anything else.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, overload
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db import connection


def fetch(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` (``%s`` placeholders) for ``params``; a UUID is sent as each database keeps it."""
    with connection.cursor() as cursor:
        cursor.execute(sql, [as_param(p) for p in params])
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows


def as_param(value: Any) -> Any:
    """A value as the database keeps it, for a query's parameters (``fetch`` and Django's ``RawSQL``)."""
    if isinstance(value, Enum):  # a choice: its code
        return value.value
    if isinstance(value, datetime):  # as the ORM sends one: SQLite keeps UTC without a zone
        return connection.ops.adapt_datetimefield_value(value)
    # SQLite keeps a UUID as 32 hex digits (Django's UUIDField), PostgreSQL as its own type.
    if isinstance(value, UUID) and connection.vendor != "postgresql":
        return value.hex
    return value


def uuid_of(value: Any) -> UUID:
    """A UUID column's value as a UUID: SQLite returns its hex digits, PostgreSQL a UUID."""
    return value if isinstance(value, UUID) else UUID(value)


def uuid_or_none(value: Any) -> UUID | None:
    """``uuid_of`` for a column that may be empty."""
    return None if value is None else uuid_of(value)


def aware(value: datetime) -> datetime:
    """A timestamp column's value, aware: SQLite returns the UTC time Django stored, without its zone."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def date_or_none(value: Any) -> date | None:
    """A date that an expression (a subquery, say) returns: SQLite knows no type for an expression's
    column and returns the date's ISO text; PostgreSQL returns a date."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


class Pages[T](ABC):
    """Rows read a page at a time, for Django's Paginator: a subclass says how many there are
    (``len``) and reads ``rows[start:stop]`` in one query (``_read``)."""

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def _read(self, start: int, stop: int) -> list[T]: ...

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, int):
            return self._read(index, index + 1)[0]
        if index.stop is None or index.step is not None:
            raise ValueError("read a page at a time: rows[start:stop]")
        return self._read(index.start or 0, index.stop)

    def __iter__(self) -> Iterator[T]:
        return iter(self[0 : len(self)])

    def read_counted(self, start: int, stop: int) -> tuple[list[T], int | None]:
        """``rows[start:stop]`` and how many rows there are in all (None: not known, as when a page past
        the end has no row to carry the count). Here ``len``; a read model that can count in its page's
        query (a window count) overrides it, and ``page_of`` then asks one query rather than two."""
        return self._read(start, stop), len(self)


def page_of[T](rows: Pages[T], number: Any, per_page: int) -> Page[T]:
    """``Paginator(rows, per_page).get_page(number)``, reading the page and the count together.

    As ``get_page``: a number that is not one is the first page, and one past the end (or below 1)
    the last. The page asked for is read first, with the count (``Pages.read_counted``); only when it
    has no row and is not the first does the paginator count and read again to find the last."""
    paginator: Paginator[T] = Paginator(rows, per_page)
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    if wanted >= 1:
        found, count = rows.read_counted((wanted - 1) * per_page, wanted * per_page)
        if count is not None and (found or wanted == 1):
            paginator.count = count  # a cached property: the paginator asks no COUNT of its own
            return Page(found, wanted, paginator)
    return paginator.get_page(number)
