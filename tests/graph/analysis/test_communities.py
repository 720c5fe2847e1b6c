"""Louvain communities on two triangles joined by one tie."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.analysis.communities import communities, louvain
from graph.analysis.projection import Projection, one_mode
from graph.backends.ladybug import LadybugRunner
from graph.filters import DateWindow
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.graph.analysis.conftest import hand_tables
from tests.ingest.conftest import write_dataset

# P seats x1, x2, x3; Q seats y1, y2, y3; R seats x3 and y3 (the one tie between them)
TWO_TRIANGLES = [("x1", "B1", "member"), ("x2", "B1", "member"), ("x3", "B1", "member"),
                 ("y1", "B2", "member"), ("y2", "B2", "member"), ("y3", "B2", "member"),
                 ("x3", "B3", "member"), ("y3", "B3", "member")]


def test_two_triangles_are_two_communities(store: LadybugRunner, tmp_path: Path) -> None:
    ingest(store, load_dataset(write_dataset(tmp_path / "t", hand_tables(TWO_TRIANGLES),
                                             name="tri")))
    found = communities(store, "tri", DateWindow(), Projection.PERSONS)
    assert [[n.id.removeprefix("tri/") for n in g] for g in found.groups] == [
        ["x1", "x2", "x3"], ["y1", "y2", "y3"]]
    # m = 7 ties; each group has 3 inside and degree sum 7:
    # Q = 2 * (3/7 - (7/14)^2) = 5/14
    assert found.modularity == pytest.approx(5 / 14)


def test_the_same_seed_gives_the_same_communities(seodaemun_store: LadybugRunner) -> None:
    graph = one_mode(seodaemun_store, "seodaemun-2021", DateWindow(), Projection.BODIES)
    first, again = louvain(graph, seed=7), louvain(graph, seed=7)
    assert first == again and 0 < first.modularity < 1
    assert sum(len(g) for g in first.groups) == 35
