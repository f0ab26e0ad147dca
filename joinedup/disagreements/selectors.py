"""Reads for disagreements (B9) and shared knowledge (B10): fixed query counts, explicit order.

Children come through the access policy: a child's pages load it with ``open_child``; the managers'
list starts from ``policy.visible_children``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import Prefetch, QuerySet

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation import selectors as allocation_selectors
from joinedup.allocation.models import Hub
from joinedup.disagreements import rules
from joinedup.disagreements.choices import DisagreementStatus
from joinedup.disagreements.models import Disagreement, DisagreementParty, DisagreementStep, SharedKnowledge
from joinedup.people.models import CarerLink, Child
from joinedup.teams.models import TeamMembership

CHILD_KEY = "CHILD"


def practitioner_key(practitioner_id: object) -> str:
    return f"P:{practitioner_id}"


def carer_key(carer_id: object) -> str:
    return f"C:{carer_id}"


def party_choices(child: Child) -> list[tuple[str, str]]:
    """Who may be a party: the child's current team, its parents and carers, and the child (2 queries)."""
    members = (
        TeamMembership.objects.current()
        .filter(child=child)
        .select_related("practitioner")
        .order_by("practitioner__full_name", "pk")
    )
    carers = CarerLink.objects.filter(child=child).select_related("carer").order_by("carer__full_name", "pk")
    return [
        *((practitioner_key(m.practitioner_id), f"{m.practitioner.full_name} ({m.role_in_team})") for m in members),
        *((carer_key(c.carer_id), f"{c.carer.full_name} ({c.get_relationship_display()})") for c in carers),
        (CHILD_KEY, f"{child.full_name} (the child or young person)"),
    ]


def _with_people(qs: QuerySet[Disagreement]) -> QuerySet[Disagreement]:
    return qs.select_related("raised_by__practitioner", "resolved_by__practitioner").prefetch_related(
        Prefetch(
            "parties",
            queryset=DisagreementParty.objects.select_related("practitioner", "carer").order_by("kind", "pk"),
        ),
        Prefetch("steps", queryset=DisagreementStep.objects.select_related("by__practitioner").order_by("at", "pk")),
    )


def disagreements_of(child: Child) -> list[Disagreement]:
    """The child's disagreements: unresolved first, then newest first."""
    qs = _with_people(Disagreement.objects.filter(child=child))
    items = list(qs.order_by("-raised_at", "pk"))
    return sorted(items, key=lambda d: d.status == DisagreementStatus.RESOLVED)


def disagreement_of(child: Child, disagreement_id: UUID) -> Disagreement | None:
    return _with_people(Disagreement.objects.filter(child=child, pk=disagreement_id)).first()


def child_id_of(disagreement_id: UUID) -> UUID | None:
    """Which child a disagreement is about, to load that child through access (None: no such one)."""
    return Disagreement.objects.filter(pk=disagreement_id).values_list("child_id", flat=True).first()


@dataclass(frozen=True)
class OpenDisagreement:
    disagreement: Disagreement
    days_open: int


def open_disagreements(user: User, *, today: date) -> list[OpenDisagreement]:
    """Unresolved disagreements about children ``user`` can see, oldest first, with their age (B9-AGE)."""
    qs = (
        Disagreement.objects.unresolved()
        .filter(child__in=policy.visible_children(user))
        .select_related("child", "raised_by__practitioner")
        .order_by("raised_at", "pk")
    )
    return [OpenDisagreement(d, rules.days_open(raised_on=d.raised_at.date(), today=today)) for d in qs]


def holding_hub(child: Child) -> Hub | None:
    if child.holding_team_id is None:
        return None
    return Hub.objects.filter(team_id=child.holding_team_id).select_related("team").first()


def managers_on_rung(child: Child, rung: DisagreementStatus) -> list[User]:
    """Who a disagreement escalated to ``rung`` goes to: the team managers, or the operations or
    service managers, of the hub holding the case."""
    hub = holding_hub(child)
    if hub is None:
        return []
    if rung == DisagreementStatus.TEAM_MANAGERS:
        return allocation_selectors.managers_of(hub)
    if rung == DisagreementStatus.OPERATIONS:
        return allocation_selectors.operations_managers_for(hub)
    return []


def current_team_users(child: Child) -> list[User]:
    """The users of the child's current team members (one query)."""
    return list(
        User.objects.filter(
            practitioner__memberships__child=child, practitioner__memberships__end_date__isnull=True
        ).distinct()
    )


def knowledge_of(child: Child) -> QuerySet[SharedKnowledge]:
    """What the team has shared about this child, newest first."""
    return (
        SharedKnowledge.objects.filter(child=child)
        .select_related("posted_by__practitioner")
        .order_by("-posted_at", "pk")
    )
