"""Opening a child's record: load through access, then audit the read in the same transaction."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.clock import now
from joinedup.people.models import Child


def open_child(
    user: User,
    child_id: UUID | str,
    *,
    what: str,
    may: Callable[[User, Child], bool] | None = None,
    shape: Callable[[QuerySet[Child]], QuerySet[Child]] | None = None,
) -> Child:
    """The child, if ``user`` may see it (else 404) and may act (``may``, else 403), read audited;
    loaded with what ``shape`` adds to the query (see ``policy.get_child_or_404``).

    The permission is checked before the read is recorded: a refused request leaves no row.
    """
    child = policy.get_child_or_404(user, child_id, shape=shape)
    if may is not None and not may(user, child):
        raise PermissionDenied
    audit.record(action=AuditAction.VIEWED, by=user, at=now(), child=child, what=what)
    return child


def open_family_child(user: User, child_id: UUID | str, *, what: str) -> Child:
    """The child, if ``user`` is its parent, carer or the young person themselves (else 404)."""
    child = policy.get_family_child_or_404(user, child_id)
    audit.record(action=AuditAction.VIEWED, by=user, at=now(), child=child, what=what)
    return child
