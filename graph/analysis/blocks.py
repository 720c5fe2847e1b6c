"""What each cut point and bridge would separate, from the block-cut tree.

The biconnected components (*blocks*) of a graph and its cut points form a
tree [1]_. Rooting each tree at a block, the nodes below a block are the ones
its parent cut point (or, for a one-edge block, its bridge) holds to the rest;
one pass over the tree gives every separation's group sizes, in time linear
in the size of the graph, instead of one connected-components search per cut
point.

References
----------
.. [1] Harary, F., *Graph Theory*, Addison-Wesley, 1969, ch. 3 (blocks and the
   block-cutpoint tree); Hopcroft, J. and Tarjan, R., "Efficient algorithms
   for graph manipulation", *Communications of the ACM* 16 (1973), 372-378.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import networkx as nx


@dataclass
class Split:
    """The groups a cut point or bridge separates: for each, its size and a few members.

    ``near`` is, for each group, a node of it adjacent to the cut point (or the
    bridge's end on that side): a path between two groups can start there.
    """

    sizes: list[int] = field(default_factory=list)
    members: list[list[str]] = field(default_factory=list)
    near: list[str] = field(default_factory=list)


class BlockTree:
    """The block-cut forest of ``graph``, rooted at a block of each connected component."""

    def __init__(self, graph: nx.Graph) -> None:
        self.graph = graph
        self.blocks: list[set[str]] = [set(b) for b in nx.biconnected_components(graph)]
        self.cuts: set[str] = set(nx.articulation_points(graph))
        self.blocks_of: dict[str, list[int]] = {}
        for index, block in enumerate(self.blocks):
            for node in block & self.cuts:
                self.blocks_of.setdefault(node, []).append(index)
        self.parent_cut: dict[int, str | None] = {}
        self.child_blocks: dict[str, list[int]] = {}
        self.below: dict[int, int] = {}
        self.component_size: dict[int, int] = {}
        self._root_all()

    def cut_point_split(self, cut: str, listed: int) -> Split:
        """Groups that removing ``cut`` leaves, largest first."""
        children = self.child_blocks.get(cut, [])
        split = Split()
        for block in children:
            self._add(split, self.below[block], self._neighbor_in(cut, block), cut, listed)
        parent = next((b for b in self.blocks_of[cut] if b not in children), None)
        if parent is not None:
            rest = self.component_size[parent] - 1 - sum(self.below[b] for b in children)
            self._add(split, rest, self._neighbor_in(cut, parent), cut, listed)
        return _largest_first(split)

    def bridge_split(self, a: str, b: str, listed: int) -> Split:
        """The two sides of the bridge ``a``-``b``, largest first."""
        block = next(i for i, nodes in enumerate(self.blocks) if nodes == {a, b})
        top = self.parent_cut[block]
        split = Split()
        if top is None:
            for end, other in ((a, b), (b, a)):
                side = 1 + sum(self.below[c] for c in self.child_blocks.get(end, []))
                self._add(split, side, end, other, listed)
        else:
            low = b if top == a else a
            self._add(split, self.below[block], low, top, listed)
            self._add(split, self.component_size[block] - self.below[block], top, low, listed)
        return _largest_first(split)

    def _neighbor_in(self, cut: str, block: int) -> str:
        return str(min(n for n in self.graph.neighbors(cut) if n in self.blocks[block]))

    def _root_all(self) -> None:
        seen: set[int] = set()
        for root in range(len(self.blocks)):
            if root in seen:
                continue
            order = list(self._walk(root, None, seen))
            for block in reversed(order):
                parent = self.parent_cut[block]
                own = len(self.blocks[block]) - (1 if parent is not None else 0)
                below_cuts = (self.child_blocks.get(c, []) for c in
                              self.blocks[block] & self.cuts if c != parent)
                self.below[block] = own + sum(self.below[x] for group in below_cuts
                                              for x in group)
            for block in order:
                self.component_size[block] = self.below[root]

    def _walk(self, root: int, parent: str | None, seen: set[int]) -> Iterator[int]:
        stack: list[tuple[int, str | None]] = [(root, parent)]
        while stack:
            block, via = stack.pop()
            seen.add(block)
            self.parent_cut[block] = via
            yield block
            for cut in self.blocks[block] & self.cuts:
                if cut == via:
                    continue
                children = [b for b in self.blocks_of[cut] if b != block and b not in seen]
                self.child_blocks[cut] = children
                stack.extend((child, cut) for child in children)

    def _add(self, split: Split, size: int, near: str, avoid: str, listed: int) -> None:
        split.sizes.append(size)
        split.near.append(near)
        split.members.append(self._members(near, avoid, listed))

    def _members(self, start: str, avoid: str, listed: int) -> list[str]:
        """Up to ``listed`` nodes reachable from ``start`` without passing ``avoid``."""
        found, frontier = [start], [start]
        seen = {start, avoid}
        while frontier and len(found) < listed:
            node = frontier.pop()
            for other in sorted(self.graph.neighbors(node)):
                if other not in seen:
                    seen.add(other)
                    found.append(other)
                    frontier.append(other)
                    if len(found) >= listed:
                        break
        return sorted(found)


def _largest_first(split: Split) -> Split:
    order = sorted(range(len(split.sizes)), key=lambda i: (-split.sizes[i], split.near[i]))
    return Split([split.sizes[i] for i in order], [split.members[i] for i in order],
                 [split.near[i] for i in order])
