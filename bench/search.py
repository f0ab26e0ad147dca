"""Search by name, date of birth or NHS number: p95 ≤ 150 ms per kind of search (issue 6).

    .venv/bin/python -m bench.search --size S|M|L|N [--database-url URL] [--requests 200] [--seed 6]
        [--operations-manager]

Runs against a dataset made by ``bench.generate``, in process with Django's test Client (no server)
and production settings (``bench.settings``: DEBUG and JOINEDUP_DEMO off, a random SECRET_KEY, one
transaction per request). It signs in (``force_login``) as the users with the widest search scope
the dataset has, picks seeded search terms from the children each can see (family and given names,
their first three letters, dates of birth as 31/12/2015, NHS numbers as ten digits and as
943 476 5919) and terms that match nobody, requests the real search page (``people:child-search``)
``--requests`` times per kind and user in a seeded shuffled order, and prints p50/p95/p99 of the
wall time around ``client.get`` beside the target. Exits 1 if a p95 misses or a page is not 200.
Every search audits the children it finds, as in production: each run adds audit rows.
``--operations-manager`` also searches as ``bench.opsmanager`` (created once; the generator makes no
operations manager), who sees every child the first area's children's services hold.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import secrets
import sys
import time
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from random import Random
from typing import Any

from bench.common import SIZES, database_url, setup_django, verdict

TARGET_P95_MS = 150.0
KINDS = ("name", "partial name", "date of birth", "NHS number", "no match")
WARM_UP = 10  # requests per user before measuring: sessions, templates, the first connection
OPERATIONS_MANAGER = "bench.opsmanager"  # made only with --operations-manager
_FOUND = re.compile(r'<h2 class="govuk-heading-m">\s*(?:(\d+) child(?:ren)? found|(No children found))')


@dataclass(frozen=True)
class Known:
    """What a search can find a child by."""

    given_name: str
    family_name: str
    date_of_birth: date
    nhs_number: str | None


@dataclass(frozen=True)
class Searcher:
    username: str
    role: str
    why: str  # how it was chosen, for the reader


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench.search", description=__doc__.split("\n\n")[0])
    p.add_argument("--size", choices=SIZES, default="S")
    p.add_argument("--database-url")
    p.add_argument("--requests", type=int, default=200, help="measured requests per kind of search and user")
    p.add_argument("--seed", type=int, default=6)
    p.add_argument(
        "--operations-manager",
        action="store_true",
        help=f"also search as {OPERATIONS_MANAGER}, who sees every child held by the first area's children's "
        "services; the generator makes no operations manager, so this creates one (once) in the bench database",
    )
    return p.parse_args(argv)


# --- the pure parts ----------------------------------------------------------------------------------


def spaced_nhs(digits: str) -> str:
    """An NHS number as people write it: 943 476 5919."""
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0 to 100), interpolating between the closest ranks (numpy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def found_on_page(html: str) -> int | None:
    """How many children the results page lists ("12 children found", "No children found"), or None."""
    m = _FOUND.search(html)
    if m is None:
        return None
    return 0 if m[2] else int(m[1])


def _no_match(rng: Random, i: int) -> str:
    """A term that finds nobody: made-up letters (no generated name has a q followed by x or z), a date
    of birth before anyone's, or an NHS number outside the generator's 9000000000 to 9001000000."""
    match i % 4:
        case 0:
            return "Qx" + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(5))
        case 1:
            return "Qz" + "".join(rng.choice("aeiou") for _ in range(3))
        case 2:
            return date(1900 + rng.randint(1, 50), rng.randint(1, 12), rng.randint(1, 28)).strftime("%d/%m/%Y")
        case _:
            return str(rng.randint(1_000_000_000, 1_999_999_999))


def pick_terms(children: Sequence[Known], kind: str, count: int, rng: Random) -> list[str]:
    """``count`` search terms of ``kind`` for children the user can see (seeded: the same rng state and
    children give the same terms). Names alternate family and given; NHS numbers alternate the ten
    digits and the spaced form; a child without an NHS number falls back to its family name."""
    if kind != "no match" and not children:
        raise ValueError("no children to pick search terms from")
    terms = []
    for i in range(count):
        if kind == "no match":
            terms.append(_no_match(rng, i))
            continue
        child = rng.choice(children)
        name = child.family_name if i % 2 == 0 else child.given_name
        if kind == "name":
            terms.append(name)
        elif kind == "partial name":
            terms.append(name[:3])
        elif kind == "date of birth":
            terms.append(child.date_of_birth.strftime("%d/%m/%Y"))
        elif kind == "NHS number":
            digits = child.nhs_number
            terms.append(child.family_name if not digits else digits if i % 2 == 0 else spaced_nhs(digits))
        else:
            raise ValueError(f"unknown kind of search: {kind}")
    return terms


def plan(
    searchers: Sequence[str], children: Mapping[str, Sequence[Known]], requests: int, seed: int
) -> list[tuple[str, str, str]]:
    """(user, kind, term) for every measured request, shuffled so background load falls on every kind
    alike. Seeded by ``seed`` and the user, so a dataset always gives the same requests."""
    out: list[tuple[str, str, str]] = []
    for username in searchers:
        rng = Random(f"{seed}:{username}")
        for kind in KINDS:
            out.extend((username, kind, term) for term in pick_terms(children[username], kind, requests, rng))
    Random(seed).shuffle(out)
    return out


@dataclass
class Row:
    label: str
    kind: str
    times_ms: list[float]
    found: list[int]

    def figures(self) -> tuple[float, float, float]:
        return (percentile(self.times_ms, 50), percentile(self.times_ms, 95), percentile(self.times_ms, 99))

    def ok(self) -> bool:
        return percentile(self.times_ms, 95) <= TARGET_P95_MS


def summarise(results: Sequence[tuple[str, str, float, int]], users: Sequence[str] = ()) -> list[Row]:
    """Rows per user and kind, per kind for all users, and overall, from (user, kind, ms, found).
    Users in the order given, then any others in the order they first appear."""
    groups: dict[tuple[str, str], Row] = {}
    users = list(dict.fromkeys([*users, *(r[0] for r in results)]))
    keys = [(u, k) for u in users for k in KINDS] + [("all users", k) for k in KINDS] + [("all users", "all")]
    if len(users) == 1:
        keys = [(users[0], k) for k in KINDS] + [(users[0], "all")]
    for label, kind in keys:
        groups[(label, kind)] = Row(label, kind, [], [])
    for user, kind, ms, found in results:
        for key in ((user, kind), ("all users", kind), ("all users", "all"), (user, "all")):
            if key in groups:
                groups[key].times_ms.append(ms)
                groups[key].found.append(found)
    return [row for row in groups.values() if row.times_ms]


# --- against the database --------------------------------------------------------------------------


def configure() -> None:
    """Production settings in process: bench.settings (as bench.load's gunicorn), plus the test
    Client's host name. Only what the environment does not already say."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("JOINEDUP_DEMO", "0")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["ALLOWED_HOSTS"] = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost") + ",testserver"
    # WhiteNoise warns once that collectstatic has not been run: no static file is requested here.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)


def ensure_operations_manager() -> None:
    """``bench.opsmanager``: an operations manager of the children's services of the area with the
    most children (the first by name on a tie), created if missing, left in place (idempotent)."""
    from django.db import transaction
    from django.db.models import Count

    from bench.generate import BENCH_PASSWORD
    from joinedup.accounts.choices import Role
    from joinedup.accounts.models import User
    from joinedup.organisations.models import Area, Organisation, Practitioner

    if User.objects.filter(username=OPERATIONS_MANAGER).exists():
        return
    area = Area.objects.annotate(n=Count("children")).order_by("-n", "name").first()
    org = Organisation.objects.filter(area=area, sector="SOCIAL_CARE").order_by("name").first()
    if area is None or org is None:
        raise SystemExit("bench.search: no area with a children's services organisation for the operations manager")
    with transaction.atomic():
        user = User(username=OPERATIONS_MANAGER, role=Role.OPERATIONS_MANAGER, area=area, first_name="Bench")
        user.last_name = "Operations manager"
        user.set_password(BENCH_PASSWORD)
        user.save()
        Practitioner.objects.create(
            user=user,
            organisation=org,
            full_name="Bench Operations manager",
            job_role="OPERATIONS_MANAGER",
            email=f"{OPERATIONS_MANAGER}@bench.invalid",
        )
    print(f"bench.search: created {OPERATIONS_MANAGER} (operations manager of {org.name}, {area.name})")


def searchers(*, operations_manager: bool = False) -> list[Searcher]:
    """The widest search scopes the dataset has: the practitioner in the most children's teams, the
    team manager of the team holding the most children, and an operations manager if there is one
    (the generator makes none; ``bench.opsmanager`` only with ``operations_manager``). Ties go to the
    first username."""
    from django.db.models import Count

    from joinedup.accounts.choices import Role
    from joinedup.accounts.models import User
    from joinedup.organisations.models import Practitioner
    from joinedup.people.models import Child
    from joinedup.teams.models import TeamMembership

    out = []
    top = (
        TeamMembership.objects.current()
        .filter(practitioner__user__role=Role.PRACTITIONER, practitioner__user__is_active=True)
        .values("practitioner__user__username")
        .annotate(n=Count("id"))
        .order_by("-n", "practitioner__user__username")
        .first()
    )
    if top:
        name = top["practitioner__user__username"]
        out.append(Searcher(name, Role.PRACTITIONER, f"in the most children's teams ({top['n']:,})"))
    held = (
        Child.objects.filter(holding_team__isnull=False)
        .values("holding_team")
        .annotate(n=Count("id"))
        .order_by("-n", "holding_team")[:20]
    )
    for team in held:
        manager = (
            Practitioner.objects.filter(teams=team["holding_team"], user__role=Role.TEAM_MANAGER, user__is_active=True)
            .order_by("user__username")
            .values_list("user__username", flat=True)
            .first()
        )
        if manager:
            out.append(
                Searcher(manager, Role.TEAM_MANAGER, f"manages the team holding the most children ({team['n']:,})")
            )
            break
    managers = User.objects.filter(role=Role.OPERATIONS_MANAGER, is_active=True, practitioner__isnull=False)
    if operations_manager:
        managers = managers.filter(username=OPERATIONS_MANAGER)
    else:
        managers = managers.exclude(username=OPERATIONS_MANAGER)
    ops = managers.order_by("username").values_list("username", flat=True).first()
    if ops:
        out.append(Searcher(ops, Role.OPERATIONS_MANAGER, "an operations manager (first by username)"))
    return out


def known_children(user: Any, limit: int = 5000) -> tuple[int, list[Known]]:
    """How many children ``user`` can see, and up to ``limit`` of them (by id) to pick terms from."""
    from joinedup.access import policy

    visible = policy.visible_children(user)
    rows = visible.order_by("id").values_list("given_name", "family_name", "date_of_birth", "nhs_number")[:limit]
    return visible.count(), [Known(*row) for row in rows]


def measure(args: argparse.Namespace) -> tuple[list[tuple[Searcher, int]], list[tuple[str, str, float, int]], int]:
    from django.test import Client
    from django.urls import reverse

    from joinedup.accounts.models import User

    if args.operations_manager:
        ensure_operations_manager()
    chosen = searchers(operations_manager=args.operations_manager)
    if not chosen:
        raise SystemExit("bench.search: no practitioner or manager accounts in this dataset")
    users = {s.username: User.objects.get(username=s.username) for s in chosen}
    scopes = []
    children: dict[str, list[Known]] = {}
    for s in chosen:
        count, known = known_children(users[s.username])
        scopes.append((s, count))
        children[s.username] = known
    clients = {}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        clients[name] = client
    url = reverse("people:child-search")
    requests = plan(list(users), children, args.requests, args.seed)
    for name in users:  # warm up, not measured
        for _user, _kind, term in [r for r in requests if r[0] == name][:WARM_UP]:
            clients[name].get(url, {"q": term})
    results = []
    failures = unread = 0
    for name, kind, term in requests:
        client = clients[name]
        started = time.perf_counter()
        response = client.get(url, {"q": term})
        ms = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            failures += 1
            print(f"bench.search: {name} q={term!r} answered {response.status_code}", file=sys.stderr)
        found = found_on_page(response.content.decode())
        if found is None:
            unread += 1
        results.append((name, kind, ms, found if found is not None else 0))
    if unread:
        print(f"bench.search: {unread} pages did not say how many children they found (counted as 0)", file=sys.stderr)
    return scopes, results, failures


def report(size: str, shown: str, args: argparse.Namespace, scopes: Any, results: Any, failures: int) -> bool:
    print(f"Search on {size} ({shown}): {args.requests} requests per kind and user, seed {args.seed}")
    print(f"{'user':<22}{'role':<20}{'can see':>10}  chosen as")
    for s, count in scopes:
        print(f"{s.username:<22}{s.role:<20}{count:>10,}  {s.why}")
    print()
    print(
        f"{'user':<22}{'search':<15}{'requests':>9}{'found: mean':>12}{'max':>5}"
        f"{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}  target p95"
    )
    ok = failures == 0
    for row in summarise(results, [s.username for s, _count in scopes]):
        p50, p95, p99 = row.figures()
        mean = sum(row.found) / len(row.found)
        ok &= row.ok()
        print(
            f"{row.label:<22}{row.kind:<15}{len(row.times_ms):>9}{mean:>12.1f}{max(row.found):>5}"
            f"{p50:>8.1f}{p95:>8.1f}{p99:>8.1f}  ≤ {TARGET_P95_MS:.0f} ms {verdict(row.ok())}"
        )
    print(f"\nnot 200: {failures} of {len(results)} requests   {verdict(failures == 0)}")
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    url = database_url(args.size, args.database_url)
    configure()
    setup_django(url)
    before = os.getloadavg()
    started = time.perf_counter()
    scopes, results, failures = measure(args)
    after = os.getloadavg()
    ok = report(args.size, url.split("@")[-1], args, scopes, results, failures)
    print(
        f"{time.perf_counter() - started:.0f} s; load average {before[0]:.1f} before, {after[0]:.1f} after "
        f"({os.cpu_count()} cores)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
