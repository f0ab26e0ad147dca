"""API endpoint for a child's plans (C6): read-only, through the same access policy as the pages."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.api.auth import user_of
from joinedup.api.schemas import Error, ValidationErrors
from joinedup.plans import selectors
from joinedup.plans.models import Action, Outcome

router = Router(tags=["plans"])


class ActionOut(Schema):
    id: UUID
    what: str
    responsible_practitioner_id: UUID | None = Field(description="The practitioner responsible, if one is")
    responsible: str = Field(description="Who is responsible: the practitioner's name, or someone in the family")
    target_date: date | None
    frequency_count: int | None = Field(description="Every <count> <unit>s, with frequency_unit")
    frequency_unit: str = Field(description="DAY, WEEK, MONTH or YEAR; empty when the action has no frequency")
    done_on: date | None


class OutcomeOut(Schema):
    id: UUID
    text: str
    ehc_section: str = Field(description="EHC plans: NEEDS, OUTCOMES or PROVISION; otherwise empty")
    ehc_service: str = Field(description="EHC plans: EDUCATION, HEALTH or SOCIAL_CARE; otherwise empty")
    pfa_area: str = Field(description="Preparing for Adulthood plans: the PfA area; otherwise empty")
    actions: list[ActionOut]


class PlanOut(Schema):
    id: UUID
    kind: str
    status: str = Field(description="DRAFT, CURRENT or ENDED")
    start_date: date
    review_date: date | None
    ended_on: date | None
    is_smart: bool = Field(description="C6-SMART: outcomes, each with actions, each with an owner and a timescale")
    not_smart_because: list[str] = Field(description="What the plan lacks to be SMART, in plain English")
    outcomes: list[OutcomeOut]


def _action(a: Action) -> ActionOut:
    p = a.responsible_practitioner
    return ActionOut(
        id=a.pk,
        what=a.what,
        responsible_practitioner_id=p.pk if p is not None else None,
        responsible=p.full_name if p is not None else a.responsible_other,
        target_date=a.target_date,
        frequency_count=a.frequency_count,
        frequency_unit=a.frequency_unit,
        done_on=a.done_on,
    )


def _outcome(o: Outcome) -> OutcomeOut:
    return OutcomeOut(
        id=o.pk,
        text=o.text,
        ehc_section=o.ehc_section,
        ehc_service=o.ehc_service,
        pfa_area=o.pfa_area,
        actions=[_action(a) for a in o.actions.all()],
    )


@router.get(
    "/{child_id}/plans/",
    response={200: list[PlanOut], 401: Error, 403: Error, 404: Error, 422: ValidationErrors},
    operation_id="listChildPlans",
    summary="The child's plans, with outcomes, actions and whether each plan is SMART",
    description=(
        "Current plans first, then drafts, then ended plans. 404 when the child does not exist or is not yours "
        "to see; 403 when you see the child but not its plans. The read is audited (G3)."
    ),
)
def list_plans(request: HttpRequest, child_id: UUID) -> list[PlanOut]:
    child = open_child(user_of(request), child_id, what="Opened the plans through the API", may=policy.can_read_plans)
    return [
        PlanOut(
            id=s.plan.pk,
            kind=s.plan.kind,
            status=s.plan.status,
            start_date=s.plan.start_date,
            review_date=s.plan.review_date,
            ended_on=s.plan.ended_on,
            is_smart=s.is_smart,
            not_smart_because=s.gaps,
            outcomes=[_outcome(o) for o in s.plan.outcomes.all()],
        )
        for s in selectors.plans_of(child)
    ]
