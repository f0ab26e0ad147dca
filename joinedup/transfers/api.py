"""API endpoints for planned transfers between hubs: the transfer list, one transfer, and its steps (C7).

The transfer list and transfers are for managers (others get 403); a transfer a manager takes no part
in, or of another area, is a 404. Which step each manager may take, and when, is C7-STEP (a 422).
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Status

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.api.auth import user_of
from joinedup.api.errors import INPUT_RULE
from joinedup.api.schemas import (
    Error,
    TransferEventOut,
    TransferIn,
    TransferOut,
    TransferStepIn,
    TransferSummary,
    ValidationErrors,
    hub_out,
    person_out,
)
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core import clock
from joinedup.core.rules import RuleViolations, Violation
from joinedup.transfers import rules, selectors, services
from joinedup.transfers.choices import TransferStep
from joinedup.transfers.models import Transfer

router = Router(tags=["transfers"])

RESPONSES = {401: Error, 403: Error, 404: Error, 422: ValidationErrors}


def _manager(request: HttpRequest) -> User:
    user = user_of(request)
    if not policy.can_see_team_reports(user):
        raise PermissionDenied
    return user


def _transfer(user: User, transfer_id: UUID) -> Transfer:
    transfer = selectors.transfer_for(user, transfer_id)
    if transfer is None:
        raise Http404("No such transfer")
    return transfer


def transfer_summary(transfer: Transfer) -> TransferSummary:
    waited = rules.not_reviewed_for(transfer.last_reviewed_at, now=clock.now())
    return TransferSummary(
        id=transfer.pk,
        child_id=transfer.child_id,
        child_name=transfer.child.full_name,
        from_hub=hub_out(transfer.from_hub),
        to_hub=hub_out(transfer.to_hub),
        status=transfer.status,
        reason=transfer.reason,
        proposed_at=transfer.proposed_at,
        last_reviewed_at=transfer.last_reviewed_at,
        not_reviewed_for_days=waited.days if waited is not None else None,
        delayed_by_capacity=transfer.delayed_by_capacity,
    )


def transfer_out(user: User, transfer: Transfer) -> TransferOut:
    """The transfer, every step taken on it, and the steps ``user`` may take now (as the page offers)."""
    role = policy.transfer_role(user, from_hub=transfer.from_hub, to_hub=transfer.to_hub)
    return TransferOut(
        **transfer_summary(transfer).model_dump(),
        proposed_by=person_out(transfer.proposed_by),
        timescale_date=transfer.timescale_date,
        family_told_on=transfer.family_told_on,
        recording_confirmed=transfer.recording_confirmed,
        plan_smart_confirmed=transfer.plan_smart_confirmed,
        introductions_done_on=transfer.introductions_done_on,
        planned_review_on=transfer.planned_review_on,
        closed_at=transfer.closed_at,
        events=[
            TransferEventOut(step=e.step, label=e.get_step_display(), by=person_out(e.by), at=e.at, note=e.note)
            for e in selectors.history(transfer)
        ],
        steps_available=[str(s) for s in rules.steps_open_to(role=role, status=transfer.status)],
    )


@router.get(
    "/transfers/",
    response={200: list[TransferSummary], 401: Error, 403: Error, 422: ValidationErrors},
    operation_id="listTransfers",
    summary="The transfer list: open transfers out of or into your hubs, least recently reviewed first",
    description="For managers; others get 403. Items not reviewed for 7 days carry not_reviewed_for_days "
    "(C7-WEEKLY). Each child listed is audited (G3).",
)
def list_transfers(request: HttpRequest) -> list[TransferSummary]:
    user = _manager(request)
    transfers = list(selectors.transfer_list(user))
    audit.record_seen_in_list(
        children=[t.child for t in transfers],
        action=AuditAction.LISTED,
        by=user,
        at=clock.now(),
        what="Transfer list through the API",
    )
    return [transfer_summary(t) for t in transfers]


@router.get(
    "/transfers/{transfer_id}/",
    response={200: TransferOut, **RESPONSES},
    operation_id="getTransfer",
    summary="One transfer, every step taken on it, and the steps you may take now",
    description="For managers taking part (outgoing, incoming, operations); 404 for a transfer you take no part "
    "in. The read is audited.",
)
def get_transfer(request: HttpRequest, transfer_id: UUID) -> TransferOut:
    user = _manager(request)
    transfer = _transfer(user, transfer_id)
    audit.record(
        action=AuditAction.VIEWED,
        by=user,
        at=clock.now(),
        child=transfer.child,
        subject=transfer,
        what="Opened the transfer through the API",
    )
    return transfer_out(user, transfer)


@router.post(
    "/children/{child_id}/transfers/",
    response={201: TransferOut, **RESPONSES},
    operation_id="proposeTransfer",
    summary="Add the child to the internal transfer list (C7-PROPOSE)",
    description="For managers of the team holding the case; others who can see the child get 403.",
)
def propose_transfer(request: HttpRequest, child_id: UUID, payload: TransferIn) -> Status[TransferOut]:
    user = user_of(request)
    child = policy.get_child_or_404(user, child_id)
    if not policy.manages(user, child):
        raise PermissionDenied
    to_hub = selectors.hubs_to_move_to(child).filter(pk=payload.to_hub_id).first()
    if to_hub is None:
        raise RuleViolations([Violation(INPUT_RULE, "to_hub", "Select another hub in the child's area")])
    transfer = services.propose_transfer(child=child, to_hub=to_hub, reason=payload.reason, by=user, now=clock.now())
    return Status(201, transfer_out(user, _transfer(user, transfer.pk)))


@router.post(
    "/transfers/{transfer_id}/steps/",
    response={200: TransferOut, **RESPONSES},
    operation_id="takeTransferStep",
    summary="Take the next step of a transfer (C7-STEP, C7-READY)",
    description="Any step listed in steps_available. A step that cannot be taken now, or not by you, is a 422 "
    "naming the rule; nothing is stored. Each step is recorded with who and when.",
)
def take_transfer_step(request: HttpRequest, transfer_id: UUID, payload: TransferStepIn) -> TransferOut:
    user = _manager(request)
    transfer = services.take_step(
        transfer=_transfer(user, transfer_id),
        step=TransferStep(payload.step),
        note=payload.note,
        on=payload.on,
        by=user,
        now=clock.now(),
        today=clock.today(),
    )
    return transfer_out(user, _transfer(user, transfer.pk))
