"""Django's username-and-password backend, loading the signed-in user with their practitioner profile.

Every page asks who the practitioner is (access, navigation), so reading both in the query that
loads the user saves a query on every request (issue 6). A family member has no profile: the join
finds none, and asking for it raises ``DoesNotExist`` without a second query, as before.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from joinedup.accounts.models import User


class UserWithProfileBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = User.objects.select_related("practitioner").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
