"""The demo area's hub configuration and who holds each case, derived from the planned teams."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from joinedup.allocation.choices import HubCode, WorkerRelationship
from joinedup.allocation.defaults import DEFAULT_HUBS
from joinedup.allocation.models import Allocation, Hub
from joinedup.demo.plan import REVIEW, SAFEGUARDING, STRENGTHENING
from joinedup.organisations.choices import JobRole

if TYPE_CHECKING:
    from joinedup.demo.writer import Writer

HUB_CODES = {
    SAFEGUARDING: HubCode.SAFEGUARDING_SUPPORT,
    STRENGTHENING: HubCode.STRENGTHENING_FAMILIES,
    REVIEW: HubCode.REVIEW_INTERVENTION,
}
# Who holds the case in each hub, best first (CwDT 3.1, 4.2.2, 5.5).
HOLDERS = {
    SAFEGUARDING: (JobRole.SOCIAL_WORKER,),
    STRENGTHENING: (JobRole.SWAP, JobRole.SOCIAL_WORKER),
    REVIEW: (JobRole.FAMILY_SUPPORT_WORKER,),
}
CARRIED_OVER = [{"rule": "DEMO", "reason": "Carried over from the case record kept before joinedup"}]


def hubs_and_allocations(writer: Writer) -> None:
    """Hub rows with the model's defaults, and an allocated (and in SF an assigned) worker per child."""
    hubs = {key: Hub(team=writer.teams[key], code=code, **DEFAULT_HUBS[code]) for key, code in HUB_CODES.items()}
    Hub.objects.bulk_create(hubs.values())
    managers = {
        key: next(
            p.user.username
            for p in writer.plan.practitioners
            if key in p.team_keys and p.job_role == JobRole.TEAM_MANAGER
        )
        for key in HUB_CODES
    }
    plans = {p.username: p for p in writer.plan.practitioners}
    current: dict[str, list[tuple[str, date, datetime]]] = {}
    for m in writer.plan.memberships:
        if m.end_date is None:
            current.setdefault(m.child, []).append((m.practitioner, m.start_date, m.added_at))
    rows = []
    for child in writer.plan.children:
        in_hub = [(u, s, a) for u, s, a in current.get(child.local_id, []) if child.hub_key in plans[u].team_keys]
        holders = sorted(
            (h for h in in_hub if plans[h[0]].job_role in HOLDERS[child.hub_key]),
            key=lambda h: HOLDERS[child.hub_key].index(plans[h[0]].job_role),
        )
        assigned = [
            h
            for h in in_hub
            if child.hub_key == STRENGTHENING and plans[h[0]].job_role == JobRole.FAMILY_SUPPORT_WORKER
        ]
        for (username, start, added_at), relationship in [
            *((h, WorkerRelationship.ALLOCATED) for h in holders[:1]),
            *((h, WorkerRelationship.ASSIGNED) for h in assigned[:1]),
        ]:
            rows.append(
                Allocation(
                    child=writer.children[child.local_id],
                    hub=hubs[child.hub_key],
                    practitioner=writer.practitioners[username],
                    relationship=relationship,
                    start_date=start,
                    fired_rules=CARRIED_OVER,
                    decided_by=writer.users[managers[child.hub_key]],
                    decided_at=added_at,
                )
            )
    Allocation.objects.bulk_create(rows, batch_size=1000)
