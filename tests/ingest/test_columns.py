"""The row checks over Arrow columns find exactly what the rules, run on every row, find.

The oracle is each check itself with columns that narrow nothing (``EveryRow``),
so its rule runs on every row in Python, as the checks did before Arrow kernels
narrowed the rows. Random tables full of near-misses (spaces of every kind, control
characters, separators, huge integers, repeated keys, cells that are not text,
lone surrogates) must give the same problems in the same order.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.bulk import Columns as BulkColumns
from ingest import checks, guards
from ingest.columns import WHITESPACE, Columns
from ingest.tables import TABLE_BY_RESOURCE, Table

Rows = list[dict[str, Any]]


class EveryRow(Columns):
    """Narrows nothing: each check's own rule then runs on every row, as the checks did
    before Arrow kernels narrowed the rows."""

    def matching(self, columns: Sequence[str], pattern: str) -> list[int]:
        return list(range(len(self.rows)))

    def repeated(self, columns: Sequence[str]) -> list[int]:
        return list(range(len(self.rows)))

    def within(self, column: str, limit: int, pattern: str) -> bool:
        return False

    def fits_int64(self, column: str) -> bool:
        return False


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
    cells, every = Columns(rows), EveryRow(rows)
    file = f"{table.resource}.csv"
    assert checks.blank_text(file, table, rows, cells) == checks.blank_text(
        file, table, rows, every)
    assert (checks.control_characters(file, table, rows, cells)
            == checks.control_characters(file, table, rows, every))
    assert checks.no_source(file, rows, cells) == checks.no_source(file, rows, every)
    assert checks.too_large(file, table, rows, cells) == checks.too_large(
        file, table, rows, every)
    assert (checks.duplicate_seats(file, table, rows, cells)
            == checks.duplicate_seats(file, table, rows, every))
    assert (checks.duplicate_ties(file, table, rows, cells)
            == checks.duplicate_ties(file, table, rows, every))


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(1, 12))
def test_the_cell_guard_over_columns_finds_what_it_finds_on_every_row(
        drawn: tuple[Table, Rows], limit: int) -> None:
    table, rows = drawn
    file = f"{table.resource}.csv"
    assert (guards.cell_issues(file, rows, ("id",), limit, Columns(rows))
            == guards.cell_issues(file, rows, ("id",), limit, EveryRow(rows)))


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
    assert [i for i in found if i.column == "start_date"] == checks.duplicate_seats(
        "memberships.csv", table, rows, EveryRow(rows))


@settings(max_examples=300, deadline=None)
@given(tables())
def test_the_checks_find_the_same_in_rows_kept_as_columns(drawn: tuple[Table, Rows]) -> None:
    table, rows = drawn
    names = list(dict.fromkeys(key for row in rows for key in row))
    held = BulkColumns({name: [row.get(name) for row in rows] for name in names})
    file = f"{table.resource}.csv"
    assert (checks.check_rows(file, table, held, Columns(held))
            == checks.check_rows(file, table, rows, Columns(rows)))
    assert (guards.cell_issues(file, held, ("id",), 8, Columns(held))
            == guards.cell_issues(file, rows, ("id",), 8, Columns(rows)))
