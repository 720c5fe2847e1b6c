"""The two-mode person-body network and its one-mode projections.

Memberships form a bipartite (two-mode) graph of people and bodies. Its
*person projection* links two people who share a body, weighted by the number
of bodies they share; its *body projection* links two bodies that share a
member, weighted by the number of shared members [1]_ [2]_.

References
----------
.. [1] Breiger, R. L., "The duality of persons and groups", *Social Forces* 53
   (1974), 181-190.
.. [2] Borgatti, S. P. and Everett, M. G., "Network analysis of 2-mode data",
   *Social Networks* 19 (1997), 243-269.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import networkx as nx
from networkx.algorithms import bipartite

from graph.analysis.cache import cached
from graph.filters import DateWindow
from graph.records import MembershipRecord
from graph.runner import Runner

PERSON, BODY = "Person", "Body"


class Projection(Enum):
    """Which one-mode network to analyse."""

    PERSONS = PERSON
    BODIES = BODY


@dataclass(slots=True)
class Seat(MembershipRecord):
    """One membership of the two-mode network, with its body's kind and both names."""

    classification: str
    person_name: str
    body_name: str


def seats(runner: Runner, dataset: str, window: DateWindow) -> list[Seat]:
    """Every membership overlapping ``window`` (one statement, cached)."""
    def load() -> list[Seat]:
        rows = runner.read("membership_edges", {"dataset": dataset, **window.params()})
        return [Seat(**row) for row in rows]

    return cached(runner, dataset, ("seats", dataset, window), load)


def two_mode(runner: Runner, dataset: str, window: DateWindow) -> nx.Graph:
    """People and bodies, linked by membership (one edge per person-body pair)."""
    return cached(runner, dataset, ("two_mode", dataset, window),
                  lambda: two_mode_of(seats(runner, dataset, window)))


def two_mode_of(memberships: Iterable[Seat]) -> nx.Graph:
    """The two-mode network of ``memberships`` (a pure function of them)."""
    graph = nx.Graph()
    for seat in memberships:
        graph.add_node(seat.person_id, kind=PERSON, label=seat.person_name, bipartite=0)
        graph.add_node(seat.body_id, kind=BODY, label=seat.body_name,
                       classification=seat.classification, bipartite=1)
        graph.add_edge(seat.person_id, seat.body_id, kind="MEMBER_OF", weight=1,
                       tail=seat.person_id)
    return graph


def one_mode(runner: Runner, dataset: str, window: DateWindow, projection: Projection) -> nx.Graph:
    """The person or body projection, with ``weight`` = shared bodies or shared members."""
    return cached(runner, dataset, ("one_mode", dataset, window, projection),
                  lambda: one_mode_of(two_mode(runner, dataset, window), projection))


def one_mode_of(graph: nx.Graph, projection: Projection) -> nx.Graph:
    """The person or body projection of the two-mode ``graph`` (a pure function of it)."""
    nodes = [n for n, kind in graph.nodes(data="kind") if kind == projection.value]
    found: nx.Graph = bipartite.weighted_projected_graph(graph, nodes)
    # networkx builds the edges from sets, in an order that changes with the process's
    # string hashing; order-dependent algorithms (Louvain) need the same order everywhere.
    projected = nx.Graph()
    projected.add_nodes_from((n, graph.nodes[n]) for n in nodes)
    projected.add_edges_from(sorted((min(a, b), max(a, b), data)
                                    for a, b, data in found.edges(data=True)))
    return projected


@dataclass(frozen=True)
class NodeView:
    """What a caller shows of a node: id, kind (Person, Body...), label, classification."""

    id: str
    kind: str
    label: str
    classification: str | None


def view(graph: nx.Graph, node: str) -> NodeView:
    """The :class:`NodeView` of ``node`` in ``graph``."""
    data: dict[str, Any] = graph.nodes[node]
    return NodeView(node, str(data.get("kind", "")), str(data.get("label", node)),
                    data.get("classification"))
