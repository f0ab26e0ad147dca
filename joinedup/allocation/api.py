"""API endpoints for allocation decisions: who works on a child's case and why (C3, C4).

For managers of the team holding the case (``policy.manages``), as on the allocation screen.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Status

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.allocation import selectors, services
from joinedup.allocation.models import Allocation, Hub
from joinedup.api.auth import user_of
from joinedup.api.errors import INPUT_RULE
from joinedup.api.schemas import (
    AllocateIn,
    AllocationOut,
    Error,
    FiredRuleOut,
    ValidationErrors,
    hub_out,
    person_out,
)
from joinedup.core import clock
from joinedup.core.rules import RuleViolations, Violation
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child

router = Router(tags=["allocation"])

RESPONSES = {401: Error, 403: Error, 404: Error, 422: ValidationErrors}


def allocation_out(allocation: Allocation) -> AllocationOut:
    p = allocation.practitioner
    return AllocationOut(
        id=allocation.pk,
        child_id=allocation.child_id,
        hub=hub_out(allocation.hub),
        practitioner_id=p.pk,
        name=p.full_name,
        job_role=p.job_role,
        relationship=allocation.relationship,
        start_date=allocation.start_date,
        end_date=allocation.end_date,
        fired_rules=[FiredRuleOut.model_validate(f) for f in allocation.fired_rules],
        over_capacity_reason=allocation.over_capacity_reason,
        decided_by=person_out(allocation.decided_by),
        decided_at=allocation.decided_at,
    )


@router.get(
    "/{child_id}/allocations/",
    response={200: list[AllocationOut], **RESPONSES},
    operation_id="getChildAllocations",
    summary="Who works on the child's case now, and the rules that fired when each was decided (C3)",
    description="For managers of the team holding the case; others who can see the child get 403. Audited.",
)
def get_allocations(request: HttpRequest, child_id: UUID) -> list[AllocationOut]:
    child = open_child(user_of(request), child_id, what="Opened the allocations through the API", may=policy.manages)
    allocations = selectors.current_allocations(child).select_related("decided_by__practitioner")
    return [allocation_out(a) for a in allocations]


def _hub_and_worker(child: Child, payload: AllocateIn) -> tuple[Hub, Practitioner]:
    """The hub and worker the screen would offer: a hub of the child's area, one of its workers."""
    hub = selectors.hubs_of_area(child.area_id).filter(pk=payload.hub_id).first()
    if hub is None:
        raise RuleViolations([Violation(INPUT_RULE, "hub", "Select a hub in the child's area")])
    worker = selectors.workers_of(hub).filter(pk=payload.practitioner_id).first()
    if worker is None:
        message = f"Select a worker of {hub.team.name} whose job the hub uses"
        raise RuleViolations([Violation(INPUT_RULE, "practitioner", message)])
    return hub, worker


@router.post(
    "/{child_id}/allocations/",
    response={201: AllocationOut, **RESPONSES},
    operation_id="allocateWorker",
    summary="Allocate, assign or attach a worker, checked against the rules (C3, C4)",
    description="For managers of the team holding the case. Refused (422, with the rule) when the hub or the "
    "worker's job is not one the rules allow, or the worker is at capacity without an operations manager's "
    "reason. The rules that fired are stored with the decision.",
)
def allocate_worker(request: HttpRequest, child_id: UUID, payload: AllocateIn) -> Status[AllocationOut]:
    user = user_of(request)
    child = policy.get_child_or_404(user, child_id)
    if not policy.manages(user, child):
        raise PermissionDenied
    hub, worker = _hub_and_worker(child, payload)
    allocation = services.allocate(
        child=child,
        hub=hub,
        practitioner=worker,
        relationship=payload.relationship,
        facts=selectors.child_facts(child, payload.facts.model_dump()),
        over_capacity_reason=payload.over_capacity_reason,
        review_interval_days=payload.review_interval_days,
        by=user,
        now=clock.now(),
        today=clock.today(),
    )
    return Status(201, allocation_out(allocation))
