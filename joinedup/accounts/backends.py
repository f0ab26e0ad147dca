"""Django's username-and-password backend, loading the signed-in user with their practitioner profile.

Every page asks who the practitioner is (access, navigation), so reading both in the query that
loads the user saves a query on every request (issue 6). A family member has no profile: the join
finds none, and asking for it raises ``DoesNotExist`` without a second query, as before.

The query is written by hand (``core.instances``): it runs on every request, and the ORM's
``select_related`` query cost 0.7 ms of Python to build where the row costs 0.1. It also counts the
user's unread messages, which every page's menu shows (``ui.context.navigation``): a query fewer
on every page. The count is as the request began; reading a message redirects, so the next page
counts again.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend

from joinedup.accounts.models import User
from joinedup.core.instances import columns, instance_and_joined
from joinedup.core.rows import fetch, uuid_of
from joinedup.organisations.models import Practitioner


@cache
def _user_with_profile_sql() -> str:
    return (
        f"SELECT {columns(User, 'u')}, {columns(Practitioner, 'p')},"  # noqa: S608 - column names from the models; the id is a parameter
        # notifications.selectors.unread_count's question, for the menu
        " (SELECT count(*) FROM notifications_notification n WHERE n.recipient_id = u.id AND n.read_at IS NULL)"
        " FROM accounts_user u LEFT JOIN organisations_practitioner p ON p.user_id = u.id WHERE u.id = %s"
    )


class UserWithProfileBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def user_with_profile(user_id: Any) -> User | None:
    """The user with their practitioner profile (or knowing they have none) and how many of their
    messages were unread (``unread_messages``); None if there is no such user."""
    try:
        key = uuid_of(str(user_id))
    except ValueError:
        return None
    rows = fetch(_user_with_profile_sql(), [key])
    if not rows:
        return None
    *row, unread = rows[0]
    user, profile = instance_and_joined(User, Practitioner, row)
    user.unread_messages = int(unread)
    # As select_related leaves them: the profile (or its absence) cached on the user, the user on it.
    User._meta.get_field("practitioner").set_cached_value(user, profile)
    if profile is not None:
        Practitioner._meta.get_field("user").set_cached_value(profile, user)
    return user
