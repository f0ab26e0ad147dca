"""Pages of a child's plans (C6): a plan, and the forms that start it, change it and end it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.accounts.models import User
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.people.models import Child
from joinedup.plans import forms, selectors, services
from joinedup.plans.models import Action, Outcome, Plan
from joinedup.ui.errors import add_violations

ENDED = "This plan has ended, so it cannot be changed. Start a new plan instead"
EDIT_CONFLICT = (
    "Someone else saved {what} while you were editing, so your changes have not been saved. "
    "Your text is below. Read their version, then save again to replace it."
)
STEP_CONFLICT = (
    "Someone else changed {what} since you opened this page, so nothing has been saved. Check it, then try again."
)


def _posted(request: AuthenticatedHttpRequest) -> Any:
    # An empty POST must still bind the form, so its errors show.
    return request.POST if request.method == "POST" else None


def _open_plan(
    request: AuthenticatedHttpRequest,
    child_id: UUID,
    plan_id: UUID,
    *,
    what: str,
    may: Callable[[User, Child], bool] = policy.can_edit_plans,
) -> tuple[Child, Plan]:
    """The child through access (audited), then its plan; a plan of another child is a 404."""
    child = open_child(request.user, child_id, what=what, may=may)
    return child, get_object_or_404(Plan, pk=plan_id, child=child)


def _ended(request: AuthenticatedHttpRequest, plan: Plan) -> HttpResponse | None:
    """An ended plan is kept as it was (C6-ENDED): its change pages send people back to it."""
    if not plan.is_ended:
        return None
    messages.info(request, ENDED)
    return redirect(plan)


def _made_at(form: forms.PlanChangeForm) -> services.MadeAt:
    data = form.cleaned_data
    return services.MadeAt(text=data.get("made_at_text") or "", on=data.get("made_at_date"))


def _rebase(form: forms.PlanChangeForm, request: AuthenticatedHttpRequest, version: int, message: str) -> None:
    """Keep what the editor typed, but move them onto the version saved now, so they can choose."""
    data = request.POST.copy()
    data["version"] = str(version)
    form.data = data
    form.full_clean()
    form.add_error(None, message)


def _context(child: Child, plan: Plan, form: forms.PlanChangeForm, **extra: Any) -> dict[str, Any]:
    return {"child": child, "plan": plan, "form": form, **extra}


@login_required
@require_http_methods(["GET", "POST"])
def plan_add(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the form to start a plan", may=policy.can_edit_plans)
    form = forms.PlanForm(_posted(request), initial={"start_date": today()}, today=today())
    if form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.create_plan(
                child=child,
                kind=data["kind"],
                start_date=data["start_date"],
                review_date=data["review_date"],
                made_at=_made_at(form),
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Plan started as a draft. Add its outcomes, then make it the current plan")
            return redirect(plan)
    return render(request, "plans/plan_add.html", {"child": child, "form": form})


@login_required
@require_GET
def plan_detail(request: AuthenticatedHttpRequest, child_id: UUID, plan_id: UUID) -> HttpResponse:
    child, plan = _open_plan(request, child_id, plan_id, what="Opened a plan", may=policy.can_read_plans)
    page = selectors.plan_page(plan)
    can_edit = policy.can_edit_plans(request.user, child) and not plan.is_ended
    return render(request, "plans/plan_detail.html", {"child": child, "page": page, "can_edit": can_edit})


@login_required
@require_http_methods(["GET", "POST"])
def plan_make_current(request: AuthenticatedHttpRequest, child_id: UUID, plan_id: UUID) -> HttpResponse:
    child, plan = _open_plan(request, child_id, plan_id, what="Opened the page to make a plan current")
    if refused := _ended(request, plan):
        return refused
    form = forms.MakeCurrentForm(_posted(request), initial={"version": plan.version}, today=today())
    if form.is_valid():
        try:
            services.make_plan_current(
                plan=plan,
                expected_version=form.cleaned_data["version"],
                made_at=_made_at(form),
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            _rebase(form, request, Plan.objects.get(pk=plan.pk).version, STEP_CONFLICT.format(what="this plan"))
        else:
            messages.success(request, "This is now the current plan")
            return redirect(plan)
    summary = selectors.plan_page(plan)
    return render(request, "plans/plan_make_current.html", _context(child, plan, form, page=summary))


@login_required
@require_http_methods(["GET", "POST"])
def plan_end(request: AuthenticatedHttpRequest, child_id: UUID, plan_id: UUID) -> HttpResponse:
    child, plan = _open_plan(request, child_id, plan_id, what="Opened the page to end a plan")
    if refused := _ended(request, plan):
        return refused
    form = forms.EndPlanForm(_posted(request), initial={"version": plan.version, "ended_on": today()}, today=today())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.end_plan(
                plan=plan,
                ended_on=data["ended_on"],
                reason=data["reason"],
                expected_version=data["version"],
                made_at=_made_at(form),
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            _rebase(form, request, Plan.objects.get(pk=plan.pk).version, STEP_CONFLICT.format(what="this plan"))
        else:
            messages.success(request, "Plan ended")
            return redirect(plan)
    return render(request, "plans/plan_end.html", _context(child, plan, form))


@login_required
@require_http_methods(["GET", "POST"])
def outcome_add(request: AuthenticatedHttpRequest, child_id: UUID, plan_id: UUID) -> HttpResponse:
    child, plan = _open_plan(request, child_id, plan_id, what="Opened the form to add an outcome to a plan")
    if refused := _ended(request, plan):
        return refused
    form = forms.OutcomeForm(_posted(request), kind=plan.kind, today=today())
    if form.is_valid():
        try:
            services.add_outcome(
                plan=plan, **form.place(), made_at=_made_at(form), by=request.user, now=now(), today=today()
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Outcome added. Now add the actions that will achieve it")
            return redirect(plan)
    return render(request, "plans/outcome_form.html", _context(child, plan, form, outcome=None))


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request: AuthenticatedHttpRequest, child_id: UUID, plan_id: UUID, outcome_id: UUID) -> HttpResponse:
    child, plan = _open_plan(request, child_id, plan_id, what="Opened an outcome of a plan to change it")
    outcome = get_object_or_404(Outcome, pk=outcome_id, plan=plan)
    if refused := _ended(request, plan):
        return refused
    initial = {f: getattr(outcome, f) for f in ("text", "ehc_section", "ehc_service", "pfa_area", "version")}
    form = forms.OutcomeForm(_posted(request), initial=initial, kind=plan.kind, editing=True, today=today())
    if form.is_valid():
        try:
            services.edit_outcome(
                outcome=outcome,
                **form.place(),
                expected_version=form.cleaned_data["version"],
                made_at=_made_at(form),
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            outcome = Outcome.objects.select_related("updated_by").get(pk=outcome.pk)
            _rebase(form, request, outcome.version, EDIT_CONFLICT.format(what="this outcome"))
        else:
            messages.success(request, "Outcome saved")
            return redirect(plan)
    return render(request, "plans/outcome_form.html", _context(child, plan, form, outcome=outcome))


@login_required
@require_http_methods(["GET", "POST"])
def outcome_remove(request: AuthenticatedHttpRequest, child_id: UUID, plan_id: UUID, outcome_id: UUID) -> HttpResponse:
    child, plan = _open_plan(request, child_id, plan_id, what="Opened the page to remove an outcome from a plan")
    outcome = get_object_or_404(Outcome, pk=outcome_id, plan=plan)
    if refused := _ended(request, plan):
        return refused
    form = forms.RemoveOutcomeForm(_posted(request), initial={"version": outcome.version}, today=today())
    if form.is_valid():
        try:
            services.remove_outcome(
                outcome=outcome,
                expected_version=form.cleaned_data["version"],
                made_at=_made_at(form),
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            saved = Outcome.objects.filter(pk=outcome.pk).first()
            if saved is None:
                messages.info(request, "Someone else has already removed this outcome")
                return redirect(plan)
            outcome = saved
            _rebase(form, request, outcome.version, STEP_CONFLICT.format(what="this outcome"))
        else:
            messages.success(request, "Outcome removed. The plan's history keeps what it said")
            return redirect(plan)
    actions = list(outcome.actions.select_related("responsible_practitioner").order_by("added_at", "id"))
    return render(request, "plans/outcome_remove.html", _context(child, plan, form, outcome=outcome, actions=actions))


def _action_details(form: forms.ActionForm) -> services.ActionDetails:
    data = form.cleaned_data
    count, unit = form.frequency_parts()
    return services.ActionDetails(
        what=data["what"],
        responsible_practitioner=data["responsible_practitioner"],
        responsible_other=data["responsible_other"],
        target_date=data["target_date"],
        frequency_count=count,
        frequency_unit=unit,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request: AuthenticatedHttpRequest, child_id: UUID, plan_id: UUID, outcome_id: UUID) -> HttpResponse:
    child, plan = _open_plan(request, child_id, plan_id, what="Opened the form to add an action to a plan")
    outcome = get_object_or_404(Outcome, pk=outcome_id, plan=plan)
    if refused := _ended(request, plan):
        return refused
    choices = selectors.responsible_choices(child)
    form = forms.ActionForm(_posted(request), practitioners=choices, today=today())
    if form.is_valid():
        try:
            services.add_action(
                outcome=outcome,
                details=_action_details(form),
                made_at=_made_at(form),
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Action added")
            return redirect(plan)
    return render(request, "plans/action_form.html", _context(child, plan, form, outcome=outcome, action=None))


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthenticatedHttpRequest, child_id: UUID, plan_id: UUID, action_id: UUID) -> HttpResponse:
    child, plan = _open_plan(request, child_id, plan_id, what="Opened an action of a plan to change it")
    action = get_object_or_404(Action.objects.select_related("outcome"), pk=action_id, outcome__plan=plan)
    if refused := _ended(request, plan):
        return refused
    initial = {f: getattr(action, f) for f in ("what", "responsible_other", "target_date", "version")}
    initial |= {
        "responsible_practitioner": action.responsible_practitioner_id,
        "frequency": forms.frequency_value(action.frequency_count, action.frequency_unit),
    }
    choices = selectors.responsible_choices(child, keep_id=action.responsible_practitioner_id)
    form = forms.ActionForm(_posted(request), initial=initial, practitioners=choices, editing=True, today=today())
    if form.is_valid():
        try:
            services.edit_action(
                action=action,
                details=_action_details(form),
                expected_version=form.cleaned_data["version"],
                made_at=_made_at(form),
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            saved = Action.objects.select_related("outcome", "responsible_practitioner", "updated_by")
            action = saved.get(pk=action.pk)
            _rebase(form, request, action.version, EDIT_CONFLICT.format(what="this action"))
        else:
            messages.success(request, "Action saved")
            return redirect(plan)
    context = _context(child, plan, form, outcome=action.outcome, action=action)
    return render(request, "plans/action_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def action_complete(request: AuthenticatedHttpRequest, child_id: UUID, plan_id: UUID, action_id: UUID) -> HttpResponse:
    child, plan = _open_plan(request, child_id, plan_id, what="Opened the page to mark an action done")
    action = get_object_or_404(Action.objects.select_related("outcome"), pk=action_id, outcome__plan=plan)
    if refused := _ended(request, plan):
        return refused
    initial = {"version": action.version, "done_on": today()}
    form = forms.CompleteActionForm(_posted(request), initial=initial, today=today())
    if form.is_valid():
        try:
            services.complete_action(
                action=action,
                done_on=form.cleaned_data["done_on"],
                expected_version=form.cleaned_data["version"],
                made_at=_made_at(form),
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            action = Action.objects.select_related("outcome").get(pk=action.pk)
            _rebase(form, request, action.version, STEP_CONFLICT.format(what="this action"))
        else:
            messages.success(request, "Action marked as done")
            return redirect(plan)
    return render(request, "plans/action_complete.html", _context(child, plan, form, action=action))
