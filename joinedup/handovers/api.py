"""API endpoints for a child's handovers (B6): the list, one handover with its summary, start,
confirm reading the summary, complete. The same services and access policy as the pages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.accounts.models import User
from joinedup.api.auth import user_of
from joinedup.api.schemas import Error, ValidationErrors
from joinedup.core import clock
from joinedup.core.rules import RuleViolations, Violation
from joinedup.handovers import rules, selectors, services
from joinedup.handovers.models import Handover
from joinedup.people.models import Child

router = Router(tags=["handovers"])

RESPONSES = {401: Error, 403: Error, 404: Error, 422: ValidationErrors}


class HandoverOut(Schema):
    id: UUID
    child_id: UUID
    from_practitioner_id: UUID
    from_name: str
    to_practitioner_id: UUID
    to_name: str
    is_key_worker: bool = Field(description="The person handing over was the child's key worker")
    reason: str
    old_leaves_team: bool
    status: str = Field(description="STARTED, READ, COMPLETED or CANCELLED")
    started_at: datetime
    read_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str
    counts: dict[str, Any] = Field(description="Open items before and after completion: old_before, new_after...")


class HandoverDetailOut(HandoverOut):
    summary: dict[str, Any] = Field(description="The handover summary as it was when the handover started")


class HandoverIn(Schema):
    model_config = ConfigDict(extra="forbid")

    from_practitioner_id: UUID
    to_practitioner_id: UUID
    reason: str = Field(max_length=rules.REASON_MAX)
    old_leaves_team: bool = False


def handover_out(h: Handover) -> dict[str, Any]:
    return {
        "id": h.pk,
        "child_id": h.child_id,
        "from_practitioner_id": h.from_practitioner_id,
        "from_name": h.from_practitioner.full_name,
        "to_practitioner_id": h.to_practitioner_id,
        "to_name": h.to_practitioner.full_name,
        "is_key_worker": h.is_key_worker,
        "reason": h.reason,
        "old_leaves_team": h.old_leaves_team,
        "status": h.status,
        "started_at": h.started_at,
        "read_at": h.read_at,
        "completed_at": h.completed_at,
        "cancelled_at": h.cancelled_at,
        "cancel_reason": h.cancel_reason,
        "counts": h.counts,
    }


def _detail(h: Handover) -> HandoverDetailOut:
    return HandoverDetailOut(**handover_out(h), summary=h.summary)


_API_FIELDS = {"practitioner": "to_practitioner_id", "from_practitioner": "from_practitioner_id"}


@contextmanager
def _in_api_words() -> Iterator[None]:
    try:
        yield
    except RuleViolations as exc:
        fields = [replace(v, field=_API_FIELDS.get(v.field or "", v.field)) for v in exc.violations]
        raise RuleViolations(fields) from exc


def _handover(child: Child, handover_id: UUID) -> Handover:
    handover = selectors.handover_of(child, handover_id)
    if handover is None:
        raise Http404("No handover found")
    return handover


def _to_act(user: User, child_id: UUID, handover_id: UUID, may: Any) -> tuple[Child, Handover]:
    """A write loads the child through access (404, then 403) without a read row: the service audits."""
    child = policy.get_child_or_404(user, child_id)
    handover = _handover(child, handover_id)
    if not may(user, child, handover):
        raise PermissionDenied
    return child, handover


@router.get(
    "/children/{child_id}/handovers/",
    response={200: list[HandoverOut], **RESPONSES},
    operation_id="listChildHandovers",
    summary="The child's handovers, newest first (B6)",
    description="For the child's team and managers with reach over the child; anyone else 404. The read is audited.",
)
def list_handovers(request: HttpRequest, child_id: UUID) -> list[dict[str, Any]]:
    child = open_child(
        user_of(request), child_id, what="Opened the handovers through the API", may=policy.can_read_handovers
    )
    return [handover_out(h) for h in selectors.handovers_for(child)]


@router.get(
    "/children/{child_id}/handovers/{handover_id}/",
    response={200: HandoverDetailOut, **RESPONSES},
    operation_id="getHandover",
    summary="One handover of the child, with the handover summary as it was handed over",
    description="404 when the child is not yours to see or the handover is not the child's. The read is audited.",
)
def get_handover(request: HttpRequest, child_id: UUID, handover_id: UUID) -> HandoverDetailOut:
    child = open_child(
        user_of(request), child_id, what="Opened a handover through the API", may=policy.can_read_handovers
    )
    return _detail(_handover(child, handover_id))


@router.post(
    "/children/{child_id}/handovers/",
    response={201: HandoverDetailOut, **RESPONSES},
    operation_id="startHandover",
    summary="Start handing the child's work from one practitioner to another (B6)",
    description="For managers of the case, or the person handing over their own work; others who can see the "
    "child get 403. The summary is taken now; nothing moves until the handover completes.",
)
def start_handover(request: HttpRequest, child_id: UUID, payload: HandoverIn) -> Status[HandoverDetailOut]:
    user = user_of(request)
    child = policy.get_child_or_404(user, child_id)
    old = selectors.practitioner_in_area(child, payload.from_practitioner_id)
    if not policy.can_hand_over(user, child, old):
        raise PermissionDenied
    new = selectors.practitioner_in_area(child, payload.to_practitioner_id)
    if old is None or new is None:
        field = "from_practitioner_id" if old is None else "to_practitioner_id"
        raise RuleViolations([Violation("B6-NEW-PERSON", field, "Choose a practitioner who works in this area")])
    with _in_api_words():
        handover = services.start_handover(
            child=child,
            old=old,
            new=new,
            reason=payload.reason,
            old_leaves_team=payload.old_leaves_team,
            by=user,
            now=clock.now(),
            today=clock.today(),
        )
    return Status(201, _detail(_handover(child, handover.pk)))


@router.post(
    "/children/{child_id}/handovers/{handover_id}/read/",
    response={200: HandoverDetailOut, **RESPONSES},
    operation_id="confirmHandoverRead",
    summary="The person taking over confirms they have read the handover summary (B6-READ)",
    description="Only for the person taking over; others who can see the child get 403.",
)
def confirm_read(request: HttpRequest, child_id: UUID, handover_id: UUID) -> HandoverDetailOut:
    user = user_of(request)
    child, handover = _to_act(user, child_id, handover_id, policy.can_confirm_handover_read)
    services.confirm_handover_read(handover=handover, by=user, now=clock.now())
    return _detail(_handover(child, handover.pk))


@router.post(
    "/children/{child_id}/handovers/{handover_id}/complete/",
    response={200: HandoverDetailOut, **RESPONSES},
    operation_id="completeHandover",
    summary="Move every open item to the new person and tell the child, family and team (B6-COMPLETE)",
    description="For managers of the case or the person handing over; others who can see the child get 403. "
    "422 until the person taking over has read the summary (B6-COMPLETE).",
)
def complete_handover(request: HttpRequest, child_id: UUID, handover_id: UUID) -> HandoverDetailOut:
    user = user_of(request)
    child, handover = _to_act(user, child_id, handover_id, policy.can_complete_handover)
    services.complete_handover(handover=handover, by=user, now=clock.now(), today=clock.today())
    return _detail(_handover(child, handover.pk))
