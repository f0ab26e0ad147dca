"""B5 meeting services: invitations, moves and cancellations tell each invitee once; minutes make plan actions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.meetings import services
from joinedup.meetings.choices import MeetingStatus
from joinedup.meetings.models import Invitee, Meeting
from joinedup.notifications.models import Notification
from joinedup.plans.models import Action, PlanChange
from joinedup.plans.tests.factories import smart_cin_plan

pytestmark = pytest.mark.django_db


def _details(**changes):
    fields = {
        "title": "Team around the child meeting",
        "place": "Riverside Children's Centre",
        "video_link": "",
        "agenda": "Short breaks; school transport",
        "arrangements": "British Sign Language interpreter",
    }
    return services.MeetingDetails(**(fields | changes))


def _schedule(world, now, **changes):
    return services.schedule_meeting(
        child=world.child,
        details=_details(**({"starts_at": now + timedelta(days=3)} | changes)),
        practitioners=[world.team_member, world.key_worker],  # the organiser is never their own invitee
        carers=[world.parent.carer],
        young_person=True,
        by=world.key_worker.user,
        now=now,
    )


def _told(meeting, subject):
    return sorted(Notification.objects.filter(subject=subject, child=meeting.child).values_list("recipient", flat=True))


def test_r_b5_meeting_invitees_scheduling_tells_each_invitee_once(world):
    now = timezone.now()
    meeting = _schedule(world, now)
    assert meeting.organiser == world.key_worker
    assert Invitee.objects.filter(meeting=meeting).count() == 3  # nurse, parent, young person
    everyone = sorted([world.team_member.user.pk, world.parent.pk, world.young_person.pk])
    assert _told(meeting, "You are invited to a meeting") == everyone
    assert AuditEvent.objects.filter(subject_id=str(meeting.pk), what="Scheduled a meeting").count() == 1


def test_r_b5_meeting_invitees_only_the_childs_team_and_family(world):
    now = timezone.now()
    with pytest.raises(RuleViolations) as refused:
        services.schedule_meeting(
            child=world.child,
            details=_details(starts_at=now + timedelta(days=1)),
            practitioners=[world.same_org_outsider],
            carers=[],
            young_person=False,
            by=world.key_worker.user,
            now=now,
        )
    assert [v.rule for v in refused.value.violations] == ["B5-MEETING-INVITEES"]
    assert not Meeting.objects.exists()
    assert not Notification.objects.exists()


def test_r_b5_meeting_future_refused_in_the_past_tells_nobody(world):
    now = timezone.now()
    with pytest.raises(RuleViolations) as refused:
        _schedule(world, now, starts_at=now - timedelta(hours=1), place="")
    assert {v.rule for v in refused.value.violations} == {"B5-MEETING-FUTURE", "B5-MEETING-WHERE"}
    assert not Meeting.objects.exists()
    assert not Notification.objects.exists()


def test_moving_a_meeting_tells_them_all_again(world):
    now = timezone.now()
    meeting = _schedule(world, now)
    later = now + timedelta(minutes=5)
    moved = services.move_meeting(
        meeting=meeting,
        starts_at=meeting.starts_at + timedelta(days=1),
        place="",
        video_link="https://meet.example.org/tac",
        expected_version=meeting.version,
        by=world.key_worker.user,
        now=later,
    )
    assert (moved.version, moved.place, moved.video_link) == (2, "", "https://meet.example.org/tac")
    assert len(_told(meeting, "The meeting has moved")) == 3
    assert set(Invitee.objects.filter(meeting=meeting).values_list("told_at", flat=True)) == {later}
    with pytest.raises(EditConflict):  # a second person's stale form
        services.move_meeting(
            meeting=meeting,
            starts_at=meeting.starts_at,
            place="Town hall",
            video_link="",
            expected_version=1,
            by=world.team_member.user,
            now=later,
        )


def test_moving_to_the_same_time_and_place_tells_nobody(world):
    now = timezone.now()
    meeting = _schedule(world, now)
    services.move_meeting(
        meeting=meeting,
        starts_at=meeting.starts_at,
        place=meeting.place,
        video_link="",
        expected_version=1,
        by=world.key_worker.user,
        now=now,
    )
    assert _told(meeting, "The meeting has moved") == []


def test_r_b5_meeting_open_cancelling_tells_them_and_ends_changes(world):
    now = timezone.now()
    meeting = _schedule(world, now)
    cancelled = services.cancel_meeting(
        meeting=meeting, reason="The nurse is ill", expected_version=1, by=world.key_worker.user, now=now
    )
    assert cancelled.status == MeetingStatus.CANCELLED
    assert len(_told(meeting, "The meeting is cancelled")) == 3
    with pytest.raises(RuleViolations) as refused:
        services.cancel_meeting(meeting=meeting, reason="Again", expected_version=2, by=world.key_worker.user, now=now)
    assert [v.rule for v in refused.value.violations] == ["B5-MEETING-OPEN"]


def test_r_b5_meeting_minutes_actions_become_plan_actions_linked_to_the_meeting(world):
    now = timezone.now()
    meeting = _schedule(world, now)
    outcome = smart_cin_plan(world.child, by=world.manager.user).outcomes.get()
    target = (meeting.starts_at + timedelta(days=30)).date()
    action = services.AgreedAction(
        outcome=outcome, what="Refer to the Saturday club", owner=world.team_member, target_date=target
    )
    with pytest.raises(RuleViolations) as refused:  # before it starts
        services.record_minutes(
            meeting=meeting,
            minutes="Met",
            actions=[action],
            expected_version=1,
            by=world.key_worker.user,
            now=now,
            today=now.date(),
        )
    assert [v.rule for v in refused.value.violations] == ["B5-MEETING-MINUTES"]
    after = meeting.starts_at + timedelta(hours=2)
    held = services.record_minutes(
        meeting=meeting,
        minutes="Everyone came.",
        actions=[action],
        expected_version=1,
        by=world.key_worker.user,
        now=after,
        today=services.local_day(after),
    )
    assert (held.status, held.minutes) == (MeetingStatus.HELD, "Everyone came.")
    added = Action.objects.get(what="Refer to the Saturday club")
    assert (added.outcome, added.responsible_practitioner, added.target_date) == (outcome, world.team_member, target)
    change = PlanChange.objects.get(plan=outcome.plan, kind="ACTION_ADDED")
    assert (change.made_at_text, change.made_at_date) == (meeting.title, services.local_day(meeting.starts_at))
    assert change.made_at_record == held
