"""Betweenness and closeness: exact ones equal networkx's; sampled ones are networkx's k-sample
with the same seed, deterministic, and exact once every node is a pivot."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.fast import Choice, Method, betweenness, closeness, sampled_betweenness
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


# Sampled betweenness and closeness: estimated from seeded pivots above a size.

def _scale_free() -> nx.Graph:
    graph = nx.relabel_nodes(nx.barabasi_albert_graph(400, 3, seed=5), str)
    graph.add_edge("island-a", "island-b")  # a small component no pivot may fall in
    graph.add_node("alone")
    return graph


@pytest.mark.parametrize("pivots", [2, 3, 40, 150])
def test_sampled_betweenness_is_networkx_k_sample_with_the_same_seed(pivots: int) -> None:
    graph = _scale_free()
    expected = nx.betweenness_centrality(graph, k=pivots, seed=11)
    assert sampled_betweenness(graph, pivots, 11) == pytest.approx(expected, abs=1e-12)


def test_sampled_betweenness_is_deterministic_for_a_seed_and_varies_with_it() -> None:
    graph = _scale_free()
    assert sampled_betweenness(graph, 30, 1) == sampled_betweenness(graph, 30, 1)
    assert sampled_betweenness(graph, 30, 1) != sampled_betweenness(graph, 30, 2)


@pytest.mark.parametrize("pivots", [403, 404, 10_000])
def test_as_many_pivots_as_nodes_is_exact(pivots: int) -> None:
    graph = _scale_free()  # 403 nodes
    assert sampled_betweenness(graph, pivots, 3) == pytest.approx(
        nx.betweenness_centrality(graph), abs=1e-12)
    assert closeness(graph, pivots, 3) == pytest.approx(
        nx.closeness_centrality(graph), abs=1e-12)


def test_sampled_betweenness_finds_the_same_top_brokers() -> None:
    graph = _scale_free()
    exact = nx.betweenness_centrality(graph)
    estimate = sampled_betweenness(graph, 100, 4)
    top = {n for n in sorted(exact, key=exact.__getitem__, reverse=True)[:10]}
    found = {n for n in sorted(estimate, key=estimate.__getitem__, reverse=True)[:10]}
    assert len(top & found) >= 8


def test_exact_closeness_is_networkx_closeness() -> None:
    graph = _scale_free()
    assert closeness(graph) == pytest.approx(nx.closeness_centrality(graph), abs=1e-12)


def test_sampled_closeness_is_near_and_exact_on_components_without_a_pivot() -> None:
    graph = _scale_free()
    exact = nx.closeness_centrality(graph)
    estimate = closeness(graph, 60, 9)
    assert estimate == closeness(graph, 60, 9)
    main = [n for n in graph if n[0].isdigit()]
    assert max(abs(estimate[n] - exact[n]) / exact[n] for n in main) < 0.1
    for node in ("island-a", "island-b", "alone"):
        assert estimate[node] == pytest.approx(exact[node], abs=1e-12)


@pytest.mark.parametrize(("choice", "nodes", "method"), [
    (Choice(), 5000, Method(True, 5000, None)),
    (Choice(), 5001, Method(False, 1000, 42)),
    (Choice(exact_max_nodes=100, default_pivots=30, seed=7), 101, Method(False, 30, 7)),
    (Choice(pivots=50), 20, Method(True, 20, None)),
    (Choice(pivots=50), 200, Method(False, 50, 42)),
    (Choice(pivots=6000), 5001, Method(True, 5001, None)),
])
def test_the_method_is_exact_when_every_node_would_be_a_pivot(
    choice: Choice, nodes: int, method: Method,
) -> None:
    assert choice.method(nodes) == method
