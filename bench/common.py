"""Shared set-up for the benchmark scripts: the database to use and Django configured against it."""

from __future__ import annotations

import os
import sys

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/joinedup_bench_{size}"
SIZES = ("S", "M", "L", "N")


def database_url(size: str, url: str | None) -> str:
    return url or os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL.format(size=size.lower())


def setup_django(url: str) -> None:
    """Point Django at ``url`` (before django.setup(), so settings read it) and start it."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("JOINEDUP_DEMO", "1")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if root not in sys.path:
        sys.path.insert(0, root)
    import django

    django.setup()


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"
