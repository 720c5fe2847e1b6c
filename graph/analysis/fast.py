"""Betweenness and closeness centrality at scale: exact in Rust, or estimated from pivots.

Exact betweenness is Brandes' algorithm [1]_, O(nm): one breadth-first search
from every node. networkx runs it in Python, rustworkx in Rust on every core;
the results are the same (the tests check them against networkx). On a
3,000-node, 60,000-edge graph rustworkx took 3 s where networkx took 64 s on
this project's 2-core machine, but at 20,000 people even rustworkx needs
minutes.

Above a size the caller chooses, betweenness is *estimated* from ``pivots``
sources drawn at random with a seed [2]_ [3]_: the dependencies of every node
on the searches from the pivots only (igraph's subset betweenness, in C),
scaled up as networkx scales its ``k`` sample (networkx 3.6: a pivot's own
score is scaled by ``1/((k-1)(n-2))``, every other node's by ``1/(k(n-2))``,
which keeps the estimate unbiased). With the same seed the pivots are the ones
networkx draws (``random.Random(seed).sample(list(graph), k)``), so the
estimate equals ``networkx.betweenness_centrality(graph, k=k, seed=seed)``; with
``pivots >= n`` every node is a pivot and the answer is exact.

When the caller names no number of pivots, large graphs get betweenness from
KADABRA [5]_ instead (networkit's implementation, in C++): it samples shortest
paths between random pairs of nodes, adaptively, until the ``top`` nodes and
their scores are known to within ``error`` with probability 0.9. It ranks the
brokers of a 20,000-person network in seconds where pivots need thousands of
searches for the same ranking, because near the top the scores lie close
together. Its scores are rescaled to networkx's normalisation; a seed makes
the run deterministic.

Closeness is estimated the same way [4]_: the distances from ``pivots`` sources,
scaled to the size of each node's connected component, in networkx's
(Wasserman-Faust) normalisation.

References
----------
.. [1] Brandes, U., "A faster algorithm for betweenness centrality", *Journal of
   Mathematical Sociology* 25 (2001), 163-177.
.. [2] Brandes, U. and Pich, C., "Centrality estimation in large networks",
   *International Journal of Bifurcation and Chaos* 17 (2007), 2303-2318.
.. [3] Bader, D. A. et al., "Approximating betweenness centrality", *WAW 2007*,
   LNCS 4863, 124-137.
.. [4] Eppstein, D. and Wang, J., "Fast approximation of centrality", *Journal of
   Graph Algorithms and Applications* 8 (2004), 39-45.
.. [5] Borassi, M. and Natale, E., "KADABRA is an ADaptive Algorithm for Betweenness via
   Random Approximation", *ACM Journal of Experimental Algorithmics* 24 (2019), 1.2.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass

import igraph as ig
import networkit as nk
import networkx as nx
import numpy as np
import rustworkx as rx

DEFAULT_PIVOTS = 1000
"""Pivots of a sampled estimate unless the caller asks for another number."""
DEFAULT_EXACT_MAX_NODES = 5000
"""Graphs up to this many nodes get exact centralities unless the caller asks otherwise."""
DEFAULT_SEED = 42
DEFAULT_ERROR = 0.001
"""KADABRA's largest error of a top node's score (0: estimate from pivots instead)."""
DEFAULT_TOP = 50
"""The nodes whose ranking and scores KADABRA makes sure of."""
CONFIDENCE = 0.9
"""The probability with which KADABRA's bounds hold."""


@dataclass(frozen=True)
class Method:
    """How a centrality was computed: exactly, or from ``pivots`` sources drawn with ``seed``."""

    exact: bool
    pivots: int
    """Breadth-first searches run: every node when exact, none when paths are sampled."""
    seed: int | None
    """The seed that drew the pivots or the paths (None when exact)."""
    error: float | None = None
    """Sampled paths (KADABRA): the largest error of a top node's score, in networkx's
    normalisation, with probability :data:`CONFIDENCE`; None for the other methods."""
    top: int = 0
    """Sampled paths: how many top nodes the bound is for."""
    paths: int = 0
    """Sampled paths: how many shortest paths were sampled (known after the run)."""

    @property
    def name(self) -> str:
        if self.exact:
            return "exact"
        return "sampled" if self.error is None else "sampled-paths"


@dataclass(frozen=True)
class Choice:
    """What the caller asked for: ``pivots`` (None: automatic) and the automatic threshold.

    Automatic: exact up to ``exact_max_nodes`` nodes; above it, betweenness from sampled
    paths with ``error`` (or from ``default_pivots`` pivots when ``error`` is 0) and
    closeness from ``default_pivots`` pivots.
    """

    pivots: int | None = None
    seed: int = DEFAULT_SEED
    exact_max_nodes: int = DEFAULT_EXACT_MAX_NODES
    default_pivots: int = DEFAULT_PIVOTS
    error: float = DEFAULT_ERROR
    top: int = DEFAULT_TOP

    def method(self, nodes: int) -> Method:
        """How betweenness is computed on ``nodes`` nodes."""
        pivots = self.closeness_method(nodes)
        if pivots.exact or self.pivots is not None or self.error <= 0:
            return pivots
        return Method(False, 0, self.seed, error=self.error, top=self.top)

    def closeness_method(self, nodes: int) -> Method:
        """Exact if every node would be a pivot; else sampled with the pivots chosen."""
        wanted = self.pivots
        if wanted is None:
            wanted = nodes if nodes <= self.exact_max_nodes else self.default_pivots
        if wanted >= nodes:
            return Method(True, nodes, None)
        return Method(False, wanted, self.seed)


AUTOMATIC = Choice()
"""Exact up to :data:`DEFAULT_EXACT_MAX_NODES` nodes, else estimated (see :class:`Choice`)."""


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Normalised, unweighted betweenness of every node of ``graph``, as networkx gives it."""
    nodes = list(graph)
    if len(nodes) < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    scores = rx.betweenness_centrality(_rustworkx(graph, index), normalized=True)
    return {nodes[i]: float(scores[i]) for i in range(len(nodes))}


def sampled_betweenness(graph: nx.Graph, pivots: int, seed: int) -> dict[str, float]:
    """Normalised betweenness estimated from ``pivots`` sources drawn with ``seed``.

    Equal to ``networkx.betweenness_centrality(graph, k=pivots, seed=seed)``; exact
    (rustworkx) when ``pivots`` is at least the number of nodes.
    """
    nodes = list(graph)
    n = len(nodes)
    if pivots >= n:
        return betweenness(graph)
    if n < 3 or pivots < 1:
        return dict.fromkeys(nodes, 0.0)
    chosen = random.Random(seed).sample(nodes, pivots)
    index = {node: i for i, node in enumerate(nodes)}
    directed = _igraph(graph, index).as_directed(mode="mutual")
    sums = directed.betweenness(directed=True, sources=[index[p] for p in chosen])
    scale_pivot = 1 / ((pivots - 1) * (n - 2)) if pivots > 1 else 0.0
    scale_other = 1 / (pivots * (n - 2))
    is_pivot = set(chosen)
    return {node: float(sums[i]) * (scale_pivot if node in is_pivot else scale_other)
            for i, node in enumerate(nodes)}


def estimated_betweenness(graph: nx.Graph, method: Method) -> tuple[dict[str, float], Method]:
    """Betweenness computed as ``method`` says, and the method with what the run found.

    Exact, from pivots, or from sampled paths (``method.error`` set); for sampled paths the
    method returned carries the number of paths sampled.
    """
    if method.exact:
        return betweenness(graph), method
    if method.error is None:
        return sampled_betweenness(graph, method.pivots, method.seed or DEFAULT_SEED), method
    return path_sampled_betweenness(graph, method)


def path_sampled_betweenness(graph: nx.Graph, method: Method) -> tuple[dict[str, float], Method]:
    """Normalised betweenness estimated by KADABRA [5]_ from shortest paths sampled with
    ``method.seed`` until its ``method.top`` nodes are within ``method.error`` of their
    score (networkx's normalisation) with probability :data:`CONFIDENCE`.

    networkit's KADABRA reports twice the share of sampled pairs whose path passes a node;
    networkx divides the unordered pairs' count by ``(n-1)(n-2)/2``: a factor
    ``n / (2 (n-2))`` apart, applied to the scores and to the error asked for. Its bound
    is nominal: against exact values its estimates ran 1 to 5 % high (networkit 11.3), a
    bias that matters only where scores are large, i.e. on small graphs, which are exact
    by default; ``make bench-scale`` prints the largest error measured at 20,000 people.
    """
    nodes = list(graph)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0), method
    scale = n / (2 * (n - 2))
    error = method.error or DEFAULT_ERROR
    converted = _networkit(graph, {node: i for i, node in enumerate(nodes)})
    nk.setNumberOfThreads(1)  # the same seed gives the same answer whatever the machine
    nk.engineering.setSeed(method.seed or DEFAULT_SEED, True)
    kadabra = nk.centrality.KadabraBetweenness(converted, error / scale, 1 - CONFIDENCE, True,
                                               min(method.top, n))
    kadabra.run()
    scores = kadabra.scores()
    ran = dataclasses.replace(method, paths=int(kadabra.getNumberOfIterations()))
    return {node: float(scores[i]) * scale for i, node in enumerate(nodes)}, ran


def closeness(graph: nx.Graph, pivots: int | None = None, seed: int = DEFAULT_SEED,
              ) -> dict[str, float]:
    """Closeness of every node, normalised as networkx's ``closeness_centrality`` (with the
    Wasserman-Faust correction for disconnected graphs).

    Exact (every node a source; rustworkx) when ``pivots`` is None or at least the number of
    nodes; else the distances to ``pivots`` sources drawn with ``seed`` stand in for the
    distances to every node of the same component, scaled by its size. A component that no
    pivot fell in (a small one) is measured exactly.
    """
    nodes = list(graph)
    n = len(nodes)
    if n < 2:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    if pivots is None or pivots >= n:
        scores = rx.closeness_centrality(_rustworkx(graph, index), wf_improved=True)
        return {nodes[i]: float(scores[i]) for i in range(n)}
    converted_ig = _igraph(graph, index)
    component = np.asarray(converted_ig.connected_components().membership)
    sizes = np.bincount(component)[component]  # the size of each node's component
    chosen = np.asarray([index[p] for p in random.Random(seed).sample(nodes, pivots)])
    distances = np.asarray(converted_ig.distances(source=chosen.tolist()), dtype=float)
    same = np.isfinite(distances)  # the pivot is in the node's component
    same[np.arange(len(chosen)), chosen] = False  # a pivot says nothing of itself
    reached = same.sum(axis=0)
    total = np.where(same, distances, 0.0).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        estimated = total * (sizes - 1) / reached  # sum of distances to the component
        estimate = np.where((reached > 0) & (total > 0),
                          (sizes - 1) / estimated * (sizes - 1) / (n - 1), 0.0)
    for members in converted_ig.connected_components():
        if len(members) > 1 and reached[members[0]] == 0:
            exact = np.asarray(converted_ig.induced_subgraph(members).distances(), dtype=float)
            size = len(members)
            estimate[members] = (size - 1) / exact.sum(axis=1) * (size - 1) / (n - 1)
    return {nodes[i]: float(estimate[i]) for i in range(n)}


def _igraph(graph: nx.Graph, index: dict[str, int]) -> ig.Graph:
    return ig.Graph(n=len(index), edges=[(index[a], index[b]) for a, b in graph.edges()])


def _rustworkx(graph: nx.Graph, index: dict[str, int]) -> rx.PyGraph:
    converted = rx.PyGraph(multigraph=False)
    converted.add_nodes_from(list(index))
    converted.add_edges_from_no_data([(index[a], index[b]) for a, b in graph.edges()])
    return converted


def _networkit(graph: nx.Graph, index: dict[str, int]) -> nk.Graph:
    converted = nk.Graph(len(index))
    for a, b in graph.edges():
        converted.addEdge(index[a], index[b])
    return converted
