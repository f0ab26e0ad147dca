"""Writes to accounts: API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.db import transaction

from joinedup.accounts.models import ApiToken, User

TOKEN_PREFIX = "ju_"  # noqa: S105 - a prefix that makes leaked tokens easy to scan for, not a secret


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, user: User, name: str, now: datetime) -> str:
    """Create a token for ``user`` and return it in clear: the only time it is ever shown."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=token_digest(token), name=name, created_at=now)
    return token


def user_for_token(*, token: str, now: datetime) -> User | None:
    """The active user a bearer token belongs to, or None."""
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user
