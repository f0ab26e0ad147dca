"""Every change to the child's record: each one atomic and audited in the same transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction

from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import EditConflict, RuleViolations, Violation
from joinedup.organisations.models import Area, Team
from joinedup.people import rules
from joinedup.people.choices import SiblingKind
from joinedup.people.models import AllAboutMe, Child, ChildNeed, CommunicationProfile, SiblingLink

ALL_ABOUT_ME_FIELDS = (
    "about_me",
    "what_matters_to_me",
    "life_goals",
    "ambitions",
    "likes",
    "dislikes",
    "how_to_support_me",
    "written_by",
)
COMMUNICATION_FIELDS = ("how_i_communicate", "communication_aids", "what_works", "what_to_avoid")
CHILD_DETAIL_FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "nhs_number",
    "local_id",
    "address",
    "postcode",
    "ehc_plan_status",
    "legal_status",
    "school_or_setting",
    "diagnosis",
    "is_young_carer",
    "young_carer_referred_on",
)


def _check_child_details(details: dict[str, Any], *, today: date) -> dict[str, Any]:
    details = dict(details)
    details["nhs_number"] = rules.normalise_nhs_number(details.get("nhs_number") or "") or None
    violations = rules.nhs_number_violations(details["nhs_number"] or "")
    violations += rules.date_of_birth_violations(details["date_of_birth"], today=today)
    if violations:
        raise RuleViolations(violations)
    return details


@transaction.atomic
def create_child(
    *,
    area: Area,
    holding_team: Team | None,
    needs: list[str],
    details: dict[str, Any],
    by: User,
    now: datetime,
    today: date,
) -> Child:
    """Open a record for a child (A1)."""
    details = _check_child_details(details, today=today)
    child = Child.objects.create(area=area, holding_team=holding_team, **details)
    ChildNeed.objects.bulk_create(ChildNeed(child=child, need=n) for n in needs)
    AllAboutMe.objects.create(child=child)
    CommunicationProfile.objects.create(child=child)
    audit.record(action=AuditAction.CREATED, by=by, at=now, child=child, what="Opened the child's record")
    return child


@transaction.atomic
def link_siblings(*, child: Child, sibling: Child, kind: SiblingKind, by: User, now: datetime) -> None:
    """Record that two children are brothers or sisters, in both directions (A4), on both records."""
    if child.pk == sibling.pk:
        raise RuleViolations([Violation("A4-SIBLING", None, "A child cannot be their own brother or sister")])
    SiblingLink.objects.bulk_create(
        [SiblingLink(child=child, sibling=sibling, kind=kind), SiblingLink(child=sibling, sibling=child, kind=kind)],
        ignore_conflicts=True,
    )
    for one in (child, sibling):
        audit.record(action=AuditAction.UPDATED, by=by, at=now, child=one, what="Recorded a brother or sister")


@transaction.atomic
def update_child_details(
    *,
    child: Child,
    details: dict[str, Any],
    needs: list[str],
    expected_version: int,
    by: User,
    now: datetime,
    today: date,
) -> Child:
    """Change the child's facts and needs (A1); refuse if someone saved in the meantime (G5)."""
    details = _check_child_details(details, today=today)
    updated = Child.objects.filter(pk=child.pk, version=expected_version).update(
        **details, version=expected_version + 1, updated_at=now
    )
    if not updated:
        raise EditConflict("The child's details were changed by someone else")
    old_needs = set(child.needs.values_list("need", flat=True))
    child.needs.exclude(need__in=needs).delete()
    ChildNeed.objects.bulk_create(ChildNeed(child=child, need=n) for n in needs if n not in old_needs)
    changed = sorted(k for k, v in details.items() if getattr(child, k) != v)
    if set(needs) != old_needs:
        changed.append("needs")
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        what="Changed the child's details",
        changes={"fields": changed},
    )
    return Child.objects.get(pk=child.pk)


def _versioned_update(
    model: type[AllAboutMe] | type[CommunicationProfile],
    *,
    child: Child,
    values: dict[str, Any],
    expected_version: int,
    by: User,
    now: datetime,
) -> None:
    # A compare-and-set on the version: the second of two concurrent saves matches no row.
    updated = model.objects.filter(child=child, version=expected_version).update(
        **values, version=expected_version + 1, updated_at=now, updated_by=by
    )
    if not updated:
        raise EditConflict(f"{model._meta.verbose_name} was changed by someone else")


@transaction.atomic
def update_all_about_me(
    *, child: Child, values: dict[str, Any], expected_version: int, by: User, now: datetime
) -> AllAboutMe:
    """Save the child's own views, goals and preferences (A2), never over someone else's save."""
    values = {k: values[k] for k in ALL_ABOUT_ME_FIELDS if k in values}
    _versioned_update(AllAboutMe, child=child, values=values, expected_version=expected_version, by=by, now=now)
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        subject=child.all_about_me,
        what="Changed All about me",
        changes={"fields": sorted(values)},
    )
    return AllAboutMe.objects.get(child=child)


@transaction.atomic
def update_communication_profile(
    *, child: Child, values: dict[str, Any], expected_version: int, by: User, now: datetime
) -> CommunicationProfile:
    """Save how the child communicates (A3), never over someone else's save."""
    values = {k: values[k] for k in COMMUNICATION_FIELDS if k in values}
    _versioned_update(
        CommunicationProfile, child=child, values=values, expected_version=expected_version, by=by, now=now
    )
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        subject=child.communication_profile,
        what="Changed the communication profile",
        changes={"fields": sorted(values)},
    )
    return CommunicationProfile.objects.get(child=child)
