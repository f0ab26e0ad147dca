"""GOV.UK's tag (a status such as "Overdue"), drawn in Python: lists draw one on most rows."""

from __future__ import annotations

from markupsafe import Markup, escape


def tag(text: str, colour: str = "") -> Markup:
    """govukTag's markup, written out. A Jinja macro cost 15 to 30 µs a call against about 2 µs for
    this (issue 6); test_tag_matches_govuk_frontend keeps the markup the same as GOV.UK's. Both
    values are escaped with ``escape`` into an f-string: ``Markup.format`` escapes through Python's
    string formatter, five times the cost, and My children draws up to a hundred tags a page."""
    classes = f"govuk-tag govuk-tag--{escape(colour)}" if colour else "govuk-tag"
    return Markup(f'<strong class="{classes}">{escape(text)}</strong>')  # noqa: S704 - both values escaped
