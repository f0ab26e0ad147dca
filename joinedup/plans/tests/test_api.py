"""GET /api/v1/children/{id}/plans/: the same plans, SMART flags and access as the pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from joinedup.accounts.choices import Role
from joinedup.accounts.services import create_api_token
from joinedup.audit.models import AuditEvent
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.plans.tests.factories import ActionFactory, OutcomeFactory, PlanFactory
from joinedup.transfers.services import propose_transfer

pytestmark = pytest.mark.django_db


def _get(client, user, child):
    token = create_api_token(user=user, name="tests", now=timezone.now())
    return client.get(f"/api/v1/children/{child.pk}/plans/", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_plans_come_with_outcomes_actions_and_what_is_missing(client, world):
    current = PlanFactory(child=world.child, status="CURRENT", kind="EHC")
    outcome = OutcomeFactory(plan=current, text="Speech therapy", ehc_section="PROVISION", ehc_service="HEALTH")
    ActionFactory(
        outcome=outcome,
        responsible_other="",
        responsible_practitioner=world.team_member,
        frequency_count=1,
        frequency_unit="WEEK",
    )
    draft = PlanFactory(child=world.child)
    OutcomeFactory(plan=draft, text="Sleep")

    response = _get(client, world.key_worker.user, world.child)

    assert response.status_code == 200
    first, second = response.json()
    assert (first["id"], first["status"], first["is_smart"], first["not_smart_because"]) == (
        str(current.pk),
        "CURRENT",
        True,
        [],
    )
    assert first["outcomes"][0]["ehc_service"] == "HEALTH"
    assert first["outcomes"][0]["actions"][0]["responsible"] == world.team_member.full_name
    assert (second["id"], second["is_smart"], second["not_smart_because"]) == (
        str(draft.pk),
        False,
        ["Outcome 'Sleep' has no actions"],
    )
    assert AuditEvent.objects.filter(child=world.child, what="Opened the plans through the API").count() == 1


def test_a_manager_who_sees_the_child_to_decide_a_transfer_reads_its_plans(client, world):
    incoming = PractitionerFactory(
        organisation=world.hub.organisation,
        user__role=Role.TEAM_MANAGER,
        job_role=JobRole.TEAM_MANAGER,
        teams=[world.other_hub],
    )
    propose_transfer(
        child=world.child, to_hub=world.other_hub.hub, reason="Needs reduced", by=world.manager.user, now=timezone.now()
    )
    assert _get(client, incoming.user, world.child).status_code == 200


def test_emergency_access_alone_is_a_403_that_names_nobody(client, world):
    from joinedup.access.services import break_glass

    user = world.same_org_outsider.user
    break_glass(
        user=user, nhs_number=world.child.nhs_number, reason="Admitted to hospital overnight", now=timezone.now()
    )
    response = _get(client, user, world.child)
    assert response.status_code == 403
    assert world.child.family_name not in response.content.decode()


def test_the_query_count_does_not_grow_with_the_number_of_plans(client, world):
    def plan():
        p = PlanFactory(child=world.child)
        ActionFactory(outcome=OutcomeFactory(plan=p), responsible_other="", responsible_practitioner=world.key_worker)

    plan()
    with CaptureQueriesContext(connection) as one:
        _get(client, world.key_worker.user, world.child)
    for _ in range(5):
        plan()
    with CaptureQueriesContext(connection) as six:
        _get(client, world.key_worker.user, world.child)
    assert len(six.captured_queries) == len(one.captured_queries)
