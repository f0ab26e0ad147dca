"""Build the synthetic demo area in an empty database: `joinedup seed` and `joinedup demo` call this."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction

from joinedup.demo.planner import plan_area
from joinedup.demo.signins import DemoSignIn, DemoSignIns, describe_sign_ins
from joinedup.demo.writer import STEPS, Writer
from joinedup.organisations.models import Area

__all__ = ["DemoAreaExists", "DemoSignIn", "DemoSignIns", "Progress", "build_demo_area", "has_demo_area"]

Progress = Callable[[int, int, str], None]
"""Told (steps done, steps in all, what happens next) as the build goes along."""


class DemoAreaExists(Exception):
    """The database already holds an area; the demo is only ever loaded into an empty one."""

    def __init__(self) -> None:
        super().__init__("The database already has a demo area; delete var/joinedup.sqlite3 or use a fresh database")


def has_demo_area() -> bool:
    return Area.objects.exists()


def build_demo_area(
    *, children: int = 750, seed: int = 1, today: date, progress: Progress | None = None
) -> DemoSignIns:
    """Plan the area from ``seed`` and store it in one transaction; return the demo sign-ins."""
    if has_demo_area():
        raise DemoAreaExists
    report = progress or _silent
    total = len(STEPS) + 1
    report(0, total, "Planning the area")
    plan = plan_area(children=children, seed=seed, today=today)
    with transaction.atomic():
        writer = Writer(plan, today=today)
        for done, (label, step) in enumerate(STEPS, start=1):
            report(done, total, label)
            step(writer)
    report(total, total, "Done")
    return describe_sign_ins(today=today)


def _silent(done: int, total: int, label: str) -> None:
    del done, total, label
