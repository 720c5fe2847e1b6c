"""The rustworkx betweenness equals networkx's."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.fast import betweenness
from graph.analysis.projection import Projection, one_mode
from graph.backends.ladybug import LadybugRunner
from graph.filters import DateWindow


def test_equal_to_networkx_on_a_random_graph() -> None:
    graph = nx.relabel_nodes(nx.gnm_random_graph(200, 800, seed=3), str)
    assert betweenness(graph) == pytest.approx(nx.betweenness_centrality(graph), abs=1e-12)


@pytest.mark.parametrize("projection", list(Projection))
def test_equal_to_networkx_on_seodaemun(seodaemun_store: LadybugRunner,
                                        projection: Projection) -> None:
    graph = one_mode(seodaemun_store, "seodaemun-2021", DateWindow(), projection)
    assert betweenness(graph) == pytest.approx(nx.betweenness_centrality(graph), abs=1e-12)


def test_tiny_graphs() -> None:
    assert betweenness(nx.path_graph(["a", "b"])) == {"a": 0.0, "b": 0.0}
    assert betweenness(nx.path_graph(["a", "b", "c"])) == {"a": 0.0, "b": 1.0, "c": 0.0}
