"""Visits and reviews complete their duties; a step up or down starts the transfer (C5, C7, E3)."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.allocation.models import Hub
from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.duties import services as duties
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import Duty
from joinedup.notifications.models import Notification
from joinedup.reviews import services
from joinedup.reviews.choices import SeenAlone, Step
from joinedup.reviews.models import CinReview, Visit
from joinedup.transfers.models import Transfer

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


@pytest.fixture
def swept(world):
    duties.sweep(today=_today(), now=timezone.now())
    return world


def _visit(world, by=None, **overrides):
    values = {
        "visited_on": _today(),
        "seen": True,
        "seen_alone": SeenAlone.YES,
        "notes": "Played with the trains; said school is 'good'",
    }
    return services.record_visit(
        child=world.child, by=by or world.key_worker.user, now=timezone.now(), today=_today(), **(values | overrides)
    )


def _review(world, by=None, **overrides):
    values = {
        "held_on": _today(),
        "attendees": "Mum\nSocial worker",
        "child_views": "Pointed to 'more swimming'",
        "family_views": "Wants more respite",
        "decisions": "Short breaks increased",
        "plan_still_smart": True,
        "carers_assessment_offered": True,
        "carers_taken_up": False,
        "step": Step.STAY,
        "to_hub": None,
        "combined_with_ehc_review": False,
    }
    return services.record_cin_review(
        child=world.child, by=by or world.key_worker.user, now=timezone.now(), today=_today(), **(values | overrides)
    )


def test_r_c5_visit_seen_completes_the_visit_duty_and_schedules_the_next(swept):
    visit = Duty.objects.open().get(child=swept.child, kind=DutyKind.VISIT)
    _visit(swept)
    visit.refresh_from_db()
    assert visit.status == DutyStatus.DONE
    assert Duty.objects.open().get(child=swept.child, kind=DutyKind.VISIT).due_on == _today() + timedelta(days=42)
    assert AuditEvent.objects.filter(child=swept.child, what__startswith="Recorded a visit").count() == 1


def test_r_c5_visit_seen_a_visit_where_the_child_was_not_seen_does_not_count(swept):
    visit = Duty.objects.open().get(child=swept.child, kind=DutyKind.VISIT)
    _visit(swept, seen=False, seen_alone=SeenAlone.NO, notes="Child in hospital; spoke to dad")
    visit.refresh_from_db()
    assert visit.status == DutyStatus.OPEN
    assert Visit.objects.filter(child=swept.child, seen=False).exists()


def test_r_c5_visit_record_refused_stores_nothing(swept):
    with pytest.raises(RuleViolations, match="Enter what happened"):
        _visit(swept, notes=" ")
    assert not Visit.objects.exists()
    assert Duty.objects.open().filter(child=swept.child, kind=DutyKind.VISIT).exists()


def test_r_c5_record_only_by_the_childs_team_or_its_managers(swept):
    with pytest.raises(RuleViolations, match="Only the child's team"):
        _visit(swept, by=swept.same_org_outsider.user)
    with pytest.raises(RuleViolations, match="Only the child's team"):
        _review(swept, by=swept.same_org_outsider.user)


def test_r_c5_review_record_completes_the_review_duty(swept):
    _review(swept)
    assert Duty.objects.filter(child=swept.child, kind=DutyKind.CIN_REVIEW, status=DutyStatus.DONE).count() == 1
    assert Duty.objects.open().get(child=swept.child, kind=DutyKind.CIN_REVIEW).due_on == _today() + timedelta(days=42)


def test_r_c5_review_step_down_by_the_hubs_manager_adds_the_child_to_the_transfer_list(swept):
    sf = Hub.objects.get(team=swept.other_hub)
    review = _review(swept, by=swept.manager.user, step=Step.STEP_DOWN, to_hub=sf)
    transfer = Transfer.objects.get(child=swept.child)
    assert review.transfer == transfer
    assert transfer.to_hub == sf
    assert "Step down to a hub for lower need, decided at the child in need review" in transfer.reason


def test_r_c5_review_step_down_recorded_by_a_worker_asks_the_manager_to_add_it(swept):
    sf = Hub.objects.get(team=swept.other_hub)
    review = _review(swept, step=Step.STEP_DOWN, to_hub=sf)
    assert review.transfer is None
    assert not Transfer.objects.exists()
    asked = Notification.objects.get(recipient=swept.manager.user)
    assert asked.subject == "A review decided a change of hub: add it to the transfer list"
    assert asked.link == reverse("transfers:transfer-propose", args=[swept.child.pk])


def test_r_c5_review_step_up_from_the_highest_hub_is_refused_and_nothing_is_stored(swept):
    sf = Hub.objects.get(team=swept.other_hub)
    with pytest.raises(RuleViolations, match="is not a step up"):
        _review(swept, step=Step.STEP_UP, to_hub=sf)
    assert not CinReview.objects.exists()
    assert Duty.objects.open().filter(child=swept.child, kind=DutyKind.CIN_REVIEW).exists()


def test_r_e3_voice_the_review_page_refuses_a_review_without_the_childs_views_and_keeps_the_rest(client, swept):
    client.force_login(swept.key_worker.user)
    day = _today()
    form = {
        "held_on-day": day.day,
        "held_on-month": day.month,
        "held_on-year": day.year,
        "attendees": "Mum",
        "child_views": "",
        "family_views": "Wants more respite",
        "decisions": "Carry on",
        "plan_still_smart": "yes",
        "carers_assessment_offered": "yes",
        "carers_taken_up": "no",
        "step": "STAY",
    }
    body = html.unescape(client.post(reverse("reviews:review-record", args=[swept.child.pk]), form).content.decode())
    assert "There is a problem" in body
    assert "Enter what the child said" in body
    assert "Wants more respite" in body
    assert not CinReview.objects.exists()


def test_r_c5_the_visit_page_records_a_visit_and_the_history_shows_it(client, swept):
    client.force_login(swept.key_worker.user)
    day = _today()
    form = {
        "visited_on-day": day.day,
        "visited_on-month": day.month,
        "visited_on-year": day.year,
        "seen": "yes",
        "seen_alone": "YES",
        "notes": "Showed me their new wheelchair",
    }
    response = client.post(reverse("reviews:visit-record", args=[swept.child.pk]), form)
    assert response.status_code == 302
    body = html.unescape(client.get(reverse("reviews:reviews-list", args=[swept.child.pk])).content.decode())
    assert "Showed me their new wheelchair" in body


def test_r_c10_carers_offered_at_every_review_and_recorded_with_the_assessments(swept):
    from joinedup.assessments.models import CarersAssessmentOffer

    with pytest.raises(RuleViolations, match="Offer the parents and carers a carers assessment"):
        _review(swept, carers_assessment_offered=False)
    assert not CinReview.objects.exists()
    with pytest.raises(RuleViolations, match="Select yes if they want a carers assessment"):
        _review(swept, carers_taken_up=None)
    _review(swept, carers_taken_up=True)
    offer = CarersAssessmentOffer.objects.get(child=swept.child)
    assert (offer.offered_on, offer.taken_up) == (_today(), True)
