"""The row checks over Arrow columns find exactly what the rules, run on every row, find.

The oracle below is each rule as it reads, applied to every row of the table
in Python (how the checks worked before they narrowed the rows with Arrow
kernels). Random tables full of near-misses (spaces of every kind, control
characters, separators, huge integers, repeated keys, cells that are not text,
lone surrogates) must give the same problems in the same order.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import checks, guards
from ingest.columns import WHITESPACE, Columns
from ingest.issues import Issue
from ingest.tables import LIST_SEPARATOR, TABLE_BY_RESOURCE, Table

Rows = list[dict[str, Any]]
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CELL_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def old_blank_text(file: str, table: Table, rows: Rows) -> list[Issue]:
    columns = [f["name"] for f in table.all_fields
               if f["type"] == "string" and f.get("constraints", {}).get("required")]
    return [Issue(file, row["_row"], column, "a value is required (the cell holds only spaces)")
            for row in rows for column in columns
            if isinstance(row.get(column), str) and not row[column].strip()]


def old_control_characters(file: str, table: Table, rows: Rows) -> list[Issue]:
    columns = ["id", *(ref.column for ref in table.references)]
    return [Issue(file, row["_row"], column,
                  f"{row[column]!r} holds a control character (a line break, tab, …)")
            for row in rows for column in columns
            if isinstance(row.get(column), str) and _CONTROL.search(row[column])]


def old_no_source(file: str, rows: Rows) -> list[Issue]:
    return [Issue(file, row["_row"], "sources",
                  f"no source: give one or more references separated by "
                  f"'{LIST_SEPARATOR}' (e.g. report.txt:12)")
            for row in rows if isinstance(row.get("sources"), str)
            and not any(part.strip() for part in row["sources"].split(LIST_SEPARATOR))]


def old_too_large(file: str, table: Table, rows: Rows) -> list[Issue]:
    columns = [f["name"] for f in table.all_fields if f["type"] == "integer"]
    return [Issue(file, row["_row"], column,
                  f"{row[column]} is too large (at most {checks.INT64_MAX})")
            for row in rows for column in columns
            if isinstance(row.get(column), int) and row[column] > checks.INT64_MAX]


def old_duplicate_seats(file: str, table: Table, rows: Rows) -> list[Issue]:
    if not table.unique_over_time:
        return []
    key_columns, (first, last) = table.unique_over_time
    groups: dict[tuple[Any, ...], Rows] = defaultdict(list)
    for row in rows:
        key = tuple(row.get(c) for c in key_columns)
        if all(key):
            groups[key].append(row)
    issues = []
    for key, held in groups.items():
        for i, later in enumerate(held):
            earlier = next((row for row in held[:i]
                            if checks._overlap(row.get(first), row.get(last),
                                               later.get(first), later.get(last))), None)
            if earlier is not None:
                what = ", ".join(f"{c} {v!r}" for c, v in zip(key_columns, key, strict=True))
                issues.append(Issue(file, later["_row"], first,
                                    f"the same seat as row {earlier['_row']} ({what}) with "
                                    f"overlapping dates"))
    return issues


def old_duplicate_ties(file: str, table: Table, rows: Rows) -> list[Issue]:
    if not table.unique_together:
        return []
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


def old_cell_issues(file: str, rows: Rows, skip: tuple[str, ...], limit: int) -> list[Issue]:
    columns = [c for c in dict.fromkeys(key for row in rows for key in row)
               if c not in skip and c != "_row"]
    issues: list[Issue] = []
    for column in columns:
        for row in rows:
            value = row.get(column)
            if not isinstance(value, str):
                continue
            size = len(value.encode("utf-8", "surrogatepass"))
            if size > limit:
                issues.append(Issue(file, row.get("_row"), column,
                                    f"the cell holds {size} bytes; at most {limit} are allowed "
                                    "(GOVGRAPH_MAX_CELL_BYTES)"))
                continue
            found = _CELL_CONTROL.search(value)
            if found:
                issues.append(Issue(file, row.get("_row"), column,
                                    f"holds the control character "
                                    f"{guards._describe(found.group())} at position "
                                    f"{found.start() + 1}; only tab and line breaks may "
                                    "appear in text"))
    return sorted(issues, key=lambda i: (i.row or 0, i.column or ""))


# Few letters, so keys repeat; every kind of space, control characters, the separator.
_TEXT = st.text(alphabet=st.sampled_from(
    ["a", "b", "é", ";", "\x00", "\x1b", "\x7f", "\x85", "\u2028", "\ud800", "\U0001f600",
     *WHITESPACE[:12], "\u3000"]), max_size=4)
_STRING_CELL = st.one_of(st.none(), _TEXT, _TEXT, _TEXT, st.sampled_from(["a", "b", ""]),
                         st.integers(-3, 3))
_INTEGER_CELL = st.one_of(st.none(), st.integers(-5, 5),
                          st.integers(checks.INT64_MAX - 2, checks.INT64_MAX + 2),
                          st.integers(min_value=2**64), _TEXT, st.booleans())
_DATE_CELL = st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2020, 1, 6)), _TEXT)
_BY_TYPE = {"string": _STRING_CELL, "integer": _INTEGER_CELL, "date": _DATE_CELL,
            "boolean": st.one_of(st.none(), st.booleans())}
_TABLES = ["memberships", "possible_matches", "attendance", "bodies", "meetings", "people"]


@st.composite
def tables(draw: st.DrawFn) -> tuple[Table, Rows]:
    table = TABLE_BY_RESOURCE[draw(st.sampled_from(_TABLES))]
    names = [f["name"] for f in table.all_fields]
    columns = draw(st.lists(st.sampled_from(names), unique=True, min_size=1))
    rows = []
    for number in range(2, 2 + draw(st.integers(0, 12))):
        row = {name: draw(_BY_TYPE[table.field(name)["type"]]) for name in columns}
        row["_row"] = number
        rows.append(row)
    return table, rows


@settings(max_examples=400, deadline=None)
@given(tables())
def test_each_check_over_columns_finds_what_the_rule_finds_on_every_row(
        drawn: tuple[Table, Rows]) -> None:
    table, rows = drawn
    cells = Columns(rows)
    file = f"{table.resource}.csv"
    assert checks.blank_text(file, table, rows, cells) == old_blank_text(file, table, rows)
    assert (checks.control_characters(file, table, rows, cells)
            == old_control_characters(file, table, rows))
    assert checks.no_source(file, rows, cells) == old_no_source(file, rows)
    assert checks.too_large(file, table, rows, cells) == old_too_large(file, table, rows)
    assert (checks.duplicate_seats(file, table, rows, cells)
            == old_duplicate_seats(file, table, rows))
    assert (checks.duplicate_ties(file, table, rows, cells)
            == old_duplicate_ties(file, table, rows))


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(1, 12))
def test_the_cell_guard_over_columns_finds_what_it_finds_on_every_row(
        drawn: tuple[Table, Rows], limit: int) -> None:
    table, rows = drawn
    file = f"{table.resource}.csv"
    assert (guards.cell_issues(file, rows, ("id",), limit, Columns(rows))
            == old_cell_issues(file, rows, ("id",), limit))


def test_the_spaces_are_every_character_python_strips() -> None:
    assert "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()) == WHITESPACE


def test_a_refused_row_is_named_once_among_thousands_of_good_ones() -> None:
    table = TABLE_BY_RESOURCE["memberships"]
    rows: Rows = [{"id": f"m{i}", "person_id": f"p{i % 700}", "body_id": f"b{i % 11}",
                   "role": "member", "start_date": None, "end_date": None,
                   "sources": "minutes.txt:1", "_row": i + 2} for i in range(5000)]
    rows[4321]["sources"] = " ; "
    rows[17]["person_id"] = "p\n1"
    found = checks.check_rows("memberships.csv", table, rows)
    assert [(i.row, i.column) for i in found if i.column != "start_date"] == [
        (19, "person_id"), (4323, "sources")]
    # 5,000 seats over 700 people in 11 bodies with open dates: many are the same seat twice
    assert [i for i in found if i.column == "start_date"] == old_duplicate_seats(
        "memberships.csv", table, rows)
