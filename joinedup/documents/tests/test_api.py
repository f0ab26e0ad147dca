"""B5 letters and updates through the API: list with told logs, one document, share a written update."""

import pytest

from joinedup.documents.models import SharedDocument, Told
from joinedup.documents.tests.factories import make_document
from joinedup.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _path(world, suffix=""):
    return f"/api/v1/children/{world.child.pk}/documents/{suffix}"


def test_the_list_shows_each_document_with_who_was_told(client, world):
    document = make_document(world.child, by=world.key_worker.user, told=[world.team_member.user])
    client.force_login(world.manager.user)

    [row] = client.get(_path(world)).json()

    assert (row["id"], row["kind"], row["has_file"], row["file_name"]) == (
        str(document.pk),
        "HOSPITAL_LETTER",
        True,
        "clinic-letter.pdf",
    )
    assert [(t["person"]["name"], t["opened_at"]) for t in row["told"]] == [(world.team_member.full_name, None)]


def test_reading_a_written_update_counts_as_opening_it(client, world):
    document = make_document(
        world.child, by=world.key_worker.user, told=[world.team_member.user], kind="WRITTEN_UPDATE"
    )
    client.force_login(world.team_member.user)

    body = client.get(_path(world, f"{document.pk}/")).json()

    assert body["told"][0]["opened_at"] is not None


def test_sharing_a_written_update_tells_people(client, world):
    client.force_login(world.key_worker.user)
    payload = {
        "title": "After the clinic",
        "text": "New medicine from Monday",
        "practitioner_ids": [str(world.team_member.pk)],
        "carer_ids": [str(world.parent.carer.pk)],
    }

    response = client.post(_path(world), payload, content_type="application/json")

    assert response.status_code == 201
    document = SharedDocument.objects.get()
    assert (document.kind, document.has_file) == ("WRITTEN_UPDATE", False)
    assert Told.objects.filter(document=document).count() == 2
    assert Notification.objects.filter(subject="An update has been shared with you").count() == 2


def test_sharing_with_someone_outside_the_team_is_refused(client, world):
    client.force_login(world.key_worker.user)
    payload = {"title": "Update", "text": "Text", "practitioner_ids": [str(world.ended_member.pk)]}

    response = client.post(_path(world), payload, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["detail"][0]["rule"] == "B5-SHARE-TOLD"
    assert SharedDocument.objects.count() == 0
