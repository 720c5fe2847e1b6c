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
