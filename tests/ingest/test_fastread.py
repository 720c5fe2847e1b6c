"""The fast reader gives Frictionless's own rows for valid tables, and steps aside otherwise."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import fastread, package
from ingest.package import DatasetInvalidError, load_dataset
from ingest.synthetic import write_synthetic
from tests.conftest import SEODAEMUN, SEOUL
from tests.ingest.conftest import TINY, write_dataset


def _both(folder: Path) -> tuple[object, object]:
    """The rows the fast reader gives and those Frictionless gives for the same dataset."""
    fast = load_dataset(folder).rows
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(package, "_fast_rows", lambda *_: None)
        slow = load_dataset(folder).rows
    return fast, slow


@pytest.mark.parametrize("folder", [SEODAEMUN, SEOUL], ids=lambda p: p.name)
def test_the_bundled_datasets_read_the_same_both_ways(folder: Path) -> None:
    fast, slow = _both(folder)
    assert fast == slow


def test_a_synthetic_network_reads_the_same_both_ways(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "s", 300, 3)
    fast, slow = _both(tmp_path / "s")
    assert fast == slow


def test_the_fast_reader_is_used_for_a_valid_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_dataset(tmp_path / "t", TINY)
    monkeypatch.setattr(package, "_validate_tables", pytest.fail)
    assert load_dataset(folder).rows["people"][0]["_row"] == 2


@pytest.mark.parametrize(("file", "old", "new", "reason"), [
    ("memberships.csv", "2020-01-01,2021-12-31", "2020-01-01,2021-13-31", "not a valid date"),
    ("memberships.csv", "m2,ben,board", "m2,bob,board", "does not match any id"),
    ("bodies.csv", ",3,memo.txt:3", ",-3,memo.txt:3", "breaks the rule"),
    ("people.csv", "ben,Ben", "ana,Ben", "duplicate id"),
    ("memberships.csv", "chair", "boss", "breaks the rule"),
    ("people.csv", "cy,Cy,private_citizen,memo.txt:7,stated", "cy,Cy,private_citizen",
     "a value is required"),
])
def test_a_bad_cell_still_gets_frictionless_s_message(
    tmp_path: Path, file: str, old: str, new: str, reason: str
) -> None:
    tables = dict(TINY)
    assert old in tables[file]
    tables[file] = tables[file].replace(old, new, 1)
    with pytest.raises(DatasetInvalidError) as refused:
        load_dataset(write_dataset(tmp_path / "t", tables))
    assert any(reason in issue.reason and issue.file == file
               for issue in refused.value.issues), refused.value.issues


def test_a_cell_in_a_form_the_fast_reader_does_not_know_is_left_to_frictionless(
    tmp_path: Path
) -> None:
    tables = dict(TINY)
    tables["bodies.csv"] = tables["bodies.csv"].replace(",3,memo.txt:3", ",03,memo.txt:3")
    fast, slow = _both(write_dataset(tmp_path / "t", tables))
    assert fast == slow
    assert fast["bodies"][0]["capacity"] == 3  # type: ignore[index]


# ---- the Arrow reader against the csv module's, cell by cell

_CELLS = ["", " ", "a", "é", "a b", "1", "0", "-0", "01", "+1", "-7", "12",
          "9223372036854775807", "9223372036854775808", "2021-06-01", "2021-6-1", "2021-02-30",
          "0000-01-01", "0001-01-01", "true", "TRUE", "True", "yes", "false", "chair",
          "member", '"q"', 'a"b', "\x00", "\x1b", "x\u2028y", "a\\b", "'", "\ufeffz"]
_VALID = {"string": ["a", "b", "é", "a b", "chair", "member", "x\u2028y", "a\\b", "'", " ", ""],
          "integer": ["0", "1", "-7", "12", "9223372036854775807", ""],
          "date": ["2021-06-01", "0001-01-01", "1999-12-31", ""],
          "boolean": ["true", "TRUE", "True", "1", "false", "False", "FALSE", "0", ""]}
"""Cells of each type mostly valid (a table of them is one the Arrow path may read)."""
_FIELDS = [
    {"type": "string"}, {"type": "string", "constraints": {"required": True}},
    {"type": "string", "constraints": {"enum": ["chair", "member"]}},
    {"type": "string", "constraints": {"unique": True}},
    {"type": "integer"}, {"type": "integer", "constraints": {"minimum": 0}},
    {"type": "integer", "constraints": {"required": True, "unique": True}},
    {"type": "date"}, {"type": "date", "constraints": {"required": True}}, {"type": "boolean"},
    {"type": "string"}, {"type": "integer"}, {"type": "date"},
    {"type": "number"}, {"type": "string", "constraints": {"pattern": "a.*"}},  # not for Arrow
]


@st.composite
def _csv_tables(draw: st.DrawFn) -> tuple[bytes, dict[str, Any]]:
    """A small CSV file of near-miss cells, and a Table Schema for its columns."""
    width = draw(st.integers(1, 3))
    names = [f"c{i}" for i in range(width)]
    fields = [{"name": name, **draw(st.sampled_from(_FIELDS))} for name in names]
    near_misses = draw(st.booleans())  # else every cell is one a valid table may hold
    cells = [st.one_of(*[st.sampled_from(_VALID.get(field["type"], ["a"]))] * 12,
                       st.sampled_from(_CELLS)) if near_misses
             else st.sampled_from(_VALID.get(field["type"], ["a"])) for field in fields]
    rows = draw(st.lists(st.tuples(*cells), max_size=8))
    lines = [",".join(names), *(",".join(row) for row in rows)]
    if draw(st.integers(0, 4)) == 0 and rows:  # a row of the wrong width, or blank
        lines.insert(draw(st.integers(1, len(lines))), draw(st.sampled_from(["", "x,y,z,w"])))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = ending.join(lines) + draw(st.sampled_from(["", ending, ending, ending * 2]))
    bom = "\ufeff" if draw(st.booleans()) else ""
    primary = {"primaryKey": [names[0]]} if draw(st.booleans()) else {}
    return (bom + text).encode("utf-8", "surrogatepass"), {"fields": fields, **primary}


@settings(max_examples=500, deadline=None)
@given(_csv_tables())
def test_the_arrow_reader_gives_the_csv_module_s_rows_or_steps_aside(
        drawn: tuple[bytes, dict[str, Any]]) -> None:
    data, schema = drawn
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "t.csv"
        path.write_bytes(data)
        try:
            by_csv: list[dict[str, Any]] | None = fastread._read(path, schema)
        except (fastread._UnsureError, csv.Error, UnicodeDecodeError):
            by_csv = None
        try:
            by_arrow = fastread._arrow_columns(path, schema)
        except fastread._NotForArrowError:
            return  # the csv module reads it (the rows above)
        except fastread._UnsureError:
            assert by_csv is None
            return
    assert by_csv is not None, "Arrow accepted a table the csv module leaves to Frictionless"
    assert list(by_arrow) == by_csv
    assert [[type(v) for v in row.values()] for row in by_arrow] == [
        [type(v) for v in row.values()] for row in by_csv]


def test_a_valid_synthetic_network_is_read_by_arrow_kernels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_synthetic(tmp_path / "s", 200, 2)
    monkeypatch.setattr(fastread, "_read", pytest.fail)  # the csv module is not needed
    rows = load_dataset(tmp_path / "s").rows
    assert all(table.arrow("id") is not None for table in rows.values())  # type: ignore[attr-defined]


def test_a_file_with_quotes_is_read_by_the_csv_module_with_the_same_rows(
    tmp_path: Path
) -> None:
    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace("ana,Ana", 'ana,"Ana, the first"')
    assert tables["people.csv"] != TINY["people.csv"]
    fast, slow = _both(write_dataset(tmp_path / "t", tables))
    assert fast == slow
    assert fast["people"][0]["name"] == "Ana, the first"  # type: ignore[index]
