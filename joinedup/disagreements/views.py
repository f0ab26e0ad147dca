"""Disagreements in the child's team or with the family, up the ladder to a resolution (B9), and
knowledge shared in the child's team (B10)."""

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
from joinedup.disagreements import forms, rules, selectors, services
from joinedup.disagreements.choices import DisagreementStatus
from joinedup.disagreements.models import Disagreement
from joinedup.people.models import Child
from joinedup.ui.errors import add_violations


def _open(request: AuthenticatedHttpRequest, child_id: UUID, disagreement_id: UUID, what: str) -> Disagreement:
    child = open_child(request.user, child_id, what=what, may=policy.can_take_part_in_disagreements)
    disagreement = selectors.disagreement_of(child, disagreement_id)
    if disagreement is None:
        raise Http404("No disagreement found")
    disagreement.child = child
    return disagreement


@login_required
@require_GET
def open_disagreements(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_see_open_disagreements(request.user):
        raise PermissionDenied
    items = selectors.open_disagreements(request.user, today=today())
    audit.record_seen_in_list(
        children={i.disagreement.child_id: i.disagreement.child for i in items}.values(),
        action=AuditAction.LISTED,
        by=request.user,
        at=now(),
        what="Saw in the list of open disagreements",
    )
    return render(request, "disagreements/open_disagreements.html", {"items": items})


@login_required
@require_GET
def child_disagreements(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(
        request.user, child_id, what="Looked at the disagreements", may=policy.can_take_part_in_disagreements
    )
    items = selectors.disagreements_of(child)
    ages = {d.pk: rules.days_open(raised_on=d.raised_at.date(), today=today()) for d in items}
    return render(request, "disagreements/child_disagreements.html", {"child": child, "items": items, "ages": ages})


@login_required
@require_http_methods(["GET", "POST"])
def disagreement_log(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(
        request.user, child_id, what="Opened the form to log a disagreement", may=policy.can_take_part_in_disagreements
    )
    data = request.POST if request.method == "POST" else None
    form = forms.LogDisagreementForm(data, party_choices=selectors.party_choices(child))
    if form.is_valid():
        try:
            disagreement = services.log_disagreement(
                child=child, issue=form.cleaned_data["issue"], parties=form.parties(), by=request.user, now=now()
            )
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Disagreement logged")
            return redirect(disagreement)
    return render(request, "disagreements/disagreement_log.html", {"child": child, "form": form})


@login_required
@require_GET
def disagreement_detail(request: AuthenticatedHttpRequest, child_id: UUID, disagreement_id: UUID) -> HttpResponse:
    disagreement = _open(request, child_id, disagreement_id, "Looked at a disagreement")
    context = {
        "child": disagreement.child,
        "d": disagreement,
        "days_open": rules.days_open(raised_on=disagreement.raised_at.date(), today=today()),
        "can_escalate": rules.next_rung(disagreement.status) is not None,
    }
    return render(request, "disagreements/disagreement_detail.html", context)


def _step(request: AuthenticatedHttpRequest, child_id: UUID, disagreement_id: UUID, *, escalate: bool) -> HttpResponse:
    what = "Opened the form to escalate a disagreement" if escalate else "Opened the form to resolve a disagreement"
    disagreement = _open(request, child_id, disagreement_id, what)
    data = request.POST if request.method == "POST" else None
    form: forms.EscalateDisagreementForm | forms.ResolveDisagreementForm = (
        forms.EscalateDisagreementForm(data) if escalate else forms.ResolveDisagreementForm(data)
    )
    if form.is_valid():
        try:
            if isinstance(form, forms.EscalateDisagreementForm):
                done = services.escalate_disagreement(
                    disagreement=disagreement, note=form.cleaned_data["note"], by=request.user, now=now()
                )
                messages.success(request, DisagreementStatus(done.status).label)
            else:
                services.resolve_disagreement(
                    disagreement=disagreement, resolution=form.cleaned_data["resolution"], by=request.user, now=now()
                )
                messages.success(request, "Resolution recorded")
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            return redirect(disagreement)
    rung = rules.next_rung(disagreement.status)
    context = {"child": disagreement.child, "d": disagreement, "form": form, "escalate": escalate, "rung": rung}
    return render(request, "disagreements/disagreement_step.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def disagreement_escalate(request: AuthenticatedHttpRequest, child_id: UUID, disagreement_id: UUID) -> HttpResponse:
    return _step(request, child_id, disagreement_id, escalate=True)


@login_required
@require_http_methods(["GET", "POST"])
def disagreement_resolve(request: AuthenticatedHttpRequest, child_id: UUID, disagreement_id: UUID) -> HttpResponse:
    return _step(request, child_id, disagreement_id, escalate=False)


# ---- B10: shared knowledge ---------------------------------------------------------------------


def _open_for_knowledge(request: AuthenticatedHttpRequest, child_id: UUID, what: str) -> Child:
    return open_child(request.user, child_id, what=what, may=policy.can_share_knowledge)


@login_required
@require_GET
def knowledge(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = _open_for_knowledge(request, child_id, "Read the knowledge shared in the team")
    items = list(selectors.knowledge_of(child))
    return render(request, "disagreements/knowledge.html", {"child": child, "items": items})


@login_required
@require_http_methods(["GET", "POST"])
def knowledge_share(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    child = _open_for_knowledge(request, child_id, "Opened the form to share knowledge with the team")
    form = forms.ShareKnowledgeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.share_knowledge(child=child, by=request.user, now=now(), **form.cleaned_data)
        except RuleViolations as exc:
            add_violations(form, exc.violations)
        else:
            messages.success(request, "Shared with the team")
            return redirect("disagreements:knowledge", child_id=child.pk)
    return render(request, "disagreements/knowledge_share.html", {"child": child, "form": form})
