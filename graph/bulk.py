"""A write of whole rows: what a runner's bulk path (``Runner.write_rows``) takes.

Ingest turns a dataset into a :class:`BulkWrite`: the statements that delete
what the new version no longer has (or has changed), then the rows to create,
per node label and relationship type. Each backend writes it in one
transaction through its fastest path: LadybugDB's ``COPY FROM`` of Arrow
tables, batched ``UNWIND $rows`` statements on Neo4j (:func:`as_statements`).
The rows of one label or type may be a list of dicts or :class:`Columns`
(one list or Arrow array per property), which a large dataset needs far less
memory for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from graph.runner import Params, Row

Progress = Callable[[int], None]
"""Told how many more rows were written, as the write goes on."""

CHUNK = 5000
"""Rows per ``UNWIND $rows`` statement on the statement path."""


class Columns(Sequence[Row]):
    """Rows kept column by column: per property, its values, all columns of one length.

    A row as a dict costs a hash table per row; here a value costs one list
    slot, or a few bytes of an Arrow array, and a bulk path turns each column
    into an Arrow array at once (or takes the one it holds). Indexing or
    iterating gives rows as dicts (of every column), so code that reads rows one
    at a time works unchanged.

    Parameters
    ----------
    columns : dict
        Per property name, its values in row order: a list, or an Arrow array
        (``pyarrow.Array``) whose Python values are the row's.
    """

    __slots__ = ("_columns", "_length")

    def __init__(self, columns: dict[str, Any]) -> None:
        lengths = {len(values) for values in columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: {sorted(lengths)}")
        self._columns = columns
        self._length = lengths.pop() if lengths else 0

    @property
    def names(self) -> list[str]:
        """The property names, in their order."""
        return list(self._columns)

    def column(self, name: str) -> list[Any]:
        """The values of property ``name`` (all None if the rows lack it), as a list."""
        values = self._columns.get(name)
        if values is None:
            return [None] * self._length
        return values if isinstance(values, list) else values.to_pylist()

    def arrow(self, name: str) -> Any:
        """The Arrow array of property ``name`` if the rows hold one, else None."""
        values = self._columns.get(name)
        return None if values is None or isinstance(values, list) else values

    def with_column(self, name: str, values: Any) -> Columns:
        """These rows with property ``name`` set to ``values`` (added last if new)."""
        return Columns({**self._columns, name: values})

    def take(self, indices: Sequence[int]) -> Columns:
        """The rows at ``indices``, in that order."""
        return Columns({name: [values[i] for i in indices] if isinstance(values, list)
                        else values.take(list(indices))
                        for name, values in self._columns.items()})

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> Columns: ...

    def __getitem__(self, index: int | slice) -> Row | Columns:
        if isinstance(index, slice):
            return Columns({name: values[index] for name, values in self._columns.items()})
        if not -self._length <= index < self._length:
            raise IndexError("row index out of range")
        return {name: values[index] if isinstance(values, list) else values[index].as_py()
                for name, values in self._columns.items()}

    def __iter__(self) -> Iterator[Row]:
        names = list(self._columns)
        for values in zip(*map(self.column, names), strict=True):
            yield dict(zip(names, values, strict=True))

    def __eq__(self, other: object) -> bool:
        """Equal to the same rows, as columns or as a list of dicts."""
        if isinstance(other, Columns | list):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like a list

    def __repr__(self) -> str:
        return f"Columns({self._length} rows of {', '.join(self._columns)})"


def column(rows: Sequence[Row], name: str) -> Sequence[Any]:
    """The values of property ``name`` in ``rows`` (dicts or :class:`Columns`)."""
    if isinstance(rows, Columns):
        return rows.column(name)
    return [row.get(name) for row in rows]


def take(rows: Sequence[Row], indices: Sequence[int]) -> Sequence[Row]:
    """The rows at ``indices`` of ``rows`` (dicts or :class:`Columns`), in that order."""
    if isinstance(rows, Columns):
        return rows.take(indices)
    return [rows[i] for i in indices]


def joined(first: Sequence[Row], second: Sequence[Row]) -> Sequence[Row]:
    """``first`` then ``second``: columns if both are, else a list of dicts."""
    if isinstance(first, Columns) and isinstance(second, Columns):
        names = list(dict.fromkeys([*first.names, *second.names]))
        return Columns({name: [*first.column(name), *second.column(name)] for name in names})
    return [*first, *second]


def as_rows(rows: Iterable[Row]) -> list[Row]:
    """``rows`` as a list of dicts (what a statement's ``$rows`` parameter takes)."""
    return rows if isinstance(rows, list) else list(rows)


@dataclass
class BulkWrite:
    """Deletions, then rows to create: written all or nothing.

    Attributes
    ----------
    deletes : list of (statement, params)
        Portable statements that run first (relationships before nodes).
    nodes : dict
        Rows to create per node label (a list of dicts or :class:`Columns`),
        each with every property the label has in :mod:`graph.model` that the
        row knows (missing ones are null).
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
    nodes: dict[str, Sequence[Row]] = field(default_factory=dict)
    relationships: dict[str, Sequence[Row]] = field(default_factory=dict)
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
                mine[kind] = joined(mine[kind], rows) if kind in mine else rows
        self.statements.update(other.statements)
        self.after += other.after


def as_statements(write: BulkWrite, chunk: int = CHUNK) -> Iterator[tuple[str, Params]]:
    """The write as portable statements: deletions, ``UNWIND`` batches of ``chunk`` rows, then
    the ``after`` statements."""
    yield from write.deletes
    for group in (write.nodes, write.relationships):
        for kind, rows in group.items():
            for batch in chunks(rows, chunk):
                yield write.statements[kind], {"rows": as_rows(batch)}
    yield from write.after


def chunks(rows: Sequence[Row], size: int) -> Iterator[Sequence[Row]]:
    """``rows`` in consecutive slices of at most ``size``."""
    for start in range(0, len(rows), size):
        yield rows[start:start + size]
