"""Brokers on the hand-built network: b - a - c - d - {e, f} (a triangle d, e, f)."""

from __future__ import annotations

import pytest

from graph.analysis.brokers import bridges, centralities, cut_points
from graph.analysis.projection import Projection
from graph.backends.ladybug import LadybugRunner
from graph.filters import DateWindow
from tests.graph.analysis.conftest import hand_id

ALL = DateWindow()


def test_betweenness_and_degree_worked_by_hand(hand: LadybugRunner) -> None:
    found = {c.node.id.removeprefix("hand/"): c
             for c in centralities(hand, "hand", ALL, Projection.PERSONS)}
    # normalised by (n-1)(n-2)/2 = 10 pairs: a lies between b and c, d, e, f (4);
    # c between {a, b} and {d, e, f} (6); d between {a, b, c} and {e, f} (6)
    assert {n: c.betweenness for n, c in found.items()} == pytest.approx(
        {"a": 0.4, "b": 0.0, "c": 0.6, "d": 0.6, "e": 0.0, "f": 0.0})
    assert {n: c.degree for n, c in found.items()} == {"a": 2, "b": 1, "c": 2, "d": 3,
                                                       "e": 2, "f": 2}
    # eigenvector centrality is highest in the triangle's hub
    assert max(found.values(), key=lambda c: c.eigenvector).node.id == hand_id("d")


def test_brokers_are_ranked_by_betweenness_then_degree(hand: LadybugRunner) -> None:
    ranked = [c.node.id for c in centralities(hand, "hand", ALL, Projection.PERSONS)]
    assert ranked[:3] == [hand_id("d"), hand_id("c"), hand_id("a")]


def test_body_projection_is_a_chain(hand: LadybugRunner) -> None:
    found = {c.node.id: c.betweenness for c in centralities(hand, "hand", ALL,
                                                            Projection.BODIES)}
    assert found == pytest.approx({hand_id("B1"): 0, hand_id("B2"): 2 / 3,
                                   hand_id("B3"): 2 / 3, hand_id("B4"): 0})


def test_cut_points_with_the_groups_they_separate(hand: LadybugRunner) -> None:
    found = cut_points(hand, "hand", ALL, Projection.PERSONS)
    assert [c.node.id for c in found] == [hand_id("c"), hand_id("d"), hand_id("a")]
    c = found[0].separation
    assert [[n.id for n in g.members] for g in c.groups] == [
        [hand_id("d"), hand_id("e"), hand_id("f")], [hand_id("a"), hand_id("b")]]
    # the path runs through c and names the bodies: a - B2 - c - B3 - d
    assert [n.id for n in c.path] == [hand_id(x) for x in ("a", "B2", "c", "B3", "d")]
    assert "removing Person C would split 5 connected nodes into groups of 3 and 2" in (
        c.explanation)
    assert "Person A → Body B2 → Person C → Body B3 → Person D" in c.explanation


def test_bridges_with_the_groups_they_separate(hand: LadybugRunner) -> None:
    found = bridges(hand, "hand", ALL, Projection.PERSONS)
    assert [(x.a.id, x.b.id) for x in found] == [(hand_id("c"), hand_id("d")),
                                                 (hand_id("a"), hand_id("c")),
                                                 (hand_id("a"), hand_id("b"))]
    first = found[0].separation
    assert [g.size for g in first.groups] == [3, 3]
    assert [n.id for n in first.path] == [hand_id(x) for x in ("c", "B3", "d")]


def test_a_well_knit_network_has_no_cut_points(seodaemun_store: LadybugRunner) -> None:
    assert cut_points(seodaemun_store, "seodaemun-2021", ALL, Projection.PERSONS) == []
    top = centralities(seodaemun_store, "seodaemun-2021", ALL, Projection.BODIES)[0]
    assert top.node.id == "seodaemun-2021/council"


def test_separations_agree_with_removing_the_node(seodaemun_store: LadybugRunner) -> None:
    """The block-cut tree's group sizes equal the components left after a removal."""
    import networkx as nx

    from graph.analysis.projection import one_mode

    graph = one_mode(seodaemun_store, "seodaemun-2021", ALL, Projection.BODIES).copy()
    graph.remove_edges_from([(a, b) for a, b, w in graph.edges(data="weight") if w > 1])
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    from graph.analysis.blocks import BlockTree

    tree = BlockTree(graph)
    assert tree.cuts
    for cut in tree.cuts:
        rest = graph.subgraph(nx.node_connected_component(graph, cut) - {cut})
        expected = sorted((len(c) for c in nx.connected_components(rest)), reverse=True)
        assert tree.cut_point_split(cut, 5).sizes == expected, cut
    for a, b in nx.bridges(graph):
        cut = graph.copy()
        cut.remove_edge(a, b)
        expected = sorted([len(nx.node_connected_component(cut, a)),
                           len(nx.node_connected_component(cut, b))], reverse=True)
        assert tree.bridge_split(a, b, 5).sizes == expected, (a, b)


@pytest.mark.parametrize("seed", range(5))
def test_separations_on_random_sparse_graphs(seed: int) -> None:
    import networkx as nx

    from graph.analysis.blocks import BlockTree

    graph = nx.relabel_nodes(nx.gnm_random_graph(60, 70, seed=seed), str)
    tree = BlockTree(graph)
    for cut in tree.cuts:
        rest = graph.subgraph(nx.node_connected_component(graph, cut) - {cut})
        expected = sorted((len(c) for c in nx.connected_components(rest)), reverse=True)
        assert tree.cut_point_split(cut, 3).sizes == expected
    for a, b in nx.bridges(graph):
        cut = graph.copy()
        cut.remove_edge(a, b)
        expected = sorted([len(nx.node_connected_component(cut, a)),
                           len(nx.node_connected_component(cut, b))], reverse=True)
        assert tree.bridge_split(a, b, 3).sizes == expected
