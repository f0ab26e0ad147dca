"""Latency and throughput under load: joinedup under gunicorn against a bare Django baseline.

    .venv/bin/python -m bench.load --size S|M|L [--workers 3] [--worker-class sync|gthread]
        [--threads 4] [--users 12] [--warmup 10] [--duration 40] [--only joinedup|baseline]

Starts joinedup under gunicorn on 127.0.0.1 with production settings (``bench.settings``: DEBUG and
JOINEDUP_DEMO off, a random SECRET_KEY, cookies not marked Secure because loopback is plain http),
signs in ``bench.worker`` and ``bench.manager`` once per simulated user through the real sign-in form
(CSRF included), then runs locust headless (``bench/locustfile.py``, a separate process) for the
warm-up plus the measured time: 90% reads (My children, a child page, search by name, the team
overdue list) and 10% writes (record a visit). Then the same with ``bench.baseline`` (raw SQL, no
middleware) under the same gunicorn configuration. Prints p50/p95/p99 per page and overall, the
requests a second, and the ratio; exits 1 if a figure misses its target (targets set for L:
p95 ≤ 50 ms, p99 ≤ 150 ms, ≥ 250 requests a second, and ≥ 0.6 of the baseline's throughput).
Needs ``requirements/bench.txt`` (locust); ``make bench`` installs it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import http.client
import json
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
from pathlib import Path
from typing import Any
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


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench.load", description=__doc__.split("\n\n")[0])
    p.add_argument("--size", choices=[s for s in SIZES if s != "N"], default="S")
    p.add_argument("--database-url")
    p.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    p.add_argument("--worker-class", choices=("sync", "gthread"), default="gthread")
    p.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    p.add_argument("--users", type=int, default=6, help="simulated users, no think time (default 6)")
    p.add_argument("--warmup", type=int, default=10, help="seconds before statistics are reset")
    p.add_argument("--duration", type=int, default=40, help="seconds measured after the warm-up")
    p.add_argument("--only", choices=("joinedup", "baseline"))
    return p.parse_args(argv)


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


def run_locust(server: Server, plan: dict[str, Any], args: argparse.Namespace, work: Path, name: str) -> dict[str, Any]:
    port = server.port
    plan_path = work / f"{name}-plan.json"
    plan_path.write_text(json.dumps(plan))
    prefix = work / name
    command = [str(BIN / "locust"), "--headless", "-f", str(ROOT / "bench" / "locustfile.py")]
    command += ["--host", f"http://127.0.0.1:{port}", "-u", str(args.users), "-r", str(args.users)]
    command += ["-t", f"{args.warmup + args.duration}s", "--csv", str(prefix), "--only-summary"]
    # Let a request in flight at the end finish (killed, it would count as a failure with status 0).
    command += ["--loglevel", "WARNING", "--exit-code-on-error", "0", "--stop-timeout", "30"]
    env = os.environ | {"BENCH_LOAD_PLAN": str(plan_path)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before, postgres_before = cpu.server_seconds(server.process.pid), cpu.postgres_seconds()
    with open(work / f"{name}-locust.log", "w") as log:
        done = subprocess.run(  # noqa: S603 - our own command line
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    if done.returncode != 0:
        print((work / f"{name}-locust.log").read_text()[-3000:], file=sys.stderr)
        raise RuntimeError(f"locust failed ({done.returncode})")
    server_used = cpu.server_seconds(server.process.pid) - server_before
    postgres_used = cpu.postgres_seconds() - postgres_before
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    locust_used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(
        f"{name}: CPU used in {args.warmup + args.duration} s: gunicorn {server_used:.1f} s, PostgreSQL"
        f" {postgres_used:.1f} s, the load generator (locust, one process) {locust_used:.1f} s"
    )
    with open(f"{prefix}_failures.csv") as f:
        for row in csv.DictReader(f):
            print(f"{name}: {row['Occurrences']} failed {row['Method']} {row['Name']}: {row['Error'][:300]}")
    with open(f"{prefix}_stats.csv") as f:
        stats = {row["Name"]: row for row in csv.DictReader(f)}
    # The statistics were reset after the warm-up; the CPU was counted over the whole run.
    requests = float(stats["Aggregated"]["Requests/s"]) * (args.warmup + args.duration)
    if requests:
        print(
            f"{name}: CPU a request, about: gunicorn {1000 * server_used / requests:.1f} ms,"
            f" PostgreSQL {1000 * postgres_used / requests:.1f} ms"
        )
    return stats


def _ms(row: dict[str, Any], pct: str) -> float:
    value = row.get(pct, "N/A")
    return float(value) if value not in ("N/A", "", None) else float("nan")


def report(title: str, stats: dict[str, Any]) -> None:
    print(f"\n{title}")
    print(f"{'page':<26}{'requests':>9}{'failed':>7}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'req/s':>8}")
    for name, row in stats.items():
        label = "All pages" if name == "Aggregated" else name
        print(
            f"{label:<26}{int(row['Request Count']):>9,}{int(row['Failure Count']):>7}{_ms(row, '50%'):>8.0f}"
            f"{_ms(row, '95%'):>8.0f}{_ms(row, '99%'):>8.0f}{float(row['Requests/s']):>8.1f}"
        )


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
    print(f"Load on {args.size} ({url.split('@')[-1]}): gunicorn {server}, {args.users} users with no think time,")
    print(f"{args.warmup} s warm-up then {args.duration} s measured; load average {os.getloadavg()[0]:.1f} at start")
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        work = Path(tmp)
        if args.only != "baseline":
            env = base_env | {"DJANGO_SETTINGS_MODULE": "bench.settings"}
            s = Server("config.wsgi:application", env, args, work / "joinedup.log")
            try:
                started = time.perf_counter()
                sessions = {
                    u: [sign_in(s.port, u) for _ in range(args.users)] for u in ("bench.worker", "bench.manager")
                }
                print(f"signed in {2 * args.users} sessions in {time.perf_counter() - started:.1f} s")
                plan = data | {"mode": "joinedup", "sessions": sessions, "warmup": args.warmup, "today": today}
                results["joinedup"] = run_locust(s, plan, args, work, "joinedup")
            finally:
                s.stop()
            report("joinedup", results["joinedup"])
        if args.only != "joinedup":
            s = Server("bench.baseline:application", base_env, args, work / "baseline.log")
            try:
                plan = data | {"mode": "baseline", "sessions": {}, "warmup": args.warmup, "today": today}
                results["baseline"] = run_locust(s, plan, args, work, "baseline")
            finally:
                s.stop()
            report("bare Django baseline (raw SQL, no middleware)", results["baseline"])
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    return 1 if not verdicts(results, args.size) else 0


def verdicts(results: dict[str, dict[str, Any]], size: str) -> bool:
    ok = True
    print("\nTargets (set for L)" if size == "L" else f"\nTargets (set for L; applied to {size} as well)")
    if "joinedup" in results:
        every = results["joinedup"]["Aggregated"]
        p95, p99, rps = _ms(every, "95%"), _ms(every, "99%"), float(every["Requests/s"])
        failed = int(every["Failure Count"])
        for label, value, target, good in (
            ("p95, all pages", f"{p95:.0f} ms", f"≤ {TARGET_P95_MS} ms", p95 <= TARGET_P95_MS),
            ("p99, all pages", f"{p99:.0f} ms", f"≤ {TARGET_P99_MS} ms", p99 <= TARGET_P99_MS),
            ("throughput", f"{rps:.0f} req/s", f"≥ {TARGET_RPS} req/s", rps >= TARGET_RPS),
            ("failed requests", f"{failed}", "0", failed == 0),
        ):
            ok &= good
            print(f"{label:<30}{value:>14}   target {target:<14}{verdict(good)}")
    if "joinedup" in results and "baseline" in results:
        mine = float(results["joinedup"]["Aggregated"]["Requests/s"])
        bare = float(results["baseline"]["Aggregated"]["Requests/s"])
        ratio = mine / bare if bare else 0.0
        good = ratio >= TARGET_RATIO
        ok &= good
        shown = f"{mine:.0f} / {bare:.0f} = {ratio:.2f}"
        print(f"{'throughput / baseline':<30}{shown:>14}   target ≥ {TARGET_RATIO:<12}{verdict(good)}")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
