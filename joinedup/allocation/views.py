"""The allocation screen: the suggested hub with the rules that fired, workers' loads, allocate (C3, C4);
and the hubs' settings, for the area's administrators (C2, C5)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.allocation import forms, rules, selectors, services
from joinedup.allocation.choices import HubCode, RespiteFunding, RiskTier
from joinedup.allocation.models import Hub
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.people.models import Child
from joinedup.ui.errors import add_violations


def _facts(child: Child, data: dict[str, Any]) -> rules.ChildFacts:
    answers = {name: data[name] for name in forms.FACT_FIELDS}
    answers["risk_tier"] = RiskTier(answers["risk_tier"])
    answers["overnight_respite"] = RespiteFunding(answers["overnight_respite"])
    return selectors.child_facts(child, answers)


@login_required
@require_http_methods(["GET", "POST"])
def child_allocate(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the allocation screen", may=policy.manages)
    posted = request.POST if request.method == "POST" else None
    facts_form = forms.ChildFactsForm(posted)
    context: dict[str, Any] = {
        "child": child,
        "facts_form": facts_form,
        "current": selectors.current_allocations(child),
    }
    if facts_form.is_valid():
        facts = _facts(child, facts_form.cleaned_data)
        advice = rules.advise_allocation(facts)
        hubs = selectors.hubs_of_area(child.area_id)
        hub = _chosen_hub(posted, hubs) or hubs.filter(code=advice.hub).first()
        allocating = posted is not None and posted.get("action") == "allocate"
        form = forms.AllocateForm(
            posted if allocating else None,
            initial={"hub": hub},
            hubs=hubs,
            workers=selectors.workers_of(hub) if hub else selectors.workers_of_none(),
            hub=hub,
        )
        if allocating and form.is_valid():
            try:
                services.allocate(
                    child=child, facts=facts, by=request.user, now=now(), today=today(), **form.cleaned_data
                )
            except RuleViolations as exc:
                add_violations(form, exc.violations, fields={"worker": "practitioner"})
            else:
                messages.success(request, f"{form.cleaned_data['practitioner'].full_name} now works on the case")
                return redirect(child)
        context |= {
            "advice": advice,
            "hub": hub,
            "form": form,
            "loads": selectors.worker_loads(hub) if hub else [],
            "family_workers": selectors.family_workers(child),
        }
    return render(request, "allocation/child_allocate.html", context)


def _chosen_hub(posted: Any, hubs: Any) -> Hub | None:
    if posted is None or not posted.get("hub"):
        return None
    try:
        return hubs.filter(pk=posted["hub"]).first()  # type: ignore[no-any-return]
    except (ValueError, ValidationError):  # a tampered hub id is simply not chosen
        return None


@login_required
@require_GET
def hub_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_edit_hubs(request.user):
        raise PermissionDenied
    return render(request, "allocation/hub_list.html", {"hubs": list(selectors.hubs_to_edit(request.user))})


CONFLICT = (
    "Someone else saved this hub's settings while you were editing, so yours have not been saved. "
    "Their settings are shown below yours: check them, then save again to replace them"
)


@login_required
@require_http_methods(["GET", "POST"])
def hub_edit(request: AuthenticatedHttpRequest, hub_id: UUID) -> HttpResponse:
    if not policy.can_edit_hubs(request.user):
        raise PermissionDenied
    hub = selectors.hub_to_edit(request.user, hub_id)
    if hub is None:
        raise Http404("No such hub")
    code = HubCode(hub.code)
    posted = request.POST if request.method == "POST" else None
    form = forms.HubSettingsForm(posted, initial=_initial(hub), code=code)
    context: dict[str, Any] = {"hub": hub, "code": code, "conflict": None}
    if form.is_valid():
        try:
            saved = services.update_hub_settings(
                hub=hub,
                settings=form.settings(),
                expected_version=form.cleaned_data["version"],
                by=request.user,
                now=now(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            # Keep what the administrator typed, now on top of the version saved, so they can choose.
            context["conflict"] = current = selectors.hub_to_edit(request.user, hub_id) or hub
            data = request.POST.copy()
            data["version"] = str(current.version)
            form = forms.HubSettingsForm(data, code=code)
            form.is_valid()
            form.add_error(None, CONFLICT)
        else:
            messages.success(request, _saved_message(saved))
            return redirect("allocation:hub-list")
    return render(request, "allocation/hub_edit.html", context | {"form": form})


def _initial(hub: Hub) -> dict[str, Any]:
    initial = {name: getattr(hub, name) for name in services.HUB_SETTINGS} | {"version": hub.version}
    return initial | {"review_interval_options": ", ".join(str(d) for d in hub.review_interval_options)}


def _saved_message(hub: Hub) -> str:
    message = f"{HubCode(hub.code).label} settings saved"
    over = selectors.workers_over(hub)
    if over:
        workers = "1 worker holds" if over == 1 else f"{over} workers hold"
        message += f". {workers} more children than their capacity: they keep them, and take no more until below it"
    return message
