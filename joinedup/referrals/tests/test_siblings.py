"""A4 one family, one social worker: a brother or sister of a child the team holds is the team's (CwDT 1.4, 5.4)."""

import html
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from joinedup.accounts.choices import Role
from joinedup.allocation import services as allocation_services
from joinedup.allocation.choices import HubCode, WorkerRelationship
from joinedup.allocation.models import Allocation, Hub
from joinedup.core.rules import RuleViolations
from joinedup.notifications.models import Notification
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory, TeamFactory
from joinedup.people.models import Child, SiblingLink
from joinedup.referrals import rules, services
from joinedup.referrals.choices import ReferralStatus
from joinedup.referrals.models import Referral

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def _sibling_referral(world, sibling_local_id, **overrides):
    values = {
        "source": "MASH",
        "received_on": TODAY,
        "given_name": "Sky",
        "family_name": "Sibling",
        "date_of_birth": date(2019, 6, 1),
        "nhs_number": "",
        "needs": [],
        "reason": "Brother has a profound disability; family need support",
        "severe": False,
        "sibling_local_id": sibling_local_id,
    }
    return services.record_referral(by=world.manager.user, now=NOW, today=TODAY, **(values | overrides))


def _manager_of(team):
    return PractitionerFactory(
        organisation=team.organisation, job_role=JobRole.TEAM_MANAGER, user__role=Role.TEAM_MANAGER, teams=[team]
    ).user


@pytest.mark.parametrize(
    ("needs", "severe", "sibling_held", "codes"),
    [
        ([], False, True, ["A4-SIBLING"]),  # the family brings them, whatever their own needs
        (["AUTISM"], True, True, ["A4-SIBLING", "AUTISM"]),
        ([], False, False, []),
        (["AUTISM"], False, False, []),
    ],
)
def test_r_a4_sibling_of_a_child_held_meets_the_threshold_through_the_family(needs, severe, sibling_held, codes):
    criteria = [rules.Criterion(code="AUTISM", text="Autism", needs=("AUTISM",))]
    met = rules.criteria_met(needs=needs, severe=severe, criteria=criteria, sibling_held=sibling_held)
    assert [m.code for m in met] == codes


def test_r_a4_a_sibling_referral_is_accepted_linked_both_ways_and_the_siblings_hub_told(world):
    sf_manager = _manager_of(world.other_hub)
    referral = _sibling_referral(world, world.other_child.local_id)
    assert referral.sibling_of == world.other_child
    decided = services.decide_referral(
        referral=referral, accept=True, reason="", by=world.manager.user, now=NOW, today=TODAY
    )
    assert decided.status == ReferralStatus.ACCEPTED
    assert [m["code"] for m in decided.criteria_met] == ["A4-SIBLING"]
    child = Child.objects.get(pk=decided.child_id)
    assert child.holding_team == world.hub  # Safeguarding & Support does the single assessment (CwDT 3.1)
    assert SiblingLink.objects.filter(child=child, sibling=world.other_child).exists()
    assert SiblingLink.objects.filter(child=world.other_child, sibling=child).exists()
    told = Notification.objects.get(recipient=sf_manager)
    assert told.subject == "A brother or sister has been accepted"
    assert "One family, one social worker" in told.body
    assert "transfer list" not in told.body


def test_r_a4_a_sibling_of_a_child_in_review_and_intervention_prompts_a_transfer(world):
    ri_team = TeamFactory(organisation=world.hub.organisation, name="Review & Intervention")
    allocation_services.configure_hub(team=ri_team, code=HubCode.REVIEW_INTERVENTION)
    ri_manager = _manager_of(ri_team)
    Child.objects.filter(pk=world.other_child.pk).update(holding_team=ri_team)
    referral = _sibling_referral(world, world.other_child.local_id)
    services.decide_referral(referral=referral, accept=True, reason="", by=world.manager.user, now=NOW, today=TODAY)
    told = Notification.objects.get(recipient=ri_manager)
    assert "Siblings are not held in Review & Intervention (CwDT 5.4)" in told.body
    assert f"consider adding {world.other_child.local_id} to the transfer list" in told.body


def test_r_a4_a_sibling_not_held_by_the_team_does_not_meet_the_threshold(world):
    Child.objects.filter(pk=world.other_child.pk).update(holding_team=None)
    referral = _sibling_referral(world, world.other_child.local_id)
    with pytest.raises(RuleViolations, match="None of the criteria for the specialist team are met"):
        services.decide_referral(referral=referral, accept=True, reason="", by=world.manager.user, now=NOW, today=TODAY)
    assert not SiblingLink.objects.filter(sibling=world.other_child).exclude(child__in=Child.objects.all()).exists()


def test_r_a4_an_unknown_sibling_local_id_is_refused_and_nothing_is_stored(world):
    with pytest.raises(RuleViolations, match="No child with this local ID is known in your area") as refused:
        _sibling_referral(world, "NOPE-123")
    assert refused.value.violations[0].field == "sibling_local_id"
    assert not Referral.objects.exists()


def test_r_a4_a_child_in_another_area_is_not_found_by_local_id(world):
    other = Child.objects.exclude(area=world.area).first()
    with pytest.raises(RuleViolations, match="No child with this local ID is known in your area"):
        _sibling_referral(world, other.local_id)


def test_r_a4_the_decision_page_shows_the_family_criterion_met(client, world):
    referral = _sibling_referral(world, world.other_child.local_id)
    client.force_login(world.manager.user)
    body = html.unescape(client.get(referral.get_absolute_url()).content.decode())
    assert f"Brother or sister: local ID {world.other_child.local_id}" in body
    row = body.split(rules.SIBLING_CRITERION.text, 1)[1].split("</dd>", 1)[0]
    assert row.split(">")[-1].strip() == "Met"


def test_r_a4_recording_a_sibling_referral_with_an_unknown_local_id_keeps_what_was_typed(client, world):
    client.force_login(world.manager.user)
    form = {
        "source": "MASH",
        "received_on-day": "20",
        "received_on-month": "11",
        "received_on-year": "2026",
        "given_name": "Sky",
        "family_name": "Sibling",
        "date_of_birth-day": "1",
        "date_of_birth-month": "6",
        "date_of_birth-year": "2019",
        "severe": "no",
        "reason": "Brother is held by the team",
        "sibling_local_id": "NOPE-123",
        "sibling_kind": "HALF",
    }
    body = html.unescape(client.post(reverse("referrals:referral-new"), form).content.decode())
    assert "There is a problem" in body
    assert "No child with this local ID is known in your area" in body
    assert 'value="NOPE-123"' in body
    assert "Brother is held by the team" in body
    assert not Referral.objects.exists()


def test_r_a4_the_allocation_screen_marks_the_worker_who_holds_a_brother_or_sister(client, world):
    family_worker = PractitionerFactory(
        organisation=world.other_hub.organisation, job_role=JobRole.SWAP, teams=[world.other_hub]
    )
    Allocation.objects.create(
        child=world.other_child,
        hub=Hub.objects.get(team=world.other_hub),
        practitioner=family_worker,
        relationship=WorkerRelationship.ALLOCATED,
        start_date=TODAY,
        fired_rules=[],
        decided_by=world.manager.user,
        decided_at=NOW,
    )
    referral = _sibling_referral(world, world.other_child.local_id)
    decided = services.decide_referral(
        referral=referral, accept=True, reason="", by=world.manager.user, now=NOW, today=TODAY
    )
    client.force_login(world.manager.user)
    url = reverse("allocation:child-allocate", args=[decided.child_id])
    hub = Hub.objects.get(team=world.other_hub)
    facts = {"risk_tier": "LOW_TO_MEDIUM", "overnight_respite": "NONE", "hub": hub.pk, "action": "suggest"}
    body = html.unescape(client.post(url, facts).content.decode())
    assert "A4-ONE-FAMILY" in body
    row = body.split(family_worker.full_name, 1)[1].split("</tr>", 1)[0]
    assert "Works with a brother or sister" in row
    other_rows = body.split(world.same_org_outsider.full_name, 1)
    assert len(other_rows) == 1 or "Works with a brother or sister" not in other_rows[1].split("</tr>", 1)[0]
