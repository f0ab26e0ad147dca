"""API endpoints for a child's interagency team and key worker (B1, B2)."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Status

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.api import selectors
from joinedup.api.auth import user_of
from joinedup.api.schemas import (
    Error,
    KeyWorkerAssignmentOut,
    KeyWorkerIn,
    TeamMemberIn,
    TeamMemberOut,
    TeamOut,
    ValidationErrors,
)
from joinedup.core import clock
from joinedup.core.rules import RuleViolations, Violation
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.teams import services
from joinedup.teams.models import TeamMembership

router = Router(tags=["teams"])

WRITE_RESPONSES = {401: Error, 403: Error, 404: Error, 422: ValidationErrors}


def member_out(membership: TeamMembership, *, key_worker_id: UUID | None) -> TeamMemberOut:
    p = membership.practitioner
    return TeamMemberOut(
        membership_id=membership.pk,
        practitioner_id=p.pk,
        name=p.full_name,
        role_in_team=membership.role_in_team,
        job_role=p.job_role,
        organisation=p.organisation.name,
        sector=p.organisation.sector,
        phone=p.phone,
        email=p.email,
        start_date=membership.start_date,
        is_key_worker=p.pk == key_worker_id,
    )


@router.get(
    "/{child_id}/team/",
    response={200: TeamOut, 401: Error, 404: Error, 422: ValidationErrors},
    operation_id="getChildTeam",
    summary="The child's interagency team now, and the needs nobody in it is skilled for",
    description="404 when the child does not exist or is not yours to see. The read is audited (G3).",
)
def get_team(request: HttpRequest, child_id: UUID) -> TeamOut:
    child = open_child(user_of(request), child_id, what="Opened the team through the API")
    members = selectors.current_members(child)
    key_worker = selectors.current_key_worker(child)
    key_worker_id = key_worker.practitioner_id if key_worker else None
    return TeamOut(
        members=[member_out(m, key_worker_id=key_worker_id) for m in members],
        unmet_needs=selectors.unmet_needs_of(child, members),
    )


def _practitioner(child: Child, practitioner_id: UUID, rule: str) -> Practitioner:
    practitioner = selectors.practitioner_in_area(child, practitioner_id)
    if practitioner is None:
        raise RuleViolations([Violation(rule, "practitioner", "Select a practitioner who works in this area")])
    return practitioner


@router.post(
    "/{child_id}/team/",
    response={201: TeamMemberOut, **WRITE_RESPONSES},
    operation_id="addTeamMember",
    summary="Add a practitioner to the child's team (B1)",
    description="For members of the child's team and managers of the holding team; others get 403.",
)
def add_team_member(request: HttpRequest, child_id: UUID, payload: TeamMemberIn) -> Status[TeamMemberOut]:
    user = user_of(request)
    child = policy.get_child_or_404(user, child_id)
    if not policy.can_change_team(user, child):
        raise PermissionDenied
    membership = services.add_team_member(
        child=child,
        practitioner=_practitioner(child, payload.practitioner_id, "B1-MEMBER"),
        role_in_team=payload.role_in_team,
        start_date=payload.start_date,
        by=user,
        now=clock.now(),
        today=clock.today(),
    )
    return Status(201, member_out(membership, key_worker_id=None))


@router.post(
    "/{child_id}/key-worker/",
    response={201: KeyWorkerAssignmentOut, **WRITE_RESPONSES},
    operation_id="assignKeyWorker",
    summary="Make a member of the child's team its key worker from today (B2)",
    description="For managers of the team that holds the case; others who can see the child get 403.",
)
def assign_key_worker(request: HttpRequest, child_id: UUID, payload: KeyWorkerIn) -> Status[KeyWorkerAssignmentOut]:
    user = user_of(request)
    child = policy.get_child_or_404(user, child_id)
    if not policy.can_assign_key_worker(user, child):
        raise PermissionDenied
    assignment = services.assign_key_worker(
        child=child,
        practitioner=_practitioner(child, payload.practitioner_id, "B2-ASSIGN"),
        reason=payload.reason,
        by=user,
        now=clock.now(),
        today=clock.today(),
    )
    return Status(
        201,
        KeyWorkerAssignmentOut(
            id=assignment.pk,
            child_id=child.pk,
            practitioner_id=assignment.practitioner_id,
            name=assignment.practitioner.full_name,
            start_date=assignment.start_date,
            reason=assignment.reason,
            assigned_at=assignment.assigned_at,
        ),
    )
