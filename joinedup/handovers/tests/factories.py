"""Factories for handovers: synthetic data only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from joinedup.allocation.choices import WorkerRelationship
from joinedup.allocation.models import Allocation, Hub
from joinedup.duties import services as duties
from joinedup.duties.choices import DutyKind
from joinedup.handovers.models import Handover
from joinedup.handovers.selectors import handover_summary
from joinedup.meetings.tests.factories import MeetingFactory
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.plans.choices import PlanStatus
from joinedup.plans.tests.factories import ActionFactory, OutcomeFactory, PlanFactory
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership


def make_handover(
    child: Child, *, old: Practitioner | None = None, new: Practitioner | None = None, **fields: Any
) -> Handover:
    """A started handover written directly (not through the service): from the key worker, or the
    first team member, to another team member or anyone active in the area."""
    members = list(
        Practitioner.objects.filter(
            pk__in=TeamMembership.objects.current().filter(child=child).values("practitioner_id")
        ).order_by("full_name", "id")
    )
    key_worker = KeyWorkerAssignment.objects.current().filter(child=child).first()
    old = old or (key_worker.practitioner if key_worker else members[0])
    if new is None:
        others = [m for m in members if m.pk != old.pk] or list(
            Practitioner.objects.filter(organisation__area_id=child.area_id, is_active=True).exclude(pk=old.pk)[:1]
        )
        new = others[0]
    values: dict[str, Any] = {
        "child": child,
        "from_practitioner": old,
        "to_practitioner": new,
        "is_key_worker": key_worker is not None and key_worker.practitioner_id == old.pk,
        "reason": "Knows the family and the child's communication",
        "summary": handover_summary(child, old, today=timezone.localdate()),
        "started_by": old.user,
        "started_at": timezone.now(),
    }
    return Handover.objects.create(**(values | fields))


def handover_route_kwargs(route: str, child: Child) -> dict[str, Any]:
    """The handover id a handovers route needs besides the child's: one open handover per child, reused."""
    if route in ("handovers:handover-list", "handovers:handover-start"):
        return {}
    handover = Handover.objects.filter(child=child).first() or make_handover(child)
    return {"handover_id": handover.pk}


def give_open_work(world: Any, today: Any) -> None:
    """The key worker is allocated to the case, owns swept and scheduled duties, two open plan actions
    (and one done) and organises a planned meeting."""
    now = timezone.now()
    kw = world.key_worker
    Allocation.objects.create(
        child=world.child,
        hub=Hub.objects.get(team=world.hub),
        practitioner=kw,
        relationship=WorkerRelationship.ALLOCATED,
        start_date=today - dt.timedelta(days=30),
        decided_by=world.manager.user,
        decided_at=now,
    )
    duties.bring_up_to_date(children=[world.child], today=today, now=now)
    duties.schedule_duty(
        child=world.child,
        kind=DutyKind.JOINT_WORKING_END,
        due_on=today + dt.timedelta(days=40),
        starts_on=today,
        owner=kw,
        rule="C9-JOINT",
        basis="Joint working ends",
        by=None,
        now=now,
    )
    plan = PlanFactory(child=world.child, status=PlanStatus.CURRENT)
    outcome = OutcomeFactory(plan=plan, text="Sleeps through the night")
    ActionFactory(outcome=outcome, responsible_practitioner=kw, responsible_other="", what="Book respite")
    ActionFactory(outcome=outcome, responsible_practitioner=kw, responsible_other="", what="Ask the OT")
    ActionFactory(outcome=outcome, responsible_practitioner=kw, responsible_other="", done_on=today)
    MeetingFactory(child=world.child, organiser=kw, title="Team around the child")
