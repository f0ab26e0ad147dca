"""`joinedup sweep`: bring every child's duties up to date. Safe to run any number of times."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from joinedup.core.clock import now, today
from joinedup.duties import services
from joinedup.people.models import Child


class Command(BaseCommand):
    help = "Bring every child's duties (reviews, visits, transition milestones) up to date for today."

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["verbosity"] == 0
        with tqdm(total=Child.objects.count(), unit="child", disable=quiet, file=self.stderr) as bar:
            result = services.sweep(today=today(), now=now(), progress=bar.update)
        if not quiet:
            self.stdout.write(
                f"{result.children} children: {result.created} duties scheduled, {result.updated} moved, "
                f"{result.cancelled} no longer needed"
            )
