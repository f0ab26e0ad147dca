"""Fast checks of bench.load's pure parts (no server, no locust). Part of `make test` (and CI)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bench.load import (
    ALL_PAGES,
    Figures,
    Request,
    Round,
    cpu_a_request,
    merged_figures,
    parse_args,
    percentile,
    read_record,
    round_line,
    verdicts,
    warm_up_seconds,
)


def figures(p95: float, p99: float, rps: float, failed: int = 0) -> dict[str, Figures]:
    return {ALL_PAGES: Figures(requests=1000, failed=failed, p50=10, p95=p95, p99=p99, per_second=rps)}


def a_round(
    requests: list[Request], measured_seconds: float = 10, server_cpu: float = 0, postgres_cpu: float = 0
) -> Round:
    return Round(requests, measured_seconds, measured_seconds + 5, server_cpu, postgres_cpu, locust_cpu=0)


def measured(name: str, ms: float, failed: bool = False) -> Request:
    return Request(name, ms, failed, measured=True)


def warm_up(name: str, ms: float) -> Request:
    return Request(name, ms, failed=False, measured=False)


def test_defaults_are_gthread_three_workers_on_s_in_six_rounds() -> None:
    args = parse_args([])
    assert (args.size, args.workers, args.worker_class) == ("S", 3, "gthread")
    assert (args.rounds, args.warmup, args.rewarm, args.duration, args.only) == (6, 5, 2, 60, None)


def test_duration_and_warm_up_may_be_fractions() -> None:
    args = parse_args(["--rounds", "2", "--duration", "12.5", "--warmup", "2.5", "--only", "joinedup"])
    assert (args.rounds, args.duration, args.warmup, args.only) == (2, 12.5, 2.5, "joinedup")


@pytest.mark.parametrize("argv", [["--rounds", "0"], ["--duration", "0"], ["--warmup", "-1"], ["--rewarm", "-1"]])
def test_no_rounds_or_time_is_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(argv)


def test_percentiles_are_nearest_rank() -> None:
    hundred = [float(ms) for ms in range(1, 101)]
    assert (percentile(hundred, 50), percentile(hundred, 95), percentile(hundred, 99)) == (50, 95, 99)
    four = [10.0, 20.0, 30.0, 40.0]
    assert (percentile(four, 50), percentile(four, 95), percentile(four, 1)) == (20, 40, 10)
    assert percentile([7.5], 99) == 7.5
    assert math.isnan(percentile([], 50))


def test_rounds_merge_into_exact_figures_per_page_and_overall() -> None:
    first = a_round([warm_up("My children", 900), *(measured("My children", ms) for ms in (10, 20, 30))])
    second = a_round(
        [measured("My children", 40), measured("Child page", 100, failed=True), warm_up("Child page", 5)],
        measured_seconds=5,
    )
    result = merged_figures([first, second])
    assert list(result) == ["Child page", "My children", ALL_PAGES]
    assert result["My children"] == Figures(4, 0, 20, 40, 40, 4 / 15)
    assert result["Child page"] == Figures(1, 1, 100, 100, 100, 1 / 15)
    assert result[ALL_PAGES] == Figures(5, 1, 30, 100, 100, 5 / 15)


def test_no_measured_request_gives_no_percentile() -> None:
    every = merged_figures([a_round([warm_up("My children", 10)])])[ALL_PAGES]
    assert (every.requests, every.per_second) == (0, 0)
    assert math.isnan(every.p95)


def test_the_cpu_a_request_counts_the_warm_up_requests_too() -> None:
    first = a_round([warm_up("a", 1), measured("a", 1)], server_cpu=0.03, postgres_cpu=0.01)
    second = a_round([measured("a", 1), measured("a", 1)], server_cpu=0.05, postgres_cpu=0.03)
    assert cpu_a_request([first, second]) == pytest.approx((20, 10))


def test_a_round_line_shows_each_rate_and_the_ratio() -> None:
    joinedup = a_round([measured("a", 1)] * 7 + [warm_up("a", 1)], measured_seconds=10)
    baseline = a_round([measured("a", 1)] * 10, measured_seconds=10)
    line = round_line(2, 3, {"joinedup": joinedup, "baseline": baseline})
    assert line == "round 2 of 3: joinedup 0.7 req/s, baseline 1.0 req/s, ratio 0.70"
    alone = round_line(1, 1, {"joinedup": a_round([Request("a", 1, failed=True, measured=False)])})
    assert alone == "round 1 of 1: joinedup 0.0 req/s (1 failed)"


def test_the_record_is_read_back_one_request_a_line(tmp_path: Path) -> None:
    path = tmp_path / "requests.jsonl"
    lines = [{"name": "My children", "ms": 12.5, "failed": False, "measured": True}]
    lines.append({"name": "Child page", "ms": 40.0, "failed": True, "measured": False})
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert read_record(path) == [measured("My children", 12.5), Request("Child page", 40.0, True, False)]


def test_every_target_met() -> None:
    assert verdicts({"joinedup": figures(40, 120, 300), "baseline": figures(5, 9, 400)}, "L")


def test_a_missed_ratio_fails() -> None:
    assert not verdicts({"joinedup": figures(40, 120, 300), "baseline": figures(5, 9, 600)}, "L")


def test_a_failed_request_or_slow_p99_fails() -> None:
    assert not verdicts({"joinedup": figures(40, 120, 300, failed=1)}, "L")
    assert not verdicts({"joinedup": figures(40, 160, 300)}, "L")
    assert not verdicts({"joinedup": figures(float("nan"), float("nan"), 0)}, "S")


def test_only_a_servers_first_round_warms_up_from_cold() -> None:
    args = parse_args(["--warmup", "5", "--rewarm", "1.5"])
    assert [warm_up_seconds(args, number) for number in (1, 2, 6)] == [5, 1.5, 1.5]
