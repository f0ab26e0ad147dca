"""Opening a child's record: load through access, then audit the read in the same transaction."""

from __future__ import annotations

from uuid import UUID

from joinedup.accounts.models import User
from joinedup.access import policy
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.clock import now
from joinedup.people.models import Child


def open_child(user: User, child_id: UUID | str, *, what: str) -> Child:
    """The child, if ``user`` may see it (else 404), with the read recorded (G1, G3)."""
    child = policy.get_child_or_404(user, child_id)
    audit.record(action=AuditAction.VIEWED, by=user, at=now(), child=child, what=what)
    return child


def open_family_child(user: User, child_id: UUID | str, *, what: str) -> Child:
    """The child, if ``user`` is its parent, carer or the young person themselves (else 404)."""
    child = policy.get_family_child_or_404(user, child_id)
    audit.record(action=AuditAction.VIEWED, by=user, at=now(), child=child, what=what)
    return child
