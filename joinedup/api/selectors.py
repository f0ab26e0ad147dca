"""Reads for the JSON API, always starting from what the access policy lets the user see."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Exists, OuterRef, QuerySet

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.escalations.choices import EscalationRole
from joinedup.escalations.models import Escalation
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child, SiblingLink
from joinedup.teams import rules
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership


def children_for_api(user: User) -> QuerySet[Child]:
    """Every child ``user`` may see, with whether they are its key worker, in a stable order."""
    practitioner = policy.practitioner_of(user)
    is_key = KeyWorkerAssignment.objects.current().filter(child=OuterRef("pk"), practitioner=practitioner)
    return (
        policy.visible_children(user)
        .select_related("holding_team")
        .annotate(is_key_child=Exists(is_key))
        .order_by("family_name", "given_name", "id")
    )


def siblings_of(user: User, child: Child) -> tuple[list[SiblingLink], int]:
    """The child's siblings whose records ``user`` may also see, and how many are held elsewhere (G1)."""
    links = list(
        SiblingLink.objects.filter(child=child).select_related("sibling").order_by("sibling__date_of_birth", "id")
    )
    visible = set(
        policy.visible_children(user).filter(pk__in=[link.sibling_id for link in links]).values_list("pk", flat=True)
    )
    shared = [link for link in links if link.sibling_id in visible]
    return shared, len(links) - len(shared)


def current_key_worker(child: Child) -> KeyWorkerAssignment | None:
    return (
        KeyWorkerAssignment.objects.current()
        .filter(child=child)
        .select_related("practitioner", "practitioner__organisation")
        .first()
    )


def current_members(child: Child) -> list[TeamMembership]:
    """The child's team now, with each practitioner's organisation and skills."""
    return list(
        TeamMembership.objects.current()
        .filter(child=child)
        .select_related("practitioner", "practitioner__organisation")
        .prefetch_related("practitioner__skills")
        .order_by("practitioner__full_name", "start_date", "id")
    )


def unmet_needs_of(child: Child, members: list[TeamMembership]) -> list[str]:
    """B1-GAPS for the API: the child's needs no current member (``members``) is skilled for."""
    needs = child.needs.values_list("need", flat=True)
    skills = [{s.skill for s in m.practitioner.skills.all()} for m in members]
    return rules.unmet_needs(needs, skills)


def practitioner_in_area(child: Child, practitioner_id: UUID) -> Practitioner | None:
    """A practitioner of any organisation in the child's area, or None (unknown or elsewhere)."""
    return (
        Practitioner.objects.filter(pk=practitioner_id, organisation__area_id=child.area_id)
        .select_related("organisation")
        .first()
    )


def escalations_of(user: User, child: Child) -> list[Escalation]:
    """The child's escalations that ``user`` takes part in (``policy.escalation_role``), newest first:
    the same ones whose pages they may open."""
    escalations = (
        Escalation.objects.filter(child=child)
        .select_related("to_hub__team", "from_hub__team", "raised_by__practitioner", "decided_by__practitioner")
        .order_by("-raised_at", "id")
    )
    return [e for e in escalations if policy.escalation_role(user, e) != EscalationRole.NONE]
