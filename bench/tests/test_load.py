"""Fast checks of bench.load's pure parts (no server, no locust). Outside the main run: `pytest bench`."""

from __future__ import annotations

from typing import Any

from bench.load import parse_args, verdicts


def row(p95: str, p99: str, rps: str, failures: str = "0") -> dict[str, Any]:
    return {"95%": p95, "99%": p99, "Requests/s": rps, "Failure Count": failures}


def test_defaults_are_gthread_three_workers_on_s() -> None:
    args = parse_args([])
    assert (args.size, args.workers, args.worker_class) == ("S", 3, "gthread")


def test_every_target_met() -> None:
    results = {"joinedup": {"Aggregated": row("40", "120", "300")}, "baseline": {"Aggregated": row("5", "9", "400")}}
    assert verdicts(results, "L")


def test_a_missed_ratio_fails() -> None:
    results = {"joinedup": {"Aggregated": row("40", "120", "300")}, "baseline": {"Aggregated": row("5", "9", "600")}}
    assert not verdicts(results, "L")


def test_a_failed_request_or_slow_p99_fails() -> None:
    assert not verdicts({"joinedup": {"Aggregated": row("40", "120", "300", failures="1")}}, "L")
    assert not verdicts({"joinedup": {"Aggregated": row("40", "160", "300")}}, "L")
    assert not verdicts({"joinedup": {"Aggregated": row("N/A", "N/A", "0")}}, "S")
