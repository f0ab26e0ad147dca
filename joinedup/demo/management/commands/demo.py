"""`joinedup demo`: migrate, load the demo area if the database is empty, print the sign-ins, serve."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from joinedup.core.clock import now, today
from joinedup.demo.area import has_demo_area
from joinedup.demo.console import build_with_progress_bar, sign_ins_block
from joinedup.demo.signins import describe_sign_ins
from joinedup.demo.tour import monday_morning_text

ADDRESS = "127.0.0.1:8000"


class Command(BaseCommand):
    help = f"Set up the demo (migrate, load the demo area once) and serve it on http://{ADDRESS}/"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="set up and print the sign-ins only")
        parser.add_argument("--children", type=int, default=750, help="children in a new demo area")
        parser.add_argument("--seed", type=int, default=1, help="seed for a new demo area")

    def handle(self, *args: Any, **options: Any) -> None:
        show = options["verbosity"] > 0
        call_command("migrate", interactive=False, verbosity=max(0, options["verbosity"] - 1))
        if has_demo_area():
            self.stdout.write("The database already has a demo area: keeping it.")
        else:
            build_with_progress_bar(children=options["children"], seed=options["seed"], today=today(), show=show)
        tour = monday_morning_text(today=today(), now=now())
        self.stdout.write(sign_ins_block(describe_sign_ins(today=today()), tour))
        if not options["no_serve"]:
            call_command("runserver", ADDRESS, use_reloader=False)
