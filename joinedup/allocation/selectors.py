"""Reads for allocation: hubs, and each worker's caseload against their capacity (C4)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from joinedup.access import policy
from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.allocation import rules
from joinedup.allocation.choices import HubCode, WorkerRelationship
from joinedup.allocation.models import Allocation, CaseloadCapacity, Hub
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child

COUNTING = Q(allocations__end_date__isnull=True) & Q(
    allocations__relationship__in=[WorkerRelationship.ALLOCATED, WorkerRelationship.ASSIGNED]
)


@dataclass(frozen=True)
class WorkerLoad:
    practitioner: Practitioner
    load: int
    capacity: int

    @property
    def has_room(self) -> bool:
        return self.load < self.capacity


def hubs_of_area(area_id: UUID) -> QuerySet[Hub]:
    return Hub.objects.filter(team__organisation__area_id=area_id).select_related("team").order_by("code")


def hubs_to_edit(user: User) -> QuerySet[Hub]:
    """The hubs of the administrator's own area, whose settings they edit (C2); none for anyone else."""
    if user.area_id is None or not policy.can_edit_hubs(user):
        return Hub.objects.none()
    model_order = Case(
        *(When(code=code, then=Value(i)) for i, code in enumerate(HubCode.values)),
        output_field=IntegerField(),
    )
    return hubs_of_area(user.area_id).order_by(model_order, "team__name", "id")


def hub_to_edit(user: User, hub_id: UUID) -> Hub | None:
    """One hub of the administrator's area, or None: another area's hub is then a 404."""
    return hubs_to_edit(user).filter(pk=hub_id).first()


def workers_over(hub: Hub) -> int:
    """How many of the hub's workers hold more children than their capacity (after a capacity is lowered)."""
    return sum(1 for w in worker_loads(hub) if w.load > w.capacity)


def capacity_of(practitioner: Practitioner, hub: Hub) -> int:
    own = CaseloadCapacity.objects.filter(practitioner=practitioner).values_list("capacity", flat=True).first()
    return own if own is not None else hub.default_capacity


def load_of(practitioner: Practitioner) -> int:
    return Allocation.objects.counting_to_caseload().filter(practitioner=practitioner).count()


def worker_loads(hub: Hub) -> list[WorkerLoad]:
    """Every active worker of the hub whose job the hub uses, with their load, in one query."""
    workers = (
        Practitioner.objects.filter(teams=hub.team, is_active=True, job_role__in=hub.worker_roles)
        .annotate(load=Count("allocations", filter=COUNTING))
        .select_related("capacity")
        .order_by("load", "full_name", "id")
    )
    loads = []
    for w in workers:
        own = getattr(w, "capacity", None)
        loads.append(WorkerLoad(w, w.load, own.capacity if own else hub.default_capacity))  # load: annotated above
    return loads


def current_allocations(child: Child) -> QuerySet[Allocation]:
    return (
        Allocation.objects.current()
        .filter(child=child)
        .select_related("practitioner", "hub", "hub__team", "decided_by")
        .order_by("relationship", "start_date")
    )


def child_facts(child: Child, answers: Mapping[str, Any]) -> rules.ChildFacts:
    """The manager's answers about the child, with what joinedup knows: a brother or sister held by
    a hub (A4). The allocation screen and the API both decide from these."""
    held_sibling = sibling_hub(child)
    return rules.ChildFacts(
        **answers,
        sibling_of_child_held=held_sibling is not None,
        sibling_hub=HubCode(held_sibling.code) if held_sibling else None,
    )


def sibling_hub(child: Child) -> Hub | None:
    """The hub holding one of the child's brothers or sisters, if any (A4, CwDT 1.4)."""
    return Hub.objects.filter(team__children_held__sibling_links__sibling=child).order_by("code").first()


def family_workers(child: Child) -> set[UUID]:
    """Workers holding a brother or sister's case: one family, one social worker (CwDT 1.4; A4)."""
    return set(
        Allocation.objects.counting_to_caseload()
        .filter(child__sibling_links__sibling=child)
        .values_list("practitioner_id", flat=True)
    )


def workers_of(hub: Hub) -> QuerySet[Practitioner]:
    return Practitioner.objects.filter(teams=hub.team, is_active=True, job_role__in=hub.worker_roles).order_by(
        "full_name", "id"
    )


def workers_of_none() -> QuerySet[Practitioner]:
    return Practitioner.objects.none()


def managers_of(hub: Hub) -> list[User]:
    """The active team managers of a hub."""
    return list(
        User.objects.filter(
            is_active=True, role=Role.TEAM_MANAGER, practitioner__is_active=True, practitioner__teams=hub.team_id
        ).order_by("username")
    )


def operations_managers_for(hub: Hub) -> list[User]:
    """The active operations or service managers of the organisation the hub belongs to."""
    return list(
        User.objects.filter(
            is_active=True,
            role=Role.OPERATIONS_MANAGER,
            practitioner__is_active=True,
            practitioner__organisation_id=hub.team.organisation_id,
        ).order_by("username")
    )
