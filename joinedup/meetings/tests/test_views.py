"""B5 meeting pages: schedule, read, move, cancel, minutes; errors keep input; query counts stay flat."""

import html
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.meetings import services
from joinedup.meetings.choices import MeetingStatus
from joinedup.meetings.models import Invitee, Meeting
from joinedup.meetings.tests.factories import MeetingFactory
from joinedup.notifications.models import Notification
from joinedup.plans.models import Action
from joinedup.plans.tests.factories import smart_cin_plan
from joinedup.teams.tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


def _page(response):
    return html.unescape(response.content.decode())


def _when(prefix, at):
    local = timezone.localtime(at)
    return {
        f"{prefix}-day": str(local.day),
        f"{prefix}-month": str(local.month),
        f"{prefix}-year": str(local.year),
        "starts_time": f"{local:%H:%M}",
    }


def _schedule_form(world, at, **changes):
    return {
        "title": "Team around the child meeting",
        **_when("starts_on", at),
        "place": "Riverside Children's Centre",
        "video_link": "",
        "agenda": "Short breaks",
        "arrangements": "Step-free access",
        "practitioners": [str(world.team_member.pk)],
        "carers": [str(world.parent.carer.pk)],
        **changes,
    }


def _meeting(world, **fields):
    meeting = MeetingFactory(child=world.child, organiser=world.key_worker, created_by=world.key_worker.user, **fields)
    Invitee.objects.create(meeting=meeting, practitioner=world.team_member, told_at=timezone.now())
    return meeting


def test_scheduling_a_meeting_invites_and_tells(client, world):
    client.force_login(world.key_worker.user)
    at = (timezone.now() + timedelta(days=5)).replace(second=0, microsecond=0)
    response = client.post(reverse("meetings:meeting-schedule", args=[world.child.pk]), _schedule_form(world, at))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:meeting-detail", args=[world.child.pk, meeting.pk])
    assert meeting.starts_at == at
    assert meeting.organiser == world.key_worker
    assert Notification.objects.filter(subject="You are invited to a meeting").count() == 2  # nurse and parent
    page = _page(client.get(response["Location"]))
    assert "Team around the child meeting" in page
    assert world.team_member.full_name in page
    assert "Step-free access" in page


def test_r_b5_meeting_future_error_summary_keeps_the_input(client, world):
    client.force_login(world.key_worker.user)
    past = timezone.now() - timedelta(days=1)
    form = _schedule_form(world, past, place="", practitioners=[], carers=[])
    response = client.post(reverse("meetings:meeting-schedule", args=[world.child.pk]), form)
    page = _page(response)
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    assert "There is a problem" in page
    assert page.count("Error:") >= 1
    assert "The meeting must be in the future" in page
    assert "Enter where the meeting is, or a video link" in page
    assert "Invite at least one person besides yourself" in page
    assert 'value="Team around the child meeting"' in page


def test_the_schedule_form_offers_the_team_and_family_but_not_the_organiser(client, world):
    client.force_login(world.key_worker.user)
    page = _page(client.get(reverse("meetings:meeting-schedule", args=[world.child.pk])))
    assert world.team_member.full_name in page
    assert world.parent.carer.full_name in page
    assert world.key_worker.full_name not in page
    assert world.ended_member.full_name not in page


def test_the_list_shows_upcoming_first_then_past(client, world):
    now = timezone.now()
    _meeting(world, title="Next week's meeting", starts_at=now + timedelta(days=7))
    _meeting(world, title="Last month's meeting", starts_at=now - timedelta(days=30))
    client.force_login(world.team_member.user)
    page = _page(client.get(reverse("meetings:meeting-list", args=[world.child.pk])))
    assert page.index("Upcoming meetings") < page.index("Next week's meeting") < page.index("Past and cancelled")
    assert page.index("Past and cancelled") < page.index("Last month's meeting")


def test_moving_a_meeting_tells_the_invitees_again(client, world):
    meeting = _meeting(world)
    client.force_login(world.key_worker.user)
    url = reverse("meetings:meeting-move", args=[world.child.pk, meeting.pk])
    assert "Change the time or place" in _page(client.get(url))
    later = (meeting.starts_at + timedelta(days=1)).replace(second=0, microsecond=0)
    form = {**_when("starts_on", later), "place": "Town hall", "video_link": "", "version": "1"}
    assert client.post(url, form).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.place, meeting.version) == (later, "Town hall", 2)
    told = Notification.objects.filter(subject="The meeting has moved")
    assert list(told.values_list("recipient", flat=True)) == [world.team_member.user.pk]
    stale = client.post(url, {**form, "place": "Library"})
    assert "Someone else changed this meeting" in _page(stale)


def test_cancelling_asks_for_confirmation_then_tells_them(client, world):
    meeting = _meeting(world)
    client.force_login(world.key_worker.user)
    url = reverse("meetings:meeting-cancel", args=[world.child.pk, meeting.pk])
    page = _page(client.get(url))
    assert "Are you sure you want to cancel this meeting?" in page
    assert "No, keep the meeting" in page
    assert "Enter why the meeting is cancelled" in _page(client.post(url, {"reason": "", "version": "1"}))
    assert client.post(url, {"reason": "The nurse is ill", "version": "1"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert Notification.objects.filter(subject="The meeting is cancelled").count() == 1


def test_r_b5_meeting_minutes_refused_before_the_start(client, world):
    meeting = _meeting(world)
    client.force_login(world.key_worker.user)
    url = reverse("meetings:meeting-minutes", args=[world.child.pk, meeting.pk])
    page = _page(client.post(url, {"minutes": "Everyone came", "version": "1"}))
    assert "Minutes can only be recorded once the meeting has started" in page
    assert Meeting.objects.get().status == MeetingStatus.PLANNED


def test_r_b5_meeting_action_minutes_with_actions_make_plan_actions(client, world):
    meeting = _meeting(world, starts_at=timezone.now() - timedelta(hours=1))
    outcome = smart_cin_plan(world.child, by=world.manager.user).outcomes.get()
    client.force_login(world.key_worker.user)
    url = reverse("meetings:meeting-minutes", args=[world.child.pk, meeting.pk])
    target = timezone.localdate() + timedelta(days=28)
    half = {"minutes": "Everyone came", "version": "1", "action_1_what": "Refer to the Saturday club"}
    page = _page(client.post(url, half))
    assert "Select the outcome action 1 works towards" in page
    assert "Enter a target date for action 1" in page
    whole = half | {
        "action_1_outcome": str(outcome.pk),
        "action_1_owner": str(world.team_member.pk),
        "action_1_target_date-day": str(target.day),
        "action_1_target_date-month": str(target.month),
        "action_1_target_date-year": str(target.year),
    }
    assert client.post(url, whole).status_code == 302
    action = Action.objects.get(what="Refer to the Saturday club")
    assert (action.responsible_practitioner, action.target_date) == (world.team_member, target)
    page = _page(client.get(reverse("meetings:meeting-detail", args=[world.child.pk, meeting.pk])))
    assert "Everyone came" in page
    assert "Held" in page


def test_each_read_is_audited(client, world):
    meeting = _meeting(world)
    client.force_login(world.team_member.user)
    before = AuditEvent.objects.filter(child=world.child, action="VIEWED").count()
    client.get(reverse("meetings:meeting-detail", args=[world.child.pk, meeting.pk]))
    assert AuditEvent.objects.filter(child=world.child, action="VIEWED").count() == before + 1


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_invitees(client, world):
    meeting = _meeting(world)
    client.force_login(world.key_worker.user)
    detail = reverse("meetings:meeting-detail", args=[world.child.pk, meeting.pk])
    listing = reverse("meetings:meeting-list", args=[world.child.pk])
    schedule = reverse("meetings:meeting-schedule", args=[world.child.pk])
    counts = (_queries(client, detail), _queries(client, listing), _queries(client, schedule))
    for _ in range(4):
        member = TeamMembershipFactory(child=world.child, added_by=world.manager.user).practitioner
        Invitee.objects.create(meeting=meeting, practitioner=member, told_at=timezone.now())
    _meeting(world, title="Another")
    assert (_queries(client, detail), _queries(client, listing), _queries(client, schedule)) == counts


def test_services_local_day_is_london(world):
    # 23:30 UTC on 1 June is 00:30 on 2 June in London (summer time)
    from datetime import UTC, date, datetime

    assert services.local_day(datetime(2027, 6, 1, 23, 30, tzinfo=UTC)) == date(2027, 6, 2)


def test_the_child_page_lists_upcoming_meetings(client, world):
    _meeting(world, title="Next week's meeting")
    _meeting(world, title="Cancelled one", status=MeetingStatus.CANCELLED, cancel_reason="Ill")
    client.force_login(world.team_member.user)
    page = _page(client.get(reverse("people:child-detail", args=[world.child.pk])))
    assert "Upcoming meetings" in page
    assert "Next week's meeting" in page
    assert "Cancelled one" not in page


def test_the_child_pages_queries_do_not_grow_with_its_meetings(client, world):
    """The page shows each upcoming meeting's title and time only, read in one query (issue 6)."""
    _meeting(world, title="First")
    client.force_login(world.team_member.user)
    url = reverse("people:child-detail", args=[world.child.pk])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(3):
        _meeting(world, title=f"Another {n}", starts_at=timezone.now() + timedelta(days=10 + n))
    with CaptureQueriesContext(connection) as four:
        page = _page(client.get(url))
    assert all(title in page for title in ("First", "Another 0", "Another 1", "Another 2"))
    assert len(four.captured_queries) == len(one.captured_queries)


def test_due_this_week_lists_my_meetings_in_the_next_7_days(client, world):
    _meeting(world, title="In three days", starts_at=timezone.now() + timedelta(days=3))
    _meeting(world, title="In a fortnight", starts_at=timezone.now() + timedelta(days=14))
    for user, shown in ((world.team_member.user, True), (world.key_worker.user, True), (world.manager.user, False)):
        client.force_login(user)
        page = _page(client.get(reverse("duties:due-this-week")))
        assert ("In three days" in page) is shown
        assert "In a fortnight" not in page
    client.force_login(world.team_member.user)
    listed = AuditEvent.objects.filter(child=world.child, action="LISTED", user=world.team_member.user)
    assert listed.count() == 1


def test_replies_are_recorded_per_invitee(client, world):
    meeting = _meeting(world)
    carer = Invitee.objects.create(meeting=meeting, carer=world.parent.carer, told_at=timezone.now())
    nurse = Invitee.objects.get(meeting=meeting, practitioner=world.team_member)
    client.force_login(world.key_worker.user)
    url = reverse("meetings:meeting-responses", args=[world.child.pk, meeting.pk])
    page = _page(client.get(url))
    assert world.parent.carer.full_name + " (parent or carer)" in page
    form = {f"response_{nurse.pk}": "ACCEPTED", f"response_{carer.pk}": "DECLINED"}
    assert client.post(url, form).status_code == 302
    assert dict(Invitee.objects.values_list("pk", "response")) == {nurse.pk: "ACCEPTED", carer.pk: "DECLINED"}
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED, cancel_reason="Ill")
    refused = _page(client.post(url, {f"response_{nurse.pk}": "DECLINED", f"response_{carer.pk}": "DECLINED"}))
    assert "This meeting is cancelled: it can no longer be changed" in refused
    assert Invitee.objects.get(pk=nurse.pk).response == "ACCEPTED"
