"""Cached answers are reused until the next write, which is reflected at once."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_the_cache_holds_a_bounded_number_of_rows(
    hand: LadybugRunner, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from graph.analysis import cache

    monkeypatch.setattr(cache, "MAX_ROWS", 10)
    cache.remember(hand, ("rows", 1), list(range(6)))
    cache.remember(hand, ("rows", 2), list(range(4)))
    assert cache.lookup(hand, ("rows", 1)) == (True, list(range(6)))
    cache.remember(hand, ("rows", 3), list(range(3)))  # 13 rows: the least recent goes
    assert cache.lookup(hand, ("rows", 2)) == (False, None)
    assert cache.lookup(hand, ("rows", 1))[0] and cache.lookup(hand, ("rows", 3))[0]
    cache.remember(hand, ("rows", 4), list(range(11)))  # larger than the whole cache: not kept
    assert cache.lookup(hand, ("rows", 4)) == (False, None)
    assert cache.lookup(hand, ("rows", 1))[0]
