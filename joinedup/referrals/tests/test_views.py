"""Referral and criteria pages: the criteria met shown with the decision, editing a criterion, access."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.accounts.choices import Role
from joinedup.organisations.tests.factories import UserFactory
from joinedup.people.models import Child
from joinedup.referrals import services
from joinedup.referrals.models import Referral, ThresholdCriterion

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(world):
    return services.record_referral(
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
        source="HEALTH",
        received_on=timezone.localdate(),
        given_name="Rowan",
        family_name="Referred",
        date_of_birth=date(2017, 4, 2),
        nhs_number="",
        needs=["SENSORY_IMPAIRMENT"],
        reason="Profound hearing loss",
        severe=True,
    )


def test_r_c1_the_decision_page_shows_which_criteria_are_met(client, world, referral):
    client.force_login(world.manager.user)
    body = html.unescape(client.get(reverse("referrals:referral-detail", args=[referral.pk])).content.decode())
    assert "Referral for Rowan Referred" in body
    rows = dict(
        re.findall(
            r'<dt class="govuk-summary-list__key">\s*(.*?)\s*</dt>\s*'
            r'<dd class="govuk-summary-list__value">\s*(.*?)\s*</dd>',
            body,
        )
    )
    assert rows["Severe or profound sensory impairment"] == "Met: sensory impairment"
    assert rows["Life-limiting illness"] == "Not met"


def test_r_c1_a_manager_records_a_referral_and_accepts_it(client, world):
    client.force_login(world.manager.user)
    today = timezone.localdate()
    response = client.post(
        reverse("referrals:referral-new"),
        {
            "source": "MASH",
            "received_on-day": today.day,
            "received_on-month": today.month,
            "received_on-year": today.year,
            "given_name": "Sky",
            "family_name": "Newcomer",
            "date_of_birth-day": 2,
            "date_of_birth-month": 4,
            "date_of_birth-year": 2017,
            "needs": ["LIFE_LIMITING"],
            "severe": "yes",
            "reason": "Life-limiting illness, referred by MASH",
        },
    )
    referral = Referral.objects.get(family_name="Newcomer")
    assert response.status_code == 302
    assert response.url == referral.get_absolute_url()
    response = client.post(referral.get_absolute_url(), {"decision": "ACCEPT", "local_id": "R-TEST-1"})
    assert response.status_code == 302
    child = Child.objects.get(local_id="R-TEST-1")
    assert child.holding_team == world.hub
    assert f'href="/children/{child.pk}/"' in html.unescape(client.get(referral.get_absolute_url()).content.decode())


def test_r_c1_not_accepting_without_a_reason_shows_the_error(client, world, referral):
    client.force_login(world.manager.user)
    body = html.unescape(client.post(referral.get_absolute_url(), {"decision": "NOT_ACCEPT"}).content.decode())
    assert "Enter why the referral is not accepted" in body
    assert "<title>Error:" in body


def test_r_c1_the_list_puts_referrals_waiting_for_a_decision_first(
    client, world, referral, django_assert_max_num_queries
):
    client.force_login(world.manager.user)
    with django_assert_max_num_queries(12):
        body = html.unescape(client.get(reverse("referrals:referral-list")).content.decode())
    assert "Rowan Referred" in body


def test_r_c1_an_administrator_edits_a_criterion(client, world):
    client.force_login(world.administrator)
    body = html.unescape(client.get(reverse("referrals:criterion-list")).content.decode())
    assert "Severe or profound learning or physical disability" in body
    criterion = ThresholdCriterion.objects.get(area=world.area, code="SENSORY")
    url = reverse("referrals:criterion-edit", args=[criterion.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"text": "Severe sensory impairment", "active": "yes"})
    assert "Select at least one need" in html.unescape(refused.content.decode())
    response = client.post(
        url,
        {
            "text": "Severe or profound sensory impairment, including deafblind",
            "needs": ["SENSORY_IMPAIRMENT"],
            "active": "no",
        },
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert (criterion.text, criterion.active) == ("Severe or profound sensory impairment, including deafblind", False)


@pytest.mark.parametrize(
    "persona",
    [
        "team_member",
        "key_worker",
        "same_org_outsider",
        "operations_manager",
        "other_area",
        "parent",
        "young_person",
        "commissioner",
        "administrator",
    ],
)
def test_r_c1_referral_pages_are_for_the_managers_of_the_area_cwdt(client, world, referral, persona):
    client.force_login(world.personas()[persona])
    assert client.get(reverse("referrals:referral-list")).status_code == 403
    assert client.get(reverse("referrals:referral-new")).status_code == 403
    assert client.get(referral.get_absolute_url()).status_code == 404
    assert client.post(referral.get_absolute_url(), {"decision": "ACCEPT"}).status_code == 404


@pytest.mark.parametrize("persona", ["manager", "key_worker", "other_area", "parent", "commissioner"])
def test_r_c1_criteria_pages_are_for_administrators(client, world, persona):
    services.load_default_criteria(area=world.area, by=None, now=timezone.now())
    criterion = ThresholdCriterion.objects.filter(area=world.area).first()
    client.force_login(world.personas()[persona])
    assert client.get(reverse("referrals:criterion-list")).status_code == 403
    assert client.get(reverse("referrals:criterion-edit", args=[criterion.pk])).status_code == 404


def test_r_c1_an_administrator_of_another_area_cannot_edit_this_areas_criteria(client, world):
    services.load_default_criteria(area=world.area, by=None, now=timezone.now())
    criterion = ThresholdCriterion.objects.filter(area=world.area).first()
    other = UserFactory(area=world.other_area_practitioner.organisation.area, role=Role.ADMINISTRATOR)
    client.force_login(other)
    assert client.get(reverse("referrals:criterion-edit", args=[criterion.pk])).status_code == 404
