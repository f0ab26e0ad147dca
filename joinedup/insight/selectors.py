"""Counts for the area. Aggregates only: nothing here returns a child."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from joinedup.accounts.models import User
from joinedup.people.choices import EhcPlanStatus, Need
from joinedup.people.models import Child, ChildNeed
from joinedup.teams.models import KeyWorkerAssignment


@dataclass(frozen=True)
class AreaFigures:
    children: int
    without_key_worker: int
    with_ehc_plan: int
    young_carers: int
    by_team: list[tuple[str, int]]
    by_need: list[tuple[str, int]]


def area_figures(user: User) -> AreaFigures:
    """How many children the area's teams hold, by team and need, and the key worker breaches (B2)."""
    area_id = user.area_id
    children = Child.objects.filter(area_id=area_id) if area_id else Child.objects.none()
    has_key_worker = KeyWorkerAssignment.objects.current().filter(child=OuterRef("pk"))
    by_team = children.values("holding_team__name").annotate(n=Count("id")).order_by("-n", "holding_team__name")
    needs = ChildNeed.objects.filter(child__in=children.values("pk"))
    by_need: dict[str, int] = dict(needs.values_list("need").annotate(n=Count("id")))
    return AreaFigures(
        children=children.count(),
        without_key_worker=children.filter(~Exists(has_key_worker)).count(),
        with_ehc_plan=children.filter(ehc_plan_status=EhcPlanStatus.PLAN).count(),
        young_carers=children.filter(is_young_carer=True).count(),
        by_team=[(row["holding_team__name"] or "Not held by a team", row["n"]) for row in by_team],
        by_need=[(str(label), by_need.get(code, 0)) for code, label in Need.choices],
    )
