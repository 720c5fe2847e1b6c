"""Network answers as files: GraphML, GEXF (opens in Gephi) and CSV.

GraphML [1]_ and GEXF [2]_ are written by networkx; CSV is an edge list or a
node list with the same attributes.

References
----------
.. [1] Brandes, U. et al., "GraphML progress report", *Graph Drawing 2001*,
   LNCS 2265, 501-512.
.. [2] GEXF Working Group, "GEXF file format", https://gexf.net/
"""

from __future__ import annotations

import csv
import io
from enum import Enum

import networkx as nx

from graph.analysis.network import Network


class Format(Enum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"


MEDIA_TYPES = {Format.GRAPHML: "application/graphml+xml", Format.GEXF: "application/gexf+xml",
               Format.CSV: "text/csv"}


def to_networkx(network: Network) -> nx.Graph:
    """The network as a networkx graph with every attribute (no None values)."""
    graph = nx.Graph()
    for node in network.nodes:
        graph.add_node(node.id, kind=node.kind, label=node.label,
                       classification=node.classification or "", degree=node.degree,
                       betweenness=node.betweenness, community=node.community)
    for edge in network.edges:
        graph.add_edge(edge.source, edge.target, kind=edge.kind, weight=edge.weight)
    return graph


def render(network: Network, fmt: Format, part: str = "edges") -> str:
    """The file text of ``network`` in ``fmt`` (for CSV, the ``edges`` or ``nodes`` list)."""
    if fmt is Format.CSV:
        return _csv(network, part)
    buffer = io.BytesIO()
    graph = to_networkx(network)
    if fmt is Format.GRAPHML:
        nx.write_graphml(graph, buffer)
    else:
        nx.write_gexf(graph, buffer)
    return buffer.getvalue().decode("utf-8")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection")."""


def text_cell(value: str) -> str:
    """A text cell a spreadsheet shows as text: a leading apostrophe before a formula start."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _csv(network: Network, part: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if part == "nodes":
        writer.writerow(["id", "kind", "label", "classification", "degree", "betweenness",
                         "community"])
        for n in network.nodes:
            writer.writerow([text_cell(n.id), text_cell(n.kind), text_cell(n.label),
                             text_cell(n.classification or ""), n.degree,
                             f"{n.betweenness:.6g}", n.community])
    else:
        writer.writerow(["source", "target", "kind", "weight"])
        for e in network.edges:
            writer.writerow([text_cell(e.source), text_cell(e.target), text_cell(e.kind),
                             f"{e.weight:g}"])
    return buffer.getvalue()
