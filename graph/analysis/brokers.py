"""Brokers: who holds the network together.

On the person and body projections (:mod:`graph.analysis.projection`):

- *degree*: how many others a node is tied to; *weighted degree* sums the ties'
  weights (shared bodies or shared members) [1]_;
- *betweenness*: the share of shortest paths between other nodes that pass
  through a node, normalised to [0, 1] [2]_ (exact with rustworkx, or
  estimated on large graphs from sampled shortest paths, or from seeded pivots
  when asked: :mod:`graph.analysis.fast`);
- *closeness*: how near a node is to everyone it can reach, scaled by how many
  that is (Wasserman-Faust), exact or estimated from seeded pivots;
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import networkx as nx

from graph.analysis import fast
from graph.analysis.blocks import BlockTree, Split
from graph.analysis.jobs import Job
from graph.analysis.projection import (
    NodeView,
    Projection,
    Seat,
    one_mode_of,
    seats,
    two_mode_of,
    view,
)
from graph.filters import DateWindow, check_number
from graph.repository import Repository
from graph.runner import Runner


@dataclass(frozen=True)
class Centrality:
    node: NodeView
    degree: int
    weighted_degree: float
    betweenness: float
    eigenvector: float
    closeness: float


@dataclass(frozen=True)
class Ranking:
    """Every node's centralities, by betweenness, and how betweenness and closeness were
    computed (exactly, from pivots or from sampled paths: :class:`~graph.analysis.fast.Method`)."""

    nodes: list[Centrality]
    betweenness: fast.Method
    closeness: fast.Method


LISTED = 50
"""Members listed per separated group (its size is always given in full)."""
MAX_SEED = 2**31 - 1
"""The largest seed of a sampled estimate (GraphQL's largest ``Int``)."""


@dataclass(frozen=True)
class Group:
    """A group a cut would separate: its size, and up to ``LISTED`` of its members."""

    size: int
    members: list[NodeView]


@dataclass(frozen=True)
class Separation:
    """What removing a cut point or a bridge would do."""

    groups: list[Group]
    """The groups that would no longer be connected, largest first."""
    path: list[NodeView]
    """A shortest path in the two-mode network between two of the groups."""
    removed: tuple[NodeView, ...]
    """The cut point, or both ends of the bridge."""

    def explain(self, label: Callable[[NodeView], str] = lambda node: node.label) -> str:
        """A sentence saying what the removal would split, naming nodes with ``label``."""
        sizes = " and ".join(str(g.size) for g in self.groups)
        through = " → ".join(label(n) for n in self.path)
        what = (f"removing {label(self.removed[0])}" if len(self.removed) == 1
                else f"the tie between {label(self.removed[0])} and {label(self.removed[1])}")
        return (f"{what} would split {sum(g.size for g in self.groups)} connected nodes into "
                f"groups of {sizes}; they connect through {through}")

    @property
    def explanation(self) -> str:
        """:meth:`explain` with every node's own label."""
        return self.explain()


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
    """Degree, betweenness, eigenvector and closeness centrality of every node, by
    betweenness (exact up to :data:`~graph.analysis.fast.DEFAULT_EXACT_MAX_NODES` nodes)."""
    return ranking(runner, dataset, window, projection).nodes


def ranking(runner: Runner, dataset: str, window: DateWindow, projection: Projection,
            choice: fast.Choice = fast.AUTOMATIC) -> Ranking:
    """:func:`centralities`, exact or sampled as ``choice`` says, with the method used.

    Betweenness and closeness are exact when ``choice`` asks for at least as many pivots
    as there are nodes, or asks for none and the graph has at most
    ``choice.exact_max_nodes`` nodes. Otherwise closeness is estimated from pivots drawn
    with ``choice.seed``, and betweenness from the same pivots when the caller named a
    number, else from shortest paths sampled with that seed (see
    :class:`~graph.analysis.fast.Choice`); the same seed gives the same answer.
    """
    return ranking_job(runner, dataset, window, projection, choice).inline()


def ranking_job(runner: Runner, dataset: str, window: DateWindow, projection: Projection,
                choice: fast.Choice = fast.AUTOMATIC) -> Job[Ranking]:
    """:func:`ranking` as a job (see :mod:`graph.analysis.jobs`)."""
    check_number("seed", choice.seed, 0, MAX_SEED)  # the sampler takes an unsigned seed
    return Job(runner, dataset, ("centralities", dataset, window, projection, choice),
               _seats_of(runner, dataset, window, projection, choice), ranking_of)


def _seats_of(runner: Runner, dataset: str, window: DateWindow,
              *extra: object) -> Callable[[], tuple[object, ...]]:
    def fetch() -> tuple[object, ...]:
        Repository(runner).require_dataset(dataset)
        return (seats(runner, dataset, window), *extra)

    return fetch


def ranking_of(memberships: Sequence[Seat], projection: Projection,
               choice: fast.Choice = fast.AUTOMATIC) -> Ranking:
    """:func:`ranking` of the network of ``memberships``."""
    graph = one_mode_of(two_mode_of(memberships), projection)
    method = choice.method(graph.number_of_nodes())
    near = choice.closeness_method(graph.number_of_nodes())
    if graph.number_of_nodes() == 0:
        return Ranking([], method, near)
    betweenness, method = fast.estimated_betweenness(graph, method)
    closeness = (fast.closeness(graph) if near.exact
                 else fast.closeness(graph, near.pivots, choice.seed))
    eigenvector = _eigenvector(graph)
    found = [Centrality(view(graph, n), graph.degree(n),
                        float(graph.degree(n, weight="weight")), betweenness[n],
                        eigenvector.get(n, 0.0), closeness[n]) for n in graph]
    # Rounded: rustworkx sums in parallel, so equal scores may differ in their last bits
    # from run to run; ties are then broken the same way every time.
    found.sort(key=lambda c: (-round(c.betweenness, 12), -c.degree, c.node.id))
    return Ranking(found, method, near)


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


def cut_points(runner: Runner, dataset: str, window: DateWindow, projection: Projection,
               listed: int = LISTED) -> list[CutPoint]:
    """Nodes whose removal splits their connected group, most separating first."""
    return cut_points_job(runner, dataset, window, projection, listed).inline()


def cut_points_job(runner: Runner, dataset: str, window: DateWindow, projection: Projection,
                   listed: int = LISTED) -> Job[list[CutPoint]]:
    """:func:`cut_points` as a job (see :mod:`graph.analysis.jobs`)."""
    return Job(runner, dataset, ("cut_points", dataset, window, projection, listed),
               _seats_of(runner, dataset, window, projection, listed), cut_points_of)


def cut_points_of(memberships: Sequence[Seat], projection: Projection,
                  listed: int = LISTED) -> list[CutPoint]:
    """:func:`cut_points` of the network of ``memberships``."""
    full = two_mode_of(memberships)
    graph = one_mode_of(full, projection)
    tree = BlockTree(graph)
    found = [CutPoint(view(graph, node), _separation(full, tree.cut_point_split(node, listed),
                                                     via=node))
             for node in tree.cuts]
    return sorted(found, key=lambda c: (-_cut_size(c.separation), c.node.id))


def bridges(runner: Runner, dataset: str, window: DateWindow, projection: Projection,
            listed: int = LISTED) -> list[Bridge]:
    """Ties whose removal splits their connected group, most separating first."""
    return bridges_job(runner, dataset, window, projection, listed).inline()


def bridges_job(runner: Runner, dataset: str, window: DateWindow, projection: Projection,
                listed: int = LISTED) -> Job[list[Bridge]]:
    """:func:`bridges` as a job (see :mod:`graph.analysis.jobs`)."""
    return Job(runner, dataset, ("bridges", dataset, window, projection, listed),
               _seats_of(runner, dataset, window, projection, listed), bridges_of)


def bridges_of(memberships: Sequence[Seat], projection: Projection,
               listed: int = LISTED) -> list[Bridge]:
    """:func:`bridges` of the network of ``memberships``."""
    full = two_mode_of(memberships)
    graph = one_mode_of(full, projection)
    tree = BlockTree(graph)
    found = []
    for a, b in (sorted(edge) for edge in nx.bridges(graph)):
        split = tree.bridge_split(a, b, listed)
        found.append(Bridge(view(graph, a), view(graph, b),
                            float(graph.edges[a, b].get("weight", 1)),
                            _separation(full, split, via=None, ends=(a, b))))
    return sorted(found, key=lambda x: (-_cut_size(x.separation), x.a.id, x.b.id))


def _cut_size(separation: Separation) -> int:
    """How many nodes end up outside the largest group."""
    return sum(g.size for g in separation.groups[1:])


def _separation(full: nx.Graph, split: Split, via: str | None,
                ends: tuple[str, str] | None = None) -> Separation:
    start, end = ends if ends else (split.near[-1], split.near[0])
    path = nx.shortest_path(full, start, end)
    removed = (via,) if via is not None else (start, end)
    return Separation(
        [Group(size, [view(full, n) for n in members])
         for size, members in zip(split.sizes, split.members, strict=True)],
        [view(full, n) for n in path],
        tuple(view(full, n) for n in removed))
