"""The one place that reads the clock. Rules take `today`/`now` as arguments instead."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    """The current instant, in UTC."""
    return timezone.now()


def today() -> date:
    """Today's date in Europe/London: the date that matters to people (DESIGN.md, Time)."""
    return timezone.localdate()
