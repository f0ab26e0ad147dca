"""Python's work for each page in instructions (callgrind): repeatable where this machine's timings are not.

    .venv/bin/python -m bench.instructions --size L [--pages my,child,search,team,visit,form] [--requests 20]

Each page is requested in process through joinedup's WSGI handler (every middleware; the production
settings ``bench.load`` serves) by ``bench.worker``, the team overdue list by ``bench.manager``;
``form`` is the manager's empty search form: the layout, the session and the menu, and little else.
Python runs under ``valgrind --tool=callgrind``: once with only the warm-up (every page three times),
then once a page with the warm-up and ``--requests`` requests of that page. The difference, over the
requests, is the page's instructions in Python (PostgreSQL's work is another process's and is not
counted). For the same code, data and requests the count is the same whatever else the machine is
doing, so two versions of the code can be compared at any time: run this in each checkout against
the same database. No target: it compares code. Slow: two to five minutes a run, two at a time.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.common import database_url

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("my", "child", "search", "team", "visit", "form")
WARM_UP = "warm-up"
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench.instructions", description=__doc__.split("\n\n")[0])
    p.add_argument("--size", choices=("S", "M", "L"), default="S")
    p.add_argument("--database-url")
    p.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated, of {', '.join(PAGES)}")
    p.add_argument("--requests", type=int, default=20, help="requests of each page counted (default 20)")
    p.add_argument("--inner", nargs=2, metavar=("PAGE", "N"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    args.pages = [page.strip() for page in args.pages.split(",") if page.strip()]
    if unknown := [page for page in args.pages if page not in PAGES]:
        p.error(f"unknown page {', '.join(unknown)}: choose from {', '.join(PAGES)}")
    return args


def collected(valgrind_output: str) -> int:
    """The instructions callgrind reports at exit ("==123== Collected : 9447679717")."""
    found = _COLLECTED.findall(valgrind_output)
    if not found:
        raise RuntimeError("callgrind reported no instruction count:\n" + valgrind_output[-2000:])
    return int(found[-1])


def per_request(with_requests: int, warm_up_only: int, requests: int) -> float:
    """Millions of instructions a request: what the requests added to the warm-up, shared out."""
    if requests <= 0:
        raise ValueError("requests must be at least 1")
    return (with_requests - warm_up_only) / requests / 1e6


def _inner(page: str, n: int) -> None:
    """Runs under valgrind: warm up every page, then request ``page`` ``n`` times."""
    import io
    import random

    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.utils import timezone

    from joinedup.accounts.models import User

    app = WSGIHandler()

    def session(username: str) -> str:
        user = User.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "joinedup.accounts.backends.UserWithProfileBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.save()
        return str(store.session_key)

    worker, manager = session("bench.worker"), session("bench.manager")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id, c.family_name FROM teams_teammembership m JOIN people_child c ON c.id = m.child_id"
            " JOIN organisations_practitioner p ON p.id = m.practitioner_id JOIN accounts_user u ON u.id = p.user_id"
            " WHERE u.username = 'bench.worker' AND m.end_date IS NULL ORDER BY c.id"
        )
        rows = cursor.fetchall()
    children, names = [str(r[0]) for r in rows], sorted({r[1] for r in rows})

    csrf = secrets.token_hex(16)  # an unmasked token, as the cookie holds it
    today = timezone.localdate()  # the app's today, so the visit is not in the future
    visit = "&".join(
        f"{name}={value}"
        for name, value in (
            ("csrfmiddlewaretoken", csrf),
            ("visited_on-day", today.day),
            ("visited_on-month", today.month),
            ("visited_on-year", today.year),
            ("seen", "yes"),
            ("seen_alone", "YES"),
            ("notes", "Instructions+visit:+seen+at+home."),
        )
    ).encode()

    def get(path: str, sessionid: str, query: str = "", body: bytes | None = None) -> None:
        environ = {
            "REQUEST_METHOD": "GET" if body is None else "POST",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body or b"")),
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_COOKIE": f"sessionid={sessionid}; csrftoken={csrf}",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body or b""),
            "wsgi.errors": sys.stderr,
        }
        status: list[str] = []

        def start_response(
            answer: str, _headers: list[tuple[str, str]], _exc_info: Any = None
        ) -> Callable[[bytes], None]:
            status.append(answer)
            return lambda _data: None

        b"".join(app(environ, start_response))
        if not status[0].startswith("200" if body is None else "302"):
            raise RuntimeError(f"{path}?{query} answered {status[0]}")

    requests = {
        "my": lambda: get("/children/", worker),
        "child": lambda: get(f"/children/{random.choice(children)}/", worker),
        "search": lambda: get("/children/search/", worker, f"q={random.choice(names)}"),
        "team": lambda: get("/duties/team/", manager),
        "visit": lambda: get(f"/children/{random.choice(children)}/visits/new/", worker, body=visit),
        "form": lambda: get("/children/search/", manager),
    }
    random.seed(7)
    for warm in PAGES:
        for _ in range(3):
            requests[warm]()
    random.seed(11)
    for _ in range(n):
        requests[page]()


def _count(args: argparse.Namespace, url: str, page: str, n: int) -> int:
    env = os.environ | {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "JOINEDUP_DEMO": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONHASHSEED": "0",  # the same hashes each run, so the same instructions
        "PYTHONPATH": str(ROOT),
    }
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    command += [sys.executable, "-m", "bench.instructions", "--size", args.size, "--inner", page, str(n)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"{page}: valgrind exited {done.returncode}:\n{done.stderr[-3000:]}")
    return collected(done.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.inner:
        _inner(args.inner[0], int(args.inner[1]))
        return 0
    url = database_url(args.size, args.database_url)
    print(f"Instructions a page on {args.size} ({url.split('@')[-1]}), code in {ROOT}; {args.requests} requests a page")
    runs = [(WARM_UP, 0)] + [(page, args.requests) for page in args.pages]
    print(f"{len(runs)} runs under valgrind, two at a time (two to five minutes each) ...", flush=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = dict(zip([page for page, _n in runs], pool.map(lambda r: _count(args, url, *r), runs), strict=True))
    print(f"\n{'page':<10}{'million instructions a request':>32}")
    for page in args.pages:
        print(f"{page:<10}{per_request(counts[page], counts[WARM_UP], args.requests):>32.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
