"""Reads for worklists: a worker's week, a manager's overdue list, counts by hub, a child's duties.

Every list starts from ``policy.visible_children``, and each runs a fixed number of queries
however many children or duties there are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol
from uuid import UUID

from django.db.models import Count, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation.models import Hub
from joinedup.duties import rules
from joinedup.duties.choices import DutyKind
from joinedup.duties.models import Duty
from joinedup.people.models import Child

WEEK = 7


def _visible(user: User) -> QuerySet[Duty]:
    return Duty.objects.open().filter(child__in=policy.visible_children(user)).select_related("child", "owner")


def due_this_week(user: User, today: date) -> list[Duty]:
    """The user's own open duties due within 7 days, overdue first (C5): a worker's Monday morning."""
    practitioner = policy.practitioner_of(user)
    if practitioner is None:
        return []
    return list(
        _visible(user)
        .filter(
            owner=practitioner, starts_on__lte=today + timedelta(days=WEEK), due_on__lte=today + timedelta(days=WEEK)
        )
        .order_by("due_on", "child__family_name", "child__given_name", "id")
    )


@dataclass(frozen=True)
class HubCount:
    hub: Hub
    children: int
    open: int
    overdue: int
    due_this_week: int


def counts_by_hub(area_id: UUID | None, today: date) -> list[HubCount]:
    """Children held, and their open, overdue and due-this-week duties, for each hub of the area
    (the monthly performance figures; the team overdue list reads its own hubs' through
    ``team_list.my_hubs_figures``). Two queries however big the area: the hubs, each with a
    subquery counting the children it holds; and the open duties counted by the team holding their
    child, grouped by hash. Neither joins the children with every duty ever done, which meant
    sorting hundreds of thousands of rows (issue 6). Every hub of an L area (25,000 children,
    150,000 open duties) takes about 120 ms on PostgreSQL; one hub about 5."""
    if area_id is None:
        return []
    week = today + timedelta(days=WEEK)
    held = (
        Child.objects.filter(holding_team=OuterRef("team_id"))
        .order_by()
        .annotate(n=Func("pk", function="COUNT", output_field=IntegerField()))
        .values("n")
    )
    in_area = Hub.objects.filter(team__organisation__area_id=area_id)
    hubs = list(
        in_area.select_related("team")
        .annotate(children_count=Coalesce(Subquery(held), 0))
        .order_by("code", "team__name")
    )
    counts = {
        team_id: (open_count, overdue, this_week)
        for team_id, open_count, overdue, this_week in Duty.objects.open()
        .filter(child__holding_team__in=[h.team_id for h in hubs])
        .order_by()
        .values("child__holding_team")
        .annotate(
            open_count=Count("pk"),
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            this_week=Count("pk", filter=Q(due_on__gte=today, due_on__lte=week)),
        )
        .values_list("child__holding_team", "open_count", "overdue", "this_week")
    }
    return [HubCount(h, h.children_count, *counts.get(h.team_id, (0, 0, 0))) for h in hubs]


def duties_of(child: Child) -> list[Duty]:
    """The child's open duties, soonest first."""
    return list(Duty.objects.open().filter(child=child).select_related("owner").order_by("due_on", "kind"))


class DatedDuty(Protocol):
    """What C5-COMBINE reads of a duty: a Duty, or the child page's plain row of one."""

    @property
    def kind(self) -> str: ...

    @property
    def due_on(self) -> date: ...


def combine_proposal(duties: Sequence[DatedDuty]) -> str | None:
    """C5-COMBINE, for a child's open duties: propose holding the CIN review with the EHC plan review."""
    by_kind = {d.kind: d for d in duties}
    cin = by_kind.get(DutyKind.CIN_REVIEW)
    ehc = by_kind.get(DutyKind.EHC_ANNUAL_REVIEW)
    if cin is None or ehc is None:
        return None
    return rules.combine_with_ehc_review(cin_review_due=cin.due_on, ehc_review_due=ehc.due_on)


def open_duty(child: Child, duty_id: UUID) -> Duty | None:
    return Duty.objects.open().filter(child=child, pk=duty_id).first()
