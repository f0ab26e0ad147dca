"""Pages for the interagency team: add and end members, assign the key worker, gaps, breaches."""

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
from joinedup.teams import forms, rules, selectors, services
from joinedup.teams.models import TeamMembership
from joinedup.ui.errors import add_violations


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def team_member_add(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the form to add a team member", may=policy.can_change_team)
    form = forms.AddTeamMemberForm(
        _posted(request), initial={"start_date": today()}, candidates=selectors.practitioners_who_could_join(child)
    )
    if form.is_valid():
        try:
            membership = services.add_team_member(
                child=child, by=request.user, now=now(), today=today(), **form.cleaned_data
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, f"{membership.practitioner.full_name} added to the team")
            return redirect(child)
    return render(request, "teams/team_member_add.html", {"child": child, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def team_member_end(request: AuthenticatedHttpRequest, child_id: UUID, membership_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the form to end a team member", may=policy.can_change_team)
    membership = (
        TeamMembership.objects.select_related("practitioner")
        .filter(pk=membership_id, child=child, end_date__isnull=True)
        .first()
    )
    if membership is None:
        raise Http404("No such team member")
    form = forms.EndTeamMemberForm(_posted(request), initial={"end_date": today()})
    if form.is_valid():
        try:
            services.end_team_member(
                membership=membership, by=request.user, now=now(), today=today(), **form.cleaned_data
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, f"{membership.practitioner.full_name} has left the team")
            return redirect(child)
    return render(request, "teams/team_member_end.html", {"child": child, "form": form, "membership": membership})


@login_required
@require_http_methods(["GET", "POST"])
def key_worker_assign(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    """B2, B3: ranked suggestions with their reasons, the choice and why, and the child's preferences."""
    child = open_child(
        request.user, child_id, what="Opened the form to assign a key worker", may=policy.can_assign_key_worker
    )
    action = request.POST.get("action", "assign") if request.method == "POST" else None
    form = forms.AssignKeyWorkerForm(
        _posted(request) if action == "assign" else None, members=selectors.current_member_practitioners(child)
    )
    preference_form = forms.KeyWorkerPreferenceForm(
        _posted(request) if action == "preference" else None, candidates=selectors.practitioners_in_area(child)
    )
    if action == "assign" and form.is_valid():
        try:
            assignment = services.assign_key_worker(
                child=child, by=request.user, now=now(), today=today(), **form.cleaned_data
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, f"{assignment.practitioner.full_name} is now the key worker")
            return redirect(child)
    if action == "preference" and preference_form.is_valid():
        try:
            services.record_key_worker_preference(
                child=child, by=request.user, now=now(), **preference_form.cleaned_data
            )
        except RuleViolations as exc:
            add_violations(preference_form, exc.violations)
        else:
            messages.success(request, "Preference recorded")
            return redirect("teams:key-worker-assign", child_id=child.pk)
    context = {
        "child": child,
        "form": form,
        "preference_form": preference_form,
        "suggestions": selectors.key_worker_suggestions(child),
        "preferences": selectors.key_worker_preferences(child),
        "history": selectors.key_worker_history(child),
    }
    return render(request, "teams/key_worker_assign.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def key_working_level(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    """B4: set or review the level of key working support, which sets how often the key worker is in touch."""
    child = open_child(
        request.user, child_id, what="Opened the level of key working support", may=policy.can_set_key_working_level
    )
    form = forms.KeyWorkingLevelForm(_posted(request))
    if form.is_valid():
        try:
            support = services.set_key_working_level(
                child=child, by=request.user, now=now(), today=today(), **form.cleaned_data
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, f"Key working support set to {support.get_level_display().lower()}")
            return redirect("teams:key-working-level", child_id=child.pk)
    context = {
        "child": child,
        "form": form,
        "levels": rules.LEVELS,
        "history": selectors.key_working_history(child),
        "contact": selectors.key_worker_contact_duty(child),
        "today": today(),
    }
    return render(request, "teams/key_working_level.html", context)


@login_required
@require_GET
def unmet_needs(request: AuthenticatedHttpRequest) -> HttpResponse:
    """B1: children the user can see whose needs no current team member has the skills for."""
    gaps = selectors.unmet_needs_across(policy.visible_children(request.user).order_by("family_name", "given_name"))
    audit.record_seen_in_list(
        children=[g.child for g in gaps], action=AuditAction.LISTED, by=request.user, at=now(), what="Unmet needs"
    )
    return render(request, "teams/unmet_needs.html", {"gaps": gaps})


@login_required
@require_GET
def without_key_worker(request: AuthenticatedHttpRequest) -> HttpResponse:
    """B2: managers see every child they hold with no key worker: each one a breach."""
    if not policy.can_see_team_reports(request.user):
        raise PermissionDenied
    children = list(selectors.children_without_key_worker(request.user))
    audit.record_seen_in_list(
        children=children, action=AuditAction.LISTED, by=request.user, at=now(), what="Children without a key worker"
    )
    return render(request, "teams/without_key_worker.html", {"children": children, "today": today()})
