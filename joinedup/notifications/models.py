"""The outbox: one row per message to one person, written in the same transaction as the change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.core.models import UUIDModel

# The worker stops trying to e-mail a message after this many failed attempts; it stays in the inbox.
MAX_EMAIL_ATTEMPTS = 5


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def pending_email(self) -> NotificationQuerySet:
        """Messages with an address, not yet e-mailed, that the worker has not given up on."""
        return self.filter(emailed_at__isnull=True, attempts__lt=MAX_EMAIL_ATTEMPTS).exclude(email_to="")


class Notification(UUIDModel):
    """A message to one person: always shown in their inbox, and e-mailed when ``email_to`` is set.

    ``email_to`` is the address captured when the message was written, so a later change of
    address does not redirect it. ``emailed_at`` is set only after the mail backend accepted it.
    The body is plain English with no more personal data than the reader needs (a local ID,
    not a name): e-mail leaves joinedup.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications")
    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="notifications"
    )
    subject = models.CharField(max_length=150)
    body = models.TextField()
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    email_to = models.EmailField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        indexes = [
            # The unread count in the navigation, on every page.
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_read"),
            # The inbox, newest first.
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new"),
            # What the worker still has to e-mail: a partial index, so sent mail costs it nothing.
            models.Index(
                fields=["created_at"],
                name="notification_email_pending",
                condition=Q(emailed_at__isnull=True, attempts__lt=MAX_EMAIL_ATTEMPTS) & ~Q(email_to=""),
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(subject=""), name="notification_subject_not_blank"),
            # A path inside joinedup, never another site: opening a message redirects to it.
            models.CheckConstraint(
                condition=Q(link="") | (Q(link__startswith="/") & ~Q(link__startswith="//")),
                name="notification_link_is_a_local_path",
            ),
            models.CheckConstraint(
                condition=Q(emailed_at__isnull=True) | ~Q(email_to=""), name="notification_emailed_has_address"
            ),
        ]

    def __str__(self) -> str:
        return f"Notification {self.pk}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
