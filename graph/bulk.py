"""A write of whole rows: what a runner's bulk path (``Runner.write_rows``) takes.

Ingest turns a dataset into a :class:`BulkWrite`: the statements that delete
what the new version no longer has (or has changed), then the rows to create,
per node label and relationship type. Each backend writes it in one
transaction through its fastest path: LadybugDB's ``COPY FROM`` of Arrow
tables, batched ``UNWIND $rows`` statements on Neo4j (:func:`as_statements`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from graph.runner import Params, Row

Progress = Callable[[int], None]
"""Told how many more rows were written, as the write goes on."""

CHUNK = 5000
"""Rows per ``UNWIND $rows`` statement on the statement path."""


@dataclass
class BulkWrite:
    """Deletions, then rows to create: written all or nothing.

    Attributes
    ----------
    deletes : list of (statement, params)
        Portable statements that run first (relationships before nodes).
    nodes : dict
        Rows to create per node label, each with every property the label
        has in :mod:`graph.model` that the row knows (missing ones are null).
    relationships : dict
        Rows to create per relationship type, with ``source`` and ``target``
        (the ids of the endpoint nodes, which exist once the nodes are written).
    statements : dict
        The portable upsert statement that writes rows of each label or type.
    after : list of (statement, params)
        Portable statements that run last, in the same transaction (for
        example the identity judgements' ``canonical_id`` updates).
    """

    deletes: list[tuple[str, Params]] = field(default_factory=list)
    nodes: dict[str, list[Row]] = field(default_factory=dict)
    relationships: dict[str, list[Row]] = field(default_factory=dict)
    statements: dict[str, str] = field(default_factory=dict)
    after: list[tuple[str, Params]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """Rows to create."""
        return (sum(map(len, self.nodes.values()))
                + sum(map(len, self.relationships.values())))

    @property
    def deleted(self) -> int:
        """Rows (ids) the delete statements name."""
        return sum(len(next(iter(params.values()))) for _, params in self.deletes)

    def __bool__(self) -> bool:
        return bool(self.deletes or self.rows or self.after)

    def extend(self, other: BulkWrite) -> None:
        """Add ``other``'s deletions and rows to this write."""
        self.deletes += other.deletes
        for mine, theirs in ((self.nodes, other.nodes),
                             (self.relationships, other.relationships)):
            for kind, rows in theirs.items():
                mine.setdefault(kind, []).extend(rows)
        self.statements.update(other.statements)
        self.after += other.after


def as_statements(write: BulkWrite, chunk: int = CHUNK) -> Iterator[tuple[str, Params]]:
    """The write as portable statements: deletions, ``UNWIND`` batches of ``chunk`` rows, then
    the ``after`` statements."""
    yield from write.deletes
    for group in (write.nodes, write.relationships):
        for kind, rows in group.items():
            for batch in chunks(rows, chunk):
                yield write.statements[kind], {"rows": batch}
    yield from write.after


def chunks(rows: Sequence[Row], size: int) -> Iterator[Sequence[Row]]:
    """``rows`` in consecutive slices of at most ``size``."""
    for start in range(0, len(rows), size):
        yield rows[start:start + size]
