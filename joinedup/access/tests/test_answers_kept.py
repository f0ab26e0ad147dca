"""G1 within a page that only reads: each question about a user and a child goes to the database once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from joinedup.access import policy
from joinedup.teams.models import TeamMembership

pytestmark = pytest.mark.django_db


def _queries(ask):
    with CaptureQueriesContext(connection) as ctx:
        answer = ask()
    return answer, len(ctx.captured_queries)


def test_r_g1_a_page_asks_once_whether_the_user_is_in_the_team(world):
    user, child = world.key_worker.user, world.child
    policy.practitioner_of(user)  # loaded once per request anyway
    _, alone = _queries(lambda: [policy.can_read_plans(user, child) for _ in range(5)])
    with policy.answers_kept():
        answers, kept = _queries(lambda: [policy.can_read_plans(user, child) for _ in range(5)])
    assert answers == [True] * 5
    assert alone == 5
    assert kept == 1


def test_r_g1_answers_are_kept_only_inside_the_block_and_per_user_and_child(world):
    member, outsider, child = world.key_worker.user, world.same_org_outsider.user, world.child
    with policy.answers_kept():
        assert policy.is_member(member, child)
        assert not policy.is_member(outsider, child)  # another user: asked, not taken from the member
        assert not policy.is_member(member, world.other_child)  # another child likewise
    TeamMembership.objects.filter(child=child, practitioner=world.key_worker).update(end_date=timezone.localdate())
    assert not policy.is_member(member, child)  # outside the block: the database, so the change is seen
