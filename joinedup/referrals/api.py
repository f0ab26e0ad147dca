"""API endpoints for referrals to the Children with Disabilities Team and their decisions (C1, A4).

Referrals name children who may not be in joinedup yet, so only the managers the access policy
names (``policy.can_decide_referrals``) reach them: anyone else gets 403; a referral of another
area, 404.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.api.auth import user_of
from joinedup.api.schemas import (
    CriterionMetOut,
    Error,
    PageParams,
    ReferralDecisionIn,
    ReferralIn,
    ReferralOut,
    ReferralPage,
    ReferralSummary,
    ValidationErrors,
    person_out,
)
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core import clock
from joinedup.referrals import selectors, services
from joinedup.referrals.choices import Decision, ReferralStatus
from joinedup.referrals.models import Referral

router = Router(tags=["referrals"])

READ_RESPONSES = {401: Error, 403: Error, 404: Error, 422: ValidationErrors}


def _manager(request: HttpRequest) -> User:
    user = user_of(request)
    if not policy.can_decide_referrals(user):
        raise PermissionDenied
    return user


def _referral(user: User, referral_id: UUID) -> Referral:
    referral = selectors.referral_for(user, referral_id)
    if referral is None:
        raise Http404("No such referral")
    return referral


def _with_criteria(user: User) -> None:
    """As the pages do: the area's first referral read loads the criteria of CwDT 1.2 (audited)."""
    if user.area is not None and not selectors.criteria_for(user.area.pk, active_only=False).exists():
        services.load_default_criteria(area=user.area, by=user, now=clock.now())


def referral_out(referral: Referral) -> ReferralOut:
    if referral.status == ReferralStatus.RECEIVED:
        met: list[dict[str, Any]] = [asdict(m) for m in selectors.criteria_met_now(referral)]
    else:
        met = referral.criteria_met
    return ReferralOut(
        **ReferralSummary.model_validate(referral, from_attributes=True).model_dump(),
        nhs_number=referral.nhs_number,
        needs=referral.needs,
        reason=referral.reason,
        severe=referral.severe,
        recorded_by=person_out(referral.recorded_by),
        recorded_at=referral.recorded_at,
        decided_by=person_out(referral.decided_by) if referral.decided_by else None,
        decided_at=referral.decided_at,
        decision_reason=referral.decision_reason,
        sibling_of_id=referral.sibling_of_id,
        sibling_kind=referral.sibling_kind,
        criteria_met=[CriterionMetOut(code=m["code"], text=m["text"], needs=list(m["needs"])) for m in met],
    )


@router.get(
    "/",
    response={200: ReferralPage, 401: Error, 403: Error, 422: ValidationErrors},
    operation_id="listReferrals",
    summary="The area's referrals: waiting for a decision first, oldest first",
    description="For managers of the area's Children with Disabilities Team; others get 403. The list is audited.",
)
def list_referrals(request: HttpRequest, page: Query[PageParams]) -> ReferralPage:
    user = _manager(request)
    referrals = selectors.referral_list(user)
    items = list(referrals[page.offset : page.offset + page.limit])
    audit.record(action=AuditAction.LISTED, by=user, at=clock.now(), what=f"Referral list ({len(items)}) by API")
    return ReferralPage(
        count=referrals.count(),
        limit=page.limit,
        offset=page.offset,
        items=[ReferralSummary.model_validate(r, from_attributes=True) for r in items],
    )


@router.post(
    "/",
    response={201: ReferralOut, 401: Error, 403: Error, 422: ValidationErrors},
    operation_id="recordReferral",
    summary="Record a referral received (C1-REFERRAL), naming a brother or sister already known (A4-SIBLING)",
    description="For managers of the area's Children with Disabilities Team; others get 403.",
)
def record_referral(request: HttpRequest, payload: ReferralIn) -> Status[ReferralOut]:
    user = _manager(request)
    referral = services.record_referral(
        **payload.model_dump(exclude={"needs"}),
        needs=list(dict.fromkeys(str(n) for n in payload.needs)),
        by=user,
        now=clock.now(),
        today=clock.today(),
    )
    _with_criteria(user)
    return Status(201, referral_out(_referral(user, referral.pk)))


@router.get(
    "/{referral_id}/",
    response={200: ReferralOut, **READ_RESPONSES},
    operation_id="getReferral",
    summary="One referral, with the criteria it meets",
    description="404 when the referral is not in your area. The read is audited.",
)
def get_referral(request: HttpRequest, referral_id: UUID) -> ReferralOut:
    user = _manager(request)
    referral = _referral(user, referral_id)
    audit.record(
        action=AuditAction.VIEWED,
        by=user,
        at=clock.now(),
        child=referral.child,
        subject=referral,
        what="Opened the referral through the API",
    )
    _with_criteria(user)
    return referral_out(referral)


@router.post(
    "/{referral_id}/decision/",
    response={200: ReferralOut, **READ_RESPONSES},
    operation_id="decideReferral",
    summary="Accept a referral or not (C1-DECISION)",
    description="Accepting opens the child's record in the Safeguarding & Support hub for a single assessment; "
    "not accepting needs a reason. A referral is decided once: deciding again is a 422.",
)
def decide_referral(request: HttpRequest, referral_id: UUID, payload: ReferralDecisionIn) -> ReferralOut:
    user = _manager(request)
    referral = _referral(user, referral_id)
    _with_criteria(user)
    referral = services.decide_referral(
        referral=referral,
        accept=payload.decision == Decision.ACCEPT,
        reason=payload.reason,
        local_id=payload.local_id,
        by=user,
        now=clock.now(),
        today=clock.today(),
    )
    return referral_out(_referral(user, referral.pk))
