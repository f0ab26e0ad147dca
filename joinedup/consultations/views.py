"""Consultations on the child's file (CwDT 8.2 to 8.5; C12): the list, and recording one."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.consultations import forms, selectors, services
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import RuleViolations
from joinedup.ui.errors import add_violations


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@login_required
@require_GET
def consultation_list(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the consultations")
    context = {
        "child": child,
        "consultations": list(selectors.consultations_for(child)),
        "can_record": policy.can_edit_child(request.user, child),
    }
    return render(request, "consultations/consultation_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_add(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    # Members of the child's team and managers with reach give advice and record it (CwDT 8.5).
    child = open_child(
        request.user, child_id, what="Opened the form to record a consultation", may=policy.can_edit_child
    )
    form = forms.ConsultationForm(_posted(request), initial={"given_on": today()}, today=today())
    if form.is_valid():
        try:
            services.record_consultation(child=child, by=request.user, now=now(), today=today(), **form.cleaned_data)
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Consultation recorded")
            return redirect("consultations:consultation-list", child_id=child.pk)
    return render(request, "consultations/consultation_add.html", {"child": child, "form": form})
