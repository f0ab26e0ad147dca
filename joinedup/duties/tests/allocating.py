"""Putting a child's case in a hub with an allocated worker, as the duty tests need it."""

from datetime import UTC, date, datetime

from joinedup.allocation.choices import WorkerRelationship
from joinedup.allocation.models import Allocation, Hub
from joinedup.people.models import Child

DECIDED_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def allocate(world, child, hub_team, practitioner, start=date(2026, 10, 1)):
    """The hub ``hub_team`` holds the child's case and ``practitioner`` is allocated to it."""
    Child.objects.filter(pk=child.pk).update(holding_team=hub_team)
    return Allocation.objects.create(
        child=child,
        hub=Hub.objects.get(team=hub_team),
        practitioner=practitioner,
        relationship=WorkerRelationship.ALLOCATED,
        start_date=start,
        fired_rules=[],
        decided_by=world.manager.user,
        decided_at=DECIDED_AT,
    )
