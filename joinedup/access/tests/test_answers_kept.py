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


def _standing(user, child):
    return (
        policy.is_member(user, child),
        policy.manages(user, child),
        policy.can_plan_move(user, child),  # the key worker, or a manager of the case
        policy.family_support_requester(user, child),
    )


def test_r_g1_kept_answers_are_the_answers_asked_one_by_one_for_every_persona(world):
    """Inside the block the standing comes from one query; it must answer as the separate questions
    do, for every persona, for a child in reach and one out of it."""
    for persona, user in world.personas().items():
        if user is None:
            continue
        for child in (world.child, world.other_child):
            alone = _standing(user, child)
            with policy.answers_kept():
                kept = _standing(user, child)
            assert kept == alone, (persona, child)


def test_r_g1_a_page_asks_how_a_practitioner_stands_to_the_child_in_one_query(world):
    for practitioner in (world.key_worker, world.manager, world.operations_manager):
        user, child = practitioner.user, world.child
        policy.practitioner_of(user)  # loaded once per request anyway
        _, alone = _queries(lambda user=user, child=child: _standing(user, child))
        with policy.answers_kept():
            answers, kept = _queries(lambda user=user, child=child: [_standing(user, child) for _ in range(3)])
        assert kept == 1, practitioner
        assert alone >= 3, practitioner
        assert answers[0][3].holding_hub is not None  # the child's holding team is a hub
