"""Typed request for views that require a signed-in user."""

from __future__ import annotations

from django.http import HttpRequest

from joinedup.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User  # narrowed: login_required guarantees a real user
