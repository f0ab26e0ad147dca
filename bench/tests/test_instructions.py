"""Fast checks of bench.instructions' pure parts (no valgrind). Part of `make test` (and CI)."""

from __future__ import annotations

import pytest

from bench.instructions import collected, parse_args, per_request


def test_the_count_is_read_from_callgrinds_last_report() -> None:
    output = "==16575== Callgrind, a call-graph generating cache profiler\n==16575== Collected : 8758484497\n"
    assert collected(output) == 8758484497


def test_no_count_is_an_error_not_a_zero() -> None:
    with pytest.raises(RuntimeError, match="no instruction count"):
        collected("valgrind: failed to start tool 'callgrind'\n")


def test_a_requests_share_is_what_the_requests_added_to_the_warm_up() -> None:
    assert per_request(11_694_311_350, 9_447_679_717, 20) == pytest.approx(112.33, abs=0.01)
    with pytest.raises(ValueError, match="at least 1"):
        per_request(1, 0, 0)


def test_pages_are_checked() -> None:
    assert parse_args(["--pages", "child, my"]).pages == ["child", "my"]
    assert parse_args([]).pages == ["my", "child", "search", "team", "visit", "form"]
    with pytest.raises(SystemExit):
        parse_args(["--pages", "child,inbox"])
