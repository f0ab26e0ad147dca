"""The `joinedup` console script: Django's manage.py, with the embedded demo as the default."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

SERVE_ADDRESS = "127.0.0.1:8000"


def configure_environment(environ: dict[str, str] | os._Environ[str]) -> None:
    """Use config.settings; with no secret and no database configured, run the embedded demo."""
    environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    configured = any(environ.get(name) for name in ("SECRET_KEY", "SECRET_KEY_FILE", "DATABASE_URL"))
    if not configured:
        environ.setdefault("JOINEDUP_DEMO", "1")


def expand_aliases(argv: Sequence[str]) -> list[str]:
    """`joinedup serve [ADDRESS]` is runserver without the reloader, on 127.0.0.1:8000 by default."""
    args = list(argv)
    if args[1:2] != ["serve"]:
        return args
    rest = args[2:]
    address = [] if rest and not rest[0].startswith("-") else [SERVE_ADDRESS]
    return [args[0], "runserver", *address, *rest, "--noreload"]


def main(argv: Sequence[str] | None = None) -> None:
    root = str(Path(__file__).resolve().parent.parent)  # config/ lives beside joinedup/
    if root not in sys.path:
        sys.path.insert(0, root)
    configure_environment(os.environ)
    from django.core.management import execute_from_command_line

    execute_from_command_line(expand_aliases(sys.argv if argv is None else argv))


if __name__ == "__main__":
    main()
