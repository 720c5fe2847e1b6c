"""Betweenness and closeness: exact ones equal networkx's; sampled ones are networkx's k-sample
with the same seed, deterministic, and exact once every node is a pivot; path-sampled ones
(KADABRA) rank the top brokers as exact betweenness does."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.fast import (
    Choice,
    Method,
    betweenness,
    closeness,
    estimated_betweenness,
    path_sampled_betweenness,
    sampled_betweenness,
)
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
    (Choice(error=0), 5001, Method(False, 1000, 42)),
    (Choice(exact_max_nodes=100, default_pivots=30, seed=7, error=0), 101, Method(False, 30, 7)),
    (Choice(pivots=50), 20, Method(True, 20, None)),
    (Choice(pivots=50), 200, Method(False, 50, 42)),
    (Choice(pivots=6000), 5001, Method(True, 5001, None)),
])
def test_the_method_is_exact_when_every_node_would_be_a_pivot(
    choice: Choice, nodes: int, method: Method,
) -> None:
    assert choice.method(nodes) == method
    assert choice.closeness_method(nodes) == method


@pytest.mark.parametrize(("choice", "nodes", "method"), [
    (Choice(), 5001, Method(False, 0, 42, error=0.001, top=50)),
    (Choice(exact_max_nodes=10, default_pivots=5, error=0.01, top=5, seed=3), 11,
     Method(False, 0, 3, error=0.01, top=5)),
])
def test_above_the_exact_size_betweenness_samples_paths_unless_pivots_are_named(
    choice: Choice, nodes: int, method: Method,
) -> None:
    assert choice.method(nodes) == method
    assert method.name == "sampled-paths"
    assert choice.closeness_method(nodes) == Method(False, choice.default_pivots, choice.seed)


# Path-sampled betweenness (KADABRA): the default above the exact size.

def _skewed() -> nx.Graph:
    return nx.relabel_nodes(nx.barabasi_albert_graph(3000, 2, seed=5), str)


def test_path_sampling_ranks_the_top_brokers_as_exact_does() -> None:
    graph = _skewed()
    truth = betweenness(graph)
    estimate, ran = path_sampled_betweenness(graph, Method(False, 0, 1, error=0.002, top=20))
    top = sorted(truth, key=truth.__getitem__, reverse=True)[:20]
    found = sorted(estimate, key=estimate.__getitem__, reverse=True)[:20]
    assert len(set(top) & set(found)) >= 18
    # networkit's estimates run a little high: within 2.5 times the nominal bound here
    assert max(abs(estimate[n] - truth[n]) for n in top) <= 0.005
    assert ran.paths > 0 and ran.name == "sampled-paths"


def test_path_sampling_is_deterministic_for_a_seed_and_varies_with_it() -> None:
    graph = _skewed()
    method = Method(False, 0, 4, error=0.005, top=10)
    assert path_sampled_betweenness(graph, method) == path_sampled_betweenness(graph, method)
    other = Method(False, 0, 5, error=0.005, top=10)
    assert path_sampled_betweenness(graph, other)[0] != path_sampled_betweenness(graph, method)[0]


def test_path_sampling_of_tiny_graphs_is_zero() -> None:
    method = Method(False, 0, 1, error=0.01, top=5)
    assert path_sampled_betweenness(nx.path_graph(["a", "b"]), method)[0] == {"a": 0.0, "b": 0.0}


def test_estimated_betweenness_follows_the_method() -> None:
    graph = _scale_free()
    assert estimated_betweenness(graph, Method(True, 403, None))[0] == pytest.approx(
        betweenness(graph), abs=1e-12)
    assert estimated_betweenness(graph, Method(False, 40, 11))[0] == sampled_betweenness(
        graph, 40, 11)
    sampled, ran = estimated_betweenness(graph, Method(False, 0, 2, error=0.01, top=5))
    assert ran.paths > 0 and sampled == path_sampled_betweenness(graph, ran)[0]
