"""Moving area pages (B8): plan the move, add who to tell, send the pack, read it, complete the move."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.access import policy
from joinedup.access.reads import open_child, open_family_child
from joinedup.core.clock import now, today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.moves import forms, selectors, services
from joinedup.moves.choices import MoveOutcome
from joinedup.moves.models import ChildMove
from joinedup.people.models import Child
from joinedup.ui.errors import add_violations

CHANGED = "Someone else changed this move after you opened it. Check it and try again."


def _posted(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _open(
    request: AuthenticatedHttpRequest, child_id: UUID, move_id: UUID, what: str, may: Any
) -> tuple[Child, ChildMove]:
    child = open_child(request.user, child_id, what=what, may=may)
    found = selectors.move_of(child, move_id)
    if found is None:
        raise Http404("No move found")
    return child, found


def _home(child: Child) -> HttpResponse:
    return redirect("moves:move", child_id=child.pk)


@login_required
@require_http_methods(["GET", "POST"])
def move(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened moving area", may=policy.can_read_move)
    can_plan = policy.can_plan_move(request.user, child)
    if request.method == "POST" and not can_plan:
        raise PermissionDenied
    current = selectors.open_move_for(child)
    form = forms.PlanForm(_posted(request), areas=selectors.other_areas(child)) if can_plan and not current else None
    if form is not None and form.is_valid():
        d = form.cleaned_data
        destination = services.Destination(
            to_area=d["to_area"],
            to_area_name=d["to_area_name"],
            new_address=d["new_address"],
            new_postcode=d["new_postcode"],
            moving_on=d["moving_on"],
        )
        try:
            services.plan_move(child=child, destination=destination, by=request.user, now=now(), today=today())
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Move recorded. Now add the practitioners in the new area.")
            return _home(child)
    context = {
        "child": child,
        "current": current,
        "past": [m for m in selectors.moves_for(child) if not m.is_open],
        "form": form,
        "can_plan": can_plan,
        "can_complete": policy.can_complete_move(request.user, child),
    }
    return render(request, "moves/move.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def move_contact(request: AuthenticatedHttpRequest, child_id: UUID, move_id: UUID) -> HttpResponse:
    child, found = _open(
        request, child_id, move_id, "Opened the form to add someone to tell of a move", policy.can_plan_move
    )
    practitioners = selectors.new_area_practitioners(found) if found.to_area_id is not None else None
    form = forms.ContactForm(_posted(request), practitioners=practitioners)
    if form.is_valid():
        d = form.cleaned_data
        details = services.ContactDetails(
            kind=d["kind"],
            practitioner=d.get("practitioner"),
            name=d["name"],
            role=d["role"],
            organisation=d["organisation"],
            email=d["email"],
        )
        try:
            services.add_move_contact(move=found, details=details, by=request.user, now=now())
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Added. They are told when you send the pack.")
            return _home(child)
    return render(request, "moves/contact.html", {"child": child, "move": found, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def move_send(request: AuthenticatedHttpRequest, child_id: UUID, move_id: UUID) -> HttpResponse:
    child, found = _open(
        request, child_id, move_id, "Opened the page to send the pack for a move", policy.can_plan_move
    )
    form = forms.SendForm(_posted(request), initial={"version": found.version})
    if form.is_valid():
        try:
            told = services.send_move_pack(
                move=found, expected_version=form.cleaned_data["version"], by=request.user, now=now()
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            form.add_error(None, CHANGED)
        else:
            messages.success(
                request,
                f"Pack sent. Told: {told.new_area} in the new area, {told.family} in the family, "
                f"{told.old_team} in the team, {told.equipment} equipment providers.",
            )
            return _home(child)
    context = {
        "child": child,
        "move": found,
        "form": form,
        "old_team": [p for p in selectors.old_team(child) if p.user_id != request.user.pk],
    }
    return render(request, "moves/send.html", context | {"family": selectors.family_users(child)})


@login_required
@require_GET
def move_pack(request: AuthenticatedHttpRequest, child_id: UUID, move_id: UUID) -> HttpResponse:
    child, found = _open(request, child_id, move_id, "Opened the information pack for a move", policy.can_read_move)
    pack = selectors.for_display(selectors.pack_to_show(found, by=request.user, now=now()))
    return render(request, "moves/pack.html", {"child": child, "move": found, "pack": pack, "staff": True})


@login_required
@require_GET
def move_pack_json(request: AuthenticatedHttpRequest, child_id: UUID, move_id: UUID) -> HttpResponse:
    child, found = _open(request, child_id, move_id, "Downloaded the information pack for a move", policy.can_read_move)
    pack = selectors.pack_to_show(found, by=request.user, now=now())
    response = HttpResponse(json.dumps(pack, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="information-pack-{child.local_id}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def move_complete(request: AuthenticatedHttpRequest, child_id: UUID, move_id: UUID) -> HttpResponse:
    child, found = _open(request, child_id, move_id, "Opened the form to complete a move", policy.can_complete_move)
    form = forms.CompleteForm(
        _posted(request), initial={"version": found.version}, can_transfer=found.to_area_id is not None
    )
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.complete_move(
                move=found,
                outcome=d["outcome"],
                reason=d["reason"],
                expected_version=d["version"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        except EditConflict:
            form.add_error(None, CHANGED)
        else:
            closed = d["outcome"] == MoveOutcome.CLOSED
            messages.success(request, f"{'Case closed' if closed else 'Record transferred'}: {found.destination}.")
            return redirect("people:my-children")
    return render(request, "moves/complete.html", {"child": child, "move": found, "form": form})


@login_required
@require_GET
def family_pack(request: AuthenticatedHttpRequest, child_id: UUID, move_id: UUID) -> HttpResponse:
    """The family's copy of the pack as sent (NG213 1.15.10, second bullet)."""
    child = open_family_child(request.user, child_id, what="Opened their copy of the information pack")
    found = selectors.move_of(child, move_id)
    if found is None or not found.pack:
        raise Http404("No move found")
    return render(
        request,
        "moves/pack.html",
        {"child": child, "move": found, "pack": selectors.for_display(found.pack), "family": True},
    )


@login_required
@require_GET
def received_pack(request: AuthenticatedHttpRequest, move_id: UUID) -> HttpResponse:
    """The pack as sent, for a practitioner of the new area identified on the move (in joinedup)."""
    found = selectors.move_by_id(move_id)
    if found is None or not policy.can_read_received_pack(request.user, found):
        raise Http404("No move found")
    services.record_pack_read(move=found, by=request.user, now=now())
    context = {"child": found.child, "move": found, "pack": selectors.for_display(found.pack)}
    return render(request, "moves/pack.html", context)
