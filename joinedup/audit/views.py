"""Who has seen this child: the audit trail for managers and administrators (G3)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joinedup.access import policy
from joinedup.audit import selectors, services
from joinedup.audit.choices import AuditAction
from joinedup.core.clock import now
from joinedup.core.http import AuthenticatedHttpRequest


@login_required
@require_GET
def child_audit(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = policy.get_child_for_audit_or_404(request.user, child_id)
    events = list(selectors.events_for_child(child))
    services.record(
        action=AuditAction.AUDIT_VIEWED,
        by=request.user,
        at=now(),
        child=child,
        what="Looked at who has seen the record",
    )
    return render(request, "audit/child_audit.html", {"child": child, "events": events})
