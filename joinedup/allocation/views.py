"""The allocation screen: the suggested hub with the rules that fired, workers' loads, allocate (C3, C4)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.allocation import forms, rules, selectors, services
from joinedup.allocation.choices import HubCode, RespiteFunding, RiskTier
from joinedup.allocation.models import Hub
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import RuleViolations
from joinedup.people.models import Child
from joinedup.ui.errors import add_violations


def _facts(child: Child, data: dict[str, Any]) -> rules.ChildFacts:
    held_sibling = selectors.sibling_hub(child)
    values = {name: data[name] for name in forms.FACT_FIELDS}
    values["risk_tier"] = RiskTier(values["risk_tier"])
    values["overnight_respite"] = RespiteFunding(values["overnight_respite"])
    return rules.ChildFacts(
        **values,
        sibling_of_child_held=held_sibling is not None,
        sibling_hub=HubCode(held_sibling.code) if held_sibling else None,
    )


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
