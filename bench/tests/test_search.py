"""Fast checks of bench.search's pure parts (no database, no Django). Part of `make test` (and CI)."""

from __future__ import annotations

import re
import statistics
from datetime import date
from random import Random

import pytest

from bench.generate import FAMILY, GIVEN
from bench.search import (
    KINDS,
    Known,
    found_on_page,
    parse_args,
    percentile,
    pick_terms,
    plan,
    spaced_nhs,
    summarise,
)

CHILDREN = [
    Known("Amara", "Smith", date(2015, 2, 14), "9000000001"),
    Known("Ben", "Jones", date(2010, 12, 31), "9000000002"),
    Known("Chloe", "Patel", date(2020, 1, 1), None),
]


def test_defaults() -> None:
    args = parse_args([])
    assert (args.size, args.requests, args.seed, args.operations_manager) == ("S", 200, 6, False)


def test_nhs_number_spaced_as_people_write_it() -> None:
    assert spaced_nhs("9434765919") == "943 476 5919"


def test_percentile_interpolates_like_numpy() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 100.0
    assert percentile([7.0], 99) == 7.0
    # statistics' "inclusive" quantiles use the same rule
    assert percentile(values, 25) == pytest.approx(statistics.quantiles(values, n=4, method="inclusive")[0])
    assert percentile(list(reversed(values)), 95) == pytest.approx(95.05)


def test_terms_of_each_kind() -> None:
    names = {c.family_name for c in CHILDREN} | {c.given_name for c in CHILDREN}
    assert set(pick_terms(CHILDREN, "name", 20, Random(1))) <= names
    assert set(pick_terms(CHILDREN, "partial name", 20, Random(1))) <= {n[:3] for n in names}
    born = pick_terms(CHILDREN, "date of birth", 20, Random(1))
    assert set(born) <= {"14/02/2015", "31/12/2010", "01/01/2020"}


def test_nhs_terms_alternate_digits_and_spaces_and_fall_back_to_a_name() -> None:
    terms = pick_terms(CHILDREN, "NHS number", 40, Random(2))
    digits = [t for t in terms if re.fullmatch(r"\d{10}", t)]
    spaced = [t for t in terms if re.fullmatch(r"\d{3} \d{3} \d{4}", t)]
    assert digits
    assert spaced
    assert set(terms) - set(digits) - set(spaced) <= {"Patel", "Chloe"}  # no NHS number: searched by name
    assert {t.replace(" ", "") for t in spaced} <= {"9000000001", "9000000002"}


def test_no_match_terms_match_no_generated_child() -> None:
    terms = pick_terms([], "no match", 40, Random(3))
    assert len(set(terms)) > 30
    generated = [n.upper() for n in (*GIVEN, *FAMILY)]
    for term in terms:
        if re.fullmatch(r"\d{10}", term):
            assert not 9_000_000_000 <= int(term) < 9_001_000_000
        elif re.fullmatch(r"\d\d/\d\d/\d{4}", term):
            assert int(term[-4:]) < 1960
        else:
            assert not any(term.upper() in name for name in generated)


def test_terms_are_reproducible() -> None:
    assert pick_terms(CHILDREN, "name", 10, Random(4)) == pick_terms(CHILDREN, "name", 10, Random(4))
    with pytest.raises(ValueError, match="no children"):
        pick_terms([], "name", 1, Random(4))


def test_plan_is_seeded_and_covers_every_kind() -> None:
    children = {"a": CHILDREN, "b": CHILDREN[:1]}
    first = plan(["a", "b"], children, 5, seed=6)
    assert first == plan(["a", "b"], children, 5, seed=6)
    assert first != plan(["a", "b"], children, 5, seed=7)
    assert len(first) == 2 * len(KINDS) * 5
    assert {(user, kind) for user, kind, _ in first} == {(u, k) for u in "ab" for k in KINDS}


def test_found_on_page() -> None:
    assert found_on_page('<h2 class="govuk-heading-m">12 children found</h2>') == 12
    assert found_on_page('<h2 class="govuk-heading-m">1 child found</h2>') == 1
    assert found_on_page('<h2 class="govuk-heading-m">No children found</h2>') == 0
    assert found_on_page("<h1>Find a child</h1>") is None


def test_summary_rows_and_verdicts() -> None:
    results = [("a", "name", 10.0, 3), ("b", "name", 200.0, 0)] + [("a", "no match", 5.0, 0)] * 20
    rows = {(r.label, r.kind): r for r in summarise(results, ["b", "a"])}
    assert next(iter(rows)) == ("b", "name")
    assert rows[("a", "name")].ok()
    assert not rows[("b", "name")].ok()
    assert len(rows[("all users", "all")].times_ms) == 22
    assert rows[("all users", "all")].ok()  # one slow request in 22 is beyond the 95th percentile
    single = {(r.label, r.kind) for r in summarise([("a", "name", 1.0, 1)])}
    assert single == {("a", "name"), ("a", "all")}
