"""C12 consultation pages: members and managers record; the list is newest first; outsiders 404."""

import html
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.consultations import services
from joinedup.consultations.choices import AdvisedTeam
from joinedup.consultations.models import Consultation

pytestmark = pytest.mark.django_db


def _list(world):
    return reverse("consultations:consultation-list", args=[world.child.pk])


def _add(world):
    return reverse("consultations:consultation-add", args=[world.child.pk])


TOMORROW = "tomorrow"  # worked out when the test runs, not when it is collected (a run may pass midnight)


def _form(on=None, **changes):
    on = timezone.localdate() + timedelta(days=1) if on == TOMORROW else (on or timezone.localdate())
    return {
        "advised_team": "EARLY_HELP",
        "advised_team_name": "",
        "advised_contact": "Sam Lee, early help key worker",
        "given_on-day": str(on.day),
        "given_on-month": str(on.month),
        "given_on-year": str(on.year),
        "question": "How can the family get short breaks?",
        "advice": "Apply for a short breaks assessment; we sent the form.",
    } | changes


def _given(world, by, on, advice):
    return services.record_consultation(
        child=world.child,
        advised_team=AdvisedTeam.YOUTH_JUSTICE,
        advised_team_name="",
        advised_contact="Youth offending worker",
        given_on=on,
        question="Question",
        advice=advice,
        by=by,
        now=timezone.now(),
        today=timezone.localdate(),
    )


@pytest.mark.parametrize("persona", ["key_worker", "team_member", "manager"])
def test_r_c12_members_and_managers_record_a_consultation_as_the_adviser(client, world, persona):
    user = world.personas()[persona]
    client.force_login(user)
    response = client.post(_add(world), _form())
    assert response.status_code == 302
    assert response["Location"] == _list(world)
    consultation = Consultation.objects.get()
    assert consultation.adviser == user
    assert consultation.advised_team == AdvisedTeam.EARLY_HELP


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"on": TOMORROW}, "Date the advice was given must be today or in the past"),
        ({"advised_team": ""}, "Select the team you advised"),
        ({"advised_team": "OTHER"}, "Enter the name of the team you advised"),
        ({"advice": ""}, "Enter the advice you gave"),
        ({"given_on-day": "31", "given_on-month": "2"}, "Date the advice was given must be a real date"),
    ],
)
def test_r_c12_bad_input_is_refused_with_nothing_stored(client, world, changes, message):
    client.force_login(world.key_worker.user)
    response = client.post(_add(world), _form(**changes))
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    assert not Consultation.objects.exists()


def test_r_c12_the_list_shows_the_newest_advice_first(client, world):
    _given(world, world.key_worker.user, date(2026, 1, 10), "Older advice")
    _given(world, world.manager.user, date(2026, 3, 2), "Newer advice")
    client.force_login(world.team_member.user)
    body = html.unescape(client.get(_list(world)).content.decode())
    assert body.index("Newer advice") < body.index("Older advice")
    assert "Record a consultation" in body


def test_r_c12_the_list_audits_one_read_and_its_queries_do_not_grow(client, world):
    client.force_login(world.key_worker.user)
    _given(world, world.key_worker.user, date(2026, 1, 10), "First")
    before = AuditEvent.objects.filter(child=world.child).count()
    with CaptureQueriesContext(connection) as one:
        client.get(_list(world))
    assert AuditEvent.objects.filter(child=world.child).count() == before + 1
    for n in range(4):
        _given(world, world.manager.user, date(2026, 2, n + 1), f"Advice {n}")
    with CaptureQueriesContext(connection) as five:
        client.get(_list(world))
    assert len(five) == len(one)


@pytest.mark.parametrize(
    "persona",
    [
        "same_org_outsider",
        "other_area",
        "ended_member",
        "operations_manager",
        "parent",
        "commissioner",
        "administrator",
    ],
)
def test_r_c12_outsiders_cannot_see_or_record_consultations(client, world, persona):
    _given(world, world.key_worker.user, date(2026, 1, 10), "Private advice")
    client.force_login(world.personas()[persona])
    assert client.get(_list(world)).status_code == 404
    assert client.get(_add(world)).status_code == 404
    assert client.post(_add(world), _form()).status_code == 404
    assert Consultation.objects.count() == 1
