"""The transfer list and transfer pages: who sees them, the weekly review flag, recording a step."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.accounts.choices import Role
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.transfers import services
from joinedup.transfers.models import Transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def transfer(world):
    return services.propose_transfer(
        child=world.child, to_hub=world.other_hub.hub, reason="Risk reduced", by=world.manager.user, now=timezone.now()
    )


def test_r_c7_the_transfer_list_flags_items_not_reviewed_for_a_week(client, world, transfer):
    Transfer.objects.filter(pk=transfer.pk).update(last_reviewed_at=timezone.now() - timedelta(days=8))
    client.force_login(world.manager.user)
    body = html.unescape(client.get(reverse("transfers:transfer-list")).content.decode())
    assert world.child.full_name in body
    assert "Not reviewed for 8 days" in body


def test_r_c7_the_incoming_manager_agrees_on_the_transfer_page(client, world, transfer):
    incoming = PractitionerFactory(
        organisation=world.hub.organisation,
        user__role=Role.TEAM_MANAGER,
        job_role=JobRole.TEAM_MANAGER,
        teams=[world.other_hub],
    )
    client.force_login(incoming.user)
    url = reverse("transfers:transfer-detail", args=[transfer.pk])
    assert "Incoming manager agreed" in html.unescape(client.get(url).content.decode())
    response = client.post(url, {"step": "AGREE"})
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == "AGREED"


@pytest.mark.parametrize(
    "persona",
    ["team_member", "key_worker", "same_org_outsider", "other_area", "parent", "commissioner", "administrator"],
)
def test_r_g1_transfer_pages_are_for_the_managers_taking_part(client, world, transfer, persona):
    client.force_login(world.personas()[persona])
    assert client.get(reverse("transfers:transfer-detail", args=[transfer.pk])).status_code == 404
    assert client.post(reverse("transfers:transfer-detail", args=[transfer.pk]), {"step": "AGREE"}).status_code == 404
    list_response = client.get(reverse("transfers:transfer-list"))
    assert list_response.status_code == 403 or world.child.family_name not in html.unescape(
        list_response.content.decode()
    )
