"""Brokers: who holds the network together.

On the person and body projections (:mod:`graph.analysis.projection`):

- *degree*: how many others a node is tied to; *weighted degree* sums the ties'
  weights (shared bodies or shared members) [1]_;
- *betweenness*: the share of shortest paths between other nodes that pass
  through a node, normalised to [0, 1] [2]_ (computed with rustworkx,
  :mod:`graph.analysis.fast`);
- *eigenvector centrality*: a node is central if its neighbours are, using the
  tie weights [3]_; it is undefined across disconnected parts, so it is the
  principal eigenvector of each connected component, of unit length within it;
- *cut points* (articulation points) and *bridges*: nodes and ties whose
  removal splits a connected group apart [4]_. Each comes with the groups it
  would separate and a path through it in the two-mode network, which names
  the bodies (or people) the connection runs through.

References
----------
.. [1] Freeman, L. C., "Centrality in social networks: conceptual
   clarification", *Social Networks* 1 (1979), 215-239.
.. [2] Brandes, U., "A faster algorithm for betweenness centrality", *Journal
   of Mathematical Sociology* 25 (2001), 163-177.
.. [3] Bonacich, P., "Power and centrality: a family of measures", *American
   Journal of Sociology* 92 (1987), 1170-1182.
.. [4] Hopcroft, J. and Tarjan, R., "Efficient algorithms for graph
   manipulation", *Communications of the ACM* 16 (1973), 372-378.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from graph.analysis import fast
from graph.analysis.cache import cached
from graph.analysis.projection import NodeView, Projection, one_mode, two_mode, view
from graph.filters import DateWindow
from graph.runner import Runner


@dataclass(frozen=True)
class Centrality:
    node: NodeView
    degree: int
    weighted_degree: float
    betweenness: float
    eigenvector: float


@dataclass(frozen=True)
class Separation:
    """What removing a cut point or a bridge would do."""

    groups: list[list[NodeView]]
    """The groups that would no longer be connected, largest first."""
    path: list[NodeView]
    """A shortest path in the two-mode network between two of the groups."""
    explanation: str


@dataclass(frozen=True)
class CutPoint:
    node: NodeView
    separation: Separation


@dataclass(frozen=True)
class Bridge:
    a: NodeView
    b: NodeView
    weight: float
    separation: Separation


def centralities(runner: Runner, dataset: str, window: DateWindow,
                 projection: Projection) -> list[Centrality]:
    """Degree, betweenness and eigenvector centrality of every node, by betweenness."""
    def compute() -> list[Centrality]:
        graph = one_mode(runner, dataset, window, projection)
        if graph.number_of_nodes() == 0:
            return []
        betweenness = fast.betweenness(graph)
        eigenvector = _eigenvector(graph)
        found = [Centrality(view(graph, n), graph.degree(n),
                            float(graph.degree(n, weight="weight")), betweenness[n],
                            eigenvector.get(n, 0.0)) for n in graph]
        return sorted(found, key=lambda c: (-c.betweenness, -c.degree, c.node.id))

    return cached(runner, dataset, ("centralities", dataset, window, projection), compute)


def _eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Principal eigenvector of each connected component (unit norm within it)."""
    values: dict[str, float] = {}
    for component in nx.connected_components(graph):
        sub = graph.subgraph(component)
        if sub.number_of_edges() == 0:
            values.update(dict.fromkeys(component, 0.0))
        elif sub.number_of_nodes() <= 2:
            values.update(dict.fromkeys(component, 1 / math.sqrt(2)))
        else:
            found = nx.eigenvector_centrality_numpy(sub, weight="weight")
            values.update({n: abs(v) for n, v in found.items()})
    return values


def cut_points(runner: Runner, dataset: str, window: DateWindow,
               projection: Projection) -> list[CutPoint]:
    """Nodes whose removal splits their connected group, most separating first."""
    def compute() -> list[CutPoint]:
        graph = one_mode(runner, dataset, window, projection)
        full = two_mode(runner, dataset, window)
        found = []
        for node in nx.articulation_points(graph):
            component = nx.node_connected_component(graph, node)
            rest = graph.subgraph(component - {node})
            groups = _groups(rest)
            found.append(CutPoint(view(graph, node), _separation(full, graph, groups, via=node)))
        return sorted(found, key=lambda c: (-_cut_size(c.separation), c.node.id))

    return cached(runner, dataset, ("cut_points", dataset, window, projection), compute)


def bridges(runner: Runner, dataset: str, window: DateWindow,
            projection: Projection) -> list[Bridge]:
    """Ties whose removal splits their connected group, most separating first."""
    def compute() -> list[Bridge]:
        graph = one_mode(runner, dataset, window, projection)
        full = two_mode(runner, dataset, window)
        found = []
        for a, b in (sorted(edge) for edge in nx.bridges(graph)):
            component = nx.node_connected_component(graph, a)
            rest = nx.Graph(graph.subgraph(component))
            rest.remove_edge(a, b)
            groups = _groups(rest)
            found.append(Bridge(view(graph, a), view(graph, b),
                                float(graph.edges[a, b].get("weight", 1)),
                                _separation(full, graph, groups, via=None, ends=(a, b))))
        return sorted(found, key=lambda x: (-_cut_size(x.separation), x.a.id, x.b.id))

    return cached(runner, dataset, ("bridges", dataset, window, projection), compute)


def _groups(graph: nx.Graph) -> list[list[str]]:
    groups = [sorted(c) for c in nx.connected_components(graph)]
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def _cut_size(separation: Separation) -> int:
    """How many nodes end up outside the largest group."""
    return sum(len(g) for g in separation.groups[1:])


def _separation(full: nx.Graph, graph: nx.Graph, groups: list[list[str]], via: str | None,
                ends: tuple[str, str] | None = None) -> Separation:
    if ends is None:
        assert via is not None
        small, large = groups[-1], groups[0]
        start = next(n for n in graph.neighbors(via) if n in small)
        end = next(n for n in graph.neighbors(via) if n in large)
    else:
        start, end = ends
    path = nx.shortest_path(full, start, end)
    label = full.nodes
    sizes = " and ".join(str(len(g)) for g in groups)
    through = " → ".join(str(label[n].get("label", n)) for n in path)
    what = (f"removing {label[via].get('label', via)}" if via is not None
            else f"the tie between {label[start].get('label', start)} and "
                 f"{label[end].get('label', end)}")
    total = sum(map(len, groups))
    return Separation([[view(full, n) for n in g] for g in groups],
                      [view(full, n) for n in path],
                      f"{what} would split {total} connected nodes into groups of {sizes}; "
                      f"they connect through {through}")
