"""The e-mail worker: every message with an address is sent once, failures are retried, then given up."""

import smtplib
import threading
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.db import OperationalError, connection, transaction

from joinedup.notifications import services
from joinedup.notifications.management.commands import deliver_notifications
from joinedup.notifications.models import MAX_EMAIL_ATTEMPTS, Notification

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
REFUSED: set[str] = set()


class RefusingBackend(locmem.EmailBackend):
    """A mail server that refuses the addresses in REFUSED and accepts the rest (into mail.outbox)."""

    def send_messages(self, messages):
        for message in messages:
            if refused := REFUSED.intersection(message.to):
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"No such user here")))
        return super().send_messages(messages)


@pytest.fixture
def refusing(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    yield REFUSED
    REFUSED.clear()


def _notify(*recipients, now=NOW):
    return services.notify(recipients=recipients, subject="Review due", body="The plan review is due.", now=now)


@pytest.mark.django_db
def test_each_message_is_emailed_once_however_often_the_worker_runs(world):
    _notify(world.key_worker.user, world.manager.user)
    first = services.deliver_pending(now=NOW)
    second = services.deliver_pending(now=NOW + timedelta(minutes=1))
    assert (first.sent, first.failed, first.waiting) == (2, 0, 0)
    assert (second.sent, second.failed, second.waiting) == (0, 0, 0)
    assert sorted(m.to for m in mail.outbox) == sorted([[world.key_worker.email], [world.manager.email]])
    assert all(n.emailed_at == NOW and n.attempts == 1 for n in Notification.objects.all())
    message = mail.outbox[0]
    assert message.subject == "Review due"
    assert message.body.startswith("The plan review is due.")
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


@pytest.mark.django_db
def test_a_message_without_an_address_stays_in_the_inbox_only(world):
    world.commissioner.email = ""
    world.commissioner.save()
    _notify(world.commissioner)
    assert services.deliver_pending(now=NOW).sent == 0
    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None


@pytest.mark.django_db
def test_a_refused_message_records_the_error_and_is_retried_on_the_next_run(world, refusing):
    refusing.add(world.key_worker.email)
    _notify(world.key_worker.user, world.manager.user)
    report = services.deliver_pending(now=NOW)
    assert (report.sent, report.failed, report.waiting) == (1, 1, 1)  # tried once per run, not hammered
    failed = Notification.objects.get(recipient=world.key_worker.user)
    assert (failed.emailed_at, failed.attempts) == (None, 1)
    assert "SMTPRecipientsRefused" in failed.last_error
    assert "No such user here" in failed.last_error
    assert [m.to for m in mail.outbox] == [[world.manager.email]]

    refusing.clear()  # the mail server is happy again
    report = services.deliver_pending(now=NOW + timedelta(minutes=5))
    assert (report.sent, report.failed, report.waiting) == (1, 0, 0)
    failed.refresh_from_db()
    assert (failed.emailed_at, failed.attempts, failed.last_error) == (NOW + timedelta(minutes=5), 2, "")
    assert sorted(m.to for m in mail.outbox) == sorted([[world.manager.email], [world.key_worker.email]])


@pytest.mark.django_db
def test_the_worker_gives_up_on_a_message_after_five_attempts_but_keeps_it_in_the_inbox(world, refusing):
    refusing.add(world.key_worker.email)
    _notify(world.key_worker.user)
    for run in range(MAX_EMAIL_ATTEMPTS):
        report = services.deliver_pending(now=NOW + timedelta(minutes=run))
        assert (report.sent, report.failed) == (0, 1)
    assert report.waiting == 0
    assert services.deliver_pending(now=NOW + timedelta(hours=1)).failed == 0  # not tried a sixth time
    message = Notification.objects.get()
    assert (message.attempts, message.emailed_at, message.read_at) == (MAX_EMAIL_ATTEMPTS, None, None)
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_worker_sends_at_most_its_limit_a_run_oldest_first(world):
    for minutes in (3, 1, 2):
        _notify(world.key_worker.user, now=NOW + timedelta(minutes=minutes))
    report = services.deliver_pending(now=NOW, limit=2)
    assert (report.sent, report.waiting) == (2, 1)
    waiting = Notification.objects.get(emailed_at__isnull=True)
    assert waiting.created_at == NOW + timedelta(minutes=3)


@pytest.mark.django_db
def test_the_command_delivers_once_and_says_what_it_did(world, refusing):
    refusing.add(world.manager.email)
    _notify(world.key_worker.user, world.manager.user)
    out = StringIO()
    call_command("deliver_notifications", stdout=out)
    assert out.getvalue().strip() == "Sent 1, failed 1, waiting 1"
    out = StringIO()
    call_command("deliver_notifications", stdout=out)
    assert out.getvalue().strip() == "Sent 0, failed 1, waiting 1"


@pytest.mark.django_db
def test_the_command_loops_as_a_worker_until_stopped(world, monkeypatch):
    _notify(world.key_worker.user)
    naps = []

    def pause(stop, seconds):
        naps.append(seconds)
        if len(naps) == 2:
            stop.set()  # what SIGTERM does

    monkeypatch.setattr(deliver_notifications, "pause", pause)
    monkeypatch.setattr(deliver_notifications, "close_old_connections", lambda: None)
    out = StringIO()
    call_command("deliver_notifications", "--loop", "30", stdout=out)
    assert naps == [30, 30]
    assert out.getvalue().splitlines() == ["Sent 1, failed 0, waiting 0", "Stopped."]  # quiet when idle
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_worker_loop_survives_a_database_error(world, monkeypatch):
    _notify(world.key_worker.user)
    real = services.deliver_pending
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(**kwargs)

    monkeypatch.setattr(deliver_notifications.services, "deliver_pending", flaky)
    monkeypatch.setattr(deliver_notifications, "pause", lambda stop, seconds: None)
    monkeypatch.setattr(deliver_notifications, "close_old_connections", lambda: None)
    out, err = StringIO(), StringIO()
    call_command("deliver_notifications", "--loop", "1", stdout=out, stderr=err)
    assert "database is locked" in err.getvalue()
    assert out.getvalue().splitlines() == ["Sent 1, failed 0, waiting 0", "Stopped."]


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_the_same_message(transactional_world):
    """A message another worker holds (row locked while it sends) is skipped, not sent again."""
    if not connection.features.has_select_for_update_skip_locked:
        pytest.skip("SQLite serialises workers with immediate transactions; SKIP LOCKED is PostgreSQL's")
    world = transactional_world
    held, free = _notify(world.key_worker.user, world.manager.user)
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                Notification.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(10)
        report = services.deliver_pending(now=NOW)
    finally:
        release.set()
        thread.join(10)
    assert (report.sent, report.failed, report.waiting) == (1, 0, 1)
    assert [m.to for m in mail.outbox] == [[Notification.objects.get(pk=free.pk).email_to]]
    held.refresh_from_db()
    assert (held.emailed_at, held.attempts) == (None, 0)
