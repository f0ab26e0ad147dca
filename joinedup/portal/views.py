"""The family view: who is in the child's team, how to reach the key worker, and current plans (B11, C6, G1)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joinedup.access import policy
from joinedup.access.reads import open_family_child
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.documents import selectors as document_selectors
from joinedup.moves import selectors as move_selectors
from joinedup.plans import selectors as plan_selectors
from joinedup.teams import selectors as team_selectors


@login_required
@require_GET
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    children = list(policy.family_children(request.user).order_by("date_of_birth", "id"))
    return render(request, "portal/home.html", {"children": children})


@login_required
@require_GET
def child(request: AuthenticatedHttpRequest, child_id: UUID) -> HttpResponse:
    record = open_family_child(request.user, child_id, what="Opened the family view")
    context = {
        "child": record,
        "team": team_selectors.team_for(record),
        "family_plans": plan_selectors.family_plans(record),
        "move_packs": move_selectors.family_packs(record),
        "family_documents": document_selectors.for_family(request.user, record),
    }
    return render(request, "portal/child.html", context)
