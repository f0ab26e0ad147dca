"""`joinedup seed`: load the synthetic demo area into an empty database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from joinedup.core.clock import now, today
from joinedup.demo.area import DemoAreaExists
from joinedup.demo.console import build_with_progress_bar, sign_ins_block
from joinedup.demo.tour import monday_morning_text


class Command(BaseCommand):
    help = "Load the synthetic demo area (deterministic for a seed) into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--children", type=int, default=750, help="children aged 0 to 18 (default 750)")
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same area (default 1)")
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="build as if today were YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        day = options["today"] or today()
        try:
            sign_ins = build_with_progress_bar(
                children=options["children"], seed=options["seed"], today=day, show=options["verbosity"] > 0
            )
        except (DemoAreaExists, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"] > 0:
            # Built for another day: show the cases as they stand at nine that morning.
            moment = now() if options["today"] is None else datetime.combine(day, time(9), tzinfo=UTC)
            self.stdout.write(sign_ins_block(sign_ins, monday_morning_text(today=day, now=moment)))
