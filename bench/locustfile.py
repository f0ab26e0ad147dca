"""The load test's simulated users, run by ``bench.load`` as ``locust --headless -f bench/locustfile.py``.

Reads its plan from the JSON file named by ``BENCH_LOAD_PLAN`` (written by ``bench.load`` for each
round): the mode (``joinedup`` or ``baseline``), the session cookies made up front, the children and
search names, the warm-up after which the statistics are reset, the measured seconds after which
the run ends, and the file to record every request in. The mix is 90% reads, 10% writes.

Every request is recorded (page name, response time in ms, failed or not, and whether it finished
within the measured time) and written to ``PLAN["record"]`` as one JSON line each when the test
stops, so ``bench.load`` can merge its rounds and compute exact percentiles (locust's own are
rounded above 100 ms and cannot be merged).
"""

from __future__ import annotations

import itertools
import json
import os
import random
from http.cookiejar import Cookie
from pathlib import Path
from typing import Any

import gevent
from locust import events, task
from locust.contrib.fasthttp import FastHttpSession, FastHttpUser
from locust.env import Environment

PLAN: dict[str, Any] = json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text())
BASELINE = PLAN["mode"] == "baseline"
WORKER, MANAGER = "bench.worker", "bench.manager"
NUMBERS = itertools.count()  # each simulated user its own pair of sessions
MEASURING = False  # True from the end of the warm-up until the measured time is up
REQUESTS: list[tuple[str, float, bool, bool]] = []  # name, ms, failed, measured: written at the end


@events.test_start.add_listener
def _measure_after_warm_up(environment: Environment, **_kwargs: Any) -> None:
    def measure() -> None:
        global MEASURING  # the one flag the request listener reads; only this greenlet sets it
        gevent.sleep(PLAN["warmup"])
        if environment.runner is not None:
            environment.runner.stats.reset_all()
        MEASURING = True
        gevent.sleep(PLAN["measured"])
        # Requests still in flight finish after this (--stop-timeout) but outside the measured time,
        # so the measured requests are exactly those that finished within it.
        MEASURING = False
        # We end the run ourselves: locust's --run-time takes whole seconds, a round's time need not.
        if environment.runner is not None:
            environment.runner.quit()

    gevent.spawn(measure)


@events.request.add_listener
def _record(name: str, response_time: float, exception: BaseException | None, **_kwargs: Any) -> None:
    REQUESTS.append((name, response_time, exception is not None, MEASURING))


@events.test_stop.add_listener
def _write_record(**_kwargs: Any) -> None:
    """Once every user has stopped (in-flight requests included): one JSON line a request."""
    with open(PLAN["record"], "w") as f:
        for name, ms, failed, measured in REQUESTS:
            f.write(json.dumps({"name": name, "ms": ms, "failed": failed, "measured": measured}) + "\n")


def _cookie(name: str, value: str) -> Cookie:
    return Cookie(0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, True, None, None, {})


class Practitioner(FastHttpUser):
    """A key worker (``bench.worker``, caseload 50) who also, now and then, opens the manager's list.

    Two sessions (cookie jars) per simulated user, both signed in up front by ``bench.load``: the
    worker's and ``bench.manager``'s. No sign-in here (the password hash is slow by design).
    """

    def on_start(self) -> None:
        self.manager = FastHttpSession(base_url=self.host, request_event=self.environment.events.request, user=self)
        self.csrf = ""
        if BASELINE:
            return
        number = next(NUMBERS)
        worker = PLAN["sessions"][WORKER][number % len(PLAN["sessions"][WORKER])]
        manager = PLAN["sessions"][MANAGER][number % len(PLAN["sessions"][MANAGER])]
        for name, value in worker.items():
            self.client.cookiejar.set_cookie(_cookie(name, value))
        for name, value in manager.items():
            self.manager.cookiejar.set_cookie(_cookie(name, value))
        self.csrf = worker["csrftoken"]

    def _url(self, user: str, path: str) -> str:
        return f"/{user}{path}" if BASELINE else path

    def _get(self, client: Any, url: str, name: str) -> None:
        """A page must answer 200 itself: a redirect (to sign in, say) counts as a failure."""
        with client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"expected 200, got {response.status_code}")

    @task(30)
    def my_children(self) -> None:
        self._get(self.client, self._url(WORKER, "/children/"), "My children")

    @task(30)
    def child_page(self) -> None:
        child = random.choice(PLAN["children"])
        self._get(self.client, self._url(WORKER, f"/children/{child}/"), "Child page")

    @task(20)
    def search(self) -> None:
        name = random.choice(PLAN["names"])
        self._get(self.client, self._url(WORKER, f"/children/search/?q={name}"), "Search by name")

    @task(10)
    def team_overdue(self) -> None:
        self._get(self.manager, self._url(MANAGER, "/duties/team/"), "Team overdue list")

    @task(10)
    def record_visit(self) -> None:
        """The write: record a visit (the real form, view and service; audited; completes the visit duty)."""
        child = random.choice(PLAN["children"])
        today = PLAN["today"].split("-")
        form = {
            "csrfmiddlewaretoken": self.csrf,
            "visited_on-day": today[2],
            "visited_on-month": today[1],
            "visited_on-year": today[0],
            "seen": "yes",
            "seen_alone": "YES",
            "notes": "Load test visit: seen at home, all well.",
        }
        with self.client.post(
            self._url(WORKER, f"/children/{child}/visits/new/"),
            data=form,
            name="Record a visit (write)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "sign-in" in (response.headers.get("Location") or ""):
                response.failure(f"expected a redirect to the child, got {response.status_code}")
