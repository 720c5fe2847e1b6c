"""Network answers as GraphML, GEXF and CSV, read back with networkx."""

from __future__ import annotations

import csv
import io

import networkx as nx

from graph.analysis.export import Format, render
from graph.analysis.network import Mode, network
from graph.backends.ladybug import LadybugRunner
from graph.filters import DateWindow
from tests.graph.analysis.conftest import hand_id


def test_graphml_and_gexf_read_back_to_the_same_graph(hand: LadybugRunner) -> None:
    answer = network(hand, "hand", DateWindow(), Mode.TWO_MODE)
    for fmt, read in ((Format.GRAPHML, nx.read_graphml), (Format.GEXF, nx.read_gexf)):
        graph = read(io.BytesIO(render(answer, fmt).encode()))
        assert graph.number_of_nodes() == 10 and graph.number_of_edges() == 9, fmt
        assert graph.nodes[hand_id("B4")]["degree"] == 3
        assert graph.nodes[hand_id("a")]["label"] == "Person A"


def test_csv_edges_and_nodes(hand: LadybugRunner) -> None:
    answer = network(hand, "hand", DateWindow(), Mode.BODIES)
    edges = list(csv.DictReader(io.StringIO(render(answer, Format.CSV))))
    assert [(e["source"], e["target"], e["weight"]) for e in edges] == [
        (hand_id("B1"), hand_id("B2"), "1"), (hand_id("B2"), hand_id("B3"), "1"),
        (hand_id("B3"), hand_id("B4"), "1")]
    nodes = list(csv.DictReader(io.StringIO(render(answer, Format.CSV, part="nodes"))))
    assert {n["id"] for n in nodes} == {hand_id(b) for b in ("B1", "B2", "B3", "B4")}
