"""Duplicate JSON keys, control characters and oversize cells are refused with file, row, column."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest import guards
from ingest.package import DatasetInvalidError, load_dataset
from ingest.popolo import load_popolo
from tests.ingest.conftest import TINY, write_dataset

SOURCE = [{"url": "https://x.org/a"}]
PERSON = {"id": "p1", "name": "Kim", "sources": SOURCE, "confidence": "stated"}
BODY = {"id": "o1", "name": "Board", "classification": "committee", "sources": SOURCE,
        "confidence": "stated"}
SEAT = {"id": "m1", "person_id": "p1", "organization_id": "o1", "sources": SOURCE,
        "confidence": "stated"}


@pytest.fixture(autouse=True)
def _default_limit() -> Iterator[None]:
    yield
    guards.configure(guards.MAX_CELL_BYTES)


def popolo_text(persons: str) -> str:
    return ('{"persons": ' + persons + ', "organizations": ' + json.dumps([BODY])
            + ', "memberships": ' + json.dumps([SEAT]) + "}")


def refused(path: Path) -> list[str]:
    with pytest.raises(DatasetInvalidError) as caught:
        load_popolo(path, "x") if path.suffix == ".json" else load_dataset(path)
    return [f"{i.file}|{i.row}|{i.column}|{i.reason}" for i in caught.value.issues]


def test_a_popolo_file_with_persons_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text('{"persons": ' + json.dumps([PERSON]) + ', "persons": [], '
                    '"organizations": ' + json.dumps([BODY]) + ', "memberships": '
                    + json.dumps([SEAT]) + "}")
    [problem] = refused(path)
    assert problem.startswith("twice.json|None|None|the key 'persons' appears twice")


def test_a_key_twice_deep_inside_a_record_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "name.json"
    path.write_text(popolo_text('[{"id": "p1", "name": "Kim", "name": "Lee", "sources": '
                                + json.dumps(SOURCE) + ', "confidence": "stated"}]'))
    assert "the key 'name' appears twice" in refused(path)[0]


def test_a_lone_surrogate_escape_in_popolo_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.json"
    path.write_text(popolo_text('[{"id": "p1", "name": "K\\ud800m", "sources": '
                                + json.dumps(SOURCE) + ', "confidence": "stated"}]'))
    assert "lone surrogate" in refused(path)[0]


def test_json_nested_beyond_the_limit_is_refused_without_a_recursion_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "deep.json"
    path.write_text(popolo_text("[" * 100_000 + "]" * 100_000))
    assert "nest more than" in refused(path)[0]
    path.write_text(popolo_text("[" * 70 + "]" * 70))
    assert "nest more than 64 levels" in refused(path)[0]


def test_a_descriptor_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "riverton", TINY)
    text = (folder / "datapackage.json").read_text()
    (folder / "datapackage.json").write_text(text.replace('{', '{"name": "a", ', 1))
    assert any("appears twice" in p for p in refused(folder))


@pytest.mark.parametrize(("character", "shown"), [
    ("\x1b", "ESC"), ("\x07", "BEL"), ("\x7f", "DEL"), ("\x85", "U+0085"),
    ("\x9b", "U+009B"), ("\x0c", "U+000C"),
])
def test_a_control_character_in_any_cell_is_refused_at_its_row_and_column(
    tmp_path: Path, character: str, shown: str,
) -> None:
    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace("Ana,", f"An{character}a,")
    problems = refused(write_dataset(tmp_path / "riverton", tables))
    assert problems == [f"people.csv|2|name|holds the control character {shown} at position 3; "
                        "only tab and line breaks may appear in text"]


def test_tabs_and_line_breaks_in_text_are_fine(tmp_path: Path) -> None:
    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace("Ana,", '"An\ta\r\nB",')
    assert load_dataset(write_dataset(tmp_path / "riverton", tables)).rows["people"]


def test_a_control_character_in_popolo_is_named_by_its_record(tmp_path: Path) -> None:
    path = tmp_path / "bel.json"
    path.write_text(popolo_text(json.dumps([{**PERSON, "name": "Kim\x07"}])))
    [problem] = refused(path)
    assert "BEL" in problem and "name" in problem


def test_a_5_mb_cell_is_refused(tmp_path: Path) -> None:
    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace("Ana,", "A" * 5_000_000 + ",")
    problems = refused(write_dataset(tmp_path / "riverton", tables))
    assert problems == ["people.csv|2|name|the cell holds 5000000 bytes; at most 65536 are "
                        "allowed (GOVGRAPH_MAX_CELL_BYTES)"]


def test_the_cell_limit_is_a_setting_counted_in_utf8_bytes(tmp_path: Path) -> None:
    guards.configure(10)
    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace("Ana,", "서대문구,")  # 12 bytes
    problems = refused(write_dataset(tmp_path / "riverton", tables))
    assert ("people.csv|2|name|the cell holds 12 bytes; at most 10 are allowed "
            "(GOVGRAPH_MAX_CELL_BYTES)") in problems


def test_cell_checks_report_every_cell_in_order() -> None:
    rows = [{"_row": 2, "a": "ok", "b": "x\x1b"}, {"_row": 3, "a": "\x00", "b": 7}]
    issues = guards.cell_issues("f.csv", rows, limit=100)
    assert [(i.row, i.column) for i in issues] == [(2, "b"), (3, "a")]
