"""Graph-shaped answers for dashboards: nodes with metrics, edges with weights.

The network is the two-mode person-body network or one of its projections
(:mod:`graph.analysis.projection`), or an ego network
(:mod:`graph.analysis.paths`). It is capped at ``max_nodes``, keeping the
nodes of highest degree, so a dashboard never receives more than it can draw.
A cut answer says so: ``truncated``, the rule (:data:`CUT_RULE`), the totals
before the cut and the cap that applied (``max_nodes``, at most the server's
``cap``, ``GOVGRAPH_NETWORK_MAX_NODES``), so every reader of a network (GraphQL,
exports, the dashboard) states the same cut.
Nodes carry their degree (in the whole network), betweenness and Louvain
community (computed on the whole network up to :data:`WHOLE_GRAPH_METRICS`
nodes, on the nodes kept above that, as ``metrics_scope`` says; betweenness
exact or estimated as :class:`~graph.analysis.fast.Choice` decides, as
``betweenness_method`` says); edges carry their kind and weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import networkx as nx

from graph.analysis import fast
from graph.analysis.communities import louvain
from graph.analysis.jobs import Job
from graph.analysis.projection import Projection, Seat, one_mode_of, seats, two_mode_of
from graph.errors import InvalidArgumentError
from graph.filters import DateWindow, check_number
from graph.repository import Repository
from graph.runner import Runner

MAX_NODES = 2000
"""The default of the server's node cap (``GOVGRAPH_NETWORK_MAX_NODES``)."""
CUT_RULE = "highest_degree"
"""How a network above its cap is cut: the nodes of highest degree are kept (ties by id)."""
WHOLE_GRAPH_METRICS = 5000
"""Up to this many nodes, metrics are computed on the whole network; above, on the nodes
kept (a dashboard draws those; their layout, not the whole network's, is what it shows)."""


class Mode(Enum):
    TWO_MODE = "two_mode"
    PERSONS = "persons"
    BODIES = "bodies"


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    label: str
    classification: str | None
    degree: int
    betweenness: float
    community: int


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    weight: float


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    total_nodes: int
    total_edges: int
    metrics_scope: str
    """``whole``: metrics of the whole network; ``shown``: of the nodes kept only."""
    betweenness_method: fast.Method
    """How the nodes' betweenness was computed."""
    max_nodes: int = MAX_NODES
    """The cap this answer was cut at (what was asked, or the server's cap)."""
    cap: int = MAX_NODES
    """The largest ``max_nodes`` the server allows."""
    metrics_nodes: int = 0
    """How many nodes the metrics (betweenness, communities) were computed on."""

    @property
    def truncated(self) -> bool:
        return len(self.nodes) < self.total_nodes

    @property
    def cut_rule(self) -> str | None:
        """:data:`CUT_RULE` when the answer is cut, else None."""
        return CUT_RULE if self.truncated else None


def network(runner: Runner, dataset: str, window: DateWindow, mode: Mode,
            classifications: tuple[str, ...] = (), max_nodes: int | None = None,
            cap: int = MAX_NODES, choice: fast.Choice = fast.AUTOMATIC) -> Network:
    """The chosen network of ``dataset``, optionally only bodies of some classifications.

    ``max_nodes`` may not exceed ``cap`` (the server's limit; None: the cap itself);
    ``choice`` says when betweenness is exact.
    """
    return network_job(runner, dataset, window, mode, classifications, max_nodes, cap,
                       choice).inline()


def network_job(runner: Runner, dataset: str, window: DateWindow, mode: Mode,
                classifications: tuple[str, ...] = (), max_nodes: int | None = None,
                cap: int = MAX_NODES, choice: fast.Choice = fast.AUTOMATIC) -> Job[Network]:
    """:func:`network` as a job (see :mod:`graph.analysis.jobs`)."""
    max_nodes = cap if max_nodes is None else max_nodes
    check_number("maxNodes", max_nodes, 1, cap)

    def fetch() -> tuple[object, ...]:
        Repository(runner).require_dataset(dataset)
        return seats(runner, dataset, window), mode, classifications, max_nodes, cap, choice

    key = ("network", dataset, window, mode, classifications, max_nodes, cap, choice)
    return Job(runner, dataset, key, fetch, network_of)


def network_of(memberships: Sequence[Seat], mode: Mode, classifications: tuple[str, ...] = (),
               max_nodes: int = MAX_NODES, cap: int = MAX_NODES,
               choice: fast.Choice = fast.AUTOMATIC) -> Network:
    """:func:`network` of the memberships given."""
    graph = two_mode_of(memberships)
    if mode is not Mode.TWO_MODE:
        graph = one_mode_of(graph, Projection.PERSONS if mode is Mode.PERSONS
                            else Projection.BODIES)
    if classifications:
        graph = _restrict(graph, classifications)
    return describe(graph, max_nodes, default_kind="CO_MEMBER" if mode is not Mode.TWO_MODE
                    else "MEMBER_OF", cap=cap, choice=choice)


def describe(graph: nx.Graph, max_nodes: int, default_kind: str = "TIE",
             cap: int = MAX_NODES, choice: fast.Choice = fast.AUTOMATIC) -> Network:
    """Nodes (with metrics) and edges of ``graph``, keeping the ``max_nodes`` of highest degree."""
    if not 1 <= max_nodes <= cap:
        raise InvalidArgumentError(f"maxNodes must be between 1 and {cap}, got {max_nodes}")
    kept = sorted(graph, key=lambda n: (-graph.degree(n), n))[:max_nodes]
    whole = graph.number_of_nodes() <= WHOLE_GRAPH_METRICS
    measured = graph if whole else graph.subgraph(kept)
    betweenness, method = fast.estimated_betweenness(
        measured, choice.method(measured.number_of_nodes()))
    community = {n: i for i, group in enumerate(louvain(measured).groups) for n in group}
    keep = set(kept)
    nodes = [_node(graph, n, betweenness, community) for n in kept]
    edges = [_edge(a, b, data, default_kind) for a, b, data in graph.edges(data=True)
             if a in keep and b in keep]
    return Network(nodes, sorted(edges, key=lambda e: (e.source, e.target)),
                   graph.number_of_nodes(), graph.number_of_edges(),
                   "whole" if whole else "shown", method, max_nodes=max_nodes, cap=cap,
                   metrics_nodes=measured.number_of_nodes())


def _edge(a: str, b: str, data: dict[str, Any], default_kind: str) -> Edge:
    """The edge in its stored direction (``tail`` → other end) where it has one."""
    if data.get("tail") == b:
        a, b = b, a
    return Edge(a, b, str(data.get("kind", default_kind)), float(data.get("weight", 1)))


def _node(graph: nx.Graph, node: str, betweenness: dict[str, float],
          community: dict[str, int]) -> Node:
    data: dict[str, Any] = graph.nodes[node]
    return Node(node, str(data.get("kind", "")), str(data.get("label", node)),
                data.get("classification"), graph.degree(node), betweenness.get(node, 0.0),
                community.get(node, -1))


def _restrict(graph: nx.Graph, classifications: tuple[str, ...]) -> nx.Graph:
    """Keep bodies of these classifications, and people tied to a kept body.

    A network without bodies (the person projection) is returned as it is.
    """
    if all(d.get("kind") != "Body" for _, d in graph.nodes(data=True)):
        return graph
    bodies = {n for n, d in graph.nodes(data=True)
              if d.get("kind") == "Body" and d.get("classification") in classifications}
    people = {n for n, d in graph.nodes(data=True) if d.get("kind") != "Body"
              and any(m in bodies for m in graph.neighbors(n))}
    sub: nx.Graph = graph.subgraph(bodies | people).copy()
    return sub
