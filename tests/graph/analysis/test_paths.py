"""Shortest paths with sources, and ego networks."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.analysis.paths import ego_network, shortest_path
from graph.backends.ladybug import LadybugRunner
from graph.errors import InvalidArgumentError, NotFoundError
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.graph.analysis.conftest import hand_id, hand_tables
from tests.ingest.conftest import write_dataset


def test_path_from_b_to_f_runs_through_every_body(hand: LadybugRunner) -> None:
    steps = shortest_path(hand, hand_id("b"), hand_id("f"))
    assert steps is not None
    walked = [steps[0].source.id] + [s.target.id for s in steps]
    assert walked == [hand_id(x) for x in ("b", "B1", "a", "B2", "c", "B3", "d", "B4", "f")]
    assert {s.kind for s in steps} == {"MEMBER_OF"}
    assert steps[2].role == "member" and steps[3].role == "chair"  # a in B2, c chairs B2
    assert all(s.sources == ["hand.txt:3"] for s in steps)


def test_a_path_to_oneself_is_empty(hand: LadybugRunner) -> None:
    assert shortest_path(hand, hand_id("a"), hand_id("a")) == []


def test_unconnected_nodes_have_no_path(store: LadybugRunner, tmp_path: Path) -> None:
    tables = hand_tables()
    tables["people.csv"] += "g,Person G,hand.txt:4,stated\n"  # g holds no seat
    ingest(store, load_dataset(write_dataset(tmp_path / "h", tables, name="hand")))
    assert shortest_path(store, hand_id("a"), hand_id("g")) is None


def test_unknown_and_foreign_nodes_are_refused(hand: LadybugRunner) -> None:
    with pytest.raises(NotFoundError):
        shortest_path(hand, hand_id("a"), hand_id("zz"))
    with pytest.raises(InvalidArgumentError, match="one dataset"):
        shortest_path(hand, hand_id("a"), "other/a")


def test_ego_network_grows_with_depth(hand: LadybugRunner) -> None:
    assert set(ego_network(hand, hand_id("a"), 1)) == {hand_id(x) for x in ("a", "B1", "B2")}
    assert set(ego_network(hand, hand_id("a"), 2)) == {hand_id(x) for x in
                                                       ("a", "B1", "B2", "b", "c")}
    with pytest.raises(InvalidArgumentError):
        ego_network(hand, hand_id("a"), 9)


def test_seodaemun_paths_reach_departments_and_bureaus(seodaemun_store: LadybugRunner) -> None:
    steps = shortest_path(seodaemun_store, "seodaemun-2021/seo-jeongsun",
                          "seodaemun-2021/bureau-safety")
    assert steps is not None
    assert [s.kind for s in steps][-2:] == ["LED_BY", "SUBORGANIZATION_OF"]
    assert all(s.sources for s in steps)
