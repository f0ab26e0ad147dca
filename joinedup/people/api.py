"""API endpoints for children's records: the list the user may see, and one child's record."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router

from joinedup.access.reads import open_child
from joinedup.api import selectors
from joinedup.api.auth import user_of
from joinedup.api.schemas import (
    AllAboutMeOut,
    CarerOut,
    ChildDetail,
    ChildPage,
    ChildSummary,
    CommunicationProfileOut,
    Error,
    KeyWorkerOut,
    PageParams,
    SiblingOut,
    ValidationErrors,
)
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core import clock
from joinedup.people import selectors as people_selectors
from joinedup.people.choices import Need
from joinedup.people.models import AllAboutMe, Child, CommunicationProfile
from joinedup.teams.models import KeyWorkerAssignment

router = Router(tags=["children"])


def child_summary(child: Child, *, is_key_child: bool) -> ChildSummary:
    return ChildSummary(
        id=child.pk,
        given_name=child.given_name,
        family_name=child.family_name,
        preferred_name=child.preferred_name,
        date_of_birth=child.date_of_birth,
        nhs_number=child.nhs_number,
        local_id=child.local_id,
        holding_team=child.holding_team.name if child.holding_team else None,
        ehc_plan_status=child.ehc_plan_status,
        legal_status=child.legal_status,
        is_key_child=is_key_child,
    )


@router.get(
    "/",
    response={200: ChildPage, 401: Error, 422: ValidationErrors},
    operation_id="listChildren",
    summary="Children whose record you may see",
    description="Ordered by family name, given name and id. Each child returned is audited as listed (G3).",
)
def list_children(request: HttpRequest, page: Query[PageParams]) -> ChildPage:
    user = user_of(request)
    children = selectors.children_for_api(user)
    items = list(children[page.offset : page.offset + page.limit])
    audit.record_seen_in_list(
        children=items, action=AuditAction.LISTED, by=user, at=clock.now(), what="Listed through the API"
    )
    return ChildPage(
        count=children.count(),
        limit=page.limit,
        offset=page.offset,
        items=[child_summary(c, is_key_child=c.is_key_child) for c in items],  # type: ignore[attr-defined]  # annotated
    )


def _all_about_me(child: Child) -> AllAboutMeOut | None:
    try:
        return AllAboutMeOut.model_validate(child.all_about_me, from_attributes=True)
    except AllAboutMe.DoesNotExist:
        return None


def _communication(child: Child) -> CommunicationProfileOut | None:
    try:
        return CommunicationProfileOut.model_validate(child.communication_profile, from_attributes=True)
    except CommunicationProfile.DoesNotExist:
        return None


def _key_worker(assignment: KeyWorkerAssignment | None) -> KeyWorkerOut | None:
    if assignment is None:
        return None
    p = assignment.practitioner
    return KeyWorkerOut(
        practitioner_id=p.pk,
        name=p.full_name,
        job_role=p.job_role,
        organisation=p.organisation.name,
        phone=p.phone,
        email=p.email,
        start_date=assignment.start_date,
    )


def _carers(child: Child) -> list[CarerOut]:
    return [
        CarerOut(
            name=link.carer.full_name,
            relationship=link.relationship,
            has_parental_responsibility=link.has_parental_responsibility,
            phone=link.carer.phone,
            email=link.carer.email,
        )
        for link in child.carer_links.all()
    ]


@router.get(
    "/{child_id}/",
    response={200: ChildDetail, 401: Error, 404: Error, 422: ValidationErrors},
    operation_id="getChild",
    summary="One child's record",
    description="404 when the child does not exist or is not yours to see. The read is audited (G3).",
)
def get_child(request: HttpRequest, child_id: UUID) -> ChildDetail:
    user = user_of(request)
    child = open_child(user, child_id, what="Opened through the API", shape=people_selectors.for_page)
    key_worker = selectors.current_key_worker(child)
    shared, held_elsewhere = selectors.siblings_of(user, child)
    summary = child_summary(child, is_key_child=key_worker is not None and key_worker.practitioner.user_id == user.pk)
    return ChildDetail(
        **summary.model_dump(),
        all_about_me=_all_about_me(child),
        communication_profile=_communication(child),
        needs=sorted((n.need for n in child.needs.all()), key=Need.values.index),
        carers=_carers(child),
        siblings=[SiblingOut(id=link.sibling.pk, name=link.sibling.full_name, kind=link.kind) for link in shared],
        siblings_held_elsewhere=held_elsewhere,
        key_worker=_key_worker(key_worker),
    )
