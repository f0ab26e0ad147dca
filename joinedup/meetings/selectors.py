"""Reads of meetings for the child's pages: fixed query counts, explicit ordering."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.meetings.choices import MeetingStatus
from joinedup.meetings.models import Invitee, Meeting
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Carer, Child
from joinedup.plans.choices import PlanStatus
from joinedup.plans.models import Outcome
from joinedup.teams.models import TeamMembership


def _with_invitees(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    invitees = Invitee.objects.select_related("practitioner__organisation", "carer").order_by(
        "is_young_person", "carer__full_name", "practitioner__full_name", "id"
    )
    return qs.select_related("organiser__organisation").prefetch_related(Prefetch("invitees", queryset=invitees))


def upcoming_for(child: Child, *, now: datetime) -> list[Meeting]:
    """The child's planned meetings still to come, soonest first, with their organiser and invitees."""
    qs = Meeting.objects.filter(child=child, status=MeetingStatus.PLANNED, starts_at__gte=now)
    return list(_with_invitees(qs).order_by("starts_at", "id"))


def past_for(child: Child, *, now: datetime) -> list[Meeting]:
    """The child's other meetings (held, cancelled, or past and not yet minuted), latest first."""
    qs = Meeting.objects.filter(child=child).exclude(status=MeetingStatus.PLANNED, starts_at__gte=now)
    return list(_with_invitees(qs).order_by("-starts_at", "-id"))


def meeting_of(child: Child, meeting_id: UUID) -> Meeting | None:
    """One meeting of this child (never another child's), with its invitees."""
    return _with_invitees(Meeting.objects.filter(child=child, pk=meeting_id)).select_related("child__user").first()


def team_practitioners(child: Child) -> QuerySet[Practitioner]:
    """Current members of the child's interagency team, every sector, by name."""
    ids = TeamMembership.objects.current().filter(child=child).values("practitioner_id")
    return Practitioner.objects.filter(pk__in=ids).select_related("organisation").order_by("full_name", "id")


def family_carers(child: Child) -> QuerySet[Carer]:
    return Carer.objects.filter(child_links__child=child).order_by("full_name", "id")


def current_outcomes(child: Child) -> QuerySet[Outcome]:
    """Outcomes of the child's current plans: where an action agreed at a meeting can go."""
    return (
        Outcome.objects.filter(plan__child=child, plan__status=PlanStatus.CURRENT)
        .select_related("plan")
        .order_by("plan__kind", "text", "id")
    )


def this_week_for(user: User, *, now: datetime, days: int = 7) -> list[Meeting]:
    """Planned meetings in the next ``days`` days that ``user`` organises or is invited to, for
    children they may still see: the meetings on their "Due this week" list, soonest first."""
    qs = Meeting.objects.filter(
        Q(organiser__user=user) | Q(invitees__practitioner__user=user),
        child__in=policy.visible_children(user),
        status=MeetingStatus.PLANNED,
        starts_at__gte=now,
        starts_at__lt=now + timedelta(days=days),
    )
    return list(qs.distinct().select_related("child").order_by("starts_at", "id"))
