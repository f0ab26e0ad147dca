"""Write messages into the outbox, mark them read, and e-mail what is pending (the worker's job).

``notify`` runs inside the caller's transaction: a change that rolls back tells nobody, and a
change that commits has its messages committed with it, so none is lost. ``deliver_pending``
e-mails each message once: the row is claimed under a lock while it is sent and marked sent in
the same transaction. Reading one's own inbox is not a read or change of a child's record, so
marking messages read writes no audit event; the page a message links to audits itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.core.mail import DNS_NAME, EmailMessage
from django.db import connection, transaction
from django.utils.http import url_has_allowed_host_and_scheme

from joinedup.accounts.models import User
from joinedup.notifications.models import Notification
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child

SUBJECT_MAX = 150
ERROR_MAX = 2000
EMAIL_FOOTER = "You can also read this message in your joinedup inbox."


class NotRecipient(Exception):
    """Only the person a message is for may mark it read."""


class MailNotAccepted(Exception):
    """The mail backend returned without sending the message."""


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int
    waiting: int

    def __str__(self) -> str:
        return f"Sent {self.sent}, failed {self.failed}, waiting {self.waiting}"


def is_local_path(link: str) -> bool:
    """A path inside joinedup (``/children/...``), never another site: opening a message redirects there."""
    return link == "" or (
        link.startswith("/")
        and not link.startswith("//")
        and url_has_allowed_host_and_scheme(link, allowed_hosts=None, require_https=False)
    )


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User],
    subject: str,
    body: str,
    link: str = "",
    child: Child | None = None,
    now: datetime,
) -> list[Notification]:
    """Write one message per person into the outbox, in the caller's transaction.

    Each person gets one message however often they appear; inactive users get none. The
    e-mail address is captured now: the practitioner profile's, else the user's; with neither,
    the message is shown in the inbox only. Keep ``body`` plain and free of needless personal
    data (a local ID, not a name): it is e-mailed.
    """
    subject = subject.strip()
    if not subject or len(subject) > SUBJECT_MAX:
        raise ValueError(f"A notification subject is 1 to {SUBJECT_MAX} characters")
    if not is_local_path(link):
        raise ValueError("A notification links only to a path inside joinedup")
    people = {user.pk: user for user in recipients if user.is_active}
    if not people:
        return []
    profile_email = dict(Practitioner.objects.filter(user_id__in=people).values_list("user_id", "email"))
    return Notification.objects.bulk_create(
        Notification(
            recipient=user,
            child=child,
            subject=subject,
            body=body.strip(),
            link=link,
            created_at=now,
            email_to=profile_email.get(pk) or user.email,
        )
        for pk, user in people.items()
    )


@transaction.atomic
def mark_read(*, notification: Notification, by: User, now: datetime) -> Notification:
    """Mark one message read by its recipient. Reading it again keeps the first time."""
    if notification.recipient_id != by.pk:
        raise NotRecipient
    if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now):
        notification.read_at = now
    else:
        notification.refresh_from_db(fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, user: User, now: datetime) -> int:
    """Mark every unread message of ``user`` read; return how many were unread."""
    return Notification.objects.filter(recipient=user).unread().update(read_at=now)


def deliver_pending(*, now: datetime, limit: int = 200) -> DeliveryReport:
    """E-mail up to ``limit`` pending messages, one at a time, each in its own transaction.

    Not one transaction for the batch on purpose: each message's outcome commits on its own.
    A message is claimed with ``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two
    workers never send the same one; on SQLite the immediate transaction serialises writers.
    ``emailed_at`` is set only after the backend accepted the message. A failure counts an
    attempt and keeps the error; the message is tried again on a later run, up to
    ``MAX_EMAIL_ATTEMPTS`` times, and stays in the inbox whatever happens to the e-mail.
    """
    tried: set[UUID] = set()
    sent = failed = 0
    while len(tried) < limit:
        outcome = _deliver_next(now=now, tried=tried)
        if outcome is None:
            break
        sent, failed = (sent + 1, failed) if outcome else (sent, failed + 1)
    return DeliveryReport(sent=sent, failed=failed, waiting=Notification.objects.pending_email().count())


def _deliver_next(*, now: datetime, tried: set[UUID]) -> bool | None:
    """Claim, send and record one message not tried in this run. None when there is nothing left."""
    with transaction.atomic():
        pending = Notification.objects.pending_email().exclude(pk__in=tried).order_by("created_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True)
        notification = pending.first()
        if notification is None:
            return None
        tried.add(notification.pk)
        notification.attempts += 1
        try:
            _email(notification)
        # Whatever the backend raises (SMTP refusal, a dropped connection, a bad address), the
        # message must be recorded as failed and retried, not stop the batch.
        except Exception as exc:
            notification.last_error = f"{type(exc).__name__}: {exc}"[:ERROR_MAX]
        else:
            notification.emailed_at = now
            notification.last_error = ""
        notification.save(update_fields=["attempts", "emailed_at", "last_error"])
        return notification.emailed_at is not None


def _email(notification: Notification) -> None:
    message = EmailMessage(
        subject=notification.subject,
        body=f"{notification.body}\n\n{EMAIL_FOOTER}",
        to=[notification.email_to],
        # The same message always carries the same Message-ID, so if the worker dies between
        # the send and the commit and sends it again, mail clients can spot the duplicate.
        headers={"Message-ID": f"<notification.{notification.pk}@{DNS_NAME}>", "Auto-Submitted": "auto-generated"},
    )
    if message.send() != 1:
        raise MailNotAccepted("The mail backend did not accept the message")
