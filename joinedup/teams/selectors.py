"""Reads of interagency teams and key workers for pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.organisations.choices import Sector
from joinedup.organisations.models import Practitioner, PractitionerSkill
from joinedup.people.models import Child, ChildNeed
from joinedup.teams import rules
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership


@dataclass
class SectorGroup:
    sector: str
    label: str
    members: list[TeamMembership] = field(default_factory=list)


@dataclass
class TeamView:
    groups: list[SectorGroup]
    key_worker: KeyWorkerAssignment | None
    unmet_needs: list[str]
    past_members: list[TeamMembership]


def _memberships(child: Child) -> QuerySet[TeamMembership]:
    return (
        TeamMembership.objects.filter(child=child)
        .select_related("practitioner", "practitioner__organisation")
        .prefetch_related("practitioner__skills")
        .order_by("practitioner__full_name", "start_date", "id")
    )


def team_for(child: Child) -> TeamView:
    """The child's interagency team grouped by sector, its key worker and its gaps (B1, B2)."""
    memberships = list(_memberships(child))
    current = [m for m in memberships if m.is_current]
    groups = {s: SectorGroup(sector=s, label=str(label)) for s, label in Sector.choices}
    for m in current:
        groups[m.practitioner.organisation.sector].members.append(m)
    key_worker = (
        KeyWorkerAssignment.objects.current()
        .filter(child=child)
        .select_related("practitioner", "practitioner__organisation")
        .first()
    )
    skills = [{s.skill for s in m.practitioner.skills.all()} for m in current]
    return TeamView(
        groups=[g for g in groups.values() if g.members],
        key_worker=key_worker,
        unmet_needs=rules.unmet_needs([n.need for n in child.needs.all()], skills),
        past_members=[m for m in memberships if not m.is_current],
    )


def key_worker_history(child: Child) -> QuerySet[KeyWorkerAssignment]:
    return (
        KeyWorkerAssignment.objects.filter(child=child)
        .select_related("practitioner", "assigned_by")
        .order_by("-start_date", "-assigned_at")
    )


def practitioners_who_could_join(child: Child) -> QuerySet[Practitioner]:
    """Active practitioners in the child's area who are not already in its team."""
    in_team = TeamMembership.objects.current().filter(child=child).values("practitioner_id")
    return (
        Practitioner.objects.filter(organisation__area_id=child.area_id, is_active=True)
        .exclude(pk__in=in_team)
        .select_related("organisation")
        .order_by("full_name", "id")
    )


def current_member_practitioners(child: Child) -> QuerySet[Practitioner]:
    """The practitioners in the child's team now: the only people who can be its key worker."""
    in_team = TeamMembership.objects.current().filter(child=child).values("practitioner_id")
    return Practitioner.objects.filter(pk__in=in_team).select_related("organisation").order_by("full_name", "id")


def children_without_key_worker(user: User) -> QuerySet[Child]:
    """B2: every child the manager can see with no current key worker: each one a breach."""
    has_key_worker = KeyWorkerAssignment.objects.current().filter(child=OuterRef("pk"))
    return (
        policy.visible_children(user)
        .filter(~Exists(has_key_worker))
        .select_related("holding_team")
        .order_by("holding_team__name", "family_name", "given_name", "id")
    )


@dataclass(frozen=True)
class ChildGaps:
    child: Child
    unmet_needs: list[str]


def unmet_needs_across(children: QuerySet[Child]) -> list[ChildGaps]:
    """B1: for each child, the needs no current team member has the skills for; gaps only."""
    current = (
        TeamMembership.objects.current()
        .select_related("practitioner")
        .prefetch_related(Prefetch("practitioner__skills", queryset=PractitionerSkill.objects.all()))
    )
    rows = children.prefetch_related(
        Prefetch("needs", queryset=ChildNeed.objects.all()),
        Prefetch("memberships", queryset=current, to_attr="current_memberships"),
    )
    gaps = []
    for child in rows:
        skills = [{s.skill for s in m.practitioner.skills.all()} for m in child.current_memberships]  # to_attr
        missing = rules.unmet_needs([n.need for n in child.needs.all()], skills)
        if missing:
            gaps.append(ChildGaps(child=child, unmet_needs=missing))
    return gaps
