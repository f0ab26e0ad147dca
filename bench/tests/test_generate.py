"""Fast checks of the generator's pure parts (no database). Part of `make test` (and CI)."""

from __future__ import annotations

from random import Random

from bench.common import database_url
from bench.generate import SIZE_SPECS, Ids, Loader, Tables


def make(seed: int) -> list[str]:
    ids = Ids(Random(seed))
    return [str(ids()) for _ in range(3)]


def test_same_seed_same_ids() -> None:
    assert make(6) == make(6)
    assert make(6) != make(7)
    assert all(i[14] == "4" for i in make(6))  # version 4


def test_families_have_two_to_four_children() -> None:
    from bench import generate

    gen = generate.Generator.__new__(generate.Generator)
    gen.rng = Random(1)
    for n in (2, 3, 5, 7, 1000, 25_000):
        sizes = gen.families(n)
        assert sum(sizes) == n
        assert all(2 <= s <= 4 for s in sizes)


def test_sizes_and_urls() -> None:
    assert SIZE_SPECS["L"].children == 25_000
    assert SIZE_SPECS["L"].practitioners == 2_000
    assert SIZE_SPECS["N"].areas == 153
    assert not SIZE_SPECS["N"].full
    assert database_url("M", None).endswith("/joinedup_bench_m")
    assert Tables().rows == {}
    assert Loader.__name__ == "Loader"
