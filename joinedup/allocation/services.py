"""Every change to allocations: hub configuration and allocating a worker (C2 to C5). Audited."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from django.db import transaction

from joinedup.access import policy
from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.allocation import rules, selectors
from joinedup.allocation.choices import HubCode, WorkerRelationship
from joinedup.allocation.defaults import DEFAULT_HUBS
from joinedup.allocation.models import Allocation, Hub
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import EditConflict, RuleViolations, Violation
from joinedup.duties import services as duties
from joinedup.duties.choices import CadenceKind
from joinedup.organisations.models import Practitioner, Team
from joinedup.people.models import Child
from joinedup.teams import services as team_services
from joinedup.teams.models import TeamMembership


@transaction.atomic
def configure_hub(*, team: Team, code: HubCode) -> Hub:
    """Make ``team`` a hub with the delivery model's default configuration (an administrator edits it)."""
    hub, _ = Hub.objects.get_or_create(team=team, defaults={"code": code, **DEFAULT_HUBS[code]})
    return hub


HUB_SETTINGS = (
    "tier",
    "worker_roles",
    "default_capacity",
    "cin_review_days",
    "review_interval_options",
    "visit_days",
)


def _settings_of(hub: Hub) -> dict[str, Any]:
    return {name: getattr(hub, name) for name in HUB_SETTINGS}


@transaction.atomic
def update_hub_settings(
    *, hub: Hub, settings: rules.HubSettings, expected_version: int, by: User, now: datetime
) -> Hub:
    """An administrator of the hub's area changes its settings (C2, C4, C5), never over someone else's save.

    Nothing already decided changes: allocations stay where they are, and a worker above a lowered
    capacity keeps their children (C4-CAPACITY reads the new value for the next allocation only).
    """
    hub = Hub.objects.select_for_update().select_related("team__organisation").get(pk=hub.pk)
    if not policy.can_edit_hubs(by) or by.area_id != hub.team.organisation.area_id:
        raise RuleViolations([Violation("C2-HUB-CONFIG", None, "Only an administrator of the area can do this")])
    if hub.version != expected_version:
        raise EditConflict("The hub's settings were changed by someone else")
    violations = rules.hub_settings_violations(hub=HubCode(hub.code), settings=settings)
    if violations:
        raise RuleViolations(violations)
    before = _settings_of(hub)
    after = asdict(settings) | {
        "tier": settings.tier.strip(),
        "worker_roles": [r.value for r in rules.HUB_WORKER_ROLES if r in settings.worker_roles],
        "review_interval_options": sorted(settings.review_interval_options),
    }
    changed = [name for name in HUB_SETTINGS if before[name] != after[name]]
    if not changed:
        return hub
    Hub.objects.filter(pk=hub.pk).update(**after, version=hub.version + 1)
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        subject=hub,
        what=f"Hub settings: {HubCode(hub.code).label} ({hub.team.name})",
        changes={
            "fields": changed,
            "before": {name: before[name] for name in changed},
            "after": {name: after[name] for name in changed},
        },
    )
    return Hub.objects.select_related("team").get(pk=hub.pk)


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
    review_interval_days: int | None = None,
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
    violations += rules.review_interval_violations(
        hub=HubCode(hub.code),
        relationship=relationship,
        interval_days=review_interval_days,
        options=list(hub.review_interval_options),
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
    # The new worker owns the child's reviews and visits from now; in Review & Intervention the
    # allocation also sets how often the plan is reviewed (CwDT 5.2).
    sets_interval = hub.code == HubCode.REVIEW_INTERVENTION and relationship == WorkerRelationship.ALLOCATED
    if sets_interval and review_interval_days is not None:
        duties.agree_cadence(
            child=Child.objects.get(pk=child.pk),  # now held by the hub
            kind=CadenceKind.CIN_REVIEW,
            interval_days=review_interval_days,
            reason="Set at allocation (CwDT 5.2)",
            by=by,
            now=now,
            today=today,
        )
    else:
        duties.bring_up_to_date(children=[Child.objects.get(pk=child.pk)], today=today, now=now, by=by)
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
