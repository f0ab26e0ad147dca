"""Record a visit, record a child in need review, and see the child's visits and reviews (C5, E3)."""

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
from joinedup.allocation.selectors import hubs_of_area
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import RuleViolations
from joinedup.reviews import forms, selectors, services
from joinedup.reviews.choices import SeenAlone, Step
from joinedup.ui.errors import add_violations

CARERS_FIELDS = {"carers_offered": "carers_assessment_offered", "offered_on": "held_on"}


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@login_required
@require_GET
def reviews_list(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the visits and reviews")
    context = {
        "child": child,
        "visits": list(selectors.visits_of(child)),
        "reviews": list(selectors.reviews_of(child)),
        "can_record": policy.can_record_duty(request.user, child),
    }
    return render(request, "reviews/reviews_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def visit_record(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the form to record a visit", may=policy.can_record_duty)
    form = forms.VisitForm(_posted(request), initial={"visited_on": today()})
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_visit(
                child=child,
                by=request.user,
                now=now(),
                today=today(),
                **data | {"seen_alone": SeenAlone(data["seen_alone"])},
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Visit recorded")
            return redirect(child)
    return render(request, "reviews/visit_record.html", {"child": child, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def review_record(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the form to record a review", may=policy.can_record_duty)
    form = forms.CinReviewForm(_posted(request), initial={"held_on": today()}, hubs=hubs_of_area(child.area_id))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_cin_review(
                child=child, by=request.user, now=now(), today=today(), **data | {"step": Step(data["step"])}
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations, fields=CARERS_FIELDS)
        else:
            messages.success(request, "Review recorded")
            return redirect(child)
    return render(request, "reviews/review_record.html", {"child": child, "form": form})
