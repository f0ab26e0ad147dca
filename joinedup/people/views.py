"""Pages for the child's record: My children, search, the child page and its edit forms."""

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
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.contingency import selectors as contingency_selectors
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rows import page_of
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.duties import selectors as duty_selectors
from joinedup.people import child_lists, child_page, forms, search_results, services
from joinedup.people.models import AllAboutMe, Child, CommunicationProfile
from joinedup.ui.errors import add_violations

PAGE_SIZE = 100


def _posted(request: AuthenticatedHttpRequest) -> Any:
    # An empty POST must still bind the form, so its errors show (STACK.md gotcha 8).
    return request.POST if request.method == "POST" else None


@login_required
@require_GET
def my_children(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = page_of(child_lists.MyChildren(request.user, today()), request.GET.get("page"), PAGE_SIZE)
    audit.record_seen_in_list(
        children=page.object_list, action=AuditAction.LISTED, by=request.user, at=now(), what="My children"
    )
    return render(request, "people/my_children.html", {"page": page, "today": today()})


@login_required
@require_GET
def child_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.SearchForm(request.GET if "q" in request.GET else None)
    results: list[search_results.FoundChild] | None = None
    if form.is_valid():
        results = search_results.search(request.user, form.cleaned_data["q"])
        audit.record_seen_in_list(
            children=results,
            action=AuditAction.SEARCHED,
            by=request.user,
            at=now(),
            what="Found in a search",
            why=form.cleaned_data["q"][:200],
        )
    return render(
        request,
        "people/child_search.html",
        {
            "form": form,
            "results": results,
            "limit": search_results.SEARCH_LIMIT,
            "today": today(),
            "can_break_glass": policy.can_break_glass(request.user),
        },
    )


@login_required
@require_GET
def child_detail(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the child's page")
    with policy.answers_kept():  # the page only reads: ask once if they are in the team
        return _child_page(request, child)


def _child_page(request: AuthenticatedHttpRequest, child: Child) -> HttpResponse:
    """Each section from the page's read model (``child_page``: plain SQL into plain rows, issue 6)."""
    user = request.user
    profile, needs, duties = child_page.profile_of(child), child_page.needs_of(child), child_page.duties_of(child)
    can_edit = policy.can_edit_child(user, child)
    context = {
        "child": child,
        "me": profile.all_about_me,
        "comms": profile.communication,
        "needs": needs,
        "carers": child_page.carers_of(child),
        "siblings": child_page.siblings_of(user, child),
        "team": child_page.team_of(child, needs),
        "plans_section": child_page.plans_of(user, child),
        "duties": duties,
        "combine_proposal": duty_selectors.combine_proposal(duties),
        "can_record_duty": policy.can_record_duty(user, child),
        "can_agree_cadence": policy.can_agree_cadence(user, child),
        "can_edit": can_edit,
        "can_assign_key_worker": policy.can_assign_key_worker(user, child),
        "can_set_key_working_level": policy.can_set_key_working_level(user, child),
        "can_see_audit": user.is_manager,
        "can_allocate": policy.manages(user, child),
        "can_request_family_support": policy.may_request_family_support(user, child),
        # The banner is for someone who reads only by emergency access: the team needs no query.
        "emergency_grant": None if can_edit else policy.emergency_grant(user, child),
        # The flag itself is read only when there is one (seldom).
        "cover_flag": contingency_selectors.open_flag_for(child) if profile.has_open_cover_flag else None,
        "upcoming_meetings": (
            child_page.upcoming_meetings_of(child, now=now()) if policy.can_read_meetings(user, child) else None
        ),
        "can_read_documents": policy.can_read_documents(user, child),
        "today": today(),
        "can_read_move": policy.can_read_move(user, child),
    }
    return render(request, "people/child_detail.html", context)


def _conflict_message(what: str) -> str:
    return (
        f"Someone else saved {what} while you were editing, so your changes have not been saved. "
        "Your text is below. Read their version, then save again to replace it."
    )


@login_required
@require_http_methods(["GET", "POST"])
def all_about_me_edit(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened All about me to edit it", may=policy.can_edit_child)
    saved = AllAboutMe.objects.get(child=child)
    initial = {f: getattr(saved, f) for f in services.ALL_ABOUT_ME_FIELDS} | {"version": saved.version}
    form = forms.AllAboutMeForm(_posted(request), initial=initial)
    if form.is_valid():
        try:
            services.update_all_about_me(
                child=child,
                values=form.cleaned_data,
                expected_version=form.cleaned_data["version"],
                by=request.user,
                now=now(),
            )
        except EditConflict:
            form = _rebase(forms.AllAboutMeForm, request, saved.version)
            form.add_error(None, _conflict_message("All about me"))
        else:
            messages.success(request, "All about me saved")
            return redirect(child)
    return render(request, "people/all_about_me_edit.html", {"child": child, "form": form, "saved": saved})


def _rebase(form_class: type[forms.VersionedForm], request: AuthenticatedHttpRequest, version: int) -> Any:
    """Keep the editor's text but move them onto the version now saved, so they can choose."""
    data = request.POST.copy()
    data["version"] = str(version)
    form = form_class(data)
    form.is_valid()
    return form


@login_required
@require_http_methods(["GET", "POST"])
def communication_edit(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(
        request.user, child_id, what="Opened the communication profile to edit it", may=policy.can_edit_child
    )
    saved = CommunicationProfile.objects.get(child=child)
    initial = {f: getattr(saved, f) for f in services.COMMUNICATION_FIELDS} | {"version": saved.version}
    form = forms.CommunicationProfileForm(_posted(request), initial=initial)
    if form.is_valid():
        try:
            services.update_communication_profile(
                child=child,
                values=form.cleaned_data,
                expected_version=form.cleaned_data["version"],
                by=request.user,
                now=now(),
            )
        except EditConflict:
            form = _rebase(forms.CommunicationProfileForm, request, saved.version)
            form.add_error(None, _conflict_message("the communication profile"))
        else:
            messages.success(request, "Communication profile saved")
            return redirect(child)
    return render(request, "people/communication_edit.html", {"child": child, "form": form, "saved": saved})


@login_required
@require_http_methods(["GET", "POST"])
def child_edit(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(
        request.user, child_id, what="Opened the child's details to edit them", may=policy.can_edit_child
    )
    initial = {f: getattr(child, f) for f in services.CHILD_DETAIL_FIELDS}
    initial |= {"version": child.version, "needs": list(child.needs.values_list("need", flat=True))}
    form = forms.ChildDetailsForm(_posted(request), initial=initial)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version, needs = data.pop("version"), data.pop("needs")
        try:
            services.update_child_details(
                child=child,
                details=data,
                needs=needs,
                expected_version=version,
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            form = _rebase(forms.ChildDetailsForm, request, Child.objects.get(pk=child.pk).version)
            form.add_error(None, _conflict_message("the child's details"))
        else:
            messages.success(request, "Details saved")
            return redirect(child)
    return render(request, "people/child_edit.html", {"child": child, "form": form})
