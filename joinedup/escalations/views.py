"""Raising an unplanned change in need and deciding what happens next (CwDT 6.3; C8); asking
Strengthening Families for family support work and considering the requests weekly (CwDT 6.4; C9)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import RuleViolations
from joinedup.escalations import forms, rules, selectors, services
from joinedup.escalations.choices import EscalationOutcome, EscalationStatus, EscalationStep, RequestStep
from joinedup.escalations.models import Escalation, FamilySupportRequest
from joinedup.ui.errors import add_violations

# ---- C8: unplanned change in need -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def escalation_raise(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    # Members of the child's team and managers with reach: those who keep the record current.
    child = open_child(request.user, child_id, what="Opened the form to raise an escalation", may=policy.can_edit_child)
    form = forms.RaiseEscalationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            escalation = services.raise_escalation(child=child, by=request.user, now=now(), **form.cleaned_data)
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            to = escalation.to_hub.team.name if escalation.to_hub else ""
            duty = escalation.status == EscalationStatus.IN_DUTY_QUEUE
            messages.success(request, f"Sent to the {'duty queue' if duty else 'team manager'} of {to}")
            return redirect(escalation)
    return render(request, "escalations/escalation_raise.html", {"child": child, "form": form})


@login_required
@require_GET
def escalation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_see_team_reports(request.user):
        raise PermissionDenied
    queues = selectors.escalation_queues(request.user)
    audit.record_seen_in_list(
        children=queues.children,
        action=AuditAction.LISTED,
        by=request.user,
        at=now(),
        what="Escalations list",
    )
    return render(request, "escalations/escalation_list.html", {"queues": queues})


DONE = {
    EscalationStep.DECIDE: "Decision recorded",
    EscalationStep.DISAGREE: "Disagreement sent to the operations manager",
    EscalationStep.FINAL_DECISION: "Final decision recorded",
}


def _step_form(step: EscalationStep | None, request: AuthenticatedHttpRequest, escalation: Escalation) -> Form | None:
    data = request.POST if request.method == "POST" else None
    if step == EscalationStep.DISAGREE:
        return forms.DisagreeForm(data)
    if step == EscalationStep.FINAL_DECISION:
        return forms.FinalDecisionForm(data, social_workers=selectors.social_workers_for(escalation))
    if step == EscalationStep.DECIDE:
        return forms.DecideEscalationForm(data, social_workers=selectors.social_workers_for(escalation))
    return None


def _take_step(step: EscalationStep, escalation: Escalation, user: User, data: dict[str, Any]) -> None:
    """The one service call for the step: its rules refuse, with a reason, what cannot be done now."""
    if step == EscalationStep.DISAGREE:
        services.disagree_with_escalation(escalation=escalation, by=user, now=now(), **data)
    elif step == EscalationStep.FINAL_DECISION:
        services.make_final_decision(escalation=escalation, by=user, now=now(), today=today(), **data)
    else:
        services.decide_escalation(escalation=escalation, by=user, now=now(), today=today(), **data)


@login_required
@require_http_methods(["GET", "POST"])
def escalation_detail(request: AuthenticatedHttpRequest, escalation_id: UUID) -> HttpResponse:
    escalation = selectors.escalation_for(request.user, escalation_id)
    if escalation is None:
        raise Http404("No such escalation")
    step = rules.next_step(status=escalation.status, role=policy.escalation_role(request.user, escalation))
    if request.method == "POST":
        if step is None or request.POST.get("step") not in EscalationStep.values:
            raise PermissionDenied
        # The step the page offered when it was opened: if the escalation has moved on, its rule says why.
        step = EscalationStep(request.POST["step"])
    audit.record(
        action=AuditAction.VIEWED,
        by=request.user,
        at=now(),
        child=escalation.child,
        subject=escalation,
        what="Opened the escalation",
    )
    form = _step_form(step, request, escalation)
    if step is not None and form is not None and form.is_valid():
        try:
            _take_step(step, escalation, request.user, form.cleaned_data)
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, DONE[step])
            return redirect(escalation)
    context = {
        "escalation": escalation,
        "form": form,
        "step": step,
        "can_open_record": policy.visible_children(request.user).filter(pk=escalation.child_id).exists(),
        "can_propose_transfer": escalation.outcome_in_force == EscalationOutcome.TRANSFER
        and policy.manages(request.user, escalation.child),
    }
    return render(request, "escalations/escalation_detail.html", context)


# ---- C9: family support requests --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def family_support_request(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    what = "Opened the form to request family support"
    child = open_child(request.user, child_id, what=what, may=policy.may_request_family_support)
    form = forms.RequestFamilySupportForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            support_request = services.request_family_support(
                child=child, by=request.user, now=now(), **form.cleaned_data
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, f"Request sent to {support_request.to_hub.team.name}")
            return redirect(support_request)
    return render(request, "escalations/family_support_request.html", {"child": child, "form": form})


@login_required
@require_GET
def family_support_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_see_team_reports(request.user):
        raise PermissionDenied
    requests = selectors.request_queue(request.user)
    at = now()
    audit.record_seen_in_list(
        children=[r.child for r in requests],
        action=AuditAction.LISTED,
        by=request.user,
        at=at,
        what="Family support requests",
    )
    rows = [
        (r, rules.waited(r.requested_at, now=at), rules.not_considered_for(r.requested_at, status=r.status, now=at))
        for r in requests
    ]
    return render(request, "escalations/family_support_queue.html", {"rows": rows})


def _steps_for(user: User, support_request: FamilySupportRequest) -> list[RequestStep]:
    role = policy.request_role(user, support_request)
    return [s for s in RequestStep if not rules.step_violations(step=s, status=support_request.status, role=role)]


@login_required
@require_http_methods(["GET", "POST"])
def family_support_detail(request: AuthenticatedHttpRequest, request_id: UUID) -> HttpResponse:
    support_request = selectors.request_for(request.user, request_id)
    if support_request is None:
        raise Http404("No such request")
    steps = _steps_for(request.user, support_request)
    if request.method == "POST" and not steps:
        raise PermissionDenied
    audit.record(
        action=AuditAction.VIEWED,
        by=request.user,
        at=now(),
        child=support_request.child,
        subject=support_request,
        what="Opened the family support request",
    )
    form = forms.ConsiderRequestForm(
        request.POST if request.method == "POST" else None,
        steps=steps,
        workers=selectors.family_support_workers(support_request.to_hub),
    )
    if steps and form.is_valid():
        step = RequestStep(form.cleaned_data.pop("step"))
        try:
            services.consider_family_support(
                support_request=support_request,
                step=step,
                by=request.user,
                now=now(),
                today=today(),
                **form.cleaned_data,
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, f"Recorded: {step.label}")
            return redirect(support_request)
    context = {
        "support_request": support_request,
        "form": form,
        "steps": steps,
        "can_open_record": policy.visible_children(request.user).filter(pk=support_request.child_id).exists(),
        "waited": rules.waited(support_request.requested_at, now=now()),
        "overdue": rules.not_considered_for(support_request.requested_at, status=support_request.status, now=now()),
    }
    return render(request, "escalations/family_support_detail.html", context)
