"""Who is calling the API: a bearer token, or the browser's Django session (with CSRF)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from joinedup.accounts.models import User
from joinedup.accounts.services import user_for_token
from joinedup.core import clock


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``, from ``joinedup token create USERNAME``. Needs no CSRF token."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = user_for_token(token=token, now=clock.now())
        if user is None:
            # A token was sent and is wrong or revoked: refuse rather than fall back to the session.
            raise AuthenticationError
        request.user = user  # the access policy reads request.user, as it does for pages
        return user


class SessionCookie(APIKeyCookie):
    """The browser's signed-in session. Unsafe methods must carry Django's CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # Only a signed-in session can be forged: an anonymous caller gets 401, not a CSRF 403.
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        return user if isinstance(user, User) and user.is_authenticated and user.is_active else None


api_auth = [BearerToken(), SessionCookie()]


def user_of(request: HttpRequest) -> User:
    """The user the request authenticated as (every operation requires authentication)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError
    return user
