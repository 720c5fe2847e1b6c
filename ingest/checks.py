"""Rules a dataset's rows must keep beyond what a Table Schema can say.

Each check takes one table's typed rows (cells that failed their type are
``None``, so a broken cell is reported once, by the schema validation) and
returns the problems it finds, each with the file, the row, the column and a
reason.

The checks of single cells and of repeated keys first narrow the rows to those
that could break their rule with Arrow kernels over whole columns
(:class:`ingest.columns.Columns`, shared by the checks of one table), then
apply the rule, as written here, to those rows in order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from graph.bulk import column as values_of
from ingest.columns import ONLY_WHITESPACE, WHITESPACE, Columns, character_class
from ingest.issues import Issue
from ingest.tables import LIST_SEPARATOR, TABLE_BY_RESOURCE, Table

INT64_MAX = 2**63 - 1
"""The largest integer both stores hold (Ladybug's INT64, Neo4j's Integer)."""

Rows = Sequence[dict[str, Any]]
"""A table's rows: a list of dicts or :class:`graph.bulk.Columns` (read column by column)."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_RE2 = r"[\x00-\x1f\x{7f}-\x{9f}\x{2028}\x{2029}]"
"""What :data:`_CONTROL` matches, in the syntax of Arrow's kernels (RE2)."""
_NO_SOURCE = f"^{character_class(WHITESPACE + LIST_SEPARATOR)}*$"
"""Cells with nothing but separators and spaces: every cell :func:`no_source` refuses."""


def check_rows(file: str, table: Table, rows: Rows,
               cells: Columns | None = None) -> list[Issue]:
    """Every problem of one table's rows (references to absent tables: :func:`absent_tables`).

    ``cells`` are the same rows as Arrow columns, if made already.
    """
    columns = cells or Columns(rows)
    return [*blank_text(file, table, rows, columns), *control_characters(file, table, rows,
                                                                         columns),
            *no_source(file, rows, columns), *too_large(file, table, rows, columns),
            *dates_in_order(file, table, rows), *exactly_one_of(file, table, rows),
            *counts_within(file, table, rows), *parent_cycles(file, table, rows),
            *duplicate_seats(file, table, rows, columns),
            *duplicate_ties(file, table, rows, columns), *self_ties(file, table, rows)]


def _only(rows: Rows, indices: list[int]) -> Rows:
    return rows if len(indices) == len(rows) else [rows[i] for i in indices]


def blank_text(file: str, table: Table, rows: Rows,
               cells: Columns | None = None) -> list[Issue]:
    """A required text that is only spaces is as missing as an empty one."""
    columns = [f["name"] for f in table.all_fields
               if f["type"] == "string" and f.get("constraints", {}).get("required")]
    rows = _only(rows, (cells or Columns(rows)).matching(columns, ONLY_WHITESPACE))
    return [Issue(file, row["_row"], column, "a value is required (the cell holds only spaces)")
            for row in rows for column in columns
            if isinstance(row.get(column), str) and not row[column].strip()]


def control_characters(file: str, table: Table, rows: Rows,
                       cells: Columns | None = None) -> list[Issue]:
    """Ids and references end up in URLs and file names: no line breaks or other controls."""
    columns = ["id", *(ref.column for ref in table.references)]
    rows = _only(rows, (cells or Columns(rows)).matching(columns, _CONTROL_RE2))
    return [Issue(file, row["_row"], column,
                  f"{row[column]!r} holds a control character (a line break, tab, …)")
            for row in rows for column in columns
            if isinstance(row.get(column), str) and _CONTROL.search(row[column])]


def no_source(file: str, rows: Rows, cells: Columns | None = None) -> list[Issue]:
    """``sources`` must name at least one source once split on ``;``."""
    rows = _only(rows, (cells or Columns(rows)).matching(["sources"], _NO_SOURCE))
    return [Issue(file, row["_row"], "sources",
                  f"no source: give one or more references separated by "
                  f"'{LIST_SEPARATOR}' (e.g. report.txt:12)")
            for row in rows if isinstance(row.get("sources"), str)
            and not any(part.strip() for part in row["sources"].split(LIST_SEPARATOR))]


def too_large(file: str, table: Table, rows: Rows,
              cells: Columns | None = None) -> list[Issue]:
    """Integers must fit in 64 bits, the stores' integer type."""
    cells = cells or Columns(rows)
    columns = [f["name"] for f in table.all_fields
               if f["type"] == "integer" and not cells.fits_int64(f["name"])]
    if not columns:
        return []
    return [Issue(file, row["_row"], column,
                  f"{row[column]} is too large (at most {INT64_MAX})")
            for row in rows for column in columns
            if isinstance(row.get(column), int) and row[column] > INT64_MAX]


def dates_in_order(file: str, table: Table, rows: Rows) -> list[Issue]:
    if not table.date_order:
        return []
    first, last = table.date_order
    issues = []
    for number, start, end in zip(values_of(rows, "_row"), values_of(rows, first),
                                  values_of(rows, last), strict=True):
        if isinstance(start, date) and isinstance(end, date) and end < start:
            issues.append(Issue(file, number, last, f"{end} is before {first} {start}"))
    return issues


def exactly_one_of(file: str, table: Table, rows: Rows) -> list[Issue]:
    if not table.one_of:
        return []
    columns = " or ".join(table.one_of)
    return [Issue(file, number, table.one_of[0], f"give exactly one of {columns}")
            for number, *cells in zip(values_of(rows, "_row"),
                                      *(values_of(rows, c) for c in table.one_of), strict=True)
            if sum(map(bool, cells)) != 1]


def counts_within(file: str, table: Table, rows: Rows) -> list[Issue]:
    """A count may not exceed its bound (attendees within the seats): rates stay <= 100 %."""
    issues = []
    for part, whole in table.at_most:
        for number, count, bound in zip(values_of(rows, "_row"), values_of(rows, part),
                                        values_of(rows, whole), strict=True):
            if isinstance(count, int) and isinstance(bound, int) and count > bound:
                issues.append(Issue(file, number, part,
                                    f"{count} is more than the {bound} {whole}"))
    return issues


def parent_cycles(file: str, table: Table, rows: Rows) -> list[Issue]:
    """A row may not be its own parent, directly or through a chain of parents."""
    refers = next((ref.column for ref in table.references if ref.table == table.resource), None)
    if refers is None:
        return []
    ids, numbers = values_of(rows, "id"), values_of(rows, "_row")
    parent = {key: up for key, up in zip(ids, values_of(rows, refers), strict=True) if key and up}
    row_of = {key: number for key, number in zip(ids, numbers, strict=True) if key}
    issues = []
    reported: set[str] = set()
    for start in parent:
        chain = [start]
        while chain[-1] in parent and parent[chain[-1]] not in chain:
            chain.append(parent[chain[-1]])
        if chain[-1] not in parent or parent[chain[-1]] != start or start in reported:
            continue
        reported.update(chain)
        loop = " → ".join([*chain, start])
        for node in chain:
            reason = ("is its own parent" if len(chain) == 1
                      else f"its parents form a cycle: {loop}")
            issues.append(Issue(file, row_of[node], refers, f"{node!r} {reason}"))
    return sorted(issues, key=lambda i: i.row or 0)


def duplicate_seats(file: str, table: Table, rows: Rows,
                    cells: Columns | None = None) -> list[Issue]:
    """The same person in the same role of the same body twice at once is one seat."""
    if not table.unique_over_time:
        return []
    key_columns, (first, last) = table.unique_over_time
    rows = _only(rows, (cells or Columns(rows)).repeated(key_columns))
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        key = tuple(row.get(c) for c in key_columns)
        if all(key):
            groups[key].append(row)
    issues = []
    for key, held in groups.items():
        for i, later in enumerate(held):
            earlier = next((row for row in held[:i]
                            if _overlap(row.get(first), row.get(last),
                                        later.get(first), later.get(last))), None)
            if earlier is not None:
                what = ", ".join(f"{c} {v!r}" for c, v in zip(key_columns, key, strict=True))
                issues.append(Issue(file, later["_row"], first,
                                    f"the same seat as row {earlier['_row']} ({what}) with "
                                    f"overlapping dates"))
    return issues


def duplicate_ties(file: str, table: Table, rows: Rows,
                   cells: Columns | None = None) -> list[Issue]:
    """The same tie (e.g. a person's attendance at one meeting) may be stated once."""
    if not table.unique_together:
        return []
    rows = _only(rows, (cells or Columns(rows)).repeated(table.unique_together))
    first_row: dict[tuple[Any, ...], int] = {}
    issues = []
    for row in rows:
        key = tuple(row.get(c) for c in table.unique_together)
        if not all(key):
            continue
        if key in first_row:
            what = ", ".join(f"{c} {v!r}" for c, v in zip(table.unique_together, key,
                                                          strict=True))
            issues.append(Issue(file, row["_row"], table.unique_together[0],
                                f"the same as row {first_row[key]} ({what})"))
        else:
            first_row[key] = row["_row"]
    return issues


def self_ties(file: str, table: Table, rows: Rows) -> list[Issue]:
    """A tie from a row's own thing to itself (a person as their own possible match)."""
    if not table.distinct:
        return []
    a, b = table.distinct
    return [Issue(file, number, b, f"{other!r} is the same as {a}")
            for number, one, other in zip(values_of(rows, "_row"), values_of(rows, a),
                                          values_of(rows, b), strict=True)
            if one and one == other]


def _overlap(a_start: Any, a_end: Any, b_start: Any, b_end: Any) -> bool:
    """Whether two date ranges (None: open end) share a day."""
    def before(end: Any, start: Any) -> bool:
        return isinstance(end, date) and isinstance(start, date) and end < start

    return not before(a_end, b_start) and not before(b_end, a_start)


def absent_tables(resources: Mapping[str, Any], rows: Mapping[str, Rows],
                  present: set[str]) -> list[Issue]:
    """One problem per table that rows refer to but the package lacks, naming every
    column that refers to it and how many rows do.

    ``resources`` maps each readable table to its resource (with its ``file``);
    ``present`` names every table the package lists.
    """
    referring: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for name, table_rows in rows.items():
        for ref in TABLE_BY_RESOURCE[name].references:
            if ref.table in present:
                continue
            using = [number for number, cell in zip(values_of(table_rows, "_row"),
                                                    values_of(table_rows, ref.column), strict=True)
                     if cell]
            if using:
                referring[ref.table].append((resources[name].file, ref.column, len(using),
                                             using[0]))
    issues = []
    for missing, uses in sorted(referring.items()):
        first_file, first_column, _, first_row = uses[0]
        what = "; ".join(f"{file} column {column}: {count} row{'s' if count != 1 else ''}"
                         for file, column, count, _ in uses)
        issues.append(Issue(first_file, first_row, first_column,
                            f"the package has no table {missing!r}, which rows refer to "
                            f"({what}); add {missing}.csv to the package or leave these "
                            "columns empty"))
    return issues
