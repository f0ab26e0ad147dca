"""Handover pages on the child's record (B6): the list, start, one handover, read, complete, cancel."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import RuleViolations
from joinedup.handovers import forms, selectors, services
from joinedup.handovers.models import Handover
from joinedup.people.models import Child
from joinedup.teams import selectors as team_selectors
from joinedup.ui.errors import add_violations


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _open(
    request: AuthenticatedHttpRequest, child_id: UUID, handover_id: UUID, what: str, may: Any
) -> tuple[Child, Handover]:
    """The child (404 if invisible) and its handover; 403 unless the user reads handovers and ``may``
    allows; the read is audited only once allowed."""
    child = policy.get_child_or_404(request.user, child_id)
    handover = selectors.handover_of(child, handover_id)
    if handover is None:
        raise Http404("No handover found")
    child = open_child(
        request.user, child_id, what=what, may=lambda u, c: policy.can_read_handovers(u, c) and may(u, c, handover)
    )
    return child, handover


def _detail(handover: Handover) -> HttpResponse:
    return redirect("handovers:handover-detail", child_id=handover.child_id, handover_id=handover.pk)


@login_required
@require_GET
def handover_list(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the handovers", may=policy.can_read_handovers)
    context = {
        "child": child,
        "handovers": selectors.handovers_for(child),
        "can_start": policy.can_hand_over(request.user, child),
    }
    return render(request, "handovers/handover_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def handover_start(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    """Choose whose work to hand over (``?from=``), then the new person (B3 suggestions for a key worker)."""
    holders = selectors.holders_of(policy.get_child_or_404(request.user, child_id))
    old = next((h for h in holders if str(h.practitioner.pk) == request.GET.get("from", "")), None)
    child = open_child(
        request.user,
        child_id,
        what="Opened the form to start a handover",
        may=lambda u, c: policy.can_hand_over(u, c, old.practitioner if old else None),
    )
    if old is None:
        allowed = {
            p.pk for p in policy.whose_work_user_hands_over(request.user, child, [h.practitioner for h in holders])
        }
        mine = [h for h in holders if h.practitioner.pk in allowed]
        return render(request, "handovers/handover_choose.html", {"child": child, "holders": mine})
    suggestions = team_selectors.key_worker_suggestions(child) if old.is_key_worker else []
    choices = selectors.new_person_choices(child, old.practitioner)
    if suggestions:
        choices = choices.filter(pk__in=[s.practitioner.pk for s in suggestions])
    form = forms.StartForm(_posted(request), choices=choices, radios=bool(suggestions))
    if form.is_valid():
        try:
            handover = services.start_handover(
                child=child,
                old=old.practitioner,
                new=form.cleaned_data["to_practitioner"],
                reason=form.cleaned_data["reason"],
                old_leaves_team=form.cleaned_data["old_leaves_team"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Handover started. The person taking over has been asked to read the summary.")
            return _detail(handover)
    context = {"child": child, "old": old, "form": form, "suggestions": suggestions}
    return render(request, "handovers/handover_start.html", context)


@login_required
@require_GET
def handover_detail(request: AuthenticatedHttpRequest, child_id: UUID, handover_id: UUID) -> HttpResponse:
    child, handover = _open(request, child_id, handover_id, "Opened a handover", lambda u, c, h: True)
    context = {
        "child": child,
        "handover": handover,
        "s": handover.summary,
        "holds": selectors.open_items_of(child, handover.from_practitioner) if handover.is_open else None,
        "can_read": handover.status == "STARTED" and policy.can_confirm_handover_read(request.user, child, handover),
        "can_complete": handover.is_open and policy.can_complete_handover(request.user, child, handover),
    }
    return render(request, "handovers/handover_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def handover_read(request: AuthenticatedHttpRequest, child_id: UUID, handover_id: UUID) -> HttpResponse:
    child, handover = _open(
        request,
        child_id,
        handover_id,
        "Opened the handover summary to confirm reading it",
        policy.can_confirm_handover_read,
    )
    form = forms.ReadForm(_posted(request))
    if form.is_valid():
        try:
            services.confirm_handover_read(handover=handover, by=request.user, now=now())
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Thank you. The handover can now be completed.")
            return _detail(handover)
    context = {"child": child, "handover": handover, "s": handover.summary, "form": form}
    return render(request, "handovers/handover_read.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def handover_complete(request: AuthenticatedHttpRequest, child_id: UUID, handover_id: UUID) -> HttpResponse:
    child, handover = _open(
        request, child_id, handover_id, "Opened the form to complete a handover", policy.can_complete_handover
    )
    form = forms.CompleteForm(_posted(request))
    if form.is_valid():
        try:
            services.complete_handover(handover=handover, by=request.user, now=now(), today=today())
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Handover completed. The child, family and team have been told.")
            return _detail(handover)
    context = {
        "child": child,
        "handover": handover,
        "form": form,
        "holds": services.open_items_to_move(handover=handover, by=request.user, now=now(), today=today()),
    }
    return render(request, "handovers/handover_complete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def handover_cancel(request: AuthenticatedHttpRequest, child_id: UUID, handover_id: UUID) -> HttpResponse:
    child, handover = _open(
        request, child_id, handover_id, "Opened the form to cancel a handover", policy.can_complete_handover
    )
    form = forms.CancelForm(_posted(request))
    if form.is_valid():
        try:
            services.cancel_handover(
                handover=handover, reason=form.cleaned_data["reason"], by=request.user, now=now(), today=today()
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Handover cancelled. Nothing has moved.")
            return _detail(handover)
    return render(request, "handovers/handover_cancel.html", {"child": child, "handover": handover, "form": form})
