"""C5-RI-INTERVAL: a Review & Intervention allocation sets the review interval, 6 or 12 months (CwDT 5.2)."""

import html
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from joinedup.accounts.choices import Role
from joinedup.allocation import rules, services
from joinedup.allocation.choices import HubCode, RespiteFunding, RiskTier, WorkerRelationship
from joinedup.allocation.rules import ChildFacts
from joinedup.core.rules import RuleViolations
from joinedup.duties.choices import DutyKind
from joinedup.duties.models import CadenceAgreement, Duty
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory, TeamFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)
RI, SS = HubCode.REVIEW_INTERVENTION, HubCode.SAFEGUARDING_SUPPORT
STABLE = ChildFacts(
    risk_tier=RiskTier.LOW,
    section_47_open=False,
    single_assessment_needed=False,
    child_protection_plan=False,
    looked_after_or_edge_of_care=False,
    complex_needs_beyond_disability=False,
    overnight_respite=RespiteFunding.NONE,
    stable_support_package=True,
    change_in_need_not_time_limited=False,
    sibling_of_child_held=False,
    sibling_hub=None,
)


@pytest.mark.parametrize(
    ("hub", "relationship", "interval", "refused"),
    [
        (RI, WorkerRelationship.ALLOCATED, 182, False),
        (RI, WorkerRelationship.ALLOCATED, 365, False),
        (RI, WorkerRelationship.ALLOCATED, None, True),
        (RI, WorkerRelationship.ALLOCATED, 90, True),
        (RI, WorkerRelationship.ATTACHED, None, False),
        (SS, WorkerRelationship.ALLOCATED, None, False),
    ],
)
def test_r_c5_ri_interval_set_at_allocation(hub, relationship, interval, refused):
    violations = rules.review_interval_violations(
        hub=hub, relationship=relationship, interval_days=interval, options=[182, 365]
    )
    assert bool(violations) is refused
    if refused:
        assert violations[0].message == "Select how often the child in need plan is reviewed: every 6 or 12 months"


@pytest.fixture
def ri(world):
    team = TeamFactory(organisation=world.hub.organisation, name="Review & Intervention")
    hub = services.configure_hub(team=team, code=RI)
    worker = PractitionerFactory(organisation=team.organisation, job_role=JobRole.FAMILY_SUPPORT_WORKER, teams=[team])
    manager = PractitionerFactory(
        organisation=team.organisation,
        job_role=JobRole.TEAM_MANAGER,
        user__role=Role.TEAM_MANAGER,
        user__area=world.area,
        teams=[team],
    ).user
    world.child.holding_team = team
    world.child.save(update_fields=["holding_team"])
    return hub, worker, manager


def _allocate(world, ri, interval):
    hub, worker, manager = ri
    return services.allocate(
        child=world.child,
        hub=hub,
        practitioner=worker,
        relationship=WorkerRelationship.ALLOCATED,
        facts=STABLE,
        over_capacity_reason="",
        review_interval_days=interval,
        by=manager,
        now=NOW,
        today=TODAY,
    )


def test_r_c5_ri_interval_allocating_sets_the_review_date(world, ri):
    _allocate(world, ri, 365)
    agreement = CadenceAgreement.objects.get(child=world.child)
    assert (agreement.kind, agreement.interval_days) == ("CIN_REVIEW", 365)
    review = Duty.objects.open().get(child=world.child, kind=DutyKind.CIN_REVIEW)
    assert review.due_on == TODAY + timedelta(days=365)
    assert review.owner == ri[1]
    assert "as set at allocation" in review.basis


def test_r_c5_ri_interval_allocating_without_one_is_refused_and_nothing_stored(world, ri):
    with pytest.raises(RuleViolations, match="every 6 or 12 months"):
        _allocate(world, ri, None)
    assert not world.child.allocations.exists()
    assert not CadenceAgreement.objects.exists()


def test_r_c5_ri_interval_the_allocation_screen_asks_only_for_review_and_intervention(client, world, ri):
    hub, _, manager = ri
    client.force_login(manager)
    url = reverse("allocation:child-allocate", args=[world.child.pk])
    facts = {"risk_tier": "LOW", "overnight_respite": "NONE", "stable_support_package": "on", "action": "suggest"}
    body = html.unescape(client.post(url, facts | {"hub": hub.pk}).content.decode())
    assert "How often the child in need plan is reviewed (Review & Intervention)" in body
    assert "Every 6 months" in body
    assert "Every 12 months" in body
    ss = world.hub.hub
    body = html.unescape(client.post(url, facts | {"hub": ss.pk}).content.decode())
    assert "How often the child in need plan is reviewed" not in body
