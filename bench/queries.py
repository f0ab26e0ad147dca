"""Queries per page for caseloads of 5, 50 and 1,000: the count must not grow with the caseload.

    .venv/bin/python -m bench.queries --size S|M|L [--database-url URL]

Runs against a dataset made by ``bench.generate`` with Django's test Client (in process, no server),
counting queries with CaptureQueriesContext. Each page is requested once to warm caches, then
counted. Exits 1 if a page's count differs between caseloads or a page does not answer 200.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

from bench.common import SIZES, database_url, setup_django, verdict

WORKERS = (("bench.worker5", 5), ("bench.worker", 50), ("bench.worker1000", 1000))
MANAGERS = ("bench.manager5", "bench.manager")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench.queries", description=__doc__.split("\n\n")[0])
    p.add_argument("--size", choices=SIZES, default="S")
    p.add_argument("--database-url")
    return p.parse_args(argv)


def _measure(client: Any, url: str) -> tuple[int, int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: sessions, content types, template compilation
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        response = client.get(url)
        ms = (time.perf_counter() - started) * 1000
    return response.status_code, len(ctx.captured_queries), ms


def rows() -> list[tuple[str, str, int, int, int, float]]:
    """(page, user, caseload, status, queries, ms) for every page and bench user."""
    from django.test import Client
    from django.urls import reverse

    from joinedup.accounts.models import User
    from joinedup.core.clock import now
    from joinedup.duties.choices import DutyStatus
    from joinedup.meetings.choices import MeetingStatus
    from joinedup.meetings.models import Meeting
    from joinedup.people.models import Child
    from joinedup.teams.models import TeamMembership

    out = []
    for username, caseload in WORKERS:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        mine = TeamMembership.objects.current().filter(practitioner__user=user)
        actual = mine.count()
        # Compare like with like: a child with a meeting planned (the page skips a prefetch without one).
        ids = mine.order_by("child_id").values_list("child_id", flat=True)
        planned = Meeting.objects.filter(child_id__in=ids, status=MeetingStatus.PLANNED, starts_at__gt=now())
        child = Child.objects.get(pk=planned.order_by("child_id").values_list("child_id", flat=True).first() or ids[0])
        pages = [
            ("My children", reverse("people:my-children")),
            ("Child page", reverse("people:child-detail", kwargs={"child_id": child.pk})),
            ("Search by name", reverse("people:child-search") + f"?q={child.family_name}"),
            ("Search by date of birth", reverse("people:child-search") + f"?q={child.date_of_birth:%d/%m/%Y}"),
        ]
        for page, url in pages:
            status, queries, ms = _measure(client, url)
            out.append((page, username, actual or caseload, status, queries, ms))
    for username in MANAGERS:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        held = Child.objects.filter(holding_team__in=user.practitioner.teams.all())
        overdue = held.filter(duties__status=DutyStatus.OPEN).distinct().count()
        status, queries, ms = _measure(client, reverse("duties:team-overdue"))
        out.append(
            (f"Team overdue list ({overdue} children with open duties)", username, held.count(), status, queries, ms)
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    url = database_url(args.size, args.database_url)
    # The test Client calls itself "testserver".
    os.environ["ALLOWED_HOSTS"] = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost") + ",testserver"
    setup_django(url)
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the Client see the template and context of each response
    table = rows()
    print(f"Queries per page on {args.size} ({url.split('@')[-1]}); target: the same count at every caseload")
    print(f"{'page':<58}{'user':<18}{'caseload':>9}{'status':>7}{'queries':>8}{'ms':>8}")
    for page, user, caseload, status, queries, ms in table:
        print(f"{page:<58}{user:<18}{caseload:>9,}{status:>7}{queries:>8}{ms:>8.0f}")
    failed = False
    by_page: dict[str, set[int]] = {}
    for page, _user, _caseload, status, queries, _ms in table:
        key = page.split(" (")[0]
        by_page.setdefault(key, set()).add(queries)
        failed |= status != 200
    print()
    for page, counts in by_page.items():
        ok = len(counts) == 1
        failed |= not ok
        shown = ", ".join(str(c) for c in sorted(counts))
        print(f"{page:<40} queries {shown:<12} target constant   {verdict(ok)}")
    if any(status != 200 for *_, status, _q, _ms in table):
        print("A page did not answer 200", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
