"""Changes to the interagency team and key worker: validated, atomic, audited (B1, B2, G3)."""

from datetime import UTC, date, datetime

import pytest

from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.teams import services
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def test_r_b1_adding_a_team_member_records_role_dates_and_audit(world):
    membership = services.add_team_member(
        child=world.child,
        practitioner=world.same_org_outsider,
        role_in_team="Family support worker",
        start_date=TODAY,
        by=world.manager.user,
        now=NOW,
        today=TODAY,
    )
    assert membership.is_current
    assert AuditEvent.objects.filter(child=world.child, subject_id=str(membership.pk)).count() == 1


def test_r_b1_a_practitioner_from_another_area_cannot_join(world):
    with pytest.raises(RuleViolations) as exc:
        services.add_team_member(
            child=world.child,
            practitioner=world.other_area_practitioner,
            role_in_team="Nurse",
            start_date=TODAY,
            by=world.manager.user,
            now=NOW,
            today=TODAY,
        )
    assert "works in this area" in str(exc.value)
    assert not TeamMembership.objects.filter(child=world.child, practitioner=world.other_area_practitioner).exists()


def test_r_b1_a_current_member_cannot_be_added_twice(world):
    with pytest.raises(RuleViolations):
        services.add_team_member(
            child=world.child,
            practitioner=world.team_member,
            role_in_team="Nurse",
            start_date=TODAY,
            by=world.manager.user,
            now=NOW,
            today=TODAY,
        )


def test_r_b1_ending_a_membership_before_it_started_stores_nothing(world):
    membership = TeamMembership.objects.get(child=world.child, practitioner=world.team_member)
    with pytest.raises(RuleViolations):
        services.end_team_member(
            membership=membership,
            end_date=date(2025, 1, 1),
            reason="Moved on",
            by=world.manager.user,
            now=NOW,
            today=TODAY,
        )
    membership.refresh_from_db()
    assert membership.end_date is None


def test_r_b2_ending_the_key_worker_membership_ends_key_working_too(world):
    membership = TeamMembership.objects.get(child=world.child, practitioner=world.key_worker)
    services.end_team_member(
        membership=membership, end_date=TODAY, reason="Left the council", by=world.manager.user, now=NOW, today=TODAY
    )
    assert not KeyWorkerAssignment.objects.current().filter(child=world.child).exists()


def test_r_b2_a_key_worker_who_is_not_in_the_team_is_refused_and_nothing_changes(world):
    outsider = PractitionerFactory(organisation=world.hub.organisation)
    with pytest.raises(RuleViolations) as exc:
        services.assign_key_worker(
            child=world.child, practitioner=outsider, reason="Good fit", by=world.manager.user, now=NOW, today=TODAY
        )
    assert exc.value.violations[0].rule == "B2-ASSIGN"
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == world.key_worker


def test_r_b2_assigning_a_new_key_worker_keeps_the_history_with_reasons(world):
    services.assign_key_worker(
        child=world.child,
        practitioner=world.team_member,
        reason="Mainly health needs: the community nurse knows the family",
        by=world.manager.user,
        now=NOW,
        today=TODAY,
    )
    previous = KeyWorkerAssignment.objects.get(child=world.child, end_date__isnull=False)
    current = KeyWorkerAssignment.objects.current().get(child=world.child)
    assert (previous.practitioner, previous.end_date) == (world.key_worker, TODAY)
    assert current.practitioner == world.team_member
    assert current.reason.startswith("Mainly health needs")
