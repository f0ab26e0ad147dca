"""Referrals through the API: record, list, read with the criteria met, decide (C1, A4-SIBLING)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.notifications.models import Notification
from joinedup.people.models import Child
from joinedup.referrals import services
from joinedup.referrals.models import Referral, ThresholdCriterion

pytestmark = pytest.mark.django_db

BASE = "/api/v1/referrals/"


def _body(**changes: Any) -> dict[str, Any]:
    body = {
        "source": "MASH",
        "received_on": timezone.localdate().isoformat(),
        "given_name": "Rowan",
        "family_name": "Referred",
        "date_of_birth": "2017-04-02",
        "nhs_number": "",
        "needs": ["SENSORY_IMPAIRMENT"],
        "severe": True,
        "reason": "Profound hearing loss; referred by the safeguarding hub",
    }
    return {k: v for k, v in (body | changes).items() if v is not None}


@pytest.fixture
def referral(world: Any) -> Referral:
    services.load_default_criteria(area=world.area, by=None, now=timezone.now())
    return services.record_referral(
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
        source="HEALTH",
        received_on=timezone.localdate(),
        given_name="Sky",
        family_name="Newcomer",
        date_of_birth=date(2016, 1, 5),
        nhs_number="",
        needs=["LIFE_LIMITING"],
        reason="Life-limiting illness",
        severe=True,
    )


def _stored() -> tuple[int, ...]:
    return (
        Referral.objects.count(),
        Referral.objects.filter(status="RECEIVED").count(),
        Child.objects.count(),
        AuditEvent.objects.count(),
        Notification.objects.count(),
    )


def test_r_c1_a_manager_records_a_referral_and_it_is_audited(world, api_as) -> None:
    response = api_as(world.manager.user).post(BASE, _body(given_name="  Rowan "))

    assert response.status_code == 201, response.content
    body = response.json()
    referral = Referral.objects.get(pk=body["id"])
    assert (referral.given_name, referral.source, referral.needs) == ("Rowan", "MASH", ["SENSORY_IMPAIRMENT"])
    assert (body["status"], body["child_id"], body["recorded_by"]["user_id"]) == (
        "RECEIVED",
        None,
        str(world.manager.user.pk),
    )
    # The area's criteria (CwDT 1.2) are loaded as on the pages; this one is met already.
    assert [m["code"] for m in body["criteria_met"]] == ["SENSORY"]
    assert body["criteria_met"][0]["needs"] == ["SENSORY_IMPAIRMENT"]
    assert AuditEvent.objects.filter(
        user=world.manager.user, action=AuditAction.CREATED, subject_id=str(referral.pk)
    ).exists()


def test_r_c1_the_list_shows_the_areas_referrals_and_is_audited(world, api_as, referral) -> None:
    response = api_as(world.manager.user).get(BASE)

    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 1
    assert [(i["id"], i["given_name"], i["status"]) for i in page["items"]] == [(str(referral.pk), "Sky", "RECEIVED")]
    assert AuditEvent.objects.filter(user=world.manager.user, action=AuditAction.LISTED).count() == 1


def test_r_c1_one_referral_shows_the_criteria_met_and_the_read_is_audited(world, api_as, referral) -> None:
    response = api_as(world.manager.user).get(f"{BASE}{referral.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert [(m["code"], m["needs"]) for m in body["criteria_met"]] == [("LIFE_LIMITING", ["LIFE_LIMITING"])]
    assert (body["reason"], body["severe"], body["needs"]) == ("Life-limiting illness", True, ["LIFE_LIMITING"])
    event = AuditEvent.objects.get(user=world.manager.user, action=AuditAction.VIEWED)
    assert event.subject_id == str(referral.pk)


def test_r_c1_accepting_opens_the_childs_record_in_safeguarding_and_support(world, api_as, referral) -> None:
    response = api_as(world.manager.user).post(
        f"{BASE}{referral.pk}/decision/", {"decision": "ACCEPT", "local_id": "R-API-1"}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    child = Child.objects.get(local_id="R-API-1")
    assert child.holding_team == world.hub
    assert (body["status"], body["child_id"], body["decided_by"]["user_id"]) == (
        "ACCEPTED",
        str(child.pk),
        str(world.manager.user.pk),
    )
    assert [m["code"] for m in body["criteria_met"]] == ["LIFE_LIMITING"]
    assert AuditEvent.objects.filter(
        user=world.manager.user, action=AuditAction.UPDATED, subject_id=str(referral.pk)
    ).exists()


def test_r_c1_the_criteria_met_are_kept_as_they_read_when_decided(world, api_as, referral) -> None:
    client = api_as(world.manager.user)
    client.post(f"{BASE}{referral.pk}/decision/", {"decision": "NOT_ACCEPT", "reason": "Signpost to the area team"})
    ThresholdCriterion.objects.filter(area=world.area, code="LIFE_LIMITING").update(text="Reworded later")

    body = client.get(f"{BASE}{referral.pk}/").json()

    assert body["status"] == "NOT_ACCEPTED"
    assert body["decision_reason"] == "Signpost to the area team"
    assert [m["text"] for m in body["criteria_met"]] == ["Life-limiting illness"]


def test_r_a4_a_sibling_referral_meets_the_threshold_through_the_family(world, api_as) -> None:
    response = api_as(world.manager.user).post(
        BASE, _body(severe=False, needs=[], sibling_local_id=world.child.local_id, sibling_kind="HALF")
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["sibling_of_id"], body["sibling_kind"]) == (str(world.child.pk), "HALF")
    assert [m["code"] for m in body["criteria_met"]] == ["A4-SIBLING"]


DECISION_CASES = [
    ("accept with no criterion met", {"decision": "ACCEPT"}, "C1-DECISION", "decision"),
    ("not accepted without a reason", {"decision": "NOT_ACCEPT", "reason": "  "}, "C1-DECISION", "reason"),
    ("not a decision", {"decision": "MAYBE"}, "API-INPUT", "decision"),
    ("local ID too long", {"decision": "ACCEPT", "local_id": "x" * 31}, "API-INPUT", "local_id"),
]


@pytest.mark.parametrize(("case", "body", "rule", "field"), DECISION_CASES, ids=[c[0] for c in DECISION_CASES])
def test_r_c1_a_refused_decision_is_422_and_changes_nothing(world, api_as, referral, case, body, rule, field) -> None:
    Referral.objects.filter(pk=referral.pk).update(needs=["MENTAL_HEALTH"], severe=False)  # no criterion met
    before = _stored()

    response = api_as(world.manager.user).post(f"{BASE}{referral.pk}/decision/", body)

    assert response.status_code == 422, response.content
    assert [(e["rule"], e["field"]) for e in response.json()["detail"]] == [(rule, field)]
    assert _stored() == before


def test_r_c1_a_referral_is_decided_once(world, api_as, referral) -> None:
    client = api_as(world.manager.user)
    client.post(f"{BASE}{referral.pk}/decision/", {"decision": "ACCEPT"})
    before = _stored()

    response = client.post(f"{BASE}{referral.pk}/decision/", {"decision": "NOT_ACCEPT", "reason": "Changed my mind"})

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"rule": "C1-DECISION", "field": None, "message": "This referral has already been decided"}
    ]
    assert _stored() == before
    assert Referral.objects.get(pk=referral.pk).status == "ACCEPTED"


RECORD_CASES = [
    ("received in the future", {"received_on": "2999-01-01"}, "C1-REFERRAL", "received_on"),
    ("blank reason", {"reason": "   "}, "C1-REFERRAL", "reason"),
    ("blank name", {"given_name": "   "}, "API-INPUT", "given_name"),
    ("unknown source", {"source": "PIGEON"}, "API-INPUT", "source"),
    ("a diagnosis, not a need", {"needs": ["DOWN_SYNDROME"]}, "API-INPUT", "needs.0"),
    ("severity missing", {"severe": None}, "API-INPUT", "severe"),
    ("unknown sibling", {"sibling_local_id": "NOBODY-1"}, "A4-SIBLING", "sibling_local_id"),
    ("a field the API does not take", {"diagnosis": "x"}, "API-INPUT", "diagnosis"),
]


@pytest.mark.parametrize(("case", "changes", "rule", "field"), RECORD_CASES, ids=[c[0] for c in RECORD_CASES])
def test_r_c1_a_refused_referral_is_422_and_stores_nothing(world, api_as, case, changes, rule, field) -> None:
    before = _stored()

    response = api_as(world.manager.user).post(BASE, _body(**changes))

    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert [(e["rule"], e["field"]) for e in detail] == [(rule, field)]
    assert all(e["message"] for e in detail)
    assert _stored() == before


def test_r_c1_messages_say_what_to_do(world, api_as) -> None:
    client = api_as(world.manager.user)

    blank = client.post(BASE, _body(given_name=" "))
    source = client.post(BASE, _body(source="PIGEON"))

    assert blank.json()["detail"][0]["message"] == "Enter a value for given_name"
    assert source.json()["detail"][0]["message"].startswith("source must be one of 'MASH', 'HEALTH'")


def test_r_c1_another_areas_referral_is_404_for_its_managers(world, api_as, cwdt, referral) -> None:
    client = api_as(cwdt.other_area_manager)
    before = _stored()

    assert client.get(f"{BASE}{referral.pk}/").status_code == 404
    response = client.post(f"{BASE}{referral.pk}/decision/", {"decision": "NOT_ACCEPT", "reason": "Not ours"})
    listed = client.get(BASE).json()

    assert (response.status_code, response.json()) == (404, {"detail": "Not found"})
    assert listed["items"] == []
    assert _stored()[:3] == before[:3]


def test_r_c1_the_list_costs_the_same_queries_however_many_referrals(world, api_as, referral) -> None:
    client = api_as(world.manager.user)
    with CaptureQueriesContext(connection) as one:
        client.get(BASE)
    for name in ("Ash", "Bay", "Cedar"):
        client.post(BASE, _body(given_name=name))

    with CaptureQueriesContext(connection) as four:
        response = client.get(BASE)

    assert response.json()["count"] == 4
    assert len(four) == len(one)
