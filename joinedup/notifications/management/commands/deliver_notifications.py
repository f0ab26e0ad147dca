"""`joinedup deliver_notifications [--loop SECONDS]`: e-mail what is waiting in the outbox."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, close_old_connections

from joinedup.core.clock import now
from joinedup.notifications import services


def pause(stop: threading.Event, seconds: float) -> None:
    """Wait between passes; a stop request (SIGTERM) ends the wait at once."""
    stop.wait(seconds)


class Command(BaseCommand):
    help = "E-mail pending notifications once, or every SECONDS with --loop (a worker process). Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", type=float, metavar="SECONDS", help="keep running, a pass every SECONDS")
        parser.add_argument("--limit", type=int, default=200, help="at most this many e-mails a pass")

    def handle(self, *args: Any, **options: Any) -> None:
        every: float | None = options["loop"]
        if every is not None and every <= 0:
            raise CommandError("--loop needs a number of seconds above 0")
        if every is None:
            self.stdout.write(str(services.deliver_pending(now=now(), limit=options["limit"])))
            return
        stop = threading.Event()
        # A process manager stops the worker with SIGTERM: finish the pass (no half-recorded
        # send), then leave. Ctrl-C stops at once; an unrecorded send is retried next time.
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
        try:
            while not stop.is_set():
                self._pass(limit=options["limit"])
                close_old_connections()  # a long-running worker must not keep a dropped connection
                pause(stop, every)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
        self.stdout.write("Stopped.")

    def _pass(self, *, limit: int) -> None:
        try:
            report = services.deliver_pending(now=now(), limit=limit)
        except DatabaseError as exc:  # SQLite busy, a restarted server: the next pass picks up from here
            self.stderr.write(f"Database error, trying again next pass: {exc}")
            return
        if report.sent or report.failed:
            self.stdout.write(str(report))
