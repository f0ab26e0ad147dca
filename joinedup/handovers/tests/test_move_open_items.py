"""B6-MOVE: every open item a practitioner holds for a child moves to the new person, none lost."""

import pytest
from django.utils import timezone

from joinedup.allocation.choices import WorkerRelationship
from joinedup.allocation.models import Allocation
from joinedup.core.rules import RuleViolations
from joinedup.handovers import selectors
from joinedup.handovers.services import move_open_items
from joinedup.handovers.tests.factories import give_open_work
from joinedup.meetings.models import Invitee
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership

pytestmark = pytest.mark.django_db


def test_r_b6_move_moves_every_open_item_and_the_roles_that_own_them(world):
    today = timezone.localdate()
    give_open_work(world, today)
    before = selectors.open_items_of(world.child, world.key_worker)
    assert (before.actions, before.meetings) == (2, 1)
    assert before.duties >= 3  # swept duties of the case worker and key worker, and the scheduled one
    assert before.is_key_worker
    assert before.case_relationships == (WorkerRelationship.ALLOCATED,)

    new = world.same_org_outsider
    moved = move_open_items(
        child=world.child,
        old=world.key_worker,
        new=new,
        reason="She knows the family from the sibling's case",
        by=world.manager.user,
        now=timezone.now(),
        today=today,
    )

    assert moved.after_old.total == 0
    assert not moved.after_old.is_key_worker
    assert (moved.after_new.actions, moved.after_new.meetings, moved.after_new.duties) == (
        before.actions,
        before.meetings,
        before.duties,
    )
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == new
    assert Allocation.objects.current().get(child=world.child).practitioner == new
    assert TeamMembership.objects.current().filter(child=world.child, practitioner=new).exists()
    assert Invitee.objects.filter(meeting__child=world.child, practitioner=new).count() == 1
    # The old person stays in the team: leaving it is a separate decision.
    assert TeamMembership.objects.current().filter(child=world.child, practitioner=world.key_worker).exists()


def test_r_b6_new_person_must_be_someone_else_working_in_the_area(world):
    today = timezone.localdate()
    for new in (world.key_worker, world.other_area_practitioner):
        with pytest.raises(RuleViolations):
            move_open_items(
                child=world.child,
                old=world.key_worker,
                new=new,
                reason="Knows the family",
                by=world.manager.user,
                now=timezone.now(),
                today=today,
            )
