"""Pages that belong to no app: the start page and the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from joinedup.accounts.choices import Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to where their work starts."""
    role = getattr(request.user, "role", "")
    if role in (Role.PARENT_CARER, Role.YOUNG_PERSON):
        return redirect("portal:home")
    if role == Role.ADMINISTRATOR:
        return redirect("audit:lookup")
    if role == Role.COMMISSIONER:
        return redirect("insight:area-figures")
    return redirect("people:my-children")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "ui/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "ui/403.html", status=403)
