"""C1 referrals through the service: the default criteria, recording, deciding, notifying."""

from datetime import UTC, date, datetime

import pytest

from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.notifications.models import Notification
from joinedup.people.models import Child
from joinedup.referrals import services
from joinedup.referrals.choices import DEFAULT_CRITERIA, ReferralStatus
from joinedup.referrals.models import Referral, ThresholdCriterion

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def _referral(world, **overrides):
    values = {
        "source": "MASH",
        "received_on": TODAY,
        "given_name": "Rowan",
        "family_name": "Referred",
        "date_of_birth": date(2017, 4, 2),
        "nhs_number": "",
        "needs": ["LEARNING_DISABILITY", "COMPLEX_HEALTH"],
        "reason": "Severe learning disability; family struggling",
        "severe": True,
    }
    return services.record_referral(by=world.manager.user, now=NOW, today=TODAY, **(values | overrides))


@pytest.fixture
def criteria(world):
    services.load_default_criteria(area=world.area, by=None, now=NOW)


def test_r_c1_default_criteria_load_once_and_never_overwrite_edits(world):
    assert services.load_default_criteria(area=world.area, by=None, now=NOW) == len(DEFAULT_CRITERIA)
    ThresholdCriterion.objects.filter(area=world.area, code="SENSORY").update(text="Edited", active=False)
    ThresholdCriterion.objects.filter(area=world.area, code="AUTISM").delete()
    assert services.load_default_criteria(area=world.area, by=None, now=NOW) == 1
    sensory = ThresholdCriterion.objects.get(area=world.area, code="SENSORY")
    assert (sensory.text, sensory.active) == ("Edited", False)
    assert ThresholdCriterion.objects.filter(area=world.area).count() == len(DEFAULT_CRITERIA)


def test_r_c1_accepting_creates_the_child_held_by_safeguarding_and_support_and_notifies_its_managers(world, criteria):
    referral = _referral(world, nhs_number="943 476 5919")
    decided = services.decide_referral(
        referral=referral, accept=True, reason="", by=world.manager.user, now=NOW, today=TODAY
    )
    assert decided.status == ReferralStatus.ACCEPTED
    child = Child.objects.get(pk=decided.child_id)
    assert child.holding_team == world.hub
    assert child.local_id.startswith("R")
    assert child.nhs_number == "9434765919"
    assert set(child.needs.values_list("need", flat=True)) == {"LEARNING_DISABILITY", "COMPLEX_HEALTH"}
    assert [c["code"] for c in decided.criteria_met] == ["LEARNING_OR_PHYSICAL", "COMPLEX_HEALTH"]
    assert decided.criteria_met[0]["text"] == "Severe or profound learning or physical disability"
    note = Notification.objects.get(recipient=world.manager.user)
    assert note.subject == "Referral accepted: single assessment needed"
    assert note.link == f"/children/{child.pk}/"
    assert AuditEvent.objects.filter(subject_id=str(referral.pk)).count() == 2


def test_r_c1_accepting_with_no_criterion_met_is_refused_and_stores_nothing(world, criteria):
    referral = _referral(world, severe=False)
    children = Child.objects.count()
    with pytest.raises(RuleViolations, match="None of the criteria for the specialist team are met"):
        services.decide_referral(referral=referral, accept=True, reason="", by=world.manager.user, now=NOW, today=TODAY)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.RECEIVED
    assert Child.objects.count() == children
    assert not Notification.objects.exists()


def test_r_c1_an_inactive_criterion_is_not_met(world, criteria):
    ThresholdCriterion.objects.filter(area=world.area).exclude(code="SENSORY").update(active=False)
    referral = _referral(world)
    with pytest.raises(RuleViolations, match="None of the criteria"):
        services.decide_referral(referral=referral, accept=True, reason="", by=world.manager.user, now=NOW, today=TODAY)


def test_r_c1_not_accepting_needs_a_reason_and_stores_it(world, criteria):
    referral = _referral(world)
    with pytest.raises(RuleViolations, match="Enter why the referral is not accepted"):
        services.decide_referral(
            referral=referral, accept=False, reason=" ", by=world.manager.user, now=NOW, today=TODAY
        )
    decided = services.decide_referral(
        referral=referral, accept=False, reason="Signpost to the area team", by=world.manager.user, now=NOW, today=TODAY
    )
    assert (decided.status, decided.decision_reason, decided.child) == (
        ReferralStatus.NOT_ACCEPTED,
        "Signpost to the area team",
        None,
    )
    with pytest.raises(RuleViolations, match="already been decided"):
        services.decide_referral(referral=referral, accept=True, reason="", by=world.manager.user, now=NOW, today=TODAY)


def test_r_c1_a_referral_received_in_the_future_is_refused(world):
    with pytest.raises(RuleViolations, match="Date received must be today or in the past"):
        _referral(world, received_on=date(2026, 11, 24))
    assert not Referral.objects.exists()


def test_r_c1_a_bad_nhs_number_is_refused(world):
    with pytest.raises(RuleViolations, match="check digit"):
        _referral(world, nhs_number="943 476 5918")
    assert not Referral.objects.exists()


@pytest.mark.parametrize("persona", ["key_worker", "operations_manager", "other_area", "administrator", "commissioner"])
def test_r_c1_only_managers_of_the_area_cwdt_record_and_decide_referrals(world, criteria, persona):
    with pytest.raises(RuleViolations, match="Only a manager"):
        services.record_referral(
            by=world.personas()[persona],
            now=NOW,
            today=TODAY,
            source="MASH",
            received_on=TODAY,
            given_name="A",
            family_name="B",
            date_of_birth=date(2017, 1, 1),
            nhs_number="",
            needs=["LIFE_LIMITING"],
            reason="r",
            severe=True,
        )
    referral = _referral(world)
    with pytest.raises(RuleViolations, match="Only a manager"):
        services.decide_referral(
            referral=referral, accept=True, reason="", by=world.personas()[persona], now=NOW, today=TODAY
        )


def test_r_c1_accepting_a_child_already_known_is_refused(world, criteria):
    referral = _referral(world)
    with pytest.raises(RuleViolations, match="local ID already has a record"):
        services.decide_referral(
            referral=referral,
            accept=True,
            reason="",
            local_id=world.child.local_id,
            by=world.manager.user,
            now=NOW,
            today=TODAY,
        )
