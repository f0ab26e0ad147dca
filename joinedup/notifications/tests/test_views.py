"""The inbox: each person sees and opens only their own messages; the unread count is in the menu."""

import html
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from joinedup.notifications import services
from joinedup.notifications.models import Notification

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
INBOX = reverse("notifications:notification-list")
MARK_ALL = reverse("notifications:notification-mark-all-read")


def _notify(user, subject="Plan review due", link="", now=NOW):
    [message] = services.notify(recipients=[user], subject=subject, body="Due next week.", link=link, now=now)
    return message


def _open(message):
    return reverse("notifications:notification-open", args=[message.pk])


def test_r_g1_the_inbox_lists_only_the_users_own_messages_newest_first(client, world):
    _notify(world.key_worker.user, "Older message for the key worker")
    _notify(world.key_worker.user, "Newer message for the key worker", now=NOW + timedelta(hours=1))
    _notify(world.manager.user, "Message for the manager")
    client.force_login(world.key_worker.user)
    page = html.unescape(client.get(INBOX).content.decode())
    assert page.index("Newer message for the key worker") < page.index("Older message for the key worker")
    assert "Message for the manager" not in page
    assert "Unread" in page
    assert "Mark all as read" in page


def test_an_empty_inbox_says_so(client, world):
    client.force_login(world.key_worker.user)
    page = html.unescape(client.get(INBOX).content.decode())
    assert "You have no messages" in page
    assert "Mark all as read" not in page


def test_r_g1_opening_a_message_marks_it_read_and_goes_to_its_link(client, world):
    link = reverse("people:child-detail", args=[world.child.pk])
    message = _notify(world.key_worker.user, link=link)
    client.force_login(world.key_worker.user)
    response = client.get(_open(message))
    assert response.status_code == 302
    assert response["Location"] == link
    message.refresh_from_db()
    assert message.read_at is not None


def test_opening_a_message_without_a_link_goes_back_to_the_inbox(client, world):
    message = _notify(world.key_worker.user)
    client.force_login(world.key_worker.user)
    assert client.get(_open(message))["Location"] == INBOX


def test_opening_never_redirects_off_site_even_if_a_bad_link_was_stored(client, world):
    message = _notify(world.key_worker.user)
    Notification.objects.filter(pk=message.pk).update(link="/\\elsewhere.example/")
    client.force_login(world.key_worker.user)
    assert client.get(_open(message))["Location"] == INBOX


@pytest.mark.parametrize("persona", ["manager", "team_member", "parent", "administrator", "other_area"])
def test_r_g1_nobody_else_can_open_a_users_message(client, world, persona):
    message = _notify(world.key_worker.user, link=reverse("people:child-detail", args=[world.child.pk]))
    client.force_login(world.personas()[persona])
    response = client.get(_open(message))
    assert response.status_code == 404
    assert "Plan review due" not in html.unescape(response.content.decode())
    message.refresh_from_db()
    assert message.read_at is None


def test_r_g1_mark_all_as_read_marks_only_the_users_own(client, world):
    mine = _notify(world.key_worker.user)
    theirs = _notify(world.manager.user)
    client.force_login(world.key_worker.user)
    response = client.post(MARK_ALL)
    assert response["Location"] == INBOX
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None
    assert theirs.read_at is None
    assert "All your messages are marked as read" in html.unescape(client.get(INBOX).content.decode())


def test_mark_all_as_read_is_a_post(client, world):
    _notify(world.key_worker.user)
    client.force_login(world.key_worker.user)
    assert client.get(MARK_ALL).status_code == 405
    assert Notification.objects.unread().count() == 1


@pytest.mark.parametrize("url", [INBOX, MARK_ALL, "/inbox/00000000-0000-0000-0000-000000000000/"])
def test_signed_out_people_are_sent_to_sign_in(client, world, url):
    response = client.post(url) if url == MARK_ALL else client.get(url)
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_the_menu_shows_the_unread_count_to_practitioners_and_managers(client, world):
    for _ in range(3):
        _notify(world.key_worker.user)
    client.force_login(world.key_worker.user)
    assert "Inbox (3)" in html.unescape(client.get(reverse("people:my-children")).content.decode())
    client.get(_open(Notification.objects.first()))
    assert "Inbox (2)" in html.unescape(client.get(INBOX).content.decode())
    client.post(MARK_ALL)
    page = html.unescape(client.get(INBOX).content.decode())
    assert "Inbox (" not in page
    assert ">Inbox<" in page.replace("\n", "").replace(" ", "")
    client.force_login(world.manager.user)
    assert INBOX in html.unescape(client.get(reverse("people:my-children")).content.decode())


@pytest.mark.parametrize("persona", ["parent", "young_person", "administrator", "commissioner"])
def test_the_menu_has_no_inbox_for_families_administrators_and_commissioners(client, world, persona):
    client.force_login(world.personas()[persona])
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert f'href="{INBOX}"' not in html.unescape(response.content.decode())


def test_the_unread_count_is_one_query(client, world, django_assert_num_queries):
    from joinedup.notifications.selectors import unread_count

    for _ in range(4):
        _notify(world.key_worker.user)
    with django_assert_num_queries(1):
        assert unread_count(world.key_worker.user) == 4


def test_the_inbox_queries_do_not_grow_with_the_messages(client, world):
    user = world.key_worker.user
    client.force_login(user)

    def add(n):
        Notification.objects.bulk_create(
            Notification(recipient=user, subject=f"Message {i}", body="Body", created_at=NOW, email_to="")
            for i in range(n)
        )

    add(5)
    with CaptureQueriesContext(connection) as few:
        assert client.get(INBOX).status_code == 200
    add(45)
    with CaptureQueriesContext(connection) as many:
        page = html.unescape(client.get(INBOX).content.decode())
    assert "Inbox (50)" in page
    assert len(many) == len(few)


def test_the_unread_count_counts_only_the_users_own_unread_messages(world):
    from django.utils import timezone

    from joinedup.notifications.selectors import unread_count

    read, *_unread = [_notify(world.key_worker.user) for _ in range(3)]
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    _notify(world.manager.user)
    assert unread_count(world.key_worker.user) == 2
    assert unread_count(world.manager.user) == 1
    assert unread_count(world.team_member.user) == 0
