"""Reads for closing a case: what closing will end, who is told, and records past retention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import OuterRef, QuerySet, Subquery

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation.models import Allocation
from joinedup.closure import rules
from joinedup.closure.models import Closure, ClosureReason
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership
from joinedup.transfers.models import Transfer


@dataclass(frozen=True)
class ClosurePreview:
    """Exactly what closing the case will end, shown before the button (C11)."""

    allocations: int
    members: int
    key_worker: Practitioner | None
    open_transfer: Transfer | None
    has_ehc_plan: bool
    sen_officers: list[Practitioner]


def reasons_of(area_id: UUID) -> QuerySet[ClosureReason]:
    """The area's closure reasons, in the order the closing form shows them."""
    return ClosureReason.objects.filter(area_id=area_id).order_by("position", "label", "id")


def active_reasons(area_id: UUID) -> QuerySet[ClosureReason]:
    return reasons_of(area_id).filter(active=True)


def reasons_to_edit(user: User) -> QuerySet[ClosureReason]:
    """The closure reasons of the administrator's own area (C11); none for anyone else."""
    if user.area_id is None or not policy.can_edit_closure_reasons(user):
        return ClosureReason.objects.none()
    return reasons_of(user.area_id)


def reason_to_edit(user: User, reason_id: UUID) -> ClosureReason | None:
    """One closure reason of the administrator's area, or None: another area's reason is then a 404."""
    return reasons_to_edit(user).filter(pk=reason_id).first()


def current_members(child: Child) -> QuerySet[TeamMembership]:
    return (
        TeamMembership.objects.current()
        .filter(child=child)
        .select_related("practitioner__organisation", "practitioner__user")
        .order_by("start_date", "id")
    )


def sen_officers_in_team(members: list[TeamMembership]) -> list[Practitioner]:
    """C11-SEN: the SEN officers among the child's current team, who are told of the closure."""
    return [
        m.practitioner
        for m in members
        if rules.is_sen_officer(
            sector=m.practitioner.organisation.sector,
            job_role=m.practitioner.job_role,
            active=m.practitioner.is_active and m.practitioner.user.is_active,
        )
    ]


def is_open(child: Child) -> bool:
    return rules.is_open(
        held_by_a_team=child.holding_team_id is not None,
        has_current_allocation=Allocation.objects.current().filter(child=child).exists(),
    )


def closure_preview(child: Child) -> ClosurePreview:
    members = list(current_members(child))
    key_worker = KeyWorkerAssignment.objects.current().filter(child=child).select_related("practitioner").first()
    return ClosurePreview(
        allocations=Allocation.objects.current().filter(child=child).count(),
        members=len(members),
        key_worker=key_worker.practitioner if key_worker else None,
        open_transfer=Transfer.objects.open().filter(child=child).first(),
        has_ehc_plan=rules.tells_sen_team(child.ehc_plan_status),
        sen_officers=sen_officers_in_team(members),
    )


def records_past_retention(user: User, *, today: date) -> QuerySet[Closure]:
    """G4-REVIEW: closed records in the administrator's area kept past their retention date.

    Only each child's latest closure counts, and only while the case is still closed (a case
    opened again is live, whatever an old closure said).
    """
    if not policy.can_review_retention(user):
        return Closure.objects.none()
    latest = Closure.objects.filter(child=OuterRef("child")).order_by("-closed_at", "-id").values("pk")[:1]
    return (
        Closure.objects.filter(
            pk=Subquery(latest),
            child__in=policy.auditable_children(user),
            child__holding_team__isnull=True,
            retain_until__lt=today,  # rules.is_past_retention, in the database
        )
        .exclude(child__in=Allocation.objects.current().values("child_id"))
        .select_related("child")
        .order_by("retain_until", "child__local_id")
    )
