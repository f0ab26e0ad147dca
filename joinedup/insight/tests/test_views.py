"""Figures for the area: commissioners see counts, never a named child (G1)."""

import html

import pytest
from django.urls import reverse

from joinedup.teams.models import KeyWorkerAssignment

pytestmark = pytest.mark.django_db

WITHOUT_KEY_WORKER = 'Without a key worker</dt><dd class="govuk-summary-list__value">{}<'


def test_r_g1_commissioners_see_counts_and_no_child_names(client, world):
    client.force_login(world.commissioner)
    response = client.get(reverse("insight:area-figures"))
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    for child in (world.child, world.other_child):
        assert child.family_name not in body
        assert child.nhs_number not in body


def test_r_b2_area_figures_count_children_without_a_key_worker(client, world):
    client.force_login(world.manager.user)
    # world.child has a key worker, other_child has none; the other area's child is not counted.
    body = html.unescape(client.get(reverse("insight:area-figures")).content.decode())
    assert WITHOUT_KEY_WORKER.format(1) in body
    KeyWorkerAssignment.objects.filter(child=world.child).update(end_date=world.child.date_of_birth.replace(year=2026))
    body = html.unescape(client.get(reverse("insight:area-figures")).content.decode())
    assert WITHOUT_KEY_WORKER.format(2) in body


@pytest.mark.parametrize("persona", ["team_member", "key_worker", "parent", "young_person", "administrator"])
def test_r_g1_figures_are_for_commissioners_and_managers_only(client, world, persona):
    client.force_login(world.personas()[persona])
    assert client.get(reverse("insight:area-figures")).status_code == 403


def test_home_sends_commissioners_to_the_figures_and_administrators_to_the_audit_lookup(client, world):
    client.force_login(world.commissioner)
    assert client.get("/")["Location"] == reverse("insight:area-figures")
    client.force_login(world.administrator)
    assert client.get("/")["Location"] == reverse("audit:lookup")
