"""The signed-in user is loaded with their practitioner profile in one query (issue 6)."""

import pytest
from django.urls import reverse

from joinedup.accounts.backends import UserWithProfileBackend
from joinedup.accounts.models import User
from joinedup.organisations.models import Practitioner

pytestmark = pytest.mark.django_db


def test_a_practitioner_is_loaded_with_their_profile_in_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = UserWithProfileBackend().get_user(world.key_worker.user.pk)
        assert user is not None
        assert user.practitioner == world.key_worker


def test_a_parent_has_no_profile_and_asking_costs_no_second_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = UserWithProfileBackend().get_user(world.parent.pk)
        assert user == world.parent
        with pytest.raises(Practitioner.DoesNotExist):
            _ = user.practitioner


def test_an_inactive_or_unknown_user_is_not_signed_in(world):
    User.objects.filter(pk=world.key_worker.user.pk).update(is_active=False)
    assert UserWithProfileBackend().get_user(world.key_worker.user.pk) is None
    assert UserWithProfileBackend().get_user(0) is None


def test_signing_in_through_the_form_uses_this_backend(client, world):
    world.key_worker.user.set_password("a long enough password 1")
    world.key_worker.user.save()
    response = client.post(
        reverse("accounts:sign-in"),
        {"username": world.key_worker.user.username, "password": "a long enough password 1"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "joinedup.accounts.backends.UserWithProfileBackend"


def test_the_user_read_by_hand_is_the_user_the_orm_reads(world, django_assert_num_queries):
    expected = User.objects.select_related("practitioner").get(pk=world.key_worker.user.pk)
    user = UserWithProfileBackend().get_user(str(world.key_worker.user.pk))  # as the session keeps it
    assert user is not None
    for field in User._meta.concrete_fields:
        assert getattr(user, field.attname) == getattr(expected, field.attname), field.name
    with django_assert_num_queries(0):  # the profile and its way back to the user are both kept
        assert user.practitioner.user is user
        assert user.practitioner.full_name == world.key_worker.full_name


def test_a_malformed_user_id_is_no_user(world):
    assert UserWithProfileBackend().get_user("not-a-uuid") is None


def test_the_user_comes_with_their_own_unread_messages_counted_for_the_menu(world, django_assert_num_queries):
    import datetime as dt

    from django.test import RequestFactory

    from joinedup.notifications import services
    from joinedup.ui.context import navigation

    now = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    mine = [
        services.notify(recipients=[world.key_worker.user], subject=f"Review {n}", body="Soon.", link="", now=now)[0]
        for n in range(3)
    ]
    services.notify(recipients=[world.manager.user], subject="Someone else's", body="Soon.", link="", now=now)
    services.mark_read(notification=mine[0], by=world.key_worker.user, now=now)

    user = UserWithProfileBackend().get_user(world.key_worker.user.pk)
    assert user is not None
    assert user.unread_messages == 2  # their own, not yet read
    assert UserWithProfileBackend().get_user(world.parent.pk).unread_messages == 0
    request = RequestFactory().get("/children/")
    request.user = user
    with django_assert_num_queries(0):  # the menu takes the count the user came with
        items = navigation(request)["navigation"]
    assert any(item["text"] == "Inbox (2)" for item in items)
    request.user = User.objects.get(pk=world.key_worker.user.pk)  # loaded otherwise: counted for the menu
    with django_assert_num_queries(1):
        assert any(item["text"] == "Inbox (2)" for item in navigation(request)["navigation"])
