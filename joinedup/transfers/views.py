"""The transfer list, proposing a transfer, and moving one on step by step (CwDT 6.2; C7)."""

from __future__ import annotations

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
from joinedup.plans import selectors as plan_selectors
from joinedup.transfers import forms, rules, selectors, services
from joinedup.transfers.choices import TransferStep
from joinedup.transfers.models import Transfer
from joinedup.ui.errors import add_violations


@login_required
@require_GET
def transfer_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_see_team_reports(request.user):
        raise PermissionDenied
    transfers = list(selectors.transfer_list(request.user))
    audit.record_seen_in_list(
        children=[t.child for t in transfers],
        action=AuditAction.LISTED,
        by=request.user,
        at=now(),
        what="Transfer list",
    )
    rows = [(t, rules.not_reviewed_for(t.last_reviewed_at, now=now())) for t in transfers]
    return render(request, "transfers/transfer_list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def transfer_propose(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request.user, child_id, what="Opened the form to add a transfer", may=policy.manages)
    form = forms.ProposeTransferForm(
        request.POST if request.method == "POST" else None, hubs=selectors.hubs_to_move_to(child)
    )
    if form.is_valid():
        try:
            transfer = services.propose_transfer(child=child, by=request.user, now=now(), **form.cleaned_data)
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Added to the transfer list")
            return redirect(transfer)
    return render(request, "transfers/transfer_propose.html", {"child": child, "form": form})


def _steps_for(request: AuthenticatedHttpRequest, transfer: Transfer) -> list[TransferStep]:
    role = policy.transfer_role(request.user, from_hub=transfer.from_hub, to_hub=transfer.to_hub)
    return rules.steps_open_to(role=role, status=transfer.status)


@login_required
@require_http_methods(["GET", "POST"])
def transfer_detail(request: AuthenticatedHttpRequest, transfer_id: UUID) -> HttpResponse:
    transfer = selectors.transfer_for(request.user, transfer_id)
    if transfer is None:
        raise Http404("No such transfer")
    audit.record(
        action=AuditAction.VIEWED,
        by=request.user,
        at=now(),
        child=transfer.child,
        subject=transfer,
        what="Opened the transfer",
    )
    steps = _steps_for(request, transfer)
    form = forms.StepForm(request.POST if request.method == "POST" else None, steps=steps)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.take_step(
                transfer=transfer,
                step=TransferStep(data["step"]),
                note=data["note"],
                on=data["on"],
                by=request.user,
                now=now(),
                today=today(),
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, f"Recorded: {TransferStep(data['step']).label}")
            return redirect(transfer)
    context = {
        "transfer": transfer,
        "form": form,
        "steps": steps,
        "history": selectors.history(transfer),
        "waiting": rules.not_reviewed_for(transfer.last_reviewed_at, now=now()),
        "plan_gaps": plan_selectors.cin_plan_smartness(transfer.child)[1],
    }
    return render(request, "transfers/transfer_detail.html", context)
