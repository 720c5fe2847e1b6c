"""Cached answers are reused until the next write, which is reflected at once."""

from __future__ import annotations

from pathlib import Path

from graph.analysis.cache import statistics
from graph.analysis.load import member_loads
from graph.backends.ladybug import LadybugRunner
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.graph.analysis.conftest import SEATS, hand_id, hand_tables
from tests.ingest.conftest import write_dataset


def score_of_a(runner: LadybugRunner) -> float:
    return next(x.score for x in member_loads(runner, "hand") if x.person_id == hand_id("a"))


def test_a_repeated_question_is_answered_from_the_cache(hand: LadybugRunner) -> None:
    score_of_a(hand)
    before = statistics(hand)
    score_of_a(hand)
    after = statistics(hand)
    assert after["hits"] > before["hits"] and after["misses"] == before["misses"]


def test_a_write_is_reflected_in_the_next_answer(hand: LadybugRunner, tmp_path: Path) -> None:
    assert score_of_a(hand) == 4
    more = [*SEATS, ("a", "B4", "chair")]
    ingest(hand, load_dataset(write_dataset(tmp_path / "v2", hand_tables(more), name="hand")))
    assert score_of_a(hand) == 7


def test_a_new_dataset_version_invalidates_even_without_a_local_write(
    hand: LadybugRunner, tmp_path: Path
) -> None:
    """Another process writing (Neo4j) changes the content hash, not this runner's count."""
    assert score_of_a(hand) == 4
    writes = hand.writes
    ingest(hand, load_dataset(write_dataset(tmp_path / "v2", hand_tables(
        [*SEATS, ("a", "B3", "member")]), name="hand")))
    hand.writes = writes  # as if the write had come from elsewhere
    assert score_of_a(hand) == 5


def test_concentration_and_overcommitted_members_are_cached_until_a_write(
    hand: LadybugRunner, tmp_path: Path,
) -> None:
    from graph.analysis.concentration import multi_role_concentration, overcommitted_members

    first = (multi_role_concentration(hand, "hand"), overcommitted_members(hand, 2, "hand"))
    before = statistics(hand)
    again = (multi_role_concentration(hand, "hand"), overcommitted_members(hand, 2, "hand"))
    after = statistics(hand)
    assert again == first
    assert after["hits"] == before["hits"] + 2 and after["misses"] == before["misses"]
    more = [*SEATS, ("a", "B4", "chair")]
    ingest(hand, load_dataset(write_dataset(tmp_path / "v2", hand_tables(more), name="hand")))
    assert multi_role_concentration(hand, "hand") != first[0]


def test_the_cache_holds_a_bounded_number_of_bytes_measured_on_the_results(
    hand: LadybugRunner,
) -> None:
    from graph.analysis import cache

    rows = [f"row {i:06d}" for i in range(1000)]  # about 60 KB with its strings
    size = cache.deep_size(rows)
    cache.set_limits(hand, max_bytes=int(size * 10.5), max_entries=100)
    try:
        for i in range(12):
            cache.remember(hand, ("rows", i), list(rows))
        kept = [i for i in range(12) if cache.lookup(hand, ("rows", i))[0]]
        assert 8 <= len(kept) <= 11 and kept == list(range(12 - len(kept), 12))  # oldest out
        assert cache.statistics(hand)["bytes"] <= int(size * 10.5)
        cache.remember(hand, ("large", 1), rows * 6)  # above half the cache: not kept
        assert cache.lookup(hand, ("large", 1)) == (False, None)
    finally:
        cache.set_limits(hand, cache.DEFAULT_MAX_BYTES, cache.DEFAULT_MAX_ENTRIES)


def test_a_graph_is_weighed_by_what_it_holds_not_as_one_row() -> None:
    """A 20,000-node graph counted as one row let 256 of them (gigabytes) be kept."""
    import networkx as nx

    from graph.analysis.cache import deep_size, estimated_size

    graph = nx.path_graph(3000)
    measured = deep_size(graph)
    assert measured > 500_000
    assert measured / 2 <= estimated_size(graph) <= measured * 3
    values = [(f"person-{i}", i * 0.5, [f"body-{i % 7}"]) for i in range(5000)]
    assert deep_size(values) / 2 <= estimated_size(values) <= deep_size(values) * 2
