"""The top of every page, drawn once for each navigation it can show and then kept (issue 6).

GOV.UK Frontend's page template draws its header blocks twice (once to see whether they hold
anything, once to show them) through three component macros: a few milliseconds of every request's
Python. The header depends only on the navigation (its items, which one is current, the inbox's
count) and the script prefix, so it is drawn once for each of those and kept.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix
from jinja2 import Environment, pass_environment
from markupsafe import Markup

HEADER_TEMPLATE = "ui/_header.html"


@pass_environment
def page_header(env: Environment, navigation: list[dict[str, Any]]) -> Markup:
    """The page's <header>: service name, the user's navigation (if signed in), the phase banner."""
    items = tuple((str(item["text"]), str(item["href"]), bool(item["active"])) for item in navigation)
    if env.auto_reload:  # DEBUG: templates are read again when they change, so draw it each time
        return _draw(env, items)
    return _kept_header(env, get_script_prefix(), items)


@lru_cache(maxsize=1024)
def _kept_header(env: Environment, script_prefix: str, items: tuple[tuple[str, str, bool], ...]) -> Markup:
    # script_prefix is only part of the key: the template's addresses depend on it.
    return _draw(env, items)


def _draw(env: Environment, items: tuple[tuple[str, str, bool], ...]) -> Markup:
    navigation = [{"text": text, "href": href, "active": active} for text, href, active in items]
    return Markup(env.get_template(HEADER_TEMPLATE).render(navigation=navigation))  # noqa: S704 - autoescaped template
