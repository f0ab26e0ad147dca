"""Who has seen this child: the audit trail for managers and administrators (G3)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from joinedup.access import policy
from joinedup.audit import forms, selectors, services
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


@login_required
@require_GET
def audit_lookup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Find a record's audit trail by local ID; says nothing about records out of reach."""
    if not policy.can_look_up_audit(request.user):
        raise PermissionDenied
    form = forms.AuditLookupForm(request.GET if "local_id" in request.GET else None)
    if form.is_valid():
        local_id = form.cleaned_data["local_id"].strip().upper()
        child = policy.auditable_children(request.user).filter(local_id=local_id).first()
        if child is not None:
            return redirect("audit:child-audit", child_id=child.pk)
        form.add_error("local_id", "There is no record with that local ID whose audit trail you can see")
    return render(request, "audit/audit_lookup.html", {"form": form})
