"""Team pages: bad input refused with nothing stored; gaps and breaches listed (B1, B2, B11)."""

import html

import pytest
from django.urls import reverse

from joinedup.teams.models import KeyWorkerAssignment, TeamMembership

pytestmark = pytest.mark.django_db


def test_r_b1_membership_ending_before_it_starts_is_refused_on_the_form(client, world):
    membership = TeamMembership.objects.get(child=world.child, practitioner=world.team_member)
    client.force_login(world.manager.user)
    response = client.post(
        reverse("teams:team-member-end", args=[world.child.pk, membership.pk]),
        {"end_date-day": "1", "end_date-month": "1", "end_date-year": "2020", "reason": "Left"},
    )
    assert "End date must be the same as or after the start date" in html.unescape(response.content.decode())
    membership.refresh_from_db()
    assert membership.end_date is None


def test_r_b1_add_member_with_no_choice_shows_the_error_summary(client, world):
    client.force_login(world.key_worker.user)
    response = client.post(reverse("teams:team-member-add", args=[world.child.pk]), {})
    body = html.unescape(response.content.decode())
    assert "There is a problem" in body
    assert "Select a practitioner" in body
    assert "Enter their role in the child's team" in body


def test_r_b2_key_worker_form_offers_only_team_members_and_needs_a_reason(client, world):
    client.force_login(world.manager.user)
    url = reverse("teams:key-worker-assign", args=[world.child.pk])
    response = client.post(url, {"practitioner": str(world.same_org_outsider.pk), "reason": "Good fit"})
    assert "Select someone in the child's team" in html.unescape(response.content.decode())
    response = client.post(url, {"practitioner": str(world.team_member.pk), "reason": ""})
    assert "Enter why this practitioner is the right key worker" in html.unescape(response.content.decode())
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == world.key_worker


def test_r_b2_children_without_a_key_worker_are_listed_for_their_manager(client, world):
    KeyWorkerAssignment.objects.filter(child=world.child).update(end_date=world.child.date_of_birth.replace(year=2026))
    client.force_login(world.manager.user)
    body = html.unescape(client.get(reverse("teams:without-key-worker")).content.decode())
    assert world.child.family_name in body
    client.force_login(world.key_worker.user)
    assert client.get(reverse("teams:without-key-worker")).status_code == 403


def test_r_b1_unmet_needs_lists_needs_nobody_in_the_team_is_skilled_for(client, world):
    # world.child needs complex health (the nurse has it) and learning disability (the social worker has it).
    client.force_login(world.manager.user)
    assert world.child.family_name not in html.unescape(client.get(reverse("teams:unmet-needs")).content.decode())
    TeamMembership.objects.filter(child=world.child, practitioner=world.team_member).update(
        end_date=world.child.date_of_birth.replace(year=2026)
    )
    body = html.unescape(client.get(reverse("teams:unmet-needs")).content.decode())
    assert world.child.family_name in body
    assert "Complex and enduring health needs" in body


def test_r_b11_family_sees_the_key_worker_contact_details(client, world):
    client.force_login(world.parent)
    body = html.unescape(client.get(reverse("portal:child", args=[world.child.pk])).content.decode())
    assert world.key_worker.full_name in body
    assert world.key_worker.phone in body
    assert world.key_worker.email in body
