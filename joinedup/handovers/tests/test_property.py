"""B6-MOVE as a property: over random open items, a completed handover loses nothing.

For any mix of plan actions (open or done, in draft, current or ended plans), meetings (planned, held,
cancelled), a scheduled duty, the key worker role and a place on the case, held by the old person
(and some by the new): after the handover the open items are equal in number to before, every one is
owned by the new person, and the old person owns none. What was not open (done actions, ended plans,
held or cancelled meetings) stays as it was.
"""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.allocation.choices import WorkerRelationship
from joinedup.allocation.models import Allocation, Hub
from joinedup.duties import services as duties
from joinedup.duties.choices import DutyKind
from joinedup.handovers import selectors, services
from joinedup.meetings.choices import MeetingStatus
from joinedup.meetings.models import Meeting
from joinedup.meetings.tests.factories import MeetingFactory
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.people.tests.factories import ChildFactory
from joinedup.plans.choices import PlanStatus
from joinedup.plans.models import Action
from joinedup.plans.tests.factories import ActionFactory, OutcomeFactory, PlanFactory
from joinedup.teams.models import KeyWorkerAssignment
from joinedup.teams.tests.factories import KeyWorkerAssignmentFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db
OPEN_PLANS = (PlanStatus.DRAFT, PlanStatus.CURRENT)

counts = st.integers(min_value=0, max_value=3)
plan_items = st.fixed_dictionaries(
    {status: st.tuples(counts, counts, counts) for status in (PlanStatus.DRAFT, PlanStatus.CURRENT, PlanStatus.ENDED)}
)  # per plan status: (old's open actions, old's done actions, new's open actions)
meeting_items = st.fixed_dictionaries(
    dict.fromkeys((MeetingStatus.PLANNED, MeetingStatus.HELD, MeetingStatus.CANCELLED), counts)
)


def _meeting(child, organiser, status, now):
    fields = {}
    if status == MeetingStatus.HELD:
        fields = {"minutes": "Everyone came", "minutes_recorded_at": now, "starts_at": now - dt.timedelta(days=3)}
    if status == MeetingStatus.CANCELLED:
        fields = {"cancel_reason": "The nurse is ill"}
    MeetingFactory(child=child, organiser=organiser, created_by=organiser.user, status=status, **fields)


def _closed(child, p):
    """What ``p`` holds that is not open: done actions, actions of ended plans, held or cancelled meetings."""
    actions = Action.objects.filter(outcome__plan__child=child, responsible_practitioner=p)
    return (
        set(actions.exclude(done_on__isnull=True, outcome__plan__status__in=OPEN_PLANS).values_list("pk", flat=True)),
        set(
            Meeting.objects.filter(child=child, organiser=p)
            .exclude(status=MeetingStatus.PLANNED)
            .values_list("pk", flat=True)
        ),
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    plans=plan_items,
    meetings=meeting_items,
    new_meetings=counts,
    scheduled_duty=st.booleans(),
    key_worker=st.booleans(),
    allocated=st.booleans(),
    new_in_team=st.booleans(),
)
def test_r_b6_property_nothing_open_is_lost(
    world, plans, meetings, new_meetings, scheduled_duty, key_worker, allocated, new_in_team
):
    now, today = timezone.now(), timezone.localdate()
    council = world.hub.organisation
    child = ChildFactory(area=world.area, holding_team=world.hub)
    old = PractitionerFactory(organisation=council, teams=[world.hub])
    new = PractitionerFactory(organisation=council, teams=[world.hub])
    TeamMembershipFactory(child=child, practitioner=old, added_by=world.manager.user)
    if new_in_team:
        TeamMembershipFactory(child=child, practitioner=new, role_in_team="Nurse", added_by=world.manager.user)
    if key_worker:
        KeyWorkerAssignmentFactory(child=child, practitioner=old, assigned_by=world.manager.user)
    if allocated:
        Allocation.objects.create(
            child=child,
            hub=Hub.objects.get(team=world.hub),
            practitioner=old,
            relationship=WorkerRelationship.ALLOCATED,
            start_date=today - dt.timedelta(days=30),
            decided_by=world.manager.user,
            decided_at=now,
        )
    for status, (old_open, old_done, new_open) in plans.items():
        ended = {"ended_on": today, "end_reason": "Replaced"} if status == PlanStatus.ENDED else {}
        outcome = OutcomeFactory(plan=PlanFactory(child=child, status=status, **ended))
        ActionFactory.create_batch(old_open, outcome=outcome, responsible_practitioner=old, responsible_other="")
        ActionFactory.create_batch(
            old_done, outcome=outcome, responsible_practitioner=old, responsible_other="", done_on=today
        )
        ActionFactory.create_batch(new_open, outcome=outcome, responsible_practitioner=new, responsible_other="")
    for status, n in meetings.items():
        for _ in range(n):
            _meeting(child, old, status, now)
    for _ in range(new_meetings):
        _meeting(child, new, MeetingStatus.PLANNED, now)
    duties.bring_up_to_date(children=[child], today=today, now=now)
    if scheduled_duty:
        duties.schedule_duty(
            child=child,
            kind=DutyKind.JOINT_WORKING_END,
            due_on=today + dt.timedelta(days=40),
            starts_on=today,
            owner=old,
            rule="C9-JOINT",
            basis="Joint working ends",
            by=None,
            now=now,
        )
    old_before = selectors.open_items_of(child, old)
    new_before = selectors.open_items_of(child, new)
    closed_before = _closed(child, old)
    expected_actions = sum(o for s, (o, _, _) in plans.items() if s != PlanStatus.ENDED)
    assert old_before.actions == expected_actions
    assert old_before.meetings == meetings[MeetingStatus.PLANNED]

    handover = services.start_handover(
        child=child,
        old=old,
        new=new,
        reason="Knows the child from the short breaks service and signs with him",
        old_leaves_team=False,
        by=world.manager.user,
        now=now,
        today=today,
    )
    services.confirm_handover_read(handover=handover, by=new.user, now=now)
    done = services.complete_handover(handover=handover, by=world.manager.user, now=now, today=today)

    old_after = selectors.open_items_of(child, old)
    new_after = selectors.open_items_of(child, new)
    assert old_after.total == 0
    assert not old_after.is_key_worker
    assert old_after.case_relationships == ()
    for kind in ("actions", "meetings", "duties"):
        assert getattr(new_after, kind) == getattr(old_before, kind) + getattr(new_before, kind), kind
        assert done.counts["old_before"][kind] == getattr(old_before, kind)
        assert done.counts["new_after"][kind] == getattr(new_after, kind)
    assert new_after.is_key_worker == key_worker
    assert KeyWorkerAssignment.objects.current().filter(child=child).count() == int(key_worker)
    assert new_after.case_relationships == ((WorkerRelationship.ALLOCATED,) if allocated else ())
    # What was not open stays with the old person, as it was.
    assert _closed(child, old) == closed_before
