"""Reads of a person's own messages: every query starts from ``recipient=user``, never an id alone."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404

from joinedup.accounts.models import User
from joinedup.core.rows import fetch
from joinedup.notifications.models import Notification

# The inbox shows this many of the newest messages; older ones are kept.
INBOX_SIZE = 100


def own_notifications(user: User) -> list[Notification]:
    """The user's newest messages first (at most INBOX_SIZE), in one query."""
    return list(Notification.objects.filter(recipient=user).order_by("-created_at", "-id")[:INBOX_SIZE])


def unread_count(user: User) -> int:
    """How many of the user's messages are unread (``Notification.objects.unread()``): one COUNT
    query, written by hand because every page's menu asks it (the ORM's was 1 ms a page, issue 6)."""
    (count,) = fetch(
        "SELECT count(*) FROM notifications_notification WHERE recipient_id = %s AND read_at IS NULL", [user.pk]
    )[0]
    return int(count)


def get_own_notification_or_404(user: User, notification_id: UUID | str) -> Notification:
    """One of the user's own messages; anyone else's is a 404, so its existence never leaks."""
    notification = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if notification is None:
        raise Http404("No message found")
    return notification
