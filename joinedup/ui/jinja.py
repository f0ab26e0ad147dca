"""The Jinja2 environment: GOV.UK Frontend macros, Django's static and url helpers, our filters."""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static as django_static
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader
from markupsafe import Markup

from joinedup.ui.layout import page_header
from joinedup.ui.pagination import pagination_params
from joinedup.ui.render import error_summary_params, field_params
from joinedup.ui.summary_list import summary_list
from joinedup.ui.tag import tag


def url(name: str, *args: Any, **kwargs: Any) -> str:
    if kwargs:
        return reverse(name, kwargs=kwargs)
    return _reversed(get_script_prefix(), name, args)


@lru_cache(maxsize=8192)
def _reversed(prefix: str, name: str, args: tuple[Any, ...]) -> str:
    """The same name and arguments always give the same address under one script prefix (the
    URLconf is fixed once the server starts): a list of 100 children asks for hundreds, each about
    60 µs to reverse (issue 6)."""
    return reverse(name, args=args or None)


def static(path: str) -> str:
    return _static_url(get_script_prefix(), path)


@lru_cache(maxsize=1024)
def _static_url(prefix: str, path: str) -> str:
    """A static file's address is fixed while the server runs (the manifest of hashed names is read
    once), but Django works it out afresh at each call, asking the app registry whether staticfiles
    is installed: every page asks for three, 0.2 ms in all (issue 6). A relative ``STATIC_URL`` is
    under the script prefix, hence the key."""
    return django_static(path)


@receiver(setting_changed)
def _forget_static_urls(*, setting: str, **_kwargs: Any) -> None:
    """Tests that change where static files are served from must not get the old addresses."""
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "FORCE_SCRIPT_NAME"}:
        _static_url.cache_clear()


def govuk_date(value: date | datetime | None) -> str:
    """Dates as GOV.UK writes them: 3 March 2026."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
        return f"{value.day} {value:%B %Y} at {value:%H:%M}"
    return _written_date(value)


@lru_cache(maxsize=8192)
def _written_date(value: date) -> str:
    """A list of 50 children writes 100 dates, many the same, and strftime is most of the filter's
    time (issue 6); a date is always written the same way (the month names are English)."""
    return f"{value.day} {value:%B %Y}"


def need_label(code: str) -> str:
    from joinedup.people.choices import Need

    return str(Need(code).label)


def job_role_label(code: str) -> str:
    from joinedup.organisations.choices import JobRole

    return str(JobRole(code).label)


def duty_label(code: str) -> str:
    from joinedup.duties.choices import DutyKind

    return str(DutyKind(code).label)


def duty_record_link(duty: Any, child_id: Any, for_whom: str = "") -> Markup:
    from joinedup.duties.record_links import record_link

    return record_link(duty, child_id, for_whom)


class _Environment(Environment):
    """Jinja's environment, with each template's globals one plain dict.

    Jinja layers a template's globals over the environment's in a ChainMap, and at every
    ``{% from ... import %}`` (GOV.UK's macros import inside each call) compares the importing
    context's global names with the imported template's, walking the ChainMap in Python: a tenth of
    a near-empty page's time under the profiler (issue 6). A plain dict does the same in C. Ours are
    all set when the environment is made (``environment``) and never change afterwards, so copying
    them into each template as it is loaded loses nothing."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def environment(**options: Any) -> Environment:
    # APP_DIRS gives a FileSystemLoader over each app's jinja2/ folder; add GOV.UK's macros.
    app_loader = options.pop("loader", None)
    govuk = PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})
    loaders = [app_loader, govuk] if app_loader is not None else [govuk]
    options["autoescape"] = True
    env = _Environment(loader=ChoiceLoader(loaders), **options)  # autoescape forced on above
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "field_params": field_params,
            "error_summary_params": error_summary_params,
            "pagination_params": pagination_params,
            "page_header": page_header,
            "tag": tag,
            "summary_list": summary_list,
            "duty_record_link": duty_record_link,
        }
    )
    env.filters["govuk_date"] = govuk_date
    env.filters["need_label"] = need_label
    env.filters["job_role_label"] = job_role_label
    env.filters["duty_label"] = duty_label
    return env
