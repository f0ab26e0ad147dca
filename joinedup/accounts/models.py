"""People who sign in, and the API tokens they hold."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models

from joinedup.accounts.choices import FAMILY_ROLES, MANAGER_ROLES, STAFF_ROLES, Role


class User(AbstractUser):
    """Anyone who signs in: practitioners, managers, commissioners, administrators, families.

    What a user may see follows from their role and their relationships (joinedup.access),
    never from Django's is_staff or permissions.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    role = models.CharField(max_length=30, choices=Role.choices)
    area = models.ForeignKey(
        "organisations.Area", on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    # Not a column: how many messages were unread when the signed-in user was loaded for the request
    # (accounts.backends counts them in the same query, for the menu); None when not counted.
    unread_messages: int | None = None

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="user_role_valid"),
        ]

    def __str__(self) -> str:
        return f"User {self.username}"

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGER_ROLES

    @property
    def is_family(self) -> bool:
        return self.role in FAMILY_ROLES


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 digest is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"ApiToken {self.pk}"
