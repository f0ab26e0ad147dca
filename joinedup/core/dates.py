"""Date helpers with no policy in them."""

from __future__ import annotations

from datetime import date


def age_on(born: date, on: date) -> int:
    """Age in whole years on a given date (a 29 February birthday turns on 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
