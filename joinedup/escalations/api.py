"""API endpoints for unplanned changes in need: a child's escalations, raising one, its outcome (C8)."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Status

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.accounts.models import User
from joinedup.api import selectors as api_selectors
from joinedup.api.auth import user_of
from joinedup.api.schemas import (
    Error,
    EscalationIn,
    EscalationOut,
    EscalationOutcomeIn,
    ValidationErrors,
    hub_out,
    person_out,
)
from joinedup.core import clock
from joinedup.core.rules import RuleViolations, Violation
from joinedup.escalations import selectors, services
from joinedup.escalations.models import Escalation
from joinedup.organisations.models import Practitioner

router = Router(tags=["escalations"])

RESPONSES = {401: Error, 403: Error, 404: Error, 422: ValidationErrors}


def escalation_out(e: Escalation) -> EscalationOut:
    return EscalationOut(
        id=e.pk,
        child_id=e.child_id,
        kind=e.kind,
        what_has_changed=e.what_has_changed,
        is_time_limited=e.is_time_limited,
        raised_by=person_out(e.raised_by),
        raised_at=e.raised_at,
        from_hub=hub_out(e.from_hub) if e.from_hub else None,
        to_hub=hub_out(e.to_hub) if e.to_hub else None,
        status=e.status,
        outcome=e.outcome,
        outcome_note=e.outcome_note,
        joint_working_until=e.joint_working_until,
        assessment_worker_id=e.assessment_worker_id,
        decided_by=person_out(e.decided_by) if e.decided_by else None,
        decided_at=e.decided_at,
        disagreement_party=e.disagreement_party,
        disagreement_reason=e.disagreement_reason,
        final_outcome=e.final_outcome,
        final_note=e.final_note,
        final_decided_at=e.final_decided_at,
    )


@router.get(
    "/children/{child_id}/escalations/",
    response={200: list[EscalationOut], 401: Error, 404: Error, 422: ValidationErrors},
    operation_id="listChildEscalations",
    summary="The child's escalations that you take part in, newest first",
    description="Those you raised, were sent or manage the case of, or were given the work from. 404 when the "
    "child is not yours to see. The read is audited (G3).",
)
def list_escalations(request: HttpRequest, child_id: UUID) -> list[EscalationOut]:
    user = user_of(request)
    child = open_child(user, child_id, what="Opened the escalations through the API")
    return [escalation_out(e) for e in api_selectors.escalations_of(user, child)]


@router.post(
    "/children/{child_id}/escalations/",
    response={201: EscalationOut, **RESPONSES},
    operation_id="raiseEscalation",
    summary="Raise a change in need or a safeguarding concern (C8-RAISE, C8-ROUTE)",
    description="For members of the child's team and managers of the case; others who can see the child get 403. "
    "A change in need goes to the managers of the hub holding the case; a safeguarding concern, to the "
    "Safeguarding & Support duty queue.",
)
def raise_escalation(request: HttpRequest, child_id: UUID, payload: EscalationIn) -> Status[EscalationOut]:
    user = user_of(request)
    child = policy.get_child_or_404(user, child_id)
    if not policy.can_edit_child(user, child):
        raise PermissionDenied
    escalation = services.raise_escalation(
        child=child,
        kind=payload.kind,
        what_has_changed=payload.what_has_changed,
        is_time_limited=payload.is_time_limited,
        by=user,
        now=clock.now(),
    )
    return Status(201, escalation_out(_escalation(user, escalation.pk)))


def _escalation(user: User, escalation_id: UUID) -> Escalation:
    escalation = selectors.escalation_for(user, escalation_id)
    if escalation is None:
        raise Http404("No such escalation")
    return escalation


def _social_worker(escalation: Escalation, practitioner_id: UUID | None) -> Practitioner | None:
    if practitioner_id is None:
        return None
    worker = api_selectors.practitioner_in_area(escalation.child, practitioner_id)
    if worker is None:
        message = "Select a social worker who works in this area"
        raise RuleViolations([Violation("C8-SOCIAL-WORKER", "assessment_worker", message)])
    return worker


@router.post(
    "/escalations/{escalation_id}/outcome/",
    response={200: EscalationOut, **RESPONSES},
    operation_id="recordEscalationOutcome",
    summary="Record what happens next: transfer, joint working, no change, section 47 or updated assessment",
    description="For the manager it was sent to (any Safeguarding & Support team manager, for the duty queue) "
    "or an operations manager of that organisation; others taking part get 403, anyone else 404. Recorded once: "
    "a second outcome is a 422 (C8-OUTCOME).",
)
def record_outcome(request: HttpRequest, escalation_id: UUID, payload: EscalationOutcomeIn) -> EscalationOut:
    user = user_of(request)
    escalation = _escalation(user, escalation_id)
    if not policy.can_decide_escalation(user, escalation):
        raise PermissionDenied
    decided = services.decide_escalation(
        escalation=escalation,
        outcome=payload.outcome,
        outcome_note=payload.outcome_note,
        joint_working_until=payload.joint_working_until,
        assessment_worker=_social_worker(escalation, payload.assessment_worker_id),
        by=user,
        now=clock.now(),
        today=clock.today(),
    )
    return escalation_out(_escalation(user, decided.pk))
