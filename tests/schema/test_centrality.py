"""``brokers`` says how betweenness and closeness were computed, and callers choose."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.projection import Projection, one_mode
from graph.filters import DateWindow
from graph.runner import Runner
from tests.schema.conftest import Run

BROKERS = """query ($pivots: Int, $seed: Int) {
  brokers(dataset: "seodaemun-2021", projection: PERSONS, first: 1000, pivots: $pivots,
          seed: $seed) {
    totalCount
    betweennessMethod { method exact pivots seed }
    closenessMethod { method exact pivots seed }
    nodes { node { id } betweenness closeness }
  }
}"""


def _scores(data: dict[str, object], field: str) -> dict[str, float]:
    nodes = data["brokers"]["nodes"]  # type: ignore[index]
    return {n["node"]["id"]: n[field] for n in nodes}


def test_a_small_network_is_exact_by_default_and_says_so(
    gql: Run, contract_seodaemun: Runner,
) -> None:
    data = gql(BROKERS)
    people = data["brokers"]["totalCount"]
    exact = {"method": "exact", "exact": True, "pivots": people, "seed": None}
    assert data["brokers"]["betweennessMethod"] == exact
    assert data["brokers"]["closenessMethod"] == exact
    graph = one_mode(contract_seodaemun, "seodaemun-2021", DateWindow(), Projection.PERSONS)
    assert _scores(data, "betweenness") == pytest.approx(nx.betweenness_centrality(graph))
    assert _scores(data, "closeness") == pytest.approx(nx.closeness_centrality(graph))


def test_pivots_estimate_from_a_seeded_sample(gql: Run, contract_seodaemun: Runner) -> None:
    data = gql(BROKERS, pivots=40, seed=3)
    sampled = {"method": "sampled", "exact": False, "pivots": 40, "seed": 3}
    assert data["brokers"]["betweennessMethod"] == sampled
    assert data["brokers"]["closenessMethod"] == sampled
    graph = one_mode(contract_seodaemun, "seodaemun-2021", DateWindow(), Projection.PERSONS)
    assert _scores(data, "betweenness") == pytest.approx(
        nx.betweenness_centrality(graph, k=40, seed=3))
    assert gql(BROKERS, pivots=40, seed=3) == data
    assert _scores(gql(BROKERS, pivots=40, seed=4), "betweenness") != _scores(
        data, "betweenness")


def test_as_many_pivots_as_people_is_exact(gql: Run) -> None:
    exact = gql(BROKERS)
    people = exact["brokers"]["totalCount"]
    data = gql(BROKERS, pivots=people, seed=9)
    assert data["brokers"]["betweennessMethod"] == exact["brokers"]["betweennessMethod"]
    assert [n["node"]["id"] for n in data["brokers"]["nodes"]] == [
        n["node"]["id"] for n in exact["brokers"]["nodes"]]
    for field in ("betweenness", "closeness"):  # exact sums may differ in the last bits
        assert _scores(data, field) == pytest.approx(_scores(exact, field), abs=1e-12)


@pytest.mark.parametrize("pivots", [-1, 0, 1, 5001])
def test_pivots_out_of_range_are_refused(gql_errors: Run, pivots: int) -> None:
    errors = gql_errors(BROKERS, pivots=pivots)
    assert [e["extensions"]["code"] for e in errors] == ["BAD_USER_INPUT"]
    assert "pivots" in errors[0]["message"]


SAMPLED = """{
  brokers(dataset: "seodaemun-2021", projection: PERSONS, first: 5) {
    betweennessMethod { method exact pivots seed error confidence top paths }
    closenessMethod { method exact pivots seed error confidence top paths }
  }
  network(dataset: "seodaemun-2021", mode: PERSONS, maxNodes: 50) {
    betweennessMethod { method error paths }
  }
}"""


def test_above_the_exact_size_betweenness_comes_from_sampled_paths_and_says_so(
    contract_seodaemun: Runner,
) -> None:
    from api.execute import execute
    from govgraph.settings import Settings

    settings = Settings(centrality_exact_max_nodes=10, centrality_pivots=20,
                        centrality_error=0.01)
    data = execute(contract_seodaemun, SAMPLED, settings=settings)["data"]
    paths = data["brokers"]["betweennessMethod"]
    assert {k: v for k, v in paths.items() if k != "paths"} == {
        "method": "sampled-paths", "exact": False, "pivots": 0, "seed": 42, "error": 0.01,
        "confidence": 0.9, "top": 50}
    assert paths["paths"] > 0
    assert data["brokers"]["closenessMethod"] == {
        "method": "sampled", "exact": False, "pivots": 20, "seed": 42, "error": None,
        "confidence": None, "top": 0, "paths": 0}
    network = data["network"]["betweennessMethod"]
    assert network["method"] == "sampled-paths" and network["paths"] > 0


def test_the_network_says_its_betweenness_is_exact_on_a_small_network(gql: Run) -> None:
    data = gql('{ network(dataset: "seodaemun-2021", maxNodes: 50) '
               "{ betweennessMethod { method exact error } } }")
    assert data["network"]["betweennessMethod"] == {"method": "exact", "exact": True,
                                                    "error": None}
