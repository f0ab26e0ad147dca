"""Contingency plan pages (B7): key workers and their cover, marking someone away or back, children covered."""

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
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.contingency import forms, selectors, services
from joinedup.contingency.choices import AbsenceKind
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.organisations.models import Practitioner
from joinedup.ui.errors import add_violations

CHANGED = "Someone else changed this cover after you opened it. Check it and try again."


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _managed(request: AuthenticatedHttpRequest, practitioner_id: UUID) -> Practitioner:
    """A practitioner of the user's area (else 404) whom the user manages (else 403)."""
    practitioner = selectors.practitioner_or_404(request.user, practitioner_id)
    if not policy.can_set_cover(request.user, practitioner):
        raise PermissionDenied
    return practitioner


@login_required
@require_GET
def cover_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """B7-BREACH: every key worker in the manager's teams, their children and their cover."""
    if not policy.can_see_cover(request.user):
        raise PermissionDenied
    rows = selectors.key_workers_for(request.user)
    breaches = sum(1 for r in rows if r.is_breach)
    context = {"rows": rows, "breaches": breaches, "away": selectors.away_for(request.user)}
    return render(request, "contingency/cover_list.html", context)


@login_required
@require_GET
def children_covered(request: AuthenticatedHttpRequest) -> HttpResponse:
    """B7-AGE: children flagged because their key worker is away, oldest first."""
    if not policy.can_see_cover(request.user):
        raise PermissionDenied
    rows = selectors.covered_children(request.user, today=today())
    audit.record_seen_in_list(
        children=[r.flag.child for r in rows],
        action=AuditAction.LISTED,
        by=request.user,
        at=now(),
        what="Children covered while their key worker is away",
    )
    return render(request, "contingency/children_covered.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def cover_set(request: AuthenticatedHttpRequest, practitioner_id: UUID) -> HttpResponse:
    key_worker = _managed(request, practitioner_id)
    plan = selectors.cover_of(key_worker)
    initial = {"cover": plan.cover_id, "reason": plan.reason, "version": plan.version} if plan else {}
    form = forms.CoverForm(_posted(request), initial=initial, candidates=selectors.cover_candidates(key_worker))
    if form.is_valid():
        try:
            services.set_cover(
                key_worker=key_worker,
                cover=form.cleaned_data["cover"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
                now=now(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            form.add_error(None, CHANGED)
        else:
            messages.success(request, f"{form.cleaned_data['cover'].full_name} is now cover for {key_worker.full_name}")
            return redirect("contingency:cover-list")
    return render(request, "contingency/cover_set.html", {"key_worker": key_worker, "plan": plan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def mark_inactive(request: AuthenticatedHttpRequest, practitioner_id: UUID) -> HttpResponse:
    practitioner = _managed(request, practitioner_id)
    form = forms.InactiveForm(_posted(request), initial={"from_date": today()})
    if form.is_valid() and form.cleaned_data["confirmed"] == "yes":
        try:
            done = services.mark_inactive(
                practitioner=practitioner,
                kind=form.cleaned_data["kind"],
                from_date=form.cleaned_data["from_date"],
                note=form.cleaned_data["note"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            covered = sum(1 for f in done.flags if f.is_covered)
            messages.success(
                request,
                f"{practitioner.full_name} is marked inactive. {len(done.flags)} children flagged, "
                f"{covered} covered. Everyone concerned has been told.",
            )
            return redirect("contingency:children-covered")
    elif form.is_valid():
        return _confirm_inactive(request, practitioner, form)
    context = {"practitioner": practitioner, "form": form, "absence": selectors.current_absence(practitioner)}
    return render(request, "contingency/inactive.html", context)


def _confirm_inactive(
    request: AuthenticatedHttpRequest, practitioner: Practitioner, form: forms.InactiveForm
) -> HttpResponse:
    """The children affected, before anything happens. Only children in the manager's reach are named."""
    visible = policy.visible_children(request.user)
    key_worked = selectors.children_key_worked_by(practitioner)
    other = selectors.children_with_other_open_work(practitioner)
    shown = list(key_worked.filter(pk__in=visible.values("pk")))
    shown_other = list(other.filter(pk__in=visible.values("pk")))
    audit.record_seen_in_list(
        children=shown + shown_other,
        action=AuditAction.LISTED,
        by=request.user,
        at=now(),
        what=f"Children affected if {practitioner.full_name} is marked inactive",
    )
    carried = [
        (k, v) for k, values in request.POST.lists() if k not in ("csrfmiddlewaretoken", "confirmed") for v in values
    ]
    context = {
        "practitioner": practitioner,
        "form": form,
        "plan": selectors.cover_of(practitioner),
        "cover": selectors.usable_cover(practitioner),
        "key_worked": shown,
        "key_worked_hidden": key_worked.count() - len(shown),
        "other": shown_other,
        "other_hidden": other.count() - len(shown_other),
        "carried": carried,
        "kind_label": AbsenceKind(form.cleaned_data["kind"]).label,
    }
    return render(request, "contingency/inactive_confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def mark_active(request: AuthenticatedHttpRequest, practitioner_id: UUID) -> HttpResponse:
    practitioner = _managed(request, practitioner_id)
    form = forms.ActiveForm(_posted(request))
    if form.is_valid():
        try:
            services.mark_active(practitioner=practitioner, note=form.cleaned_data["note"], by=request.user, now=now())
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, f"{practitioner.full_name} is marked active again")
            return redirect("contingency:cover-list")
    context = {"practitioner": practitioner, "form": form, "absence": selectors.current_absence(practitioner)}
    return render(request, "contingency/active.html", context)
