"""Pages of an EHC needs assessment (F3): the child's timeline, each step, the waiting list, my advice."""

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
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import RuleViolations
from joinedup.ehc import forms, rules, selectors, services
from joinedup.ehc.choices import AssessmentStatus, Decision, RequestedBy, Step
from joinedup.ehc.models import EhcNeedsAssessment
from joinedup.people.models import Child
from joinedup.ui.errors import add_violations


def _posted(request: AuthenticatedHttpRequest) -> Any:
    # An empty POST must still bind the form, so its errors show.
    return request.POST if request.method == "POST" else None


def _open_step(
    request: AuthenticatedHttpRequest, child_id: UUID, assessment_id: UUID, *, what: str
) -> tuple[Child, EhcNeedsAssessment]:
    """The child through access (audited; only those who run the assessment), then its assessment."""
    child = open_child(request.user, child_id, what=what, may=policy.can_run_ehc_assessment)
    assessment = selectors.assessment_of(child, assessment_id)
    if assessment is None:
        raise Http404("No such assessment")
    return child, assessment


def _refusal(request: AuthenticatedHttpRequest, child: Child, title: str, message: str) -> HttpResponse:
    return render(request, "ehc/step_refused.html", {"child": child, "title": title, "message": message})


def _cannot(request: AuthenticatedHttpRequest, child: Child, step: Step, status: str) -> HttpResponse | None:
    """On opening a step that cannot be taken now, say why instead of showing the form (F3-STEP-ORDER).
    A form posted anyway goes to the service, which refuses it with the same words."""
    refused = rules.step_violation(step, AssessmentStatus(status))
    if request.method == "POST" or refused is None:
        return None
    return _refusal(request, child, Step(step).label, refused.message)


def _done(request: AuthenticatedHttpRequest, child: Child, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("ehc:assessment", child_id=child.pk)


@login_required
@require_GET
def assessment(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(
        request.user, child_id, what="Opened the EHC needs assessment", may=policy.can_read_ehc_assessment
    )
    me = policy.practitioner_of(request.user)
    context = {
        "child": child,
        "timeline": selectors.timeline(child, today()),
        "can_run": policy.can_run_ehc_assessment(request.user, child),
        "me_id": me.pk if me else None,
        "section_labels": selectors.section_labels,
        "step_violation": rules.step_violation,
        "step_labels": dict(Step.choices),
        "overdue": rules.is_overdue,
        "today": today(),
    }
    return render(request, "ehc/assessment.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_record(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(
        request.user, child_id, what="Opened the form to record an EHC request", may=policy.can_run_ehc_assessment
    )
    if request.method == "GET" and selectors.open_assessment(child) is not None:
        return _refusal(request, child, "Record a request", rules.ONE_OPEN)
    form = forms.RequestForm(_posted(request), initial={"requested_on": today()})
    if form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.request_assessment(
                child=child,
                requested_on=data["requested_on"],
                requested_by=RequestedBy(data["requested_by"]),
                note=data["note"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            due = f"{assessment.decision_due_on:%-d %B %Y}"
            return _done(request, child, f"Request recorded. The decision whether to assess is due by {due}")
    return render(request, "ehc/request_record.html", {"child": child, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def decision_record(request: AuthenticatedHttpRequest, child_id: UUID, assessment_id: UUID) -> HttpResponse:
    child, assessment = _open_step(request, child_id, assessment_id, what="Opened the EHC decision to assess")
    if refused := _cannot(request, child, Step.DECIDE, assessment.status):
        return refused
    form = forms.DecisionForm(_posted(request), initial={"decided_on": today()})
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_decision(
                assessment=assessment,
                decision=Decision(data["decision"]),
                decided_on=data["decided_on"],
                reason=data["reason"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            if data["decision"] == Decision.ASSESS:
                due = f"{assessment.final_due_on:%-d %B %Y}"
                return _done(request, child, f"Decision recorded: assessing. The final plan is due by {due}")
            return _done(request, child, "Decision recorded: not assessing")
    context = {"child": child, "assessment": assessment, "form": form}
    return render(request, "ehc/decision_record.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def advice_request(request: AuthenticatedHttpRequest, child_id: UUID, assessment_id: UUID) -> HttpResponse:
    child, assessment = _open_step(request, child_id, assessment_id, what="Opened the form to ask for EHC advice")
    if refused := _cannot(request, child, Step.ASK_ADVICE, assessment.status):
        return refused
    team, outcomes = selectors.team_to_ask(child), selectors.plan_outcomes(child)
    form = forms.AdviceRequestForm(
        _posted(request), initial={"requested_on": today()}, practitioners=team, outcomes=outcomes
    )
    if form.is_valid():
        data = form.cleaned_data
        practitioner = selectors.practitioner_by_id(child, data["practitioner"])
        if practitioner is None:
            raise Http404("No such practitioner")
        try:
            advice = services.request_advice(
                assessment=assessment,
                practitioner=practitioner,
                requested_on=data["requested_on"],
                sections=data["sections"],
                outcomes=selectors.outcomes_by_id(child, data.get("outcomes") or []),
                question=data["question"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            return _done(request, child, f"Advice asked of {practitioner.full_name}, due by {advice.due_on:%-d %B %Y}")
    context = {"child": child, "assessment": assessment, "form": form, "team": team}
    return render(request, "ehc/advice_request.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def advice_received(
    request: AuthenticatedHttpRequest, child_id: UUID, assessment_id: UUID, advice_id: UUID
) -> HttpResponse:
    advice = selectors.advice_by_ids(child_id, assessment_id, advice_id)
    child = open_child(
        request.user,
        child_id,
        what="Opened the form to record EHC advice received",
        may=lambda user, c: advice is None or policy.can_record_ehc_advice(user, c, advice),
    )
    if advice is None:
        raise Http404("No such advice request")
    if refused := _cannot(request, child, Step.RECEIVE_ADVICE, advice.assessment.status):
        return refused
    form = forms.AdviceReceivedForm(_posted(request), initial={"received_on": today()})
    if form.is_valid():
        try:
            services.record_advice_received(
                advice=advice, received_on=form.cleaned_data["received_on"], by=request.user, now=now(), today=today()
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            return _done(request, child, f"Advice from {advice.practitioner.full_name} recorded as received")
    context = {"child": child, "advice": advice, "form": form, "section_labels": selectors.section_labels}
    return render(request, "ehc/advice_received.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def draft_issue(request: AuthenticatedHttpRequest, child_id: UUID, assessment_id: UUID) -> HttpResponse:
    child, assessment = _open_step(request, child_id, assessment_id, what="Opened the EHC draft plan step")
    if refused := _cannot(request, child, Step.ISSUE_DRAFT, assessment.status):
        return refused
    form = forms.DraftForm(_posted(request), initial={"issued_on": today()})
    if form.is_valid():
        try:
            services.issue_draft_plan(
                assessment=assessment,
                issued_on=form.cleaned_data["issued_on"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            return _done(request, child, "Draft plan recorded as issued")
    outstanding = selectors.outstanding_advice(assessment)
    context = {"child": child, "assessment": assessment, "form": form, "outstanding": outstanding}
    return render(request, "ehc/draft_issue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def final_issue(request: AuthenticatedHttpRequest, child_id: UUID, assessment_id: UUID) -> HttpResponse:
    child, assessment = _open_step(request, child_id, assessment_id, what="Opened the EHC final plan step")
    if refused := _cannot(request, child, Step.ISSUE_FINAL, assessment.status):
        return refused
    plans = selectors.ehc_plans(child)
    form = forms.FinalForm(_posted(request), initial={"issued_on": today()}, plans=plans)
    if form.is_valid():
        chosen = form.cleaned_data.get("plan") or forms.NOT_RECORDED
        plan = None if chosen == forms.NOT_RECORDED else selectors.plan_by_id(child, chosen)
        try:
            services.issue_final_plan(
                assessment=assessment,
                issued_on=form.cleaned_data["issued_on"],
                plan=plan,
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            return _done(request, child, "Final EHC plan recorded as issued")
    return render(request, "ehc/final_issue.html", {"child": child, "assessment": assessment, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def assessment_stop(request: AuthenticatedHttpRequest, child_id: UUID, assessment_id: UUID) -> HttpResponse:
    child, assessment = _open_step(request, child_id, assessment_id, what="Opened the page to stop an EHC assessment")
    if refused := _cannot(request, child, Step.STOP, assessment.status):
        return refused
    form = forms.StopForm(_posted(request), initial={"stopped_on": today()})
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.stop_assessment(
                assessment=assessment,
                stopped_on=data["stopped_on"],
                reason=data["reason"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            return _done(request, child, "EHC needs assessment stopped")
    return render(request, "ehc/assessment_stop.html", {"child": child, "assessment": assessment, "form": form})


@login_required
@require_GET
def waiting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_see_ehc_waiting_list(request.user):
        raise PermissionDenied
    rows = selectors.waiting_list(request.user)
    children = [a.child for a in rows]
    audit.record_seen_in_list(
        children=children,
        action=AuditAction.LISTED,
        by=request.user,
        at=now(),
        what="EHC needs assessment waiting list",
    )
    return render(request, "ehc/waiting_list.html", {"rows": rows, "today": today(), "overdue": rules.is_overdue})


@login_required
@require_GET
def advice_mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_staff_role or policy.practitioner_of(request.user) is None:
        raise PermissionDenied
    rows = selectors.advice_asked_of(request.user)
    children = list({a.assessment.child_id: a.assessment.child for a in rows}.values())
    audit.record_seen_in_list(
        children=children, action=AuditAction.LISTED, by=request.user, at=now(), what="EHC advice asked of me"
    )
    context = {
        "outstanding": [a for a in rows if not a.is_received],
        "given": [a for a in rows if a.is_received],
        "today": today(),
        "overdue": rules.is_overdue,
        "section_labels": selectors.section_labels,
        "can_see_waiting_list": policy.can_see_ehc_waiting_list(request.user),
    }
    return render(request, "ehc/advice_mine.html", context)
