"""The area's figures: counts for commissioners and managers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joinedup.access import policy
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.insight import selectors


@login_required
@require_GET
def area_figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_see_area_figures(request.user):
        raise PermissionDenied
    return render(request, "insight/area_figures.html", {"figures": selectors.area_figures(request.user)})
