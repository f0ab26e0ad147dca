"""The allocation screen: suggestion with reasons, workers' loads, allocate or a clear refusal (C3, C4)."""

import html

import pytest
from django.urls import reverse

from joinedup.allocation import services
from joinedup.allocation.choices import HubCode
from joinedup.allocation.models import Allocation, CaseloadCapacity

pytestmark = pytest.mark.django_db

FACTS = {"risk_tier": "HIGH", "overnight_respite": "NONE", "section_47_open": "on"}


@pytest.fixture
def url(world):
    services.configure_hub(team=world.hub, code=HubCode.SAFEGUARDING_SUPPORT)
    services.configure_hub(team=world.other_hub, code=HubCode.STRENGTHENING_FAMILIES)
    return reverse("allocation:child-allocate", args=[world.child.pk])


def test_r_c3_the_screen_suggests_a_hub_and_says_why(client, world, url):
    client.force_login(world.manager.user)
    body = html.unescape(client.post(url, FACTS | {"action": "suggest"}).content.decode())
    assert "Suggested: Safeguarding & Support" in body
    assert "C3-S47" in body
    assert world.same_org_outsider.full_name in body  # a social worker of the hub, with their load


def test_r_c4_the_screen_shows_each_worker_load_against_capacity(client, world, url):
    CaseloadCapacity.objects.create(practitioner=world.same_org_outsider, capacity=0)
    client.force_login(world.manager.user)
    body = html.unescape(client.post(url, FACTS | {"action": "suggest"}).content.decode())
    assert "At capacity" in body


def test_r_c4_allocating_beyond_capacity_is_refused_with_a_clear_message(client, world, url):
    CaseloadCapacity.objects.create(practitioner=world.same_org_outsider, capacity=0)
    client.force_login(world.manager.user)
    hub = world.hub.hub
    response = client.post(
        url,
        FACTS
        | {
            "action": "allocate",
            "hub": str(hub.pk),
            "practitioner": str(world.same_org_outsider.pk),
            "relationship": "ALLOCATED",
        },
    )
    body = html.unescape(response.content.decode())
    assert "There is a problem" in body
    assert "capacity" in body
    assert not Allocation.objects.exists()


def test_r_c3_allocating_records_the_decision_and_returns_to_the_child(client, world, url):
    client.force_login(world.manager.user)
    hub = world.hub.hub
    response = client.post(
        url,
        FACTS
        | {
            "action": "allocate",
            "hub": str(hub.pk),
            "practitioner": str(world.same_org_outsider.pk),
            "relationship": "ALLOCATED",
        },
    )
    assert response["Location"] == reverse("people:child-detail", args=[world.child.pk])
    allocation = Allocation.objects.get(child=world.child)
    assert allocation.practitioner == world.same_org_outsider
    assert "C3-S47" in [f["rule"] for f in allocation.fired_rules]


def test_missing_facts_show_the_error_summary(client, world, url):
    client.force_login(world.manager.user)
    body = html.unescape(client.post(url, {"action": "suggest"}).content.decode())
    assert "Select the level of risk" in body
