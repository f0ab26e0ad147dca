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


_SUMMARY_ROWS = [
    [{"key": {"text": "About me"}, "value": {"text": "Tom & Jerry's <b>"}}],
    [
        {"key": {"text": "About me"}, "value": {"html": '<span class="govuk-hint">Not written yet</span>'}},
        None,  # GOV.UK leaves an empty row out
        {"key": {"html": "<b>Bold</b> key"}, "value": {"html": "  First line\nsecond line\n\nafter a blank  "}},
        {"key": {"text": "Young carer"}, "value": {"text": "No"}},
        {"key": {"text": "Empty html"}, "value": {"html": "", "text": "falls back to the text"}},
    ],
    [],
]


@pytest.mark.parametrize("rows", _SUMMARY_ROWS)
def test_summary_list_matches_govuk_frontend(rows):
    source = '{% from "ui/components.html" import summary %}{{ summary(rows) }}'
    theirs = (
        '{% from "govuk_frontend_jinja/components/summary-list/macro.html" import govukSummaryList %}'
        '{{ govukSummaryList({"rows": rows}) }}'
    )
    assert _render(source, rows=rows) == _render(theirs, rows=rows)


def test_summary_list_refuses_what_it_does_not_draw():
    from joinedup.ui.summary_list import summary_list

    with pytest.raises(ValueError, match="actions"):
        summary_list([{"key": {"text": "Plan"}, "value": {"text": "Yes"}, "actions": {"items": []}}])
    with pytest.raises(ValueError, match="classes"):
        summary_list([{"key": {"text": "Plan", "classes": "wide"}, "value": {"text": "Yes"}}])
