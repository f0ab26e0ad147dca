"""Sessions are read by hand on every request (issue 6), with Django's rules: expired is gone."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from joinedup.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _saved(**data) -> SessionStore:
    store = SessionStore()
    store.update(data)
    store.save()
    return store


def test_a_saved_session_is_read_back_with_its_data():
    saved = _saved(next="/children/", count=3)
    again = SessionStore(saved.session_key)
    assert again["next"] == "/children/"
    assert again["count"] == 3
    assert again.session_key == saved.session_key


def test_an_expired_session_reads_as_empty_and_its_key_is_forgotten():
    saved = _saved(secret="kept")
    Session.objects.filter(session_key=saved.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    again = SessionStore(saved.session_key)
    assert "secret" not in again
    assert again.session_key is None  # so saving makes a new session, never revives the old one
    again["fresh"] = True
    again.save()
    assert again.session_key != saved.session_key


def test_an_unknown_key_reads_as_empty():
    assert dict(SessionStore("a" * 32).items()) == {}


def test_a_signed_in_practitioner_stays_signed_in_between_pages(client, world):
    world.key_worker.user.set_password("a long enough password 1")
    world.key_worker.user.save()
    client.post(
        reverse("accounts:sign-in"),
        {"username": world.key_worker.user.username, "password": "a long enough password 1"},
    )
    assert client.get(reverse("people:my-children")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("people:my-children"))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]
