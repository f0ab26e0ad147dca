"""Closing a case from the child's page (C11) and the retention report for administrators (G4)."""

import html
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape

from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.closure import services
from joinedup.closure.models import Closure, ClosureReason
from joinedup.organisations.tests.factories import AreaFactory, UserFactory
from joinedup.people.models import Child
from joinedup.people.tests.factories import ChildFactory
from joinedup.teams.models import TeamMembership
from joinedup.transfers.services import propose_transfer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reasons(world):
    """The area's closure reasons, as the close page loads them the first time."""
    return services.load_default_reasons(area=world.area, by=None, now=timezone.now())


def _url(world):
    return reverse("closure:case-close", args=[world.child.pk])


TOMORROW = "tomorrow"  # worked out when the test runs, not when it is collected (a run may pass midnight)


def _form(reason="MOVED_AREA", on=None, note="Family moved to Southshire"):
    on = timezone.localdate() + timedelta(days=1) if on == TOMORROW else (on or timezone.localdate())
    return {
        "reason": str(ClosureReason.objects.get(area__name="Northshire", code=reason).pk) if reason else "",
        "closed_on-day": str(on.day),
        "closed_on-month": str(on.month),
        "closed_on-year": str(on.year),
        "note": note,
    }


def test_r_c11_the_close_page_shows_exactly_what_will_end_before_the_button(client, world):
    client.force_login(world.manager.user)
    body = html.unescape(client.get(_url(world)).content.decode())
    assert "2 members leave the team" in body
    assert str(escape(f"{world.key_worker.full_name} stops being key worker")) in body
    assert "Safeguarding & Support no longer holds the case" in body
    assert body.index("members leave the team") < body.index('data-module="govuk-button"')
    assert "The family moved to another area" in body  # the reasons are the data in the database


def test_r_c11_the_close_page_sends_a_child_on_the_transfer_list_back_to_the_transfer(client, world):
    transfer = propose_transfer(
        child=world.child, to_hub=world.other_hub.hub, reason="Risk reduced", by=world.manager.user, now=timezone.now()
    )
    client.force_login(world.manager.user)
    body = html.unescape(client.get(_url(world)).content.decode())
    assert "Complete or withdraw the transfer first" in body
    assert reverse("transfers:transfer-detail", args=[transfer.pk]) in body
    assert 'data-module="govuk-button"' not in body
    response = client.post(_url(world), _form())
    assert "Complete or withdraw the transfer first" in html.unescape(response.content.decode())
    assert not Closure.objects.exists()


def test_r_c11_a_manager_closes_the_case_and_is_told_how_long_it_is_kept(client, world):
    client.force_login(world.manager.user)
    response = client.post(_url(world), _form(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("people:my-children")
    body = html.unescape(response.content.decode())
    assert f"Case {world.child.local_id} closed. The record is kept until 1 June 2040." in body
    assert Closure.objects.get().child_id == world.child.pk
    assert client.get(reverse("people:child-detail", args=[world.child.pk])).status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": None}, "Select why the case is closing"),
        ({"on": TOMORROW}, "Date the case closed must be today or in the past"),
        ({"on": date(2015, 5, 31)}, "Date the case closed must be on or after the child's date of birth"),
        ({"on": date(2026, 1, 4)}, "when the latest allocation or place in the team started"),
        ({"note": ""}, "Enter a closing summary"),
    ],
)
def test_r_c11_bad_input_is_refused_with_nothing_stored(client, world, changes, message):
    client.force_login(world.manager.user)
    response = client.post(_url(world), _form(**changes))
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    assert not Closure.objects.exists()
    assert Child.objects.get(pk=world.child.pk).holding_team_id == world.hub.pk
    assert TeamMembership.objects.current().filter(child=world.child).count() == 2


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("team_member", 403),
        ("key_worker", 403),
        ("same_org_outsider", 404),
        ("other_area", 404),
        ("ended_member", 404),
        ("operations_manager", 404),
        ("parent", 404),
        ("young_person", 404),
        ("commissioner", 404),
        ("administrator", 404),
    ],
)
def test_r_c11_only_a_manager_with_reach_closes_a_case(client, world, persona, status):
    client.force_login(world.personas()[persona])
    assert client.get(_url(world)).status_code == status
    assert client.post(_url(world), _form()).status_code == status
    assert not Closure.objects.exists()


# ---- G4: records past their retention date ------------------------------------------------


def _closed(area, retain_until, **child):
    closed = ChildFactory(area=area, **child)
    reasons = {r.code: r for r in services.load_default_reasons(area=area, by=None, now=timezone.now())}
    return Closure.objects.create(
        child=closed,
        reason=reasons["MOVED_AREA"],
        closed_on=date(2001, 1, 1),
        note="Moved away",
        retain_until=retain_until,
        closed_by=UserFactory(area=area),
        closed_at=timezone.now(),
    )


def test_r_g4_the_retention_report_lists_only_records_past_their_date_by_local_id(client, world):
    today = timezone.localdate()
    past = _closed(world.area, today - timedelta(days=1), given_name="Zephyrine", family_name="Quillfeather")
    kept = _closed(world.area, today)  # the last day it is kept: not yet past
    elsewhere = _closed(AreaFactory(name="Eastshire"), today - timedelta(days=400))
    reopened = _closed(world.area, today - timedelta(days=30), holding_team=world.hub)
    # Closed, past, then closed again later with a new date: the latest closure counts.
    again = _closed(world.area, today - timedelta(days=30))
    Closure.objects.create(
        child=again.child,
        reason=again.reason,
        closed_on=date(2002, 1, 1),
        note="Closed again",
        retain_until=today + timedelta(days=365),
        closed_by=again.closed_by,
        closed_at=again.closed_at + timedelta(days=1),
    )

    client.force_login(world.administrator)
    body = html.unescape(client.get(reverse("closure:retention-report")).content.decode())

    assert past.child.local_id in body
    for hidden in (kept, elsewhere, reopened, again):
        assert hidden.child.local_id not in body
    assert "Zephyrine" not in body
    assert "Quillfeather" not in body
    assert "Moved away" not in body  # no case content
    assert "1 record to review" in body
    [seen] = AuditEvent.objects.filter(action=AuditAction.LISTED, user=world.administrator)
    assert seen.child_id == past.child_id


def test_r_g4_the_retention_report_is_for_administrators_only(client, world):
    for persona in ("manager", "operations_manager", "key_worker", "commissioner", "parent"):
        client.force_login(world.personas()[persona])
        assert client.get(reverse("closure:retention-report")).status_code == 403, persona
    client.logout()
    assert client.get(reverse("closure:retention-report")).status_code == 302


def test_r_g4_the_retention_report_says_when_nothing_is_past(client, world):
    client.force_login(world.administrator)
    assert "No closed record in your area is past its retention date" in html.unescape(
        client.get(reverse("closure:retention-report")).content.decode()
    )


def test_r_g4_the_retention_report_queries_do_not_grow_with_the_records(client, world):
    past = timezone.localdate() - timedelta(days=1)
    client.force_login(world.administrator)
    _closed(world.area, past)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("closure:retention-report"))
    for _ in range(5):
        _closed(world.area, past)
    with CaptureQueriesContext(connection) as six:
        body = html.unescape(client.get(reverse("closure:retention-report")).content.decode())
    assert "6 records to review" in body
    assert len(six) == len(one)
