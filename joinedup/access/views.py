"""Emergency access to a child's record (break-glass, G1)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from joinedup.access import forms, policy, rules, services
from joinedup.core.clock import now
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import RuleViolations
from joinedup.ui.errors import add_violations


@login_required
@require_http_methods(["GET", "POST"])
def break_glass(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_break_glass(request.user):
        raise PermissionDenied
    form = forms.BreakGlassForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            grant = services.break_glass(user=request.user, now=now(), **form.cleaned_data)
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Emergency access granted. The people who hold this case have been told.")
            return redirect("people:child-detail", child_id=grant.child_id)
    hours = int(rules.EMERGENCY_ACCESS.total_seconds() // 3600)
    return render(request, "access/break_glass.html", {"form": form, "hours": hours})
