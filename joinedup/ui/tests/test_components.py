"""Our shortcuts to GOV.UK Frontend's components draw the same markup as the components."""

import re

import pytest
from django.template import engines


def _render(source: str, **context: str) -> str:
    html = engines.all()[0].env.from_string(source).render(**context)
    return re.sub(r"\s+", " ", html).replace("> <", "><").replace(' ">', '">').replace("> ", ">").replace(" <", "<")


@pytest.mark.parametrize("colour", ["", "red", "blue"])
@pytest.mark.parametrize("text", ["Overdue", "Tom & Jerry's <b>"])
def test_tag_matches_govuk_frontend(text, colour):
    ours = _render("{{ tag(text, colour) }}", text=text, colour=colour)
    theirs = _render(
        '{% from "govuk_frontend_jinja/components/tag/macro.html" import govukTag %}'
        '{{ govukTag({"text": text, "classes": ("govuk-tag--" ~ colour) if colour else ""}) }}',
        text=text,
        colour=colour,
    )
    assert ours.strip() == theirs.strip()
    assert "<b>" not in ours  # the text is escaped, as GOV.UK's is
