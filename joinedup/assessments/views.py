"""Assessments on the child's file (C10; CwDT 7.3) and the Resource Panel's agenda for managers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.assessments import forms, rules, selectors, services
from joinedup.assessments.choices import PackageStatus, RequestStatus
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import RuleViolations
from joinedup.people.models import Child
from joinedup.ui.errors import add_violations


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _back(child: Child) -> HttpResponse:
    return redirect("assessments:assessments", child_id=child.pk)


def _open(request: AuthenticatedHttpRequest, child_id: UUID, what: str) -> Child:
    return open_child(request.user, child_id, what=what, may=policy.can_record_assessments)


def _save(form: django_forms.Form, step: Callable[[], object], fields: dict[str, str] | None = None) -> bool:
    """Call the service; its refusals become errors on the form, keeping what was typed."""
    try:
        step()
    except RuleViolations as exc:
        add_violations(form, exc.violations, fields=fields)
        return False
    return True


def _me(request: AuthenticatedHttpRequest) -> Any:
    practitioner = policy.practitioner_of(request.user)
    return practitioner.pk if practitioner is not None else None


@login_required
@require_GET
def assessments(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the assessments")
    context = {
        "child": child,
        **selectors.assessments_page(child),
        "can_record": policy.can_record_assessments(request.user, child),
        "can_decide": policy.can_decide_at_panel(request.user, child),
        "waiting": selectors.waiting,
        "pounds": rules.pounds,
        "small_limit": rules.small_increase_limit,
        "PackageStatus": PackageStatus,
        "RequestStatus": RequestStatus,
        "today": today(),
    }
    return render(request, "assessments/assessments.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def single_start(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = _open(request, child_id, "Opened the form to start a single assessment")
    people = selectors.social_workers_for(child)
    form = forms.StartSingleAssessmentForm(
        _posted(request), social_workers=people, initial={"started_on": today(), "social_worker": _me(request)}
    )
    if form.is_valid() and _save(
        form,
        lambda: services.start_single_assessment(
            child=child, by=request.user, now=now(), today=today(), **form.cleaned_data
        ),
    ):
        messages.success(request, "Single assessment started")
        return _back(child)
    context = {"child": child, "form": form, "nobody": not people.exists()}
    return render(request, "assessments/single_start.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def single_complete(request: AuthenticatedHttpRequest, child_id: UUID, assessment_id: UUID) -> HttpResponse:
    child = _open(request, child_id, "Opened the form to complete a single assessment")
    assessment = selectors.single_assessment_of(child, assessment_id)
    if assessment is None or assessment.completed_on is not None:
        raise Http404("No single assessment in progress")
    form = forms.CompleteSingleAssessmentForm(_posted(request), initial={"completed_on": today()})
    if form.is_valid() and _save(
        form,
        lambda: services.complete_single_assessment(
            assessment=assessment, by=request.user, now=now(), today=today(), **form.cleaned_data
        ),
        fields={"offered_on": "completed_on"},
    ):
        messages.success(request, "Single assessment completed")
        return _back(child)
    return render(request, "assessments/single_complete.html", {"child": child, "form": form, "assessment": assessment})


@login_required
@require_http_methods(["GET", "POST"])
def carers_add(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = _open(request, child_id, "Opened the form to record a carers assessment")
    carers, people = selectors.carers_of(child), selectors.carers_assessors_for(child)
    form = forms.CarersAssessmentForm(
        _posted(request),
        carers=carers,
        assessors=people,
        initial={"assessed_on": today(), "assessor": _me(request)},
    )
    if form.is_valid() and _save(
        form,
        lambda: services.record_carers_assessment(
            child=child, by=request.user, now=now(), today=today(), **form.cleaned_data
        ),
    ):
        messages.success(request, "Carers assessment recorded; its review is scheduled")
        return _back(child)
    nobody = not carers.exists() or not people.exists()
    return render(request, "assessments/carers_add.html", {"child": child, "form": form, "nobody": nobody})


@login_required
@require_http_methods(["GET", "POST"])
def carers_review(request: AuthenticatedHttpRequest, child_id: UUID, assessment_id: UUID) -> HttpResponse:
    child = _open(request, child_id, "Opened the form to review a carers assessment")
    assessment = selectors.carers_assessment_of(child, assessment_id)
    if assessment is None:
        raise Http404("No such carers assessment")
    people = selectors.carers_assessors_for(child)
    form = forms.CarersReviewForm(
        _posted(request),
        reviewers=people,
        initial={"reviewed_on": today(), "reviewer": _me(request), "review_months": assessment.review_months},
    )
    if form.is_valid() and _save(
        form,
        lambda: services.review_carers_assessment(
            assessment=assessment, by=request.user, now=now(), today=today(), **form.cleaned_data
        ),
    ):
        messages.success(request, "Carers assessment review recorded; the next review is scheduled")
        return _back(child)
    context = {"child": child, "form": form, "assessment": assessment, "nobody": not people.exists()}
    return render(request, "assessments/carers_review.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def transitions_add(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = _open(request, child_id, "Opened the form to record a transitions assessment")
    people = selectors.case_workers_for(child)
    form = forms.TransitionsForm(
        _posted(request), workers=people, initial={"assessed_on": today(), "worker": _me(request)}
    )
    if form.is_valid() and _save(
        form,
        lambda: services.record_transitions_assessment(
            child=child, by=request.user, now=now(), today=today(), **form.cleaned_data
        ),
    ):
        messages.success(request, "Transitions assessment recorded")
        return _back(child)
    context = {"child": child, "form": form, "nobody": not people.exists()}
    return render(request, "assessments/transitions_add.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def transitions_referral(request: AuthenticatedHttpRequest, child_id: UUID, assessment_id: UUID) -> HttpResponse:
    child = _open(request, child_id, "Opened the form to record the referral to adult social care")
    assessment = selectors.transitions_assessment_of(child, assessment_id)
    if assessment is None or assessment.referral_made_on is not None:
        raise Http404("No transitions assessment waiting for its referral")
    form = forms.ReferralForm(_posted(request), initial={"referral_made_on": today()})
    if form.is_valid() and _save(
        form,
        lambda: services.record_adult_referral(
            assessment=assessment, by=request.user, now=now(), today=today(), **form.cleaned_data
        ),
    ):
        messages.success(request, "Referral to adult social care recorded")
        return _back(child)
    return render(request, "assessments/referral.html", {"child": child, "form": form, "assessment": assessment})


@login_required
@require_http_methods(["GET", "POST"])
def package_add(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = _open(request, child_id, "Opened the form to ask the Resource Panel for a package")
    form = forms.PackageForm(_posted(request))
    if form.is_valid() and _save(
        form,
        lambda: services.identify_package(child=child, by=request.user, now=now(), today=today(), **form.cleaned_data),
    ):
        messages.success(request, "Package sent to the Resource Panel")
        return _back(child)
    return render(request, "assessments/package_add.html", {"child": child, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def package_change(request: AuthenticatedHttpRequest, child_id: UUID, package_id: UUID) -> HttpResponse:
    child = _open(request, child_id, "Opened the form to ask the Resource Panel for a revised package")
    package = selectors.package_in_place(child, package_id)
    if package is None:
        raise Http404("No package in place")
    form = forms.PackageChangeForm(
        _posted(request), has_overnight=package.overnight_respite, initial={"asked": package.provides}
    )
    if form.is_valid() and _save(
        form,
        lambda: services.request_package_change(
            package=package,
            asked=form.cleaned_data["asked"],
            amount=form.cleaned_data["amount"],
            adds_overnight=form.cleaned_data.get("adds_overnight", False),
            reviewed_on=form.cleaned_data["reviewed_on"],
            by=request.user,
            now=now(),
            today=today(),
        ),
    ):
        messages.success(request, "Revised package sent to the Resource Panel")
        return _back(child)
    context = {
        "child": child,
        "form": form,
        "package": package,
        "pounds": rules.pounds,
        "small_limit": rules.small_increase_limit(package.amount) if package.amount else None,
    }
    return render(request, "assessments/package_change.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def panel_decide(request: AuthenticatedHttpRequest, child_id: UUID, request_id: UUID) -> HttpResponse:
    child = open_child(
        request.user, child_id, what="Opened a Resource Panel request to decide it", may=policy.can_decide_at_panel
    )
    panel_request = selectors.panel_request_of(child, request_id)
    if panel_request is None or panel_request.status != RequestStatus.WAITING:
        raise Http404("No request waiting for the panel")
    form = forms.PanelDecisionForm(_posted(request), initial={"decided_on": today()})
    if form.is_valid() and _save(
        form,
        lambda: services.decide_panel_request(
            request=panel_request, by=request.user, now=now(), today=today(), **form.cleaned_data
        ),
    ):
        messages.success(request, "Resource Panel decision recorded")
        return redirect("assessments:resource-panel")
    context = {"child": child, "form": form, "panel_request": panel_request, "pounds": rules.pounds}
    return render(request, "assessments/panel_decide.html", context)


@login_required
@require_GET
def resource_panel(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_see_resource_panel(request.user):
        raise PermissionDenied
    agenda = selectors.panel_agenda(request.user, today())
    shown = {r.child_id: r.child for r in agenda.waiting} | {
        d.request.child_id: d.request.child for d in agenda.decided
    }
    audit.record_seen_in_list(
        children=list(shown.values()), action=AuditAction.LISTED, by=request.user, at=now(), what="Resource Panel"
    )
    context = {"agenda": agenda, "today": today(), "pounds": rules.pounds}
    return render(request, "assessments/resource_panel.html", context)
