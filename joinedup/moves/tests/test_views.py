"""B8 moving area pages: plan, add who to tell, send, the printable pack and its JSON, complete."""

import html
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.closure.models import Closure
from joinedup.moves.models import ChildMove, MoveContact
from joinedup.moves.tests.factories import ChildMoveFactory, named_contact, sent_move
from joinedup.plans.tests.factories import ActionFactory, OutcomeFactory, smart_cin_plan

pytestmark = pytest.mark.django_db


def _page(response):
    return html.unescape(response.content.decode())


def _url(name, world, move=None):
    return reverse(f"moves:{name}", args=[world.child.pk] + ([move.pk] if move else []))


def _moving_on():
    d = timezone.localdate() + timedelta(days=30)
    return {"moving_on-day": str(d.day), "moving_on-month": str(d.month), "moving_on-year": str(d.year)}


def test_the_key_worker_records_a_move(client, world):
    client.force_login(world.key_worker.user)
    assert "Record the move" in _page(client.get(_url("move", world)))
    body = {"to_area": "", "to_area_name": "Westshire County Council", "new_postcode": "WP1 2AB", **_moving_on()}
    response = client.post(_url("move", world), body)
    assert response.status_code == 302
    move = ChildMove.objects.get(child=world.child)
    assert move.to_area_name == "Westshire County Council"
    assert "Westshire County Council (does not use joinedup)" in _page(client.get(_url("move", world)))


def test_a_move_with_no_area_shows_the_error_and_keeps_the_input(client, world):
    client.force_login(world.key_worker.user)
    response = client.post(
        _url("move", world), {"to_area": "", "to_area_name": "", "new_postcode": "WP1", **_moving_on()}
    )
    page = _page(response)
    assert response.status_code == 200
    assert "Enter the local authority the family is moving to" in page
    assert 'value="WP1"' in page
    assert not ChildMove.objects.exists()


def test_a_team_member_reads_the_move_but_cannot_plan_it(client, world):
    client.force_login(world.team_member.user)
    assert "No move is planned" in _page(client.get(_url("move", world)))
    response = client.post(_url("move", world), {"to_area_name": "Westshire", **_moving_on()})
    assert response.status_code == 403
    assert not ChildMove.objects.exists()


def test_adding_an_equipment_provider_and_sending_the_pack(client, world, django_capture_on_commit_callbacks):
    move = ChildMoveFactory(child=world.child, planned_by=world.key_worker.user)
    named_contact(move)
    client.force_login(world.key_worker.user)
    body = {"kind": "EQUIPMENT", "name": "Wheelchair Services", "organisation": "NHS", "email": "wheels@nhs.example"}
    assert client.post(_url("move-contact", world, move), body).status_code == 302
    assert MoveContact.objects.filter(move=move, kind="EQUIPMENT").count() == 1
    page = _page(client.get(_url("move-send", world, move)))
    assert "equipment providers, by email: 1" in page
    move.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("move-send", world, move), {"version": move.version})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["robin.ashdown@westshire.example", "wheels@nhs.example"]
    page = _page(client.get(_url("move", world), follow=True))
    assert "Complete the move" not in page  # a manager completes it


def test_a_stale_send_is_refused(client, world):
    move = ChildMoveFactory(child=world.child, planned_by=world.key_worker.user)
    named_contact(move)
    client.force_login(world.key_worker.user)
    response = client.post(_url("move-send", world, move), {"version": move.version + 1})
    assert "Someone else changed this move" in _page(response)
    assert ChildMove.objects.get(pk=move.pk).pack == {}


def test_the_printable_pack_and_its_json(client, world):
    smart_cin_plan(world.child, by=world.key_worker.user)
    move = ChildMoveFactory(child=world.child, planned_by=world.key_worker.user)
    client.force_login(world.team_member.user)
    page = _page(client.get(_url("move-pack", world, move)))
    assert "Not sent yet" in page
    assert world.child.family_name in page
    assert "Current plans" in page
    response = client.get(_url("move-pack-json", world, move))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert (data["schema"], data["version"], data["child"]["local_id"]) == (
        "joinedup.move-pack",
        1,
        world.child.local_id,
    )


def test_the_pack_page_query_count_does_not_grow_with_the_plans(client, world):
    move = ChildMoveFactory(child=world.child, planned_by=world.key_worker.user)
    client.force_login(world.key_worker.user)
    plan = smart_cin_plan(world.child, by=world.key_worker.user)
    with CaptureQueriesContext(connection) as one:
        client.get(_url("move-pack", world, move))
    for _ in range(3):
        ActionFactory(outcome=OutcomeFactory(plan=plan))
        named_contact(move)
    with CaptureQueriesContext(connection) as four:
        client.get(_url("move-pack", world, move))
    assert len(four) == len(one)


def test_the_manager_completes_a_move_by_closing_the_case(client, world):
    move = sent_move(world.child, planned_by=world.key_worker.user)
    client.force_login(world.manager.user)
    page = _page(client.get(_url("move-complete", world, move)))
    assert "The new area does not use joinedup, so the record is closed" in page
    response = client.post(
        _url("move-complete", world, move), {"outcome": "CLOSED", "reason": "Moved", "version": move.version}
    )
    assert response.status_code == 302
    assert Closure.objects.get(child=world.child).reason.code == "MOVED_AREA"
    assert ChildMove.objects.get(pk=move.pk).outcome == "CLOSED"


def test_completing_needs_a_reason(client, world):
    move = sent_move(world.child, planned_by=world.key_worker.user)
    client.force_login(world.manager.user)
    response = client.post(_url("move-complete", world, move), {"outcome": "CLOSED", "version": move.version})
    assert "Enter the reason" in _page(response)
    assert not Closure.objects.exists()


def test_the_family_reads_their_copy_once_sent(client, world):
    planned = ChildMoveFactory(child=world.child, planned_by=world.key_worker.user)
    client.force_login(world.parent)
    assert client.get(reverse("moves:family-pack", args=[world.child.pk, planned.pk])).status_code == 404
    ChildMove.objects.filter(pk=planned.pk).update(
        status="COMPLETED", outcome="CLOSED", outcome_reason="x", completed_at=timezone.now()
    )
    move = sent_move(world.child, planned_by=world.key_worker.user)
    page = _page(client.get(reverse("moves:family-pack", args=[world.child.pk, move.pk])))
    assert "Information pack for a family moving area" in page
    assert world.child.given_name in page
    portal = _page(client.get(reverse("portal:child", args=[world.child.pk])))
    assert reverse("moves:family-pack", args=[world.child.pk, move.pk]) in portal


def test_only_the_identified_practitioner_reads_the_received_pack(client, world):
    newcomer = world.other_area_practitioner
    move = sent_move(world.child, planned_by=world.key_worker.user, to_area=newcomer.organisation.area, to_area_name="")
    MoveContact.objects.filter(move=move).delete()
    MoveContact.objects.create(
        move=move,
        kind="NEW_AREA",
        practitioner=newcomer,
        added_by=world.key_worker.user,
        added_at=timezone.now(),
        told_at=timezone.now(),
    )
    url = reverse("moves:received-pack", args=[move.pk])
    for outsider in (world.team_member.user, world.parent, world.administrator):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(newcomer.user)
    response = client.get(url)
    assert response.status_code == 200
    assert world.child.family_name in _page(response)
    # the pack, not the record: the child's own page stays out of reach
    assert client.get(reverse("people:child-detail", args=[world.child.pk])).status_code == 404


def test_the_child_page_links_to_moving_area(client, world):
    client.force_login(world.key_worker.user)
    assert reverse("moves:move", args=[world.child.pk]) in _page(
        client.get(reverse("people:child-detail", args=[world.child.pk]))
    )


def test_the_api_gives_the_pack_as_json(client, world):
    move = sent_move(world.child, planned_by=world.key_worker.user)
    client.force_login(world.team_member.user)
    response = client.get(f"/api/v1/children/{world.child.pk}/moves/{move.pk}/pack/")
    assert response.status_code == 200
    assert response.json()["schema"] == "joinedup.move-pack"
    assert response.json() == move.pack
