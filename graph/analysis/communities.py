"""Communities: groups of people (or bodies) tied more densely to each other than to the rest.

Louvain modularity optimisation [1]_ on the weighted projection; modularity
[2]_ measures how much denser the groups are than chance. Louvain is
randomised: results are reproducible for a given ``seed``.

References
----------
.. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E., "Fast
   unfolding of communities in large networks", *Journal of Statistical
   Mechanics* (2008), P10008.
.. [2] Newman, M. E. J., "Modularity and community structure in networks",
   *PNAS* 103 (2006), 8577-8582.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

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

DEFAULT_SEED = 42

MAX_RESOLUTION = 1000.0
"""Above this every node is its own community long before."""


@dataclass(frozen=True)
class Communities:
    modularity: float
    groups: list[list[str]]
    """Node ids per community, largest community first."""


@dataclass(frozen=True)
class LabelledCommunities:
    modularity: float
    groups: list[list[NodeView]]


def louvain(graph: nx.Graph, resolution: float = 1.0, seed: int = DEFAULT_SEED) -> Communities:
    """Louvain communities of ``graph`` and their modularity (both using edge weights).

    The same graph and seed give the same communities in every process: networkx's
    Louvain iterates over sets of nodes, whose order for string ids changes with each
    process's hash seed, so it runs on integer ids given in sorted order.
    """
    if graph.number_of_edges() == 0:
        return Communities(0.0, [[n] for n in sorted(graph)])
    nodes = sorted(graph)
    index = {node: i for i, node in enumerate(nodes)}
    numbered = nx.Graph()
    numbered.add_nodes_from(range(len(nodes)))
    numbered.add_weighted_edges_from(sorted(
        (*sorted((index[a], index[b])), float(w)) for a, b, w in graph.edges(data="weight",
                                                                              default=1)))
    found = [{nodes[i] for i in group} for group in nx.community.louvain_communities(
        numbered, weight="weight", resolution=resolution, seed=seed)]
    groups = sorted((sorted(c) for c in found), key=lambda g: (-len(g), g[0]))
    score = nx.community.modularity(graph, found, weight="weight", resolution=resolution)
    return Communities(float(score), groups)


def communities(runner: Runner, dataset: str, window: DateWindow, projection: Projection,
                resolution: float = 1.0, seed: int = DEFAULT_SEED) -> LabelledCommunities:
    """Louvain communities of the person or body projection."""
    return communities_job(runner, dataset, window, projection, resolution, seed).inline()


def communities_job(runner: Runner, dataset: str, window: DateWindow, projection: Projection,
                    resolution: float = 1.0, seed: int = DEFAULT_SEED,
                    ) -> Job[LabelledCommunities]:
    """:func:`communities` as a job (see :mod:`graph.analysis.jobs`)."""
    check_number("resolution", resolution, 0, MAX_RESOLUTION, low_open=True)

    def fetch() -> tuple[object, ...]:
        Repository(runner).require_dataset(dataset)
        return seats(runner, dataset, window), projection, resolution, seed

    key = ("communities", dataset, window, projection, resolution, seed)
    return Job(runner, dataset, key, fetch, communities_of)


def communities_of(memberships: Sequence[Seat], projection: Projection,
                   resolution: float = 1.0, seed: int = DEFAULT_SEED) -> LabelledCommunities:
    """:func:`communities` of the network of ``memberships``."""
    graph = one_mode_of(two_mode_of(memberships), projection)
    found = louvain(graph, resolution, seed)
    return LabelledCommunities(found.modularity,
                               [[view(graph, n) for n in group] for group in found.groups])
