"""Latency and throughput under load: joinedup under gunicorn against a bare Django baseline, in rounds.

    .venv/bin/python -m bench.load --size S|M|L [--workers 3] [--worker-class sync|gthread]
        [--threads 4] [--users 6] [--rounds 6] [--warmup 5] [--rewarm 2] [--duration 60] [--only joinedup|baseline]

Starts two gunicorn servers on 127.0.0.1 with the same configuration: joinedup with production
settings (``bench.settings``: DEBUG and JOINEDUP_DEMO off, a random SECRET_KEY, cookies not marked
Secure because loopback is plain http) and ``bench.baseline`` (raw SQL, no middleware). Signs in
``bench.worker`` and ``bench.manager`` once per simulated user through joinedup's real sign-in form
(CSRF included). Then runs ``--rounds`` rounds: each runs locust headless (``bench/locustfile.py``, a
separate process) against joinedup, then against the baseline, for a warm-up (not counted:
``--warmup`` seconds in each server's first round, ``--rewarm`` in the others, the server being warm
by then) plus ``--duration`` ÷ ``--rounds`` measured seconds: 90% reads (My children, a child page,
search by name, the team overdue list) and 10% writes (record a visit). This machine's speed drifts
by 20 to 30% within minutes; interleaving short rounds puts both servers in the same minutes, where
measuring one after the other would bias the ratio.

Prints each round's requests a second for both and their ratio as the round finishes (the drift
shows there). Then, for each server, over the measured requests of all its rounds (the locustfile
records every request): the CPU a request, and per page and overall requests, failures, exact
p50/p95/p99 and requests a second (measured requests ÷ measured seconds); then the ratio of the two
throughputs. Exits 1 if a figure misses its target (targets set for L: p95 ≤ 50 ms, p99 ≤ 150 ms,
≥ 250 requests a second, no failures, and ≥ 0.6 of the baseline's throughput).
Needs ``requirements/bench.txt`` (locust); ``make bench`` installs it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import http.client
import json
import math
import os
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from bench import cpu
from bench.common import SIZES, database_url, verdict

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGET_P95_MS = 50
TARGET_P99_MS = 150
TARGET_RPS = 250
TARGET_RATIO = 0.6
PASSWORD = "bench-password-not-secret"  # noqa: S105 - the generated datasets' shared password
ALL_PAGES = "All pages"
SERVERS = ("joinedup", "baseline")  # the order of every round
APPS = {"joinedup": "config.wsgi:application", "baseline": "bench.baseline:application"}
TITLES = {"joinedup": "joinedup", "baseline": "bare Django baseline (raw SQL, no middleware)"}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench.load", description=__doc__.split("\n\n")[0])
    p.add_argument("--size", choices=[s for s in SIZES if s != "N"], default="S")
    p.add_argument("--database-url")
    p.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    p.add_argument("--worker-class", choices=("sync", "gthread"), default="gthread")
    p.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    p.add_argument("--users", type=int, default=6, help="simulated users, no think time (default 6)")
    p.add_argument(
        "--rounds", type=int, default=6, help="rounds, each joinedup then the baseline, to share the drift (default 6)"
    )
    p.add_argument(
        "--warmup", type=float, default=5, help="seconds not counted at the start of a server's first round (default 5)"
    )
    p.add_argument(
        "--rewarm", type=float, default=2, help="seconds not counted at the start of its later rounds (default 2)"
    )
    p.add_argument(
        "--duration", type=float, default=60, help="seconds measured per server, split over the rounds (default 60)"
    )
    p.add_argument("--only", choices=SERVERS, help="run one server only (still in rounds)")
    args = p.parse_args(argv)
    if args.rounds < 1 or args.duration <= 0 or args.warmup < 0 or args.rewarm < 0:
        p.error("--rounds must be at least 1, --duration above 0 and --warmup and --rewarm not below 0")
    return args


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def plan_data(url: str) -> dict[str, Any]:
    """The children of bench.worker's caseload and their family names (for search)."""
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT c.id, c.family_name FROM teams_teammembership m JOIN people_child c ON c.id = m.child_id"
            " JOIN organisations_practitioner p ON p.id = m.practitioner_id"
            " JOIN accounts_user u ON u.id = p.user_id"
            " WHERE u.username = 'bench.worker' AND m.end_date IS NULL ORDER BY c.id"
        ).fetchall()
    return {"children": [str(r[0]) for r in rows], "names": sorted({r[1] for r in rows})}


class Server:
    """gunicorn on 127.0.0.1 serving ``app`` with the environment ``env``; stopped by its own pid."""

    def __init__(self, app: str, env: dict[str, str], args: argparse.Namespace, log: Path) -> None:
        self.port = free_port()
        command = [str(BIN / "gunicorn"), app, "--bind", f"127.0.0.1:{self.port}", "--workers", str(args.workers)]
        command += ["--worker-class", args.worker_class, "--log-level", "warning"]
        if args.worker_class == "gthread":
            command += ["--threads", str(args.threads)]
        self.log_path = log
        self.log = log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {log}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer in 60 s; see {log}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        errors = [line for line in self.log_path.read_text().splitlines() if "Error" in line or "error" in line]
        for line in errors[-8:]:
            print(f"gunicorn: {line[:300]}")


def _cookies(response: http.client.HTTPResponse, jar: dict[str, str]) -> None:
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";")[0]


def sign_in(port: int, username: str) -> dict[str, str]:
    """Sign in through the real form (GET for the CSRF token, POST); the session's cookies."""
    jar: dict[str, str] = {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/accounts/sign-in/")
    response = conn.getresponse()
    html = response.read().decode()
    _cookies(response, jar)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if token is None:
        raise RuntimeError("no CSRF token on the sign-in page")
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token[1], "username": username, "password": PASSWORD})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
    }
    conn.request("POST", "/accounts/sign-in/", body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    _cookies(response, jar)
    conn.close()
    if response.status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"signing in {username} failed: {response.status}")
    return jar


class Request(NamedTuple):
    """One request as the locustfile recorded it."""

    name: str
    ms: float
    failed: bool
    measured: bool  # finished after the warm-up and before the measured time was up


@dataclass(frozen=True)
class Round:
    """One run of locust against one server: every request it made, and the CPU used meanwhile."""

    requests: list[Request]
    measured_seconds: float
    seconds: float  # warm-up included, as the CPU is
    server_cpu: float
    postgres_cpu: float
    locust_cpu: float


@dataclass(frozen=True)
class Figures:
    """A page's figures (or all pages'), over the measured requests of every round."""

    requests: int
    failed: int
    p50: float
    p95: float
    p99: float
    per_second: float


def read_record(path: Path) -> list[Request]:
    if not path.exists():
        raise RuntimeError(f"locust wrote no record of its requests ({path.name})")
    with open(path) as f:
        return [Request(**json.loads(line)) for line in f if line.strip()]


def run_locust(
    server: Server, plan: dict[str, Any], args: argparse.Namespace, work: Path, name: str, number: int
) -> Round:
    """Round ``number`` against one server: locust for the warm-up plus the round's measured seconds."""
    measured, warmup = args.duration / args.rounds, warm_up_seconds(args, number)
    prefix, label = work / f"{name}-{number}", f"{name}, round {number}"
    record = Path(f"{prefix}-requests.jsonl")
    plan_path = Path(f"{prefix}-plan.json")
    plan_path.write_text(json.dumps(plan | {"warmup": warmup, "measured": measured, "record": str(record)}))
    command = [str(BIN / "locust"), "--headless", "-f", str(ROOT / "bench" / "locustfile.py")]
    command += ["--host", f"http://127.0.0.1:{server.port}", "-u", str(args.users), "-r", str(args.users)]
    # The locustfile ends the run when the measured time is up (--run-time takes whole seconds only,
    # a round's measured time need not): this run time is only a backstop.
    command += ["-t", f"{math.ceil(warmup + measured) + 10}s", "--csv", str(prefix), "--only-summary"]
    # Let a request in flight at the end finish (killed, it would count as a failure with status 0).
    command += ["--loglevel", "WARNING", "--exit-code-on-error", "0", "--stop-timeout", "30"]
    env = os.environ | {"BENCH_LOAD_PLAN": str(plan_path)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before, postgres_before = cpu.server_seconds(server.process.pid), cpu.postgres_seconds()
    with open(f"{prefix}-locust.log", "w") as log:
        done = subprocess.run(  # noqa: S603 - our own command line
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    if done.returncode != 0:
        print(Path(f"{prefix}-locust.log").read_text()[-3000:], file=sys.stderr)
        raise RuntimeError(f"locust failed ({done.returncode})")
    server_used = cpu.server_seconds(server.process.pid) - server_before
    postgres_used = cpu.postgres_seconds() - postgres_before
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    locust_used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    with open(f"{prefix}_failures.csv") as f:
        for row in csv.DictReader(f):
            print(f"{label}: {row['Occurrences']} failed {row['Method']} {row['Name']}: {row['Error'][:300]}")
    requests = read_record(record)
    return Round(requests, measured, warmup + measured, server_used, postgres_used, locust_used)


def warm_up_seconds(args: argparse.Namespace, number: int) -> float:
    """Round 1 warms a server from cold (its workers' first requests, their connections' first
    statements); later rounds only start a new load generator against a warm server."""
    return float(args.warmup if number == 1 else args.rewarm)


def percentile(ordered: Sequence[float], pct: float) -> float:
    """Nearest rank: the smallest time with at least ``pct``% of the times at or below it.

    Always a time actually measured (no interpolation between two); NaN when there are none.
    """
    if not ordered:
        return float("nan")
    return ordered[max(math.ceil(pct / 100 * len(ordered)), 1) - 1]


def page_figures(requests: Sequence[Request], seconds: float) -> Figures:
    times = sorted(r.ms for r in requests)
    return Figures(
        requests=len(requests),
        failed=sum(r.failed for r in requests),
        p50=percentile(times, 50),
        p95=percentile(times, 95),
        p99=percentile(times, 99),
        per_second=len(requests) / seconds if seconds else 0.0,
    )


def merged_figures(rounds: Sequence[Round]) -> dict[str, Figures]:
    """Each page's figures (in name order), then all pages', over the measured requests of every round.

    The requests a second are the measured requests over the measured seconds of all the rounds, so
    a round the machine ran slow weighs as much as it lasted, no more.
    """
    measured = [r for one in rounds for r in one.requests if r.measured]
    seconds = sum(one.measured_seconds for one in rounds)
    by_page: dict[str, list[Request]] = {}
    for r in measured:
        by_page.setdefault(r.name, []).append(r)
    figures = {name: page_figures(by_page[name], seconds) for name in sorted(by_page)}
    figures[ALL_PAGES] = page_figures(measured, seconds)
    return figures


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def ratio(mine: float, bare: float) -> float:
    return mine / bare if bare else 0.0


def round_line(number: int, rounds: int, this_round: dict[str, Round]) -> str:
    """``round 2 of 3: joinedup 141.2 req/s, baseline 201.5 req/s, ratio 0.70``, to show the drift."""
    rates = {name: merged_figures([one])[ALL_PAGES].per_second for name, one in this_round.items()}
    parts = []
    for name, one in this_round.items():
        # Failures outside the measured time (warm-up, the last requests in flight) count nowhere else.
        failed = sum(r.failed for r in one.requests)
        parts.append(f"{name} {rates[name]:.1f} req/s" + (f" ({failed} failed)" if failed else ""))
    if len(rates) == len(SERVERS):
        parts.append(f"ratio {ratio(rates['joinedup'], rates['baseline']):.2f}")
    return f"round {number} of {rounds}: " + ", ".join(parts)


def cpu_a_request(rounds: Sequence[Round]) -> tuple[float, float]:
    """gunicorn's and PostgreSQL's CPU ms a request, warm-ups included (the CPU is counted over them too)."""
    requests = sum(len(one.requests) for one in rounds)
    if not requests:
        return float("nan"), float("nan")
    server = sum(one.server_cpu for one in rounds)
    postgres = sum(one.postgres_cpu for one in rounds)
    return 1000 * server / requests, 1000 * postgres / requests


def print_cpu(name: str, rounds: Sequence[Round]) -> None:
    seconds = sum(one.seconds for one in rounds)
    requests = sum(len(one.requests) for one in rounds)
    server = sum(one.server_cpu for one in rounds)
    postgres = sum(one.postgres_cpu for one in rounds)
    locust = sum(one.locust_cpu for one in rounds)
    print(
        f"{name}: CPU used in {counted(len(rounds), 'round')} ({seconds:.0f} s, {requests:,} requests,"
        " warm-ups included):"
        f" gunicorn {server:.1f} s, PostgreSQL {postgres:.1f} s,"
        f" the load generator (locust, one process) {locust:.1f} s"
    )
    server_ms, postgres_ms = cpu_a_request(rounds)
    print(f"{name}: CPU a request, about: gunicorn {server_ms:.1f} ms, PostgreSQL {postgres_ms:.1f} ms")


def report(title: str, figures: dict[str, Figures]) -> None:
    print(f"\n{title}")
    print(f"{'page':<26}{'requests':>9}{'failed':>7}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'req/s':>8}")
    for name, f in figures.items():
        print(f"{name:<26}{f.requests:>9,}{f.failed:>7}{f.p50:>8.0f}{f.p95:>8.0f}{f.p99:>8.0f}{f.per_second:>8.1f}")


def start_server(name: str, base_env: dict[str, str], args: argparse.Namespace, work: Path) -> Server:
    env = (base_env | {"DJANGO_SETTINGS_MODULE": "bench.settings"}) if name == "joinedup" else base_env
    return Server(APPS[name], env, args, work / f"{name}.log")


def plans(servers: dict[str, Server], data: dict[str, Any], today: str, args: argparse.Namespace) -> dict[str, Any]:
    """Each server's plan for the locustfile; joinedup's sessions signed in once, for every round."""
    result: dict[str, Any] = {}
    if "joinedup" in servers:
        started = time.perf_counter()
        port = servers["joinedup"].port
        sessions = {u: [sign_in(port, u) for _ in range(args.users)] for u in ("bench.worker", "bench.manager")}
        print(f"signed in {2 * args.users} sessions in {time.perf_counter() - started:.1f} s")
        result["joinedup"] = data | {"mode": "joinedup", "sessions": sessions, "today": today}
    if "baseline" in servers:
        result["baseline"] = data | {"mode": "baseline", "sessions": {}, "today": today}
    return result


def measure(
    names: Sequence[str], base_env: dict[str, str], data: dict[str, Any], today: str, args: argparse.Namespace
) -> dict[str, list[Round]]:
    """Every round against every server named, in the same order each round; the servers stopped after."""
    rounds: dict[str, list[Round]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        work = Path(tmp)
        servers: dict[str, Server] = {}
        try:
            for name in names:
                servers[name] = start_server(name, base_env, args, work)
            plan_of = plans(servers, data, today, args)
            for number in range(1, args.rounds + 1):
                for name in names:
                    rounds[name].append(run_locust(servers[name], plan_of[name], args, work, name, number))
                print(round_line(number, args.rounds, {name: rounds[name][-1] for name in names}))
        finally:
            for server in servers.values():
                server.stop()
    return rounds


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    url = database_url(args.size, args.database_url)
    data = plan_data(url)
    if not data["children"]:
        print(f"bench.worker has no children in {url}: generate the dataset first", file=sys.stderr)
        return 1
    today = dt.datetime.now(ZoneInfo("Europe/London")).date().isoformat()  # the app's today
    base_env = os.environ | {"DATABASE_URL": url, "PYTHONPATH": str(ROOT), "ALLOWED_HOSTS": "127.0.0.1"}
    base_env |= {"DJANGO_DEBUG": "0", "JOINEDUP_DEMO": "0", "SECRET_KEY": secrets.token_urlsafe(50)}
    server = f"{args.workers} {args.worker_class} workers" + (
        f" x {args.threads} threads" if args.worker_class == "gthread" else ""
    )
    names = [name for name in SERVERS if args.only in (None, name)]
    print(f"Load on {args.size} ({url.split('@')[-1]}): gunicorn {server}, {args.users} users with no think time,")
    print(
        f"{counted(args.rounds, 'round')} of {' then '.join(names)}, each run {args.warmup:g} s warm-up"
        f" ({args.rewarm:g} s after the first round) then {args.duration / args.rounds:.1f} s measured"
        f" ({args.duration:g} s a server in all);"
        f" load average {os.getloadavg()[0]:.1f} at start"
    )
    rounds = measure(names, base_env, data, today, args)
    results: dict[str, dict[str, Figures]] = {}
    for name in names:
        print()
        print_cpu(name, rounds[name])
        results[name] = merged_figures(rounds[name])
        report(f"{TITLES[name]}, {counted(args.rounds, 'round')} merged", results[name])
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    return 1 if not verdicts(results, args.size) else 0


def verdicts(results: dict[str, dict[str, Figures]], size: str) -> bool:
    """Each target beside the figure, over all rounds; the ratio is of the two throughputs over all rounds."""
    ok = True
    print("\nTargets (set for L)" if size == "L" else f"\nTargets (set for L; applied to {size} as well)")
    if "joinedup" in results:
        every = results["joinedup"][ALL_PAGES]
        p95, p99, rps, failed = every.p95, every.p99, every.per_second, every.failed
        for label, value, target, good in (
            ("p95, all pages", f"{p95:.0f} ms", f"≤ {TARGET_P95_MS} ms", p95 <= TARGET_P95_MS),
            ("p99, all pages", f"{p99:.0f} ms", f"≤ {TARGET_P99_MS} ms", p99 <= TARGET_P99_MS),
            ("throughput", f"{rps:.0f} req/s", f"≥ {TARGET_RPS} req/s", rps >= TARGET_RPS),
            ("failed requests", f"{failed}", "0", failed == 0),
        ):
            ok &= good
            print(f"{label:<30}{value:>14}   target {target:<14}{verdict(good)}")
    if "joinedup" in results and "baseline" in results:
        mine = results["joinedup"][ALL_PAGES].per_second
        bare = results["baseline"][ALL_PAGES].per_second
        good = ratio(mine, bare) >= TARGET_RATIO
        ok &= good
        shown = f"{mine:.0f} / {bare:.0f} = {ratio(mine, bare):.2f}"
        print(f"{'throughput / baseline':<30}{shown:>14}   target ≥ {TARGET_RATIO:<12}{verdict(good)}")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
