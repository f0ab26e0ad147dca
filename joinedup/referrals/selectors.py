"""Reads for referrals: the referral list and the area's threshold criteria.

Who may see referrals or edit the criteria is decided in ``joinedup.access.policy``.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.db.models import Case, IntegerField, QuerySet, Value, When

from joinedup.access import policy
from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.allocation.choices import HubCode
from joinedup.allocation.models import Hub
from joinedup.organisations.models import Team
from joinedup.people.models import Child
from joinedup.referrals import rules
from joinedup.referrals.choices import ReferralStatus
from joinedup.referrals.models import Referral, ThresholdCriterion


def referral_list(user: User) -> QuerySet[Referral]:
    """The area's referrals for its managers: waiting for a decision first, oldest first."""
    if user.area_id is None or not policy.can_decide_referrals(user):
        return Referral.objects.none()
    waiting_first = Case(
        When(status=ReferralStatus.RECEIVED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        Referral.objects.filter(area_id=user.area_id)
        .select_related("child")
        .order_by(waiting_first, "received_on", "recorded_at", "id")
    )


def referral_for(user: User, referral_id: UUID) -> Referral | None:
    """A referral in the user's area that they may see, or None: its page is then a 404."""
    if user.area_id is None or not policy.can_decide_referrals(user):
        return None
    return (
        Referral.objects.filter(pk=referral_id, area_id=user.area_id)
        .select_related("child", "recorded_by", "decided_by", "sibling_of")
        .first()
    )


def criteria_for(area_id: UUID, *, active_only: bool = True) -> QuerySet[ThresholdCriterion]:
    criteria = ThresholdCriterion.objects.filter(area_id=area_id)
    if active_only:
        criteria = criteria.filter(active=True)
    return criteria.order_by("order", "code")


def as_rules(criteria: Iterable[ThresholdCriterion]) -> list[rules.Criterion]:
    return [rules.Criterion(code=c.code, text=c.text, needs=tuple(c.needs)) for c in criteria]


def criterion_for(user: User, criterion_id: UUID) -> ThresholdCriterion | None:
    if user.area_id is None or not policy.can_edit_threshold_criteria(user):
        return None
    return ThresholdCriterion.objects.filter(pk=criterion_id, area_id=user.area_id).first()


def assessment_hub_team(area_id: UUID) -> Team | None:
    """The area's Safeguarding & Support hub: it does every single assessment from MASH (CwDT 3.1)."""
    hub = (
        Hub.objects.filter(code=HubCode.SAFEGUARDING_SUPPORT, team__organisation__area_id=area_id)
        .select_related("team")
        .order_by("team__name", "id")
        .first()
    )
    return hub.team if hub is not None else None


def team_managers_of(team: Team) -> QuerySet[User]:
    return User.objects.filter(role=Role.TEAM_MANAGER, is_active=True, practitioner__teams=team).distinct()


def child_by_local_id(area_id: UUID, local_id: str) -> Child | None:
    """A child already known in the area, named on a referral as a brother or sister (A4)."""
    return Child.objects.filter(area_id=area_id, local_id=local_id.strip()).first()


def sibling_hub(referral: Referral) -> Hub | None:
    """The hub holding the brother or sister the referral names, if a hub holds them (CwDT 1.4)."""
    if referral.sibling_of_id is None:
        return None
    return Hub.objects.filter(team__children_held=referral.sibling_of_id).select_related("team").first()


def criteria_met_now(referral: Referral) -> list[rules.MetCriterion]:
    """C1-CRITERIA (and A4-SIBLING) for a referral against the area's active criteria as they read now."""
    return rules.criteria_met(
        needs=referral.needs,
        severe=referral.severe,
        criteria=as_rules(criteria_for(referral.area_id)),
        sibling_held=sibling_hub(referral) is not None,
    )
