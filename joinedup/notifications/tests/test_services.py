"""Writing to the outbox: in the caller's transaction, one message a person, to the right address."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction

from joinedup.notifications import services
from joinedup.notifications.models import Notification
from joinedup.organisations.models import Practitioner

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _notify(*recipients, **extra):
    return services.notify(
        recipients=recipients, subject=extra.pop("subject", "Plan review due"), body="Due next week.", now=NOW, **extra
    )


def test_notify_in_a_change_that_rolls_back_leaves_no_message(world):
    def change_that_fails():
        with transaction.atomic():
            _notify(world.key_worker.user, world.manager.user, child=world.child)
            assert Notification.objects.count() == 2  # written in the caller's transaction ...
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError, match="the change failed"):
        change_that_fails()
    assert not Notification.objects.exists()  # ... and gone with it


def test_notify_writes_one_message_per_person_and_skips_inactive_users(world):
    world.team_member.user.is_active = False
    world.team_member.user.save()
    rows = _notify(world.key_worker.user, world.key_worker.user, world.team_member.user, world.commissioner)
    assert [r.recipient for r in rows] == [world.key_worker.user, world.commissioner]
    assert Notification.objects.count() == 2
    assert all(r.created_at == NOW and r.read_at is None and r.emailed_at is None for r in rows)


def test_notify_captures_the_practitioner_address_else_the_user_address_else_inbox_only(world):
    key_worker = world.key_worker
    Practitioner.objects.filter(pk=world.manager.pk).update(email="")
    world.commissioner.email = ""
    world.commissioner.save()
    by_user = {r.recipient: r for r in _notify(key_worker.user, world.manager.user, world.commissioner)}
    assert by_user[key_worker.user].email_to == key_worker.email != key_worker.user.email
    assert by_user[world.manager.user].email_to == world.manager.user.email
    assert by_user[world.commissioner].email_to == ""


def test_notify_to_nobody_writes_nothing(world):
    assert _notify() == []
    assert not Notification.objects.exists()


@pytest.mark.parametrize("link", ["https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere.example", "x/"])
def test_notify_refuses_a_link_outside_joinedup(world, link):
    with pytest.raises(ValueError, match="inside joinedup"):
        _notify(world.key_worker.user, link=link)
    assert not Notification.objects.exists()


@pytest.mark.parametrize("subject", ["", "   ", "x" * 151])
def test_notify_refuses_an_empty_or_long_subject(world, subject):
    with pytest.raises(ValueError, match="subject"):
        _notify(world.key_worker.user, subject=subject)


def test_r_g1_only_the_recipient_marks_a_message_read_and_the_first_reading_is_kept(world):
    [message] = _notify(world.key_worker.user)
    with pytest.raises(services.NotRecipient):
        services.mark_read(notification=message, by=world.manager.user, now=NOW)
    message.refresh_from_db()
    assert message.read_at is None
    services.mark_read(notification=message, by=world.key_worker.user, now=NOW + timedelta(hours=1))
    services.mark_read(notification=message, by=world.key_worker.user, now=NOW + timedelta(hours=2))
    message.refresh_from_db()
    assert message.read_at == NOW + timedelta(hours=1)


def test_mark_all_read_marks_only_the_users_own_unread_messages(world):
    _notify(world.key_worker.user, world.manager.user)
    _notify(world.key_worker.user)
    assert services.mark_all_read(user=world.key_worker.user, now=NOW) == 2
    assert services.mark_all_read(user=world.key_worker.user, now=NOW) == 0
    assert not Notification.objects.filter(recipient=world.key_worker.user).unread().exists()
    assert Notification.objects.filter(recipient=world.manager.user).unread().count() == 1
