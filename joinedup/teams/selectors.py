"""Reads of interagency teams and key workers for pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.duties.choices import DutyKind
from joinedup.duties.models import Duty
from joinedup.organisations.choices import JobRole, Sector
from joinedup.organisations.models import Practitioner, PractitionerSkill
from joinedup.people.models import Child, ChildNeed
from joinedup.teams import rules
from joinedup.teams.models import KeyWorkerAssignment, KeyWorkerPreference, KeyWorkingSupport, TeamMembership


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


# B3: managers and commissioners do not key-work; everyone else in the area's workforce may.
NOT_KEY_WORKERS = (JobRole.TEAM_MANAGER, JobRole.OPERATIONS_MANAGER, JobRole.COMMISSIONER)
SUGGESTIONS_SHOWN = 10


@dataclass(frozen=True)
class KeyWorkerSuggestion:
    practitioner: Practitioner
    suggestion: rules.Suggestion
    in_team: bool


def key_worker_suggestions(child: Child, *, limit: int = SUGGESTIONS_SHOWN) -> list[KeyWorkerSuggestion]:
    """B3: the child's team and the area's active workforce, ranked by ``rules.rank_key_workers``.

    Five queries however large the workforce: the child's needs, its memberships (current and past),
    its preferences, its current key worker, and the candidates with their skills, own capacity and
    the number of children each key-works (the skills are one prefetch)."""
    needs = list(ChildNeed.objects.filter(child=child).values_list("need", "is_main"))
    child_needs = rules.ChildNeeds(
        needs=frozenset(n for n, _ in needs), main=frozenset(n for n, is_main in needs if is_main)
    )
    since: dict[UUID, date] = {}
    knew: set[UUID] = set()
    for pid, start, end in TeamMembership.objects.filter(child=child).values_list(
        "practitioner_id", "start_date", "end_date"
    ):
        if end is None:
            since[pid] = start
        else:
            knew.add(pid)
    preferred: dict[UUID, str] = dict(
        KeyWorkerPreference.objects.filter(child=child).values_list("practitioner_id", "preferred_by")
    )
    current = KeyWorkerAssignment.objects.current().filter(child=child).values_list("practitioner_id", flat=True)
    workforce = (
        Practitioner.objects.filter(organisation__area_id=child.area_id, is_active=True)
        .exclude(job_role__in=NOT_KEY_WORKERS)
        .exclude(pk__in=current)
        .annotate(
            key_working=Count(
                "key_worker_assignments", filter=Q(key_worker_assignments__end_date__isnull=True), distinct=True
            )
        )
        .select_related("organisation", "capacity")
        .prefetch_related("skills")
        .order_by("full_name", "id")
    )
    people = {p.pk: p for p in workforce}
    who = {"CHILD": "the child", "FAMILY": "the family"}
    candidates = [
        rules.Candidate(
            practitioner_id=p.pk,
            name=p.full_name,
            sector=p.organisation.sector,
            skills=frozenset(s.skill for s in p.skills.all()),
            in_team_since=since.get(p.pk),
            knew_before=p.pk in knew and p.pk not in since,
            preferred_by=who.get(preferred.get(p.pk, ""), ""),
            key_working=p.key_working,  # annotated above
            capacity=own.capacity if (own := getattr(p, "capacity", None)) else rules.DEFAULT_KEY_WORKING_CAPACITY,
        )
        for p in people.values()
    ]
    ranked = rules.rank_key_workers(child_needs, candidates)[:limit]
    return [
        KeyWorkerSuggestion(
            practitioner=people[s.candidate.practitioner_id],
            suggestion=s,
            in_team=s.candidate.in_team_since is not None,
        )
        for s in ranked
    ]


def key_worker_preferences(child: Child) -> QuerySet[KeyWorkerPreference]:
    return (
        KeyWorkerPreference.objects.filter(child=child)
        .select_related("practitioner", "recorded_by")
        .order_by("recorded_at", "id")
    )


def practitioners_in_area(child: Child) -> QuerySet[Practitioner]:
    """Active practitioners in the child's area who could key-work: whom a child or family may ask for (B3)."""
    return (
        Practitioner.objects.filter(organisation__area_id=child.area_id, is_active=True)
        .exclude(job_role__in=NOT_KEY_WORKERS)
        .select_related("organisation")
        .order_by("full_name", "id")
    )


def key_working_history(child: Child) -> list[KeyWorkingSupport]:
    """B4: every level set for the child, newest first: the first is the one that applies."""
    return list(KeyWorkingSupport.objects.filter(child=child).select_related("set_by").order_by("-set_at", "-id"))


def key_worker_contact_duty(child: Child) -> Duty | None:
    """B4-CONTACT: the key worker's next contact with the child and family, if one is open."""
    return Duty.objects.open().filter(child=child, kind=DutyKind.KEY_WORKER_CONTACT).select_related("owner").first()
