"""Key working in the demo area: plans with owned actions, team meetings, disagreements, cover.

The children the demo's social worker, family support worker and nurse key-work each have a current
child in need plan whose actions are owned by the key worker, another member of the team and the
family; every other one has a team around the child meeting in the coming fortnight. So a handover
of any of them moves real open work (B6). Two disagreements are open: one within a team (escalated
to the team managers), one with a family. Every key worker in the hubs has a named cover from their
own hub (B7) except the last in each, so the cover page shows what a missing cover looks like.
Everything goes through the services as the key worker or manager, at fixed moments before the day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.contingency import services as contingency_services
from joinedup.demo.cast import at
from joinedup.demo.plan import HUBS, DemoUser
from joinedup.disagreements import services as disagreement_services
from joinedup.disagreements.rules import PartyInput
from joinedup.disagreements.selectors import carer_key, practitioner_key
from joinedup.meetings import services as meeting_services
from joinedup.meetings.services import MeetingDetails
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Carer, Child
from joinedup.plans import services as plan_services
from joinedup.plans.choices import PlanKind
from joinedup.plans.services import ActionDetails
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership

if TYPE_CHECKING:
    from joinedup.demo.monday import Morning

KEY_WORKERS = (DemoUser.SOCIAL_WORKER, DemoUser.FAMILY_SUPPORT, DemoUser.NURSE)

# Each outcome with its actions and who owns them: the key worker, another member of the team, the family.
OUTCOMES = (
    (
        "Sleeps through the night most nights, so the family are rested",
        (
            ("Refer to the community paediatrician for a sleep review", "key worker"),
            ("Teach the family the new bedtime routine and check it after four weeks", "team"),
            ("Keep a two-week sleep diary", "family"),
        ),
    ),
    (
        "Has short breaks the child enjoys, and the family get time together",
        (
            ("Take the short breaks request to the Resource Panel", "key worker"),
            ("Share the child's communication passport with the short breaks provider", "team"),
        ),
    ),
)


def _key_worked(key_worker: Practitioner) -> list[Child]:
    assignments = (
        KeyWorkerAssignment.objects.current()
        .filter(practitioner=key_worker, child__holding_team__isnull=False)
        .select_related("child")
        .order_by("child__local_id")  # never by the random primary key
    )
    return [a.child for a in assignments]


def _team(child: Child, besides: Practitioner) -> list[Practitioner]:
    members = (
        TeamMembership.objects.current()
        .filter(child=child, practitioner__is_active=True)
        .exclude(practitioner=besides)
        .select_related("practitioner")
        .order_by("start_date", "practitioner__full_name")
    )
    return [m.practitioner for m in members]


def _carers(child: Child) -> list[Carer]:
    return list(Carer.objects.filter(child_links__child=child).order_by("full_name", "id"))


def plans_and_meetings(morning: Morning) -> None:
    """A current child in need plan for each child the demo key workers key-work; meetings for half."""
    written_on, invited_on = morning.day(9), morning.day(4)
    for username in KEY_WORKERS:
        if (user := morning.users.get(username)) is None:
            continue
        for n, child in enumerate(_key_worked(user.practitioner)):
            team = _team(child, user.practitioner)
            _child_in_need_plan(child, team, by=user, on=written_on, now=at(written_on, 11, n % 60))
            if n % 2:
                continue
            meeting_services.schedule_meeting(
                child=child,
                details=MeetingDetails(
                    title="Team around the child meeting",
                    starts_at=at(morning.later(3 + n % 10), 10, 0),
                    place="Riverside Children's Centre, Room 2",
                    video_link="",
                    agenda="1. How things are going at home and school\n2. The plan's actions\n3. Short breaks",
                    arrangements="Quiet room with the child's sensory box; parking by the door",
                ),
                practitioners=team[:4],
                carers=_carers(child),
                young_person=False,
                by=user,
                now=at(invited_on, 14, n % 60),
            )


def _child_in_need_plan(child: Child, team: list[Practitioner], *, by: User, on: date, now: datetime) -> None:
    plan = plan_services.create_plan(
        child=child,
        kind=PlanKind.CHILD_IN_NEED,
        start_date=on,
        review_date=on + timedelta(days=90),
        by=by,
        now=now,
        today=on,
    )
    owners = {"key worker": by.practitioner, "team": team[0] if team else by.practitioner}
    for text, actions in OUTCOMES:
        outcome = plan_services.add_outcome(plan=plan, text=text, by=by, now=now, today=on)
        for k, (what, who) in enumerate(actions):
            owner = owners.get(who)
            details = ActionDetails(
                what=what,
                responsible_practitioner=owner,
                responsible_other="" if owner else "Parent",
                target_date=on + timedelta(days=28 + 14 * k),
                frequency_count=None,
                frequency_unit="",
            )
            plan_services.add_action(outcome=outcome, details=details, by=by, now=now, today=on)
    plan.refresh_from_db()
    plan_services.make_plan_current(plan=plan, expected_version=plan.version, by=by, now=now, today=on)


def disagreements(morning: Morning) -> None:
    """One disagreement within a team, escalated to the team managers; one with a family, just logged."""
    if (user := morning.users.get(DemoUser.SOCIAL_WORKER)) is None:
        return
    children = _key_worked(user.practitioner)
    if len(children) < 2:
        return
    within, with_family = children[0], children[1]
    me = practitioner_key(user.practitioner.pk)
    if others := _team(within, user.practitioner):
        disagreement = disagreement_services.log_disagreement(
            child=within,
            issue="Whether overnight short breaks should start before the sleep review",
            parties=[
                PartyInput(1, me, "Start overnight short breaks now: the family are exhausted"),
                PartyInput(2, practitioner_key(others[0].pk), "Wait for the sleep review first"),
            ],
            by=user,
            now=at(morning.day(8), 15, 0),
        )
        disagreement_services.escalate_disagreement(
            disagreement=disagreement,
            note="We talked it through twice and still disagree; the family are waiting to hear.",
            by=user,
            now=at(morning.day(5), 9, 30),
        )
    if carers := _carers(with_family):
        disagreement_services.log_disagreement(
            child=with_family,
            issue="How many short breaks the family need",
            parties=[
                PartyInput(1, carer_key(carers[0].pk), "Two overnight stays a month"),
                PartyInput(2, me, "Day care at weekends first, then review in three months"),
            ],
            by=user,
            now=at(morning.day(2), 16, 0),
        )


def covers(morning: Morning) -> None:
    """Each hub's manager names a cover for each key worker in the hub: the next colleague in the
    hub, in order of username, who key-works too; the last one is left without (a breach to show)."""
    named_on = morning.day(7)
    for key in HUBS:
        team, manager = morning.hubs[key].team, morning.manager_of(key)
        key_workers = list(
            Practitioner.objects.filter(
                teams=team, is_active=True, user__role=Role.PRACTITIONER, key_worker_assignments__end_date__isnull=True
            )
            .distinct()
            .select_related("user")
            .order_by("user__username")
        )
        for n, (key_worker, cover) in enumerate(pairwise(key_workers)):
            contingency_services.set_cover(
                key_worker=key_worker,
                cover=cover,
                reason=f"Works in {team.name} too and knows the hub's families",
                expected_version=None,
                by=manager,
                now=at(named_on, 10, n % 60),
            )
