"""`joinedup sweep`: bring every child's duties up to date. Safe to run any number of times."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from joinedup.core.clock import now, today
from joinedup.core.processes import CannotRunInProcesses, ForkSafeBar, usable_processes
from joinedup.duties import services
from joinedup.people.models import Child


class Command(BaseCommand):
    help = "Bring every child's duties (reviews, visits, transition milestones) up to date for today."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--processes",
            type=int,
            default=None,
            help="processes to share the work among (default: one per core on PostgreSQL, one on SQLite)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["verbosity"] == 0
        processes = options["processes"] if options["processes"] is not None else usable_processes()
        if processes < 1:
            raise CommandError("--processes must be 1 or more")
        with ForkSafeBar(total=Child.objects.count(), unit="child", disable=quiet, file=self.stderr) as bar:
            try:
                result = services.sweep(today=today(), now=now(), progress=bar.update, processes=processes)
            except CannotRunInProcesses as e:
                raise CommandError(f"{e} (--processes 1)") from e
        if not quiet:
            self.stdout.write(
                f"{result.children} children: {result.created} duties scheduled, {result.updated} moved, "
                f"{result.cancelled} no longer needed"
            )
