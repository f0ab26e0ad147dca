"""The child page's read model (people.child_page): plain SQL rows that say what the model
selectors say, on SQLite and PostgreSQL (the suite runs on both)."""

import datetime as dt

import pytest
from django.utils import timezone

from joinedup.access import policy
from joinedup.contingency.tests.factories import mark_away
from joinedup.duties import selectors as duty_selectors
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import Duty
from joinedup.meetings import selectors as meeting_selectors
from joinedup.meetings.choices import MeetingStatus
from joinedup.meetings.tests.factories import MeetingFactory
from joinedup.organisations.choices import Sector
from joinedup.people import child_page
from joinedup.people.choices import Need
from joinedup.people.models import ChildNeed
from joinedup.people.tests.factories import CarerFactory, CarerLinkFactory, shared_and_hidden_siblings
from joinedup.plans import selectors as plan_selectors
from joinedup.plans.choices import PlanKind, PlanStatus
from joinedup.plans.tests.factories import ActionFactory, OutcomeFactory, PlanFactory
from joinedup.teams.models import TeamMembership

pytestmark = pytest.mark.django_db


def test_r_b1_team_of_groups_current_members_by_sector_with_the_key_worker_gaps_and_leavers(world):
    team = child_page.team_of(world.child, child_page.needs_of(world.child))
    assert [(g.label, [m.practitioner_id for m in g.members]) for g in team.groups] == [  # Sector's order
        (str(Sector.HEALTH.label), [world.team_member.pk]),
        (str(Sector.SOCIAL_CARE.label), [world.key_worker.pk]),
    ]
    assert team.key_worker is not None
    assert (team.key_worker.practitioner_id, team.key_worker.full_name) == (
        world.key_worker.pk,
        world.key_worker.full_name,
    )
    assert team.unmet_needs == []  # the nurse covers complex health, the social worker learning disability
    assert [m.practitioner_id for m in team.past_members] == [world.ended_member.pk]

    TeamMembership.objects.filter(child=world.child, practitioner=world.team_member).update(
        end_date=dt.date(2026, 4, 1)
    )
    ChildNeed.objects.create(child=world.child, need=Need.SENSORY_IMPAIRMENT)
    team = child_page.team_of(world.child, child_page.needs_of(world.child))
    assert team.unmet_needs == [Need.SENSORY_IMPAIRMENT, Need.COMPLEX_HEALTH]  # the controlled list's order
    assert {m.practitioner_id for m in team.past_members} == {world.ended_member.pk, world.team_member.pk}


def test_r_c6_plans_of_orders_and_judges_plans_as_the_plan_selectors_do(world):
    child, author = world.child, world.key_worker.user
    ended = PlanFactory(
        child=child,
        created_by=author,
        status=PlanStatus.ENDED,
        start_date=dt.date(2025, 1, 1),
        ended_on=dt.date(2025, 12, 1),
    )
    current = PlanFactory(child=child, created_by=author, status=PlanStatus.CURRENT, start_date=dt.date(2026, 1, 5))
    ActionFactory(outcome=OutcomeFactory(plan=current))
    no_actions = OutcomeFactory(plan=current)  # its LEFT JOIN row carries no action
    draft = PlanFactory(
        child=child, created_by=author, kind=PlanKind.PREPARING_FOR_ADULTHOOD, start_date=dt.date(2026, 2, 1)
    )
    ActionFactory(outcome=OutcomeFactory(plan=draft), responsible_other="", target_date=None)
    OutcomeFactory(plan=ended)

    section = child_page.plans_of(world.key_worker.user, child)
    assert section is not None
    expected = plan_selectors.plans_of(child)
    assert [(p.id, p.gaps) for p in section.plans] == [(s.plan.pk, s.gaps) for s in expected]
    assert [p.id for p in section.plans] == [current.pk, draft.pk, ended.pk]
    assert any(no_actions.text[:20] in gap for gap in section.plans[0].gaps)
    assert section.plans[1].gaps
    assert section.plans[1].kind_label == str(PlanKind.PREPARING_FOR_ADULTHOOD.label)
    assert section.plans[2].is_ended
    assert section.plans[2].status_label == str(PlanStatus.ENDED.label)


def test_r_c6_plans_of_is_not_read_for_someone_who_may_not_read_plans(world):
    PlanFactory(child=world.child, created_by=world.key_worker.user)
    assert child_page.plans_of(world.same_org_outsider.user, world.child) is None


def test_r_g1_siblings_of_names_only_siblings_the_user_may_see(world):
    shared, _hidden = shared_and_hidden_siblings(world, date_of_birth=dt.date(2012, 1, 1))
    siblings = child_page.siblings_of(world.key_worker.user, world.child)
    assert [(s.child_id, s.full_name, s.date_of_birth) for s in siblings] == [
        (shared.pk, shared.full_name, dt.date(2012, 1, 1)),
        (None, "", None),  # the hidden sibling: that there is one, nothing more
    ]
    assert all(s.kind for s in siblings)
    assert child_page.siblings_of(world.key_worker.user, world.other_child) == []


def test_profile_of_reads_the_childs_words_an_aware_time_and_whether_a_cover_flag_is_open(world):
    me = world.child.all_about_me
    me.about_me, me.updated_at = "I love the swings", dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC)
    me.save()
    profile = child_page.profile_of(world.child)
    assert profile.all_about_me.about_me == "I love the swings"
    assert profile.all_about_me.updated_at == dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC)
    assert profile.all_about_me.written_by == str(me.get_written_by_display())
    assert profile.communication.how_i_communicate == ""
    assert not profile.has_open_cover_flag
    mark_away(world)  # the key worker is off sick: the child is flagged until a new key worker is chosen
    assert child_page.profile_of(world.child).has_open_cover_flag


def test_carers_of_lists_the_main_contact_first_then_by_name(world):
    CarerLinkFactory(child=world.child, carer=CarerFactory(area=world.area, full_name="Bella Abbott"))
    CarerLinkFactory(child=world.child, carer=CarerFactory(area=world.area, full_name="Aaron Abbott"))
    CarerLinkFactory(
        child=world.child, carer=CarerFactory(area=world.area, full_name="Zoe Zimmer"), is_main_contact=True
    )
    carers = child_page.carers_of(world.child)
    names = [c.full_name for c in carers]
    assert names[0] == "Zoe Zimmer"
    assert names.index("Aaron Abbott") < names.index("Bella Abbott")
    assert carers[0].is_main_contact
    assert carers[0].relationship == "Mother"


def test_duties_and_meetings_say_what_the_model_selectors_say(world):
    now = timezone.now()
    for kind, days, owner in ((DutyKind.VISIT, 3, world.key_worker), (DutyKind.CIN_REVIEW, -2, None)):
        Duty.objects.create(
            child=world.child,
            kind=kind,
            status=DutyStatus.OPEN,
            due_on=timezone.localdate() + dt.timedelta(days=days),
            starts_on=timezone.localdate() - dt.timedelta(days=10),
            owner=owner,
            rule="C5-TEST",
            basis="Test",
            created_at=now,
        )
    MeetingFactory(child=world.child, starts_at=now + dt.timedelta(days=2), title="Soon")
    MeetingFactory(child=world.child, starts_at=now - dt.timedelta(hours=1), title="Passed")
    MeetingFactory(
        child=world.child, starts_at=now + dt.timedelta(days=1), status=MeetingStatus.CANCELLED, cancel_reason="Ill"
    )

    duties = child_page.duties_of(world.child)
    assert [(d.id, d.kind, d.due_on, d.owner_name) for d in duties] == [
        (d.pk, d.kind, d.due_on, d.owner.full_name if d.owner else "") for d in duty_selectors.duties_of(world.child)
    ]
    assert [d.owner_name for d in duties] == ["", world.key_worker.full_name]
    meetings = child_page.upcoming_meetings_of(world.child, now=now)
    expected = meeting_selectors.upcoming_for(world.child, now=now)
    assert [(m.id, m.title, m.starts_at) for m in meetings] == [(m.pk, m.title, m.starts_at) for m in expected]
    assert [m.title for m in meetings] == ["Soon"]


def test_r_g1_siblings_of_names_a_sibling_exactly_when_the_policy_lets_the_user_see_them(world):
    """The policy's condition is asked inside the siblings' own query: for every persona it must
    name the siblings ``visible_children`` holds, and no others."""
    shared_and_hidden_siblings(world, date_of_birth=dt.date(2012, 1, 1))
    every_sibling = {link.sibling_id for link in world.child.sibling_links.all()}
    assert len(every_sibling) == 2
    for persona, user in world.personas().items():
        if user is None:
            continue
        named = {s.child_id for s in child_page.siblings_of(user, world.child) if s.child_id is not None}
        may_see = set(policy.visible_children(user).filter(pk__in=every_sibling).values_list("pk", flat=True))
        assert named == may_see, persona
