"""G3: the audit trail records reads and writes, and cannot be changed."""

import html
from datetime import UTC, datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from joinedup.audit import services as audit_services
from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_r_g3_opening_a_child_page_is_recorded_with_who_and_what(client, world):
    client.force_login(world.team_member.user)
    client.get(reverse("people:child-detail", args=[world.child.pk]))
    event = AuditEvent.objects.get(child=world.child, user=world.team_member.user)
    assert event.action == AuditAction.VIEWED
    assert event.what == "Opened the child's page"


def test_r_g3_audit_rows_cannot_be_updated_even_by_sql(world):
    event = AuditEvent.objects.create(
        at=world.child.created_at,
        user=world.manager.user,
        action=AuditAction.VIEWED,
        child=world.child,
        subject_type="people.Child",
        what="Looked",
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(what="Did not look")
    assert AuditEvent.objects.get(pk=event.pk).what == "Looked"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE is refused by trigger on PostgreSQL only")
def test_r_g3_audit_rows_cannot_be_deleted_on_postgresql(world):
    event = AuditEvent.objects.create(
        at=world.child.created_at,
        user=None,
        action=AuditAction.VIEWED,
        child=world.child,
        subject_type="people.Child",
        what="Looked",
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_r_g3_who_has_seen_this_child_shows_each_reader(client, world):
    client.force_login(world.team_member.user)
    client.get(reverse("people:child-detail", args=[world.child.pk]))
    client.force_login(world.manager.user)
    body = html.unescape(client.get(reverse("audit:child-audit", args=[world.child.pk])).content.decode())
    assert world.team_member.full_name in body
    assert "Opened the child's page" in body


def test_r_g3_the_application_offers_no_way_to_change_audit_rows(client, world):
    client.force_login(world.manager.user)
    response = client.post(reverse("audit:child-audit", args=[world.child.pk]))
    assert response.status_code == 405


def test_r_g3_administrator_finds_a_record_audit_trail_by_local_id(client, world):
    client.force_login(world.administrator)
    response = client.get(reverse("audit:lookup"), {"local_id": world.child.local_id.lower()})
    assert response["Location"] == reverse("audit:child-audit", args=[world.child.pk])
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert world.child.family_name not in page  # administrators see no case content


def test_r_g1_audit_lookup_says_nothing_about_records_out_of_reach(client, world):
    client.force_login(world.manager.user)  # manages the hub holding world.child, not other_child
    body = html.unescape(client.get(reverse("audit:lookup"), {"local_id": world.other_child.local_id}).content.decode())
    assert "There is no record with that local ID whose audit trail you can see" in body
    assert world.other_child.family_name not in body


@pytest.mark.parametrize("persona", ["team_member", "commissioner", "parent"])
def test_r_g1_audit_lookup_is_for_managers_and_administrators(client, world, persona):
    client.force_login(world.personas()[persona])
    assert client.get(reverse("audit:lookup")).status_code == 403


def test_r_g3_names_with_apostrophes_show_as_written(client, world):
    # Found by chance in CI: Faker's "O'Donnell" is escaped in HTML; people must still read it.
    type(world.team_member).objects.filter(pk=world.team_member.pk).update(full_name="Siobhán O'Donnell")
    client.force_login(world.team_member.user)
    client.get(reverse("people:child-detail", args=[world.child.pk]))
    client.force_login(world.manager.user)
    body = html.unescape(client.get(reverse("audit:child-audit", args=[world.child.pk])).content.decode())
    assert "Siobhán O'Donnell" in body


def test_r_g3_a_list_records_each_child_shown_as_its_own_row(world):
    from joinedup.audit import services as audit
    from joinedup.people.tests.factories import ChildFactory

    other = ChildFactory(area=world.area)
    at = world.child.created_at
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    audit.record_seen_in_list(
        children=[world.child, other], action=AuditAction.LISTED, by=world.manager.user, at=at, what="List: search"
    )
    rows = AuditEvent.objects.exclude(pk__in=before)
    assert sorted(
        (e.child_id, e.user_id, e.action, e.at, e.subject_type, e.subject_id, e.what, e.why, e.changes) for e in rows
    ) == sorted(
        (c.pk, world.manager.user.pk, AuditAction.LISTED, at, "people.Child", str(c.pk), "List: search", "", {})
        for c in (world.child, other)
    )
    audit.record_seen_in_list(children=[], action=AuditAction.LISTED, by=world.manager.user, at=at, what="List")
    assert AuditEvent.objects.exclude(pk__in=before).count() == 2


def test_r_g3_a_recorded_event_is_the_row_the_model_would_write(world):
    """``record`` writes by hand (issue 6); read back, every value is what the model's own INSERT keeps."""
    at = datetime(2026, 11, 30, 9, 15, 30, 250000, tzinfo=UTC)
    changes = {"postcode": ["AB1 2CD", "AB1 9ZZ"], "version": 3, "note": "Café — “quoted”"}
    audit_services.record(
        action=AuditAction.UPDATED,
        by=world.key_worker.user,
        at=at,
        child=world.child,
        subject=world.key_worker,
        what="Changed the address " + "x" * 300,
        why="Moved house",
        changes=changes,
    )
    audit_services.record(action=AuditAction.CREATED, by=None, at=at, what="The system did it")
    by_hand = AuditEvent.objects.get(child=world.child, action=AuditAction.UPDATED)
    assert by_hand.at == at
    assert by_hand.user == world.key_worker.user
    assert (by_hand.subject_type, by_hand.subject_id) == ("organisations.Practitioner", str(world.key_worker.pk))
    assert by_hand.what == ("Changed the address " + "x" * 300)[:200]
    assert by_hand.why == "Moved house"
    assert by_hand.changes == changes
    system = AuditEvent.objects.get(what="The system did it")
    assert (system.user, system.child, system.subject_type, system.subject_id, system.changes) == (
        None,
        None,
        "",
        "",
        {},
    )


def test_r_g3_audit_rows_have_time_ordered_ids_however_they_are_written(world):
    """Every way an audit row is written gives it a version 7 id (joinedup.core.ids), so new rows
    go to the end of the key's index; later rows sort after earlier ones."""
    import time

    from joinedup.audit import services as audit

    at = world.child.created_at
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    audit.record(action=AuditAction.VIEWED, by=world.key_worker.user, at=at, child=world.child, what="Opened")
    time.sleep(0.002)
    audit.record_seen_in_list(children=[world.child], action=AuditAction.LISTED, by=world.manager.user, at=at, what="L")
    time.sleep(0.002)
    audit.record_changes(changes=[(world.child, "Swept")], action=AuditAction.UPDATED, by=None, at=at)
    new = AuditEvent.objects.exclude(pk__in=before)
    opened, listed, swept = (new.get(what=what).pk for what in ("Opened", "L", "Swept"))
    assert {opened.version, listed.version, swept.version} == {7}
    assert opened < listed < swept
