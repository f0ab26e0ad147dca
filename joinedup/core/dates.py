"""Date helpers with no policy in them."""

from __future__ import annotations

import calendar
from datetime import date


def age_on(born: date, on: date) -> int:
    """Age in whole years on a given date (a 29 February birthday turns on 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def birthday(born: date, years: int) -> date:
    """The day someone born on ``born`` turns ``years`` old: 1 March for a 29 February birthday
    in a year with no 29 February, the same rule as ``age_on``."""
    year = born.year + years
    if (born.month, born.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 3, 1)
    return born.replace(year=year)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), or the last day of that month when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
