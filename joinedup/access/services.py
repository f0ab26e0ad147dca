"""Granting emergency access: audited in the same transaction, and the case holders told (G1)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from joinedup.access import rules
from joinedup.access.models import BreakGlassGrant
from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations
from joinedup.notifications.services import notify
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.people.rules import normalise_nhs_number
from joinedup.teams.models import KeyWorkerAssignment


def _data_owners(child: Child) -> list[User]:
    """Who holds the case: the holding team's managers and the child's key worker."""
    key_worker = KeyWorkerAssignment.objects.current().filter(child=child).values("practitioner__user_id")
    owners = Q(pk__in=key_worker)
    if child.holding_team_id is not None:  # teams=None would match every manager without a team
        managers = Practitioner.objects.filter(
            is_active=True, user__role=Role.TEAM_MANAGER, teams=child.holding_team_id
        ).values("user_id")
        owners |= Q(pk__in=managers)
    return list(User.objects.filter(owners).order_by("username"))


def _name_of(user: User) -> str:
    practitioner = Practitioner.objects.filter(user=user).select_related("organisation").first()
    return f"{practitioner.full_name} ({practitioner.organisation.name})" if practitioner else user.username


@transaction.atomic
def break_glass(*, user: User, nhs_number: str, reason: str, now: datetime) -> BreakGlassGrant:
    """Open a child's record in an emergency for a fixed time, with the reason recorded and owners told."""
    digits = normalise_nhs_number(nhs_number)
    area_id = user.area_id
    child = Child.objects.filter(area_id=area_id, nhs_number=digits).first() if digits and area_id else None
    violations = rules.break_glass_violations(reason=reason, child_found=child is not None)
    if violations or child is None:
        raise RuleViolations(violations)
    grant = BreakGlassGrant.objects.create(
        child=child, user=user, reason=reason.strip(), granted_at=now, expires_at=now + rules.EMERGENCY_ACCESS
    )
    audit.record(
        action=AuditAction.BREAK_GLASS,
        by=user,
        at=now,
        child=child,
        subject=grant,
        what="Used emergency access to the record",
        why=reason.strip()[:200],
    )
    who_has_seen = reverse("audit:child-audit", args=[child.pk])
    # Into the outbox in this transaction: if the grant rolls back, nobody is told (DESIGN.md).
    notify(
        recipients=_data_owners(child),
        subject=f"Emergency access to record {child.local_id}",
        body=(
            f"{_name_of(user)} used emergency access to record {child.local_id} at "
            f"{now:%H:%M on %d %B %Y} (UTC). Their reason: {reason.strip()}\n\n"
            f"Who has seen the record: {who_has_seen}"
        ),
        link=reverse("people:child-detail", args=[child.pk]),  # both key worker and managers may open it
        child=child,
        now=now,
    )
    return grant
