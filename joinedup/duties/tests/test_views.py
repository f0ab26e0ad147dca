"""Worklists and recording duties through the pages (C5): what a worker sees on a Monday morning."""

import html
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.duties import selectors, services, team_list
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import CadenceAgreement, Duty
from joinedup.people.models import Child
from joinedup.people.tests.factories import ChildFactory
from joinedup.teams.models import KeyWorkerAssignment
from joinedup.teams.tests.factories import KeyWorkerAssignmentFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _sweep():
    services.sweep(today=_today(), now=timezone.now())


def _overdue(child, kind=DutyKind.VISIT, days=3):
    Duty.objects.open().filter(child=child, kind=kind).update(
        starts_on=_today() - timedelta(days=days), due_on=_today() - timedelta(days=days)
    )


def _page(client, url):
    return html.unescape(client.get(url).content.decode())


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _caseload(world, practitioner, n):
    for _ in range(n):
        child = ChildFactory(area=world.area, holding_team=world.hub)
        TeamMembershipFactory(child=child, practitioner=practitioner, added_by=world.manager.user)
        KeyWorkerAssignmentFactory(child=child, practitioner=practitioner, assigned_by=world.manager.user)
    _sweep()
    Duty.objects.open().filter(owner=practitioner, kind=DutyKind.VISIT).update(
        starts_on=_today() - timedelta(days=1), due_on=_today() - timedelta(days=1)
    )


def test_r_c5_due_this_week_lists_my_overdue_items_first_and_not_others(client, world):
    _sweep()
    _overdue(world.child)
    client.force_login(world.key_worker.user)
    body = _page(client, reverse("duties:due-this-week"))
    assert "Overdue" in body
    assert world.child.full_name in body
    assert world.other_child.full_name not in body  # another hub's child, not theirs
    client.force_login(world.team_member.user)  # in the team, but owns nothing
    assert "Nothing of yours is overdue" in _page(client, reverse("duties:due-this-week"))


def test_r_c5_my_children_shows_the_next_due_item_and_overdue_children_first(client, world):
    # Key workers from today: their first contact (B4-CONTACT) is not due yet, so only the visit is overdue.
    KeyWorkerAssignment.objects.filter(child=world.child).update(start_date=_today())
    _sweep()
    other = ChildFactory(area=world.area, holding_team=world.hub, family_name="Aardvark")
    TeamMembershipFactory(child=other, practitioner=world.key_worker, added_by=world.manager.user)
    KeyWorkerAssignmentFactory(
        child=other, practitioner=world.key_worker, assigned_by=world.manager.user, start_date=_today()
    )
    _sweep()
    _overdue(world.child)
    client.force_login(world.key_worker.user)
    body = _page(client, reverse("people:my-children"))
    assert body.index(world.child.family_name) < body.index("Aardvark")  # overdue first, despite the name
    assert "Visit to the child" in body
    assert "Overdue" in body


def test_r_c5_a_team_manager_sees_their_teams_overdue_items_and_counts_by_hub(client, world):
    _sweep()
    _overdue(world.child)
    _overdue(world.other_child)  # held by Strengthening Families, not the manager's hub
    client.force_login(world.manager.user)
    body = _page(client, reverse("duties:team-overdue"))
    assert world.child.full_name in body
    assert world.other_child.full_name not in body
    counts = body.split("By hub", 1)[1]
    assert world.hub.name in counts
    assert world.other_hub.name not in counts  # not a team of theirs: monthly performance has every hub
    mine = team_list.my_hubs_figures(world.manager.user, _today())
    assert [c.name for c in mine] == [world.hub.name]
    assert mine[0].overdue == Duty.objects.open().filter(child__holding_team=world.hub, due_on__lt=_today()).count()
    # The same figures as the monthly performance page's for that hub.
    (theirs,) = [c for c in selectors.counts_by_hub(world.area.pk, _today()) if c.hub.team == world.hub]
    assert (mine[0].open, mine[0].overdue, mine[0].due_this_week) == (theirs.open, theirs.overdue, theirs.due_this_week)
    assert mine[0].open > mine[0].overdue > 0


def test_r_c5_the_team_overdue_list_comes_a_page_at_a_time_and_audits_only_what_it_shows(client, world):
    from joinedup.audit.models import AuditEvent
    from joinedup.duties.views import TEAM_PAGE_SIZE

    _caseload(world, world.same_org_outsider, TEAM_PAGE_SIZE + 5)  # each with an overdue visit
    lists = team_list.team_lists(world.manager.user, _today())
    overdue, total = lists.overdue, lists.overdue_count
    assert total == Duty.objects.open().filter(child__holding_team=world.hub, due_on__lt=_today()).count()
    assert total > TEAM_PAGE_SIZE
    client.force_login(world.manager.user)
    url = reverse("duties:team-overdue")
    listed_before = AuditEvent.objects.filter(what="Team overdue list").count()  # append-only: count the new
    first = _page(client, url)
    assert f"Showing 1 to {TEAM_PAGE_SIZE} of {total}" in first
    assert AuditEvent.objects.filter(what="Team overdue list").count() - listed_before == len(
        {d.child_id for d in overdue[:TEAM_PAGE_SIZE]}
    )
    assert 'aria-label="Pages of duties"' in first
    assert "?page=2" in first
    second = _page(client, url + "?page=2")
    assert f"Showing {TEAM_PAGE_SIZE + 1} to {min(total, 2 * TEAM_PAGE_SIZE)} of {total}" in second
    assert overdue[TEAM_PAGE_SIZE].child.full_name in second
    last_page = (total + TEAM_PAGE_SIZE - 1) // TEAM_PAGE_SIZE
    past_the_end = _page(client, url + "?page=99")
    assert f"of {total}" in past_the_end
    assert overdue[total - 1].child.full_name in past_the_end
    assert 'aria-current="page"' in past_the_end.split("Pages of duties", 1)[1]
    assert f"?page={last_page - 1}" in past_the_end


def test_r_c5_the_manager_switches_to_the_duties_nobody_owns(client, world):
    _sweep()
    Duty.objects.open().filter(child=world.child, kind=DutyKind.VISIT).update(
        owner=None, due_on=_today() + timedelta(days=3)
    )
    client.force_login(world.manager.user)
    url = reverse("duties:team-overdue")
    assert "Nobody owns yet (1)" in _page(client, url)
    body = _page(client, url + "?show=unowned")
    assert "Nobody owns these yet: allocate a worker" in body
    assert world.child.full_name in body
    assert 'aria-current="page">Nobody owns yet (1)' in body


def test_r_c5_counts_by_hub_count_open_duties_only_in_a_fixed_number_of_queries(world):
    def counts():
        with CaptureQueriesContext(connection) as ctx:
            rows = {c.hub.team_id: c for c in selectors.counts_by_hub(world.area.pk, _today())}
        return rows, len(ctx.captured_queries)

    def expected(team):
        duties = Duty.objects.open().filter(child__holding_team=team)
        week = (_today(), _today() + timedelta(days=selectors.WEEK))
        return (
            Child.objects.filter(holding_team=team).count(),
            duties.count(),
            duties.filter(due_on__lt=_today()).count(),
            duties.filter(due_on__range=week).count(),
        )

    _sweep()
    _overdue(world.child)
    before, queries = counts()
    mine = before[world.hub.pk]
    assert (mine.children, mine.open, mine.overdue, mine.due_this_week) == expected(world.hub)
    assert mine.overdue >= 1
    visit = Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT)
    services.complete_duty(
        duty=visit, on=_today(), note="Seen", by=world.key_worker.user, now=timezone.now(), today=_today()
    )
    for _ in range(3):
        ChildFactory(area=world.area, holding_team=world.hub)
    _sweep()
    after, queries_after = counts()
    mine = after[world.hub.pk]
    assert (mine.children, mine.open, mine.overdue, mine.due_this_week) == expected(world.hub)
    assert Duty.objects.filter(child__holding_team=world.hub, status=DutyStatus.DONE).exists()  # not counted
    other = after[world.other_hub.pk]
    assert (other.children, other.open, other.overdue, other.due_this_week) == expected(world.other_hub)
    assert queries_after == queries


def test_r_c5_the_team_overdue_list_is_for_managers(client, world):
    client.force_login(world.key_worker.user)
    assert client.get(reverse("duties:team-overdue")).status_code == 403


def test_r_c5_recording_a_visit_moves_the_next_due_date(client, world):
    _sweep()
    visit = Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT)
    client.force_login(world.key_worker.user)
    url = reverse("duties:duty-done", args=[world.child.pk, visit.pk])
    day = _today()
    response = client.post(
        url, {"done_on-day": day.day, "done_on-month": day.month, "done_on-year": day.year, "note": "Seen alone"}
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.status, visit.completed_on) == (DutyStatus.DONE, day)
    following = Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT)
    assert following.due_on == day + timedelta(days=42)
    body = _page(client, response["Location"])
    assert f"the next is due {following.due_on:%-d %B %Y}" in body


def test_r_c5_a_future_date_is_refused_and_nothing_recorded(client, world):
    _sweep()
    visit = Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT)
    client.force_login(world.key_worker.user)
    day = _today() + timedelta(days=2)
    form = {"done_on-day": day.day, "done_on-month": day.month, "done_on-year": day.year, "note": "Typed note"}
    body = html.unescape(
        client.post(reverse("duties:duty-done", args=[world.child.pk, visit.pk]), form).content.decode()
    )
    assert "There is a problem" in body
    assert "The date it was done must be today or in the past" in body
    assert "Typed note" in body
    visit.refresh_from_db()
    assert visit.status == DutyStatus.OPEN


def test_r_c5_a_duty_of_another_child_is_404(client, world):
    _sweep()
    other_duty = Duty.objects.open().filter(child=world.other_child).first()
    client.force_login(world.key_worker.user)
    assert client.get(reverse("duties:duty-done", args=[world.child.pk, other_duty.pk])).status_code == 404


def test_r_c5_a_manager_agrees_less_frequent_visits_with_a_reason(client, world):
    _sweep()
    before = Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT).due_on
    client.force_login(world.manager.user)
    url = reverse("duties:cadence-agree", args=[world.child.pk])
    response = client.post(url, {"kind": "VISIT", "weeks": "8", "reason": "Settled; family asked"})
    assert response.status_code == 302
    assert CadenceAgreement.objects.get(child=world.child).interval_days == 56
    assert Duty.objects.open().get(child=world.child, kind=DutyKind.VISIT).due_on == before + timedelta(days=14)


def test_r_c5_a_review_cadence_outside_review_and_intervention_is_refused_on_the_page(client, world):
    client.force_login(world.manager.user)
    url = reverse("duties:cadence-agree", args=[world.child.pk])
    body = html.unescape(client.post(url, {"kind": "CIN_REVIEW", "weeks": "26", "reason": "x"}).content.decode())
    assert "Safeguarding & Support reviews are at the hub's cadence" in body
    assert not CadenceAgreement.objects.exists()


def test_worklist_query_counts_do_not_grow_with_the_caseload(client, world):
    worker = world.same_org_outsider
    client.force_login(worker.user)
    _caseload(world, worker, 5)
    urls = [reverse("duties:due-this-week"), reverse("people:my-children")]
    small = [_queries(client, u) for u in urls]
    _caseload(world, worker, 30)
    assert [_queries(client, u) for u in urls] == small
    client.force_login(world.manager.user)
    team = reverse("duties:team-overdue")
    before = _queries(client, team)
    _caseload(world, worker, 10)
    assert _queries(client, team) == before
