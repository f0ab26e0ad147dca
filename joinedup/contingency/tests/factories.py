"""Factories and helpers for the contingency plan (B7)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from joinedup.contingency import services
from joinedup.contingency.models import Cover
from joinedup.people.tests.factories import ChildFactory
from joinedup.teams.tests.factories import KeyWorkerAssignmentFactory, TeamMembershipFactory


def name_cover(world: Any, cover: Any = None, key_worker: Any = None) -> Cover:
    """``cover`` (default: a colleague in the key worker's hub) named as cover for the key worker."""
    return Cover.objects.create(
        key_worker=key_worker or world.key_worker,
        cover=cover or world.same_org_outsider,
        reason="Works in the same hub and knows the families",
        set_by=world.manager.user,
        set_at=timezone.now(),
    )


def key_worked_child(world: Any, key_worker: Any = None, **fields: Any) -> Any:
    """Another child held by the hub whose key worker is ``key_worker`` (default: world.key_worker)."""
    key_worker = key_worker or world.key_worker
    child = ChildFactory(area=world.area, holding_team=world.hub, **fields)
    TeamMembershipFactory(child=child, practitioner=key_worker, added_by=world.manager.user)
    KeyWorkerAssignmentFactory(child=child, practitioner=key_worker, assigned_by=world.manager.user)
    return child


def mark_away(world: Any, practitioner: Any = None, kind: str = "SICK_LEAVE") -> None:
    """``practitioner`` (default: world.key_worker) marked inactive from today by the manager."""
    services.mark_inactive(
        practitioner=practitioner or world.key_worker,
        kind=kind,
        from_date=timezone.localdate(),
        note="",
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )
