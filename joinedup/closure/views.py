"""Closing a case (C11), the report of records past their retention date (G4), and the area's
closure reasons for its administrators (C11)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.closure import forms, rules, selectors, services
from joinedup.closure.models import Closure, ClosureReason
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.organisations.models import Area
from joinedup.ui.errors import add_violations


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _load_reasons_once(area_id: UUID, request: AuthenticatedHttpRequest) -> None:
    """An area gets the default closure reasons the first time it needs them."""
    if not selectors.reasons_of(area_id).exists():
        services.load_default_reasons(area=Area.objects.get(pk=area_id), by=request.user, now=now())


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
    _load_reasons_once(child.area_id, request)
    form = forms.CloseCaseForm(
        _posted(request),
        initial={"closed_on": today()},
        reasons=selectors.active_reasons(child.area_id),
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


@login_required
@require_GET
def reason_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_edit_closure_reasons(request.user) or request.user.area_id is None:
        raise PermissionDenied
    _load_reasons_once(request.user.area_id, request)
    reasons = [(r, _kept(r)) for r in selectors.reasons_of(request.user.area_id)]
    return render(request, "closure/reason_list.html", {"reasons": reasons})


def _kept(reason: ClosureReason) -> str:
    return rules.kept_in_words(retention_from=reason.retention_from, retention_years=reason.retention_years)


REASON_CONFLICT = (
    "Someone else saved this reason while you were editing, so your changes have not been saved. "
    "Their version is shown below yours: check it, then save again to replace it"
)


@login_required
@require_http_methods(["GET", "POST"])
def reason_edit(request: AuthenticatedHttpRequest, reason_id: UUID) -> HttpResponse:
    if not policy.can_edit_closure_reasons(request.user):
        raise PermissionDenied
    reason = selectors.reason_to_edit(request.user, reason_id)
    if reason is None:
        raise Http404("No such closure reason")
    initial = {name: getattr(reason, name) for name in services.REASON_FIELDS} | {"version": reason.version}
    form = forms.ClosureReasonForm(_posted(request), initial=initial | {"active": "yes" if reason.active else "no"})
    context: dict[str, Any] = {"reason": reason, "conflict": None}
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.update_closure_reason(
                reason=reason, expected_version=data.pop("version"), by=request.user, now=now(), **data
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            # Keep what the administrator typed, now on top of the version saved, so they can choose.
            context["conflict"] = current = selectors.reason_to_edit(request.user, reason_id) or reason
            context["conflict_kept"] = _kept(current)
            posted = request.POST.copy()
            posted["version"] = str(current.version)
            form = forms.ClosureReasonForm(posted)
            form.is_valid()
            form.add_error(None, REASON_CONFLICT)
        else:
            messages.success(
                request, "Closure reason saved. Cases closed before keep the retention date they were given"
            )
            return redirect("closure:reason-list")
    return render(request, "closure/reason_edit.html", context | {"form": form})
