"""Write audit events: always inside the caller's transaction, so they commit or fail together."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from django.db import connection, models

from joinedup.accounts.models import User
from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.core.ids import time_ordered_uuid
from joinedup.core.instances import insert
from joinedup.people.models import Child

_CHILD = Child._meta.label  # a child as the subject of an event: "people.Child"
# The same row as the model would write (a new time-ordered id, the child as subject, no changes);
# the test of G3 lists compares the two. The ids are made in the database, as core.ids makes them
# (RFC 9562's version 7): a random UUID with the time in milliseconds over its first 48 bits, and
# its version bits (52 and 53, counted from the right of each byte) turned from 4 to 7. Made in
# Python, 50 of them and their array cost a list page 2 million instructions (issue 6).
_LISTED_ROWS_SQL = """
    INSERT INTO audit_auditevent
        (id, at, user_id, action, child_id, subject_type, subject_id, what, why, changes)
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
               PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
               FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid,
           %s, %s, %s, child_id, %s, child_id::text, %s, %s, '{}'::jsonb
    FROM unnest(%s::uuid[]) AS child_id
"""


def record(
    *,
    action: AuditAction,
    by: User | None,
    at: datetime,
    what: str,
    child: Child | None = None,
    subject: models.Model | None = None,
    why: str = "",
    changes: dict[str, Any] | None = None,
) -> None:
    """Record one read or write. ``subject`` is the record acted on (defaults to the child).

    Written by hand (``core.instances.insert``), the same row the model would write: nearly every
    request records one, and the ORM's INSERT cost four times the Python (issue 6)."""
    subject = subject if subject is not None else child
    insert(
        AuditEvent,
        {
            "id": time_ordered_uuid(),
            "at": at,
            "user_id": by.pk if by is not None else None,
            "action": action,
            "child_id": child.pk if child is not None else None,
            "subject_type": subject._meta.label if subject is not None else "",
            "subject_id": str(subject.pk) if subject is not None else "",
            "what": what[:200],
            "why": why[:200],
            "changes": changes or {},
        },
    )


class ShownChild(Protocol):
    """A child as a list shows it: a Child, or a read model's row with the child's key."""

    @property
    def pk(self) -> Any: ...


def record_seen_in_list(
    *, children: Iterable[ShownChild], action: AuditAction, by: User, at: datetime, what: str, why: str = ""
) -> None:
    """Record that each child was shown to ``by`` in a list or search: one INSERT for them all.

    Every list request writes a row for each child on it (50 on a full page), so this is on the
    busiest path there is (issue 6). On PostgreSQL the rows are made in the database from one
    array of ids: a quarter of the Python time of building 50 model instances to insert."""
    ids = [c.pk for c in children]
    if not ids:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_LISTED_ROWS_SQL, [at, by.pk, action, _CHILD, what[:200], why[:200], ids])
        return
    AuditEvent.objects.bulk_create(
        AuditEvent(
            at=at,
            user_id=by.pk,
            action=action,
            child_id=child_id,
            subject_type=_CHILD,
            subject_id=str(child_id),
            what=what[:200],
            why=why[:200],
        )
        for child_id in ids
    )


def record_changes(*, changes: Iterable[tuple[Child, str]], action: AuditAction, by: User | None, at: datetime) -> None:
    """Record one write to each of many children (what was done to each): one INSERT for them all.
    For batch work such as the duty sweep, where ``by`` is None: the system did it."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            at=at,
            user=by,
            action=action,
            child=child,
            subject_type=_CHILD,
            subject_id=str(child.pk),
            what=what[:200],
        )
        for child, what in changes
    )
