"""GOV.UK's tag (a status such as "Overdue"), drawn in Python: lists draw one on most rows."""

from __future__ import annotations

from markupsafe import Markup


def tag(text: str, colour: str = "") -> Markup:
    """govukTag's markup, written out. A Jinja macro cost 15 to 30 µs a call against about 2 µs for
    this (issue 6); test_tag_matches_govuk_frontend keeps the markup the same as GOV.UK's."""
    classes = f"govuk-tag govuk-tag--{colour}" if colour else "govuk-tag"
    return Markup('<strong class="{}">{}</strong>').format(classes, text)
