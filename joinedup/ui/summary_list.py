"""GOV.UK's summary list (a key and its value on each row), drawn in Python.

Nearly every record page draws one or more (the child page three): with the plans table written
out, drawing them here took the child page from 28.7 to 23.6 million instructions (issue 6). Only
what our pages use is drawn: rows of a key and a value, each given as ``text`` (escaped) or
``html`` (trusted markup, as GOV.UK's ``html``). Anything else (actions, cards, classes) is refused
rather than silently left out: use ``govukSummaryList`` for those.
``test_summary_list_matches_govuk_frontend`` keeps the markup the same as GOV.UK's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from jinja2.filters import do_indent
from markupsafe import Markup, escape

_PARTS = {"key", "value"}
_CONTENT = {"text", "html"}


def summary_list(rows: Iterable[Mapping[str, Any] | None]) -> Markup:
    """A ``<dl class="govuk-summary-list">`` of ``rows``; an empty row (``None``) is left out, as GOV.UK does."""
    drawn = "".join(_row(_content(row, "key"), _content(row, "value")) for row in rows if row)
    return Markup(f'<dl class="govuk-summary-list">\n{drawn}</dl>')  # noqa: S704 - every part escaped or markup


def _row(key: Markup, value: Markup) -> str:
    return (
        '  <div class="govuk-summary-list__row">\n'
        f'    <dt class="govuk-summary-list__key">\n      {key}\n    </dt>\n'
        f'    <dd class="govuk-summary-list__value">\n      {value}\n    </dd>\n'
        "  </div>\n"
    )


def _content(row: Mapping[str, Any], part: str) -> Markup:
    if unknown := set(row) - _PARTS:
        raise ValueError(f"summary_list draws only a key and a value, not {sorted(unknown)}: use govukSummaryList")
    given = row.get(part) or {}
    if unknown := set(given) - _CONTENT:
        raise ValueError(f"a summary list's {part} is text or html, not {sorted(unknown)}")
    if given.get("html"):
        # As GOV.UK's macro: trusted (``html`` is markup by contract, as GOV.UK's is), trimmed, and
        # indented to sit inside the <dt> or <dd>.
        trusted = Markup(given["html"]).strip()  # noqa: S704
        return Markup(do_indent(trusted, 6))  # noqa: S704 - indenting markup keeps it markup
    return escape(given.get("text", ""))
