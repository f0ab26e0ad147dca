"""Every change to allocations: hub configuration and allocating a worker (C2 to C4). Audited."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from django.db import transaction

from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.allocation import rules, selectors
from joinedup.allocation.choices import HubCode, WorkerRelationship
from joinedup.allocation.defaults import DEFAULT_HUBS
from joinedup.allocation.models import Allocation, Hub
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations
from joinedup.organisations.models import Practitioner, Team
from joinedup.people.models import Child
from joinedup.teams import services as team_services
from joinedup.teams.models import TeamMembership


@transaction.atomic
def configure_hub(*, team: Team, code: HubCode) -> Hub:
    """Make ``team`` a hub with the delivery model's default configuration (an administrator edits it)."""
    hub, _ = Hub.objects.get_or_create(team=team, defaults={"code": code, **DEFAULT_HUBS[code]})
    return hub


@transaction.atomic
def allocate(
    *,
    child: Child,
    hub: Hub,
    practitioner: Practitioner,
    relationship: WorkerRelationship,
    facts: rules.ChildFacts,
    over_capacity_reason: str,
    by: User,
    now: datetime,
    today: date,
) -> Allocation:
    """Allocate, assign or attach a worker to the child's case in ``hub`` (C3, C4).

    The worker's row is locked first, so two managers taking the last place at once are
    serialised: the second sees the first's allocation and is refused with a clear message.
    """
    practitioner = Practitioner.objects.select_for_update().get(pk=practitioner.pk)
    advice = rules.advise_allocation(facts)
    violations = rules.allocation_violations(
        advice=advice, hub=HubCode(hub.code), worker_role=practitioner.job_role, relationship=relationship
    )
    holding_team_id = child.holding_team_id
    holding = (
        Hub.objects.filter(team_id=holding_team_id).values_list("code", flat=True).first() if holding_team_id else None
    )
    violations += rules.hub_move_violations(
        holding_hub=HubCode(holding) if holding else None,
        hub=HubCode(hub.code),
        relationship=relationship,
        by_operations_manager=by.role == Role.OPERATIONS_MANAGER,
    )
    if relationship != WorkerRelationship.ATTACHED:
        violations += rules.capacity_violations(
            load=selectors.load_of(practitioner),
            capacity=selectors.capacity_of(practitioner, hub),
            override_reason=over_capacity_reason,
            may_override=by.role == Role.OPERATIONS_MANAGER,
        )
    if violations:
        raise RuleViolations(violations)
    if relationship == WorkerRelationship.ALLOCATED:
        Allocation.objects.current().filter(child=child, relationship=WorkerRelationship.ALLOCATED).update(
            end_date=today
        )
        Child.objects.filter(pk=child.pk).update(holding_team=hub.team)
    allocation = Allocation.objects.create(
        child=child,
        hub=hub,
        practitioner=practitioner,
        relationship=relationship,
        start_date=today,
        fired_rules=[asdict(f) for f in advice.fired],
        over_capacity_reason=over_capacity_reason.strip(),
        decided_by=by,
        decided_at=now,
    )
    _join_team(child=child, practitioner=practitioner, relationship=relationship, by=by, now=now, today=today)
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=allocation,
        what=f"{WorkerRelationship(relationship).label.split(':')[0]} {practitioner.full_name} in {hub.team.name}",
        why=over_capacity_reason.strip()[:200],
        changes={"rules": [f.rule for f in advice.fired]},
    )
    return allocation


def _join_team(
    *, child: Child, practitioner: Practitioner, relationship: str, by: User, now: datetime, today: date
) -> None:
    """A worker on the case is in the child's interagency team (B1)."""
    if TeamMembership.objects.current().filter(child=child, practitioner=practitioner).exists():
        return
    kind = WorkerRelationship(relationship).label.split(":")[0].lower()
    team_services.add_team_member(
        child=child,
        practitioner=practitioner,
        role_in_team=f"{practitioner.get_job_role_display()} ({kind})",
        start_date=today,
        by=by,
        now=now,
        today=today,
    )
