"""Reads for the contingency plan (B7): key workers and their cover, children being covered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from joinedup.access import policy
from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.allocation.models import Allocation
from joinedup.contingency import rules
from joinedup.contingency.models import Absence, ContingencyFlag, Cover
from joinedup.duties.models import Duty
from joinedup.meetings.choices import MeetingStatus
from joinedup.meetings.models import Meeting
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.plans.choices import PlanStatus
from joinedup.plans.models import Action
from joinedup.teams.models import KeyWorkerAssignment


def practitioner_or_404(user: User, practitioner_id: UUID | str) -> Practitioner:
    """A practitioner of the user's area (404 otherwise, so other areas' staff never show)."""
    found = (
        Practitioner.objects.filter(pk=practitioner_id, organisation__area_id=user.area_id)
        .select_related("organisation", "user")
        .first()
        if user.is_authenticated and user.area_id is not None and not user.is_family
        else None
    )
    if found is None:
        raise Http404("No practitioner found")
    return found


def cover_of(practitioner: Practitioner) -> Cover | None:
    return Cover.objects.filter(key_worker=practitioner).select_related("cover__organisation").first()


def current_absence(practitioner: Practitioner) -> Absence | None:
    return Absence.objects.current().filter(practitioner=practitioner).first()


def usable_cover(practitioner: Practitioner) -> Practitioner | None:
    """B7-FLAG: the named cover, if they could take over as key worker today; else None."""
    plan = cover_of(practitioner)
    if plan is None:
        return None
    usable = rules.is_usable_cover(
        has_cover=True,
        cover_active=plan.cover.is_active and current_absence(plan.cover) is None,
        cover_same_area=plan.cover.organisation.area_id == practitioner.organisation.area_id,
    )
    return plan.cover if usable else None


def _away() -> QuerySet[Absence]:
    return Absence.objects.current().filter(practitioner=OuterRef("pk"))


def cover_candidates(key_worker: Practitioner) -> QuerySet[Practitioner]:
    """B7-COVER: who may be named: active practitioners of the same area, not away, not the key worker."""
    return (
        Practitioner.objects.filter(is_active=True, organisation__area_id=key_worker.organisation.area_id)
        .exclude(pk=key_worker.pk)
        .exclude(Exists(_away()))
        .select_related("organisation")
        .order_by("full_name", "id")
    )


@dataclass(frozen=True)
class KeyWorkerCover:
    practitioner: Practitioner
    children: int
    cover: Cover | None
    state: rules.CoverState
    may_set: bool

    @property
    def is_breach(self) -> bool:
        return self.state != rules.CoverState.NAMED


def key_workers_for(user: User) -> list[KeyWorkerCover]:
    """B7-BREACH: every current key worker the manager manages, or who key-works a child the manager's
    teams hold, with how many children they key-work and their cover (four queries)."""
    managed = policy.managed_practitioners(user)
    held = policy.visible_children(user).filter(holding_team__isnull=False)
    key_working = KeyWorkerAssignment.objects.current()
    rows = (
        Practitioner.objects.filter(
            Q(pk__in=managed.values("pk")) | Q(pk__in=key_working.filter(child__in=held).values("practitioner_id"))
        )
        .filter(pk__in=key_working.values("practitioner_id"))
        .annotate(key_working=Count("key_worker_assignments", filter=Q(key_worker_assignments__end_date__isnull=True)))
        .select_related("organisation", "cover_plan__cover__organisation")
        .order_by("full_name", "id")
    )
    may_set = set(managed.values_list("pk", flat=True))
    result = []
    for p in rows:
        cover = getattr(p, "cover_plan", None)
        state = rules.cover_state(
            has_cover=cover is not None,
            cover_active=cover is not None and cover.cover.is_active,
            cover_same_area=cover is not None and cover.cover.organisation.area_id == p.organisation.area_id,
        )
        result.append(KeyWorkerCover(p, p.key_working, cover, state, p.pk in may_set and p.user_id != user.pk))
    return result


def away_for(user: User) -> list[Absence]:
    """The practitioners the manager manages who are marked inactive now, longest away first."""
    return list(
        Absence.objects.current()
        .filter(practitioner__in=policy.managed_practitioners(user))
        .select_related("practitioner__organisation")
        .order_by("from_date", "practitioner__full_name", "pk")
    )


def children_key_worked_by(practitioner: Practitioner) -> QuerySet[Child]:
    """Every child whose current key worker is ``practitioner`` (in any team)."""
    return (
        Child.objects.filter(
            pk__in=KeyWorkerAssignment.objects.current().filter(practitioner=practitioner).values("child_id")
        )
        .select_related("holding_team")
        .order_by("family_name", "given_name", "id")
    )


def children_with_other_open_work(practitioner: Practitioner) -> QuerySet[Child]:
    """Children ``practitioner`` does not key-work but still holds open work for: a plan action, a
    planned meeting they organise, an open duty, or a place on the case (B6 open items)."""
    ids = (
        Q(
            pk__in=Action.objects.filter(
                responsible_practitioner=practitioner,
                done_on__isnull=True,
                outcome__plan__status__in=[PlanStatus.DRAFT, PlanStatus.CURRENT],
            ).values("outcome__plan__child_id")
        )
        | Q(pk__in=Meeting.objects.filter(organiser=practitioner, status=MeetingStatus.PLANNED).values("child_id"))
        | Q(pk__in=Duty.objects.open().filter(owner=practitioner).values("child_id"))
        | Q(pk__in=Allocation.objects.current().filter(practitioner=practitioner).values("child_id"))
    )
    return (
        Child.objects.filter(ids)
        .exclude(pk__in=KeyWorkerAssignment.objects.current().filter(practitioner=practitioner).values("child_id"))
        .select_related("holding_team")
        .order_by("family_name", "given_name", "id")
    )


def managers_of_case(child: Child) -> list[User]:
    """The team managers of the team holding the case and the operations managers of its organisation."""
    team = child.holding_team
    if team is None:
        return []
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(role=Role.TEAM_MANAGER, practitioner__teams=team)
            | Q(role=Role.OPERATIONS_MANAGER, practitioner__organisation_id=team.organisation_id)
        )
        .distinct()
        .order_by("pk")
    )


def family_users(child: Child) -> list[User]:
    """The child's carers with an account, and the young person's own account."""
    users = list(User.objects.filter(is_active=True, carer__child_links__child=child).distinct().order_by("pk"))
    if child.user_id is not None and child.user is not None and child.user.is_active:
        users.append(child.user)
    return users


def has_open_flag() -> Exists:
    """For annotating children: whether each has an open flag. The child's page reads the flag only
    when there is one, which is seldom: the annotation costs its load a subquery, not a query (issue 6)."""
    return Exists(ContingencyFlag.objects.open().filter(child=OuterRef("pk")))


def open_flag_for(child: Child) -> ContingencyFlag | None:
    """The child's open contingency flag, if their key worker is away and nobody new is chosen yet."""
    return (
        ContingencyFlag.objects.open()
        .filter(child=child)
        .select_related("absent", "cover", "absence")
        .order_by("-raised_at", "pk")
        .first()
    )


@dataclass(frozen=True)
class CoveredChild:
    flag: ContingencyFlag
    days: int


def covered_children(user: User, *, today: date) -> list[CoveredChild]:
    """B7-AGE: the children in the manager's reach flagged because their key worker is away, oldest first."""
    flags = (
        ContingencyFlag.objects.open()
        .filter(child__in=policy.visible_children(user))
        .select_related("child__holding_team", "absent", "cover")
        .order_by("raised_at", "child__family_name", "pk")
    )
    return [
        CoveredChild(f, rules.days_covered(raised_on=timezone.localtime(f.raised_at).date(), today=today))
        for f in flags
    ]
