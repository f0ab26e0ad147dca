"""Worklists and recording duties (C5, C10): due this week, a team's overdue list, done, agreed."""

from __future__ import annotations

from datetime import timedelta
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
from joinedup.allocation.models import Hub
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rows import page_of
from joinedup.core.rules import RuleViolations
from joinedup.duties import forms, rules, selectors, services, team_list
from joinedup.duties.choices import CadenceKind, DutyKind
from joinedup.meetings import selectors as meeting_selectors
from joinedup.ui.errors import add_violations

TEAM_PAGE_SIZE = 50
TEAM_LIST_OVERDUE = "overdue"
TEAM_LIST_UNOWNED = "unowned"


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _seen(request: AuthenticatedHttpRequest, duties: list[Any], what: str) -> None:
    children = list({d.child_id: d.child for d in duties}.values())
    audit.record_seen_in_list(children=children, action=AuditAction.LISTED, by=request.user, at=now(), what=what)


@login_required
@require_GET
def due_this_week(request: AuthenticatedHttpRequest) -> HttpResponse:
    day = today()
    duties = selectors.due_this_week(request.user, day)
    meetings = meeting_selectors.this_week_for(request.user, now=now(), days=selectors.WEEK)  # B5
    _seen(request, [*duties, *meetings], "Due this week")
    context = {
        "overdue": [d for d in duties if d.due_on < day],
        "this_week": [d for d in duties if d.due_on >= day],
        "today": day,
        "week_end": day + timedelta(days=selectors.WEEK),
        "is_manager": request.user.is_manager,
        "meetings": meetings,
    }
    return render(request, "duties/due_this_week.html", context)


@login_required
@require_GET
def team_overdue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The manager's overdue list, a page at a time: overdue duties, or (``?show=unowned``) those
    nobody owns yet; counts by hub on every page."""
    if not request.user.is_manager:
        raise PermissionDenied
    day = today()
    showing = TEAM_LIST_UNOWNED if request.GET.get("show") == TEAM_LIST_UNOWNED else TEAM_LIST_OVERDUE
    lists = team_list.team_lists(request.user, day)
    listed = lists.unowned if showing == TEAM_LIST_UNOWNED else lists.overdue
    page = page_of(listed, request.GET.get("page"), TEAM_PAGE_SIZE)  # counted already, with the other list
    _seen(request, list(page.object_list), "Team overdue list")
    context = {
        "showing": showing,
        "page": page,
        "overdue_count": lists.overdue_count,
        "unowned_count": lists.unowned_count,
        "counts": team_list.my_hubs_figures(request.user, day),
        "can_see_area_figures": policy.can_see_area_figures(request.user),
        "today": day,
    }
    return render(request, "duties/team_overdue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def duty_done(request: AuthenticatedHttpRequest, child_id: UUID, duty_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened a duty to record it done", may=policy.can_record_duty)
    duty = selectors.open_duty(child, duty_id)
    if duty is None:
        raise Http404("No such open duty")
    form = forms.DutyDoneForm(_posted(request), initial={"done_on": today()})
    if form.is_valid():
        try:
            services.complete_duty(
                duty=duty,
                on=form.cleaned_data["done_on"],
                note=form.cleaned_data["note"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations, fields={"on": "done_on"})
        else:
            following = selectors.duties_of(child)
            next_one = next((d for d in following if d.kind == duty.kind), None)
            when = f"; the next is due {next_one.due_on:%-d %B %Y}" if next_one else ""
            messages.success(request, f"{DutyKind(duty.kind).label} recorded{when}")
            return redirect(child)
    return render(request, "duties/duty_done.html", {"child": child, "duty": duty, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def cadence_agree(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the review and visit cadence", may=policy.can_agree_cadence)
    hub = Hub.objects.filter(team_id=child.holding_team_id).first() if child.holding_team_id else None
    form = forms.CadenceForm(_posted(request))
    if form.is_valid():
        kind = CadenceKind(form.cleaned_data["kind"])
        options = list(hub.review_interval_options) if hub else []
        try:
            services.agree_cadence(
                child=child,
                kind=kind,
                interval_days=rules.interval_days(kind=kind, weeks=form.cleaned_data["weeks"], review_options=options),
                reason=form.cleaned_data["reason"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations, fields={"interval_days": "weeks"})
        else:
            messages.success(request, f"{kind.label} agreed; the dates have moved to match")
            return redirect(child)
    return render(request, "duties/cadence_agree.html", {"child": child, "hub": hub, "form": form})
