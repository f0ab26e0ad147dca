"""Closing a case (C11) and the report of records past their retention date (G4)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.closure import forms, rules, selectors, services
from joinedup.closure.models import Closure
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import RuleViolations
from joinedup.ui.errors import add_violations


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _closed_message(closure: Closure, *, had_ehc_plan: bool) -> str:
    kept = f"{closure.retain_until.day} {closure.retain_until:%B %Y}"
    message = f"Case {closure.child.local_id} closed. The record is kept until {kept}."
    if closure.sen_officers_told:
        message += " The SEN team has been told that the case is closing to social care."
    elif had_ehc_plan:
        message += " Nobody from the SEN team was in the child's team: tell them the case is closing to social care."
    return message


@login_required
@require_http_methods(["GET", "POST"])
def case_close(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the form to close the case", may=policy.manages)
    form = forms.CloseCaseForm(
        _posted(request),
        initial={"closed_on": today()},
        reasons=selectors.active_reasons(),
        date_of_birth=child.date_of_birth,
        today=today(),
    )
    if form.is_valid():
        try:
            closure = services.close_case(child=child, by=request.user, now=now(), today=today(), **form.cleaned_data)
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(
                request, _closed_message(closure, had_ehc_plan=rules.tells_sen_team(child.ehc_plan_status))
            )
            # The manager no longer holds the case, so its page is closed to them too.
            return redirect("people:my-children")
    context = {"child": child, "form": form, "preview": selectors.closure_preview(child)}
    return render(request, "closure/case_close.html", context)


@login_required
@require_GET
def retention_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """G4: administrators see which closed records are past their retention date, by local ID only."""
    if not policy.can_review_retention(request.user):
        raise PermissionDenied
    closures = list(selectors.records_past_retention(request.user, today=today()))
    audit.record_seen_in_list(
        children=[c.child for c in closures],
        action=AuditAction.LISTED,
        by=request.user,
        at=now(),
        what="Records past their retention date",
    )
    return render(request, "closure/retention_report.html", {"closures": closures, "today": today()})
