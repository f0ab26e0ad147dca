"""Reads for transfers: the transfer list, one transfer, its history and where a child may move.

How a manager stands to a transfer is access: ``policy.transfer_role``."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet

from joinedup.access import policy
from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.allocation.models import Hub
from joinedup.people.models import Child
from joinedup.transfers.choices import TransferRole
from joinedup.transfers.models import Transfer, TransferEvent


def transfer_list(user: User) -> QuerySet[Transfer]:
    """Open transfers the manager takes part in: out of or into their hubs; all, for operations."""
    practitioner = policy.practitioner_of(user)
    if practitioner is None or not user.is_manager or user.area_id is None:
        return Transfer.objects.none()
    transfers = Transfer.objects.open().filter(child__area_id=user.area_id)
    if user.role == Role.TEAM_MANAGER:
        teams = practitioner.teams.values("pk")
        transfers = transfers.filter(Q(from_hub__team__in=teams) | Q(to_hub__team__in=teams))
    else:
        transfers = transfers.filter(from_hub__team__organisation_id=practitioner.organisation_id)
    return transfers.select_related("child", "from_hub__team", "to_hub__team").order_by("last_reviewed_at", "id")


def transfer_for(user: User, transfer_id: UUID) -> Transfer | None:
    """A transfer the user takes part in (open or closed), or None: its pages are then a 404."""
    if user.area_id is None:
        return None
    transfer = (
        Transfer.objects.filter(pk=transfer_id, child__area_id=user.area_id)
        .select_related("child", "from_hub__team", "to_hub__team", "proposed_by")
        .first()
    )
    if (
        transfer is None
        or policy.transfer_role(user, from_hub=transfer.from_hub, to_hub=transfer.to_hub) == TransferRole.NONE
    ):
        return None
    return transfer


def history(transfer: Transfer) -> QuerySet[TransferEvent]:
    return transfer.events.select_related("by", "by__practitioner").order_by("at", "id")


def hubs_to_move_to(child: Child) -> QuerySet[Hub]:
    hubs = Hub.objects.filter(team__organisation__area_id=child.area_id).select_related("team").order_by("code")
    return hubs.exclude(team_id=child.holding_team_id) if child.holding_team_id else hubs
