"""A table's rows seen as Arrow columns, to find the few rows a check must look at.

The checks of :mod:`ingest.checks` say what is wrong with a row in Python, as
the rule reads. Running that Python over every cell of a large table was much
of an ingest's time, though almost every cell passes. So each check first asks
this module, with an Arrow compute kernel over whole columns, which rows
*could* break its rule (a regular expression that every breaking cell matches;
a key that occurs more than once), and applies its rule to those rows only, in
row order. The kernels may name more rows than break the rule, never fewer:
the problems found, and their order, are the rule's own.

A column that cannot be made an Arrow column of text (a cell that is not text,
or a lone surrogate) names every row, so the rule then sees them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from graph.bulk import Columns as BulkColumns
from graph.bulk import column as column_values

if TYPE_CHECKING:  # imported where used: commands that never check rows do not load Arrow
    import pyarrow as pa

WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
              "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
"""Every character :meth:`str.isspace` holds true, so what :meth:`str.strip` removes."""



def _convert_errors() -> tuple[type[Exception], ...]:
    import pyarrow as pa

    return (pa.ArrowException, TypeError, ValueError, OverflowError)


def character_class(characters: str) -> str:
    """A regular-expression class (RE2 syntax) of exactly ``characters``."""
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in characters) + "]"


ONLY_WHITESPACE = f"^{character_class(WHITESPACE)}*$"
"""Cells that :meth:`str.strip` leaves empty (the empty cell included)."""


class Columns:
    """The rows of one table, with each column made an Arrow array once, when first asked.

    Parameters
    ----------
    rows : sequence of dict
        The table's rows (a column missing from a row is None there).
    """

    def __init__(self, rows: Sequence[dict[str, Any]]) -> None:
        self.rows = rows
        self._text: dict[str, pa.Array | None] = {}

    def text(self, column: str) -> pa.Array | None:
        """The column as Arrow text (cells that are not text are null); None if it cannot be."""
        if column not in self._text:
            import pyarrow as pa

            held = self.rows.arrow(column) if isinstance(self.rows, BulkColumns) else None
            if held is not None and held.type in (pa.string(), pa.int64(), pa.date32(),
                                                  pa.bool_()):
                # typed by the reader: text, or no text at all
                self._text[column] = (held if held.type == pa.string()
                                      else pa.nulls(len(held), pa.string()))
                return self._text[column]
            values = list(column_values(self.rows, column))
            try:
                array: pa.Array | None = pa.array(values, type=pa.string())
            except _convert_errors():
                try:  # cells of another type are not text: no text rule applies to them
                    array = pa.array([v if isinstance(v, str) else None for v in values],
                                     type=pa.string())
                except _convert_errors():  # a lone surrogate: not UTF-8
                    array = None
            self._text[column] = array
        return self._text[column]

    def matching(self, columns: Sequence[str], pattern: str) -> list[int]:
        """Indices, in order, of the rows where a text cell of ``columns`` matches ``pattern``.

        ``pattern`` is searched for (RE2 syntax; anchor it to match whole cells).
        A column that is not Arrow text counts every row as matching.
        """
        import pyarrow.compute as pc

        found = None
        for column in columns:
            array = self.text(column)
            if array is None:
                return list(range(len(self.rows)))
            mask = pc.fill_null(pc.match_substring_regex(array, pattern), False)
            found = mask if found is None else pc.or_(found, mask)
        return _indices(found)

    def repeated(self, columns: Sequence[str]) -> list[int]:
        """Indices, in order, of the rows whose cells of ``columns`` also occur in another row.

        It may name rows whose cells differ (the cells are joined into one text
        to compare), never leaves out a row whose cells occur twice.
        """
        import pyarrow.compute as pc

        arrays = [self.text(column) for column in columns]
        if not self.rows:
            return []
        if any(array is None for array in arrays):
            return list(range(len(self.rows)))
        key = pc.binary_join_element_wise(*arrays, "\x1f", null_handling="replace",
                                          null_replacement="")
        counts = pc.value_counts(key)
        twice = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
        if not len(twice):
            return []
        return _indices(pc.is_in(key, value_set=twice))

    def within(self, column: str, limit: int, pattern: str) -> bool:
        """Whether no text cell of ``column`` exceeds ``limit`` UTF-8 bytes or holds ``pattern``.

        False too if the column cannot be Arrow text (a lone surrogate).
        """
        import pyarrow.compute as pc

        array = self.text(column)
        if array is None:
            return False
        if not len(array) or array.null_count == len(array):
            return True
        longest = pc.max(pc.binary_length(array)).as_py()
        return bool(longest <= limit
                    and not pc.any(pc.match_substring_regex(array, pattern)).as_py())

    def fits_int64(self, column: str) -> bool:
        """Whether every cell of ``column`` is None or an integer that a 64-bit one holds."""
        import pyarrow as pa

        held = self.rows.arrow(column) if isinstance(self.rows, BulkColumns) else None
        if held is not None and held.type in (pa.int64(), pa.string(), pa.date32()):
            return bool(held.type == pa.int64() or held.null_count == len(held))
        try:
            pa.array(list(column_values(self.rows, column)), type=pa.int64())
        except _convert_errors():
            return False
        return True


def _indices(mask: pa.Array | pa.ChunkedArray | None) -> list[int]:
    import pyarrow.compute as pc

    if mask is None or not pc.any(mask).as_py():
        return []
    return [int(i) for i in pc.indices_nonzero(mask).to_pylist()]
