"""Graph-shaped answers, capped for dashboards."""

from __future__ import annotations

import pytest

from graph.analysis.network import Mode, network
from graph.backends.ladybug import LadybugRunner
from graph.errors import InvalidArgumentError
from graph.filters import DateWindow
from tests.graph.analysis.conftest import hand_id

ALL = DateWindow()


def test_two_mode_network_of_the_hand_graph(hand: LadybugRunner) -> None:
    found = network(hand, "hand", ALL, Mode.TWO_MODE)
    assert (found.total_nodes, found.total_edges, found.truncated) == (10, 9, False)
    assert {(e.source, e.target) for e in found.edges} == {
        (hand_id(p), hand_id(b)) for p, b in [("a", "B1"), ("a", "B2"), ("b", "B1"),
                                              ("c", "B2"), ("c", "B3"), ("d", "B3"),
                                              ("d", "B4"), ("e", "B4"), ("f", "B4")]}
    degrees = {n.id: n.degree for n in found.nodes}
    assert degrees[hand_id("B4")] == 3 and degrees[hand_id("b")] == 1


def test_the_cap_keeps_the_highest_degrees(hand: LadybugRunner) -> None:
    found = network(hand, "hand", ALL, Mode.PERSONS, max_nodes=2)
    # person degrees: d 3, then a, c, e, f with 2 (by id)
    assert [n.id for n in found.nodes] == [hand_id("d"), hand_id("a")]
    assert found.truncated and found.edges == []


def test_projection_edges_are_weighted(hand: LadybugRunner) -> None:
    found = network(hand, "hand", ALL, Mode.BODIES)
    assert {(e.source, e.target, e.weight) for e in found.edges} == {
        (hand_id("B1"), hand_id("B2"), 1.0), (hand_id("B2"), hand_id("B3"), 1.0),
        (hand_id("B3"), hand_id("B4"), 1.0)}
    assert sorted(n.betweenness for n in found.nodes) == pytest.approx([0, 0, 2 / 3, 2 / 3])


def test_restricted_to_working_groups(hand: LadybugRunner) -> None:
    found = network(hand, "hand", ALL, Mode.TWO_MODE, classifications=("working_group",))
    assert {n.id for n in found.nodes} == {hand_id(x) for x in ("B3", "B4", "c", "d", "e", "f")}


def test_the_cap_has_bounds(hand: LadybugRunner) -> None:
    with pytest.raises(InvalidArgumentError):
        network(hand, "hand", ALL, Mode.TWO_MODE, max_nodes=0)


def test_metrics_of_a_large_network_are_of_the_nodes_shown(
    hand: LadybugRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.analysis import network as module

    assert network(hand, "hand", ALL, Mode.PERSONS).metrics_scope == "whole"
    monkeypatch.setattr(module, "WHOLE_GRAPH_METRICS", 3)
    found = network(hand, "hand", ALL, Mode.PERSONS, max_nodes=3)
    # kept: d (degree 3), a and c (degree 2, first by id); shown, they form the chain
    # a - c - d, so c lies between the other two
    assert found.metrics_scope == "shown"
    assert {n.id: n.betweenness for n in found.nodes} == {hand_id("d"): 0.0,
                                                          hand_id("a"): 0.0, hand_id("c"): 1.0}
    assert {n.id: n.degree for n in found.nodes}[hand_id("d")] == 3


def test_a_cut_network_states_its_rule_cap_and_totals(hand: LadybugRunner) -> None:
    whole = network(hand, "hand", ALL, Mode.PERSONS, cap=50)
    assert not whole.truncated and whole.cut_rule is None
    assert (whole.max_nodes, whole.cap) == (50, 50)  # no maxNodes: the server's cap
    cut = network(hand, "hand", ALL, Mode.PERSONS, max_nodes=2, cap=50)
    assert cut.truncated and cut.cut_rule == "highest_degree"
    assert (len(cut.nodes), cut.max_nodes, cut.total_nodes) == (2, 2, whole.total_nodes)
    assert cut.metrics_nodes == whole.total_nodes  # a small network: metrics of the whole


def test_metrics_of_a_cut_large_network_say_how_many_nodes_they_saw(
    hand: LadybugRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.analysis import network as module

    monkeypatch.setattr(module, "WHOLE_GRAPH_METRICS", 3)
    found = network(hand, "hand", ALL, Mode.PERSONS, max_nodes=3)
    assert (found.metrics_scope, found.metrics_nodes) == ("shown", 3)
