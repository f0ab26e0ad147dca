"""Reads of the audit trail."""

from __future__ import annotations

from django.db.models import QuerySet

from joinedup.audit.models import AuditEvent
from joinedup.people.models import Child


def events_for_child(child: Child, *, limit: int = 500) -> QuerySet[AuditEvent]:
    """Who has seen or changed this child's record, newest first."""
    return (
        AuditEvent.objects.filter(child=child)
        .select_related("user", "user__practitioner", "user__practitioner__organisation")
        .order_by("-at", "-id")[:limit]
    )
