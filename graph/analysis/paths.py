"""Paths and neighbourhoods in the whole network of a dataset.

The network holds every kind of node (people, bodies, organisations,
projects) and every kind of tie (memberships in the window, body hierarchy,
lead departments, organisation hierarchy, project leads and runners), each
with its sources. A *path* between two actors is a shortest chain of ties
(unweighted breadth-first search) [1]_; an *ego network* is everything within
a given number of ties of one node [2]_.

References
----------
.. [1] Cormen, T. H. et al., *Introduction to Algorithms*, 3rd ed., MIT Press,
   2009, section 22.2 (breadth-first search).
.. [2] Wasserman, S. and Faust, K., *Social Network Analysis*, Cambridge
   University Press, 1994, section 8.3 (ego-centred networks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from graph.analysis.cache import cached
from graph.analysis.jobs import Job
from graph.analysis.projection import NodeView, view

if TYPE_CHECKING:
    from graph.analysis.network import Network
import itertools

from graph.errors import InvalidArgumentError, NotFoundError
from graph.filters import DateWindow
from graph.runner import Runner

MAX_DEPTH = 4


@dataclass(frozen=True)
class Step:
    """One tie of a path, in the direction the path walks it."""

    source: NodeView
    target: NodeView
    kind: str
    role: str | None
    sources: list[str]


def dataset_of(node_id: str) -> str:
    """The dataset a global id belongs to."""
    dataset, _, local = node_id.partition("/")
    if not local:
        raise InvalidArgumentError(f"{node_id!r} is not a global id (dataset/local id)")
    return dataset


def full_network(runner: Runner, dataset: str, window: DateWindow) -> nx.Graph:
    """Every node and tie of ``dataset`` (memberships overlapping ``window``)."""
    def build() -> nx.Graph:
        graph = nx.Graph()
        for row in runner.read("dataset_nodes", {"dataset": dataset}):
            graph.add_node(row["id"], kind=row["kind"], label=row["label"],
                           classification=row["classification"])
        for row in runner.read("dataset_edges", {"dataset": dataset, **window.params()}):
            if not graph.has_edge(row["source"], row["target"]):
                graph.add_edge(row["source"], row["target"], kind=row["kind"],
                               role=row["role"] or None, sources=list(row["sources"]),
                               tail=row["source"])
        return graph

    return cached(runner, dataset, ("full_network", dataset, window), build)


def shortest_path(runner: Runner, start: str, end: str,
                  window: DateWindow | None = None) -> list[Step] | None:
    """The ties of a shortest path from ``start`` to ``end``; None if they are not connected."""
    dataset = dataset_of(start)
    if dataset_of(end) != dataset:
        raise InvalidArgumentError("paths run within one dataset")
    graph = full_network(runner, dataset, window or DateWindow())
    for node in (start, end):
        if node not in graph:
            raise NotFoundError(f"no node {node!r}")
    try:
        nodes = nx.shortest_path(graph, start, end)
    except nx.NetworkXNoPath:
        return None
    return [_step(graph, a, b) for a, b in itertools.pairwise(nodes)]


def _step(graph: nx.Graph, a: str, b: str) -> Step:
    tie = graph.edges[a, b]
    return Step(view(graph, a), view(graph, b), tie["kind"], tie["role"], tie["sources"])


def ego_network(runner: Runner, center: str, depth: int = 1,
                window: DateWindow | None = None) -> nx.Graph:
    """Everything within ``depth`` ties of ``center`` (1 to :data:`MAX_DEPTH`)."""
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidArgumentError(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    graph = full_network(runner, dataset_of(center), window or DateWindow())
    if center not in graph:
        raise NotFoundError(f"no node {center!r}")
    ego: nx.Graph = nx.ego_graph(graph, center, radius=depth)
    return ego


def ego_answer(runner: Runner, center: str, depth: int, window: DateWindow,
               max_nodes: int | None = None, cap: int | None = None) -> Network:
    """The ego network of ``center`` as a graph-shaped answer (nodes with metrics, edges)."""
    return ego_job(runner, center, depth, window, max_nodes, cap).inline()


def ego_job(runner: Runner, center: str, depth: int, window: DateWindow,
            max_nodes: int | None = None, cap: int | None = None) -> Job[Network]:
    """:func:`ego_answer` as a job: the ego network is cut out here, described in a worker.

    ``cap`` is the server's node cap (the one of every network answer); ``max_nodes``
    at most that, None for the cap itself.
    """
    from graph.analysis.network import MAX_NODES, describe

    cap = MAX_NODES if cap is None else cap
    max_nodes = cap if max_nodes is None else max_nodes
    if not 1 <= max_nodes <= cap:
        raise InvalidArgumentError(f"maxNodes must be between 1 and {cap}, got {max_nodes}")

    def fetch() -> tuple[object, ...]:
        return ego_network(runner, center, depth, window), max_nodes, "TIE", cap

    key = ("ego", center, depth, window, max_nodes, cap)
    return Job(runner, dataset_of(center), key, fetch, describe)
