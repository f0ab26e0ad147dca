"""`joinedup sweep`: bring every child's duties up to date. Safe to run any number of times."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from joinedup.core.clock import now, today
from joinedup.core.processes import CannotRunInProcesses, ForkSafeBar, usable_processes
from joinedup.duties import services
from joinedup.duties.sweep_plan import SweepPlan


class Command(BaseCommand):
    help = (
        "Bring every child's duties (reviews, visits, transition milestones) up to date for today: the"
        " children whose facts changed since the last sweep and those who turned 18, or every child."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--processes",
            type=int,
            default=None,
            help="processes to share the work among (default: one per core on PostgreSQL, one on SQLite)",
        )
        parser.add_argument(
            "--every-child",
            action="store_true",
            help="read every child, not only those whose facts changed (the default after a change to the rules)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["verbosity"] == 0
        processes = options["processes"] if options["processes"] is not None else usable_processes()
        if processes < 1:
            raise CommandError("--processes must be 1 or more")
        with ForkSafeBar(total=None, unit="child", disable=quiet, file=self.stderr) as bar:

            def planned(plan: SweepPlan) -> None:
                if not quiet:
                    self.stdout.write(f"Sweeping {plan.why}.")
                bar.reset(total=plan.children)

            try:
                result = services.sweep(
                    today=today(),
                    now=now(),
                    progress=bar.update,
                    processes=processes,
                    every_child=options["every_child"],
                    planned=planned,
                )
            except CannotRunInProcesses as e:
                raise CommandError(f"{e} (--processes 1)") from e
        if not quiet:
            self.stdout.write(
                f"{result.children} children: {result.created} duties scheduled, {result.updated} moved, "
                f"{result.cancelled} no longer needed"
            )
