"""Referrals to the Children with Disabilities Team and the threshold criteria (CwDT 1.2, 1.3; C1)."""

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
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import RuleViolations
from joinedup.people.choices import Need
from joinedup.referrals import forms, rules, selectors, services
from joinedup.referrals.choices import Decision, ReferralStatus
from joinedup.referrals.models import ThresholdCriterion
from joinedup.ui.errors import add_violations


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _criteria(request: AuthenticatedHttpRequest, *, active_only: bool = True) -> list[ThresholdCriterion]:
    """The area's criteria; the defaults of CwDT 1.2 are loaded the first time an area has none."""
    area = request.user.area
    if area is None:
        raise PermissionDenied
    if not selectors.criteria_for(area.pk, active_only=False).exists():
        services.load_default_criteria(area=area, by=request.user, now=now())
    return list(selectors.criteria_for(area.pk, active_only=active_only))


def _met(met: rules.MetCriterion | None) -> str:
    return f"Met: {', '.join(Need(n).label.lower() for n in met.needs)}" if met else "Not met"


@login_required
@require_GET
def referral_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_decide_referrals(request.user):
        raise PermissionDenied
    referrals = list(selectors.referral_list(request.user))
    audit.record(action=AuditAction.LISTED, by=request.user, at=now(), what=f"Referral list ({len(referrals)})")
    return render(request, "referrals/referral_list.html", {"referrals": referrals})


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_decide_referrals(request.user):
        raise PermissionDenied
    form = forms.ReferralForm(_posted(request), initial={"received_on": today()})
    if form.is_valid():
        try:
            referral = services.record_referral(by=request.user, now=now(), today=today(), **form.cleaned_data)
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Referral recorded")
            return redirect(referral)
    return render(request, "referrals/referral_new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def referral_detail(request: AuthenticatedHttpRequest, referral_id: UUID) -> HttpResponse:
    referral = selectors.referral_for(request.user, referral_id)
    if referral is None:
        raise Http404("No such referral")
    audit.record(
        action=AuditAction.VIEWED,
        by=request.user,
        at=now(),
        child=referral.child,
        subject=referral,
        what="Opened the referral",
    )
    criteria = _criteria(request)
    sibling_held = selectors.sibling_hub(referral) is not None
    met = {
        m.code: m
        for m in rules.criteria_met(
            needs=referral.needs,
            severe=referral.severe,
            criteria=selectors.as_rules(criteria),
            sibling_held=sibling_held,
        )
    }
    form = forms.DecisionForm(_posted(request))
    if referral.status == ReferralStatus.RECEIVED and form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_referral(
                referral=referral,
                accept=data["decision"] == Decision.ACCEPT,
                reason=data["reason"],
                local_id=data["local_id"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Decision recorded")
            return redirect(referral)
    rows = [{"key": {"text": c.text}, "value": {"text": _met(met.get(c.code))}} for c in criteria]
    if referral.sibling_of_id is not None:
        sibling = rules.SIBLING_CRITERION
        rows.insert(0, {"key": {"text": sibling.text}, "value": {"text": "Met" if sibling_held else "Not met"}})
    context = {"referral": referral, "form": form, "criteria_rows": rows}
    return render(request, "referrals/referral_detail.html", context)


@login_required
@require_GET
def criterion_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_edit_threshold_criteria(request.user):
        raise PermissionDenied
    return render(request, "referrals/criterion_list.html", {"criteria": _criteria(request, active_only=False)})


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request: AuthenticatedHttpRequest, criterion_id: UUID) -> HttpResponse:
    criterion = selectors.criterion_for(request.user, criterion_id)
    if criterion is None:
        raise Http404("No such criterion")
    initial = {"text": criterion.text, "needs": criterion.needs, "active": "yes" if criterion.active else "no"}
    form = forms.CriterionForm(_posted(request), initial=initial)
    if form.is_valid():
        try:
            services.update_criterion(criterion=criterion, by=request.user, now=now(), **form.cleaned_data)
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Criterion saved")
            return redirect("referrals:criterion-list")
    return render(request, "referrals/criterion_edit.html", {"criterion": criterion, "form": form})
