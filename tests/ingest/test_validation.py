"""A malformed dataset is refused whole, with file, row, column and reason; nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.backends.ladybug import LadybugRunner
from ingest.package import DatasetInvalidError, Issue, load_dataset
from ingest.writer import ingest
from tests.conftest import snapshot
from tests.ingest.conftest import TINY, write_dataset


def refused(folder: Path) -> list[Issue]:
    with pytest.raises(DatasetInvalidError) as caught:
        load_dataset(folder)
    return caught.value.issues


def variant(tmp_path: Path, file: str, old: str, new: str) -> Path:
    tables = dict(TINY)
    assert old in tables[file]
    tables[file] = tables[file].replace(old, new)
    return write_dataset(tmp_path / "bad", tables)


def test_the_tiny_dataset_is_valid(tiny: Path) -> None:
    assert len(load_dataset(tiny).rows["memberships"]) == 4


def test_missing_column(tmp_path: Path) -> None:
    tables = dict(TINY)
    tables["memberships.csv"] = "\n".join(
        ",".join(cell for i, cell in enumerate(line.split(",")) if i != 2)
        for line in TINY["memberships.csv"].splitlines()) + "\n"
    issues = refused(write_dataset(tmp_path / "bad", tables))
    assert issues == [Issue("memberships.csv", 1, "body_id", "required column is missing")]


def test_bad_date(tmp_path: Path) -> None:
    issues = refused(variant(tmp_path, "memberships.csv", "2021-06-01,,memo.txt:10",
                             "2021-13-01,,memo.txt:10"))
    assert [(i.file, i.row, i.column) for i in issues] == [("memberships.csv", 4, "start_date")]
    assert "'2021-13-01' is not a valid date" in issues[0].reason


def test_unknown_body_id(tmp_path: Path) -> None:
    issues = refused(variant(tmp_path, "memberships.csv", "m4,cy,green", "m4,cy,blue"))
    assert [(i.file, i.row, i.column) for i in issues] == [("memberships.csv", 5, "body_id")]
    assert "'blue' does not match any id in bodies" in issues[0].reason


DUPLICATE_BEN = "cy,Cy,private_citizen,memo.txt:7,stated\nben,Benjamin,,memo.txt:12,stated\n"


def test_duplicate_id(tmp_path: Path) -> None:
    issues = refused(variant(tmp_path, "people.csv", "cy,Cy,private_citizen,memo.txt:7,stated\n",
                             DUPLICATE_BEN))
    assert [(i.file, i.row, i.column) for i in issues] == [("people.csv", 5, "id")]
    assert "duplicate id" in issues[0].reason


def test_wrong_type(tmp_path: Path) -> None:
    issues = refused(variant(tmp_path, "bodies.csv", "council,,,3,", "council,,,three,"))
    assert [(i.file, i.row, i.column) for i in issues] == [("bodies.csv", 2, "capacity")]
    assert "'three' is not a valid integer" in issues[0].reason


def test_value_outside_the_allowed_set(tmp_path: Path) -> None:
    issues = refused(variant(tmp_path, "memberships.csv", "m4,cy,green,member", "m4,cy,green,boss"))
    assert [(i.file, i.row, i.column) for i in issues] == [("memberships.csv", 5, "role")]


def test_end_before_start(tmp_path: Path) -> None:
    issues = refused(variant(tmp_path, "memberships.csv", "2020-01-01,2021-12-31",
                             "2020-01-01,2019-12-31"))
    assert [(i.file, i.row, i.column) for i in issues] == [("memberships.csv", 2, "end_date")]


def test_missing_provenance(tmp_path: Path) -> None:
    issues = refused(variant(tmp_path, "people.csv", "cy,Cy,private_citizen,memo.txt:7,stated",
                             "cy,Cy,private_citizen,,guessed"))
    assert {(i.row, i.column) for i in issues} == {(4, "sources"), (4, "confidence")}


def test_unknown_column_and_unknown_resource(tmp_path: Path) -> None:
    folder = variant(tmp_path, "people.csv", "id,name,category,", "id,name,category,shoe_size,")
    descriptor = json.loads((folder / "datapackage.json").read_text())
    descriptor["resources"].append({"name": "gossip", "path": "people.csv"})
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    issues = refused(folder)
    assert any(i.file == "datapackage.json" and i.column == "resources[4]"
               and "unknown resource 'gossip'" in i.reason for i in issues)
    assert any(i.file == "people.csv" and i.row == 1 and i.column == "shoe_size" for i in issues)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    tables = dict(TINY)
    tables["people.csv"] += "ben,Benjamin,,memo.txt:12,stated\n"
    tables["bodies.csv"] = tables["bodies.csv"].replace("council,,,3,", "council,,,three,")
    issues = refused(write_dataset(tmp_path / "bad", tables))
    assert {i.file for i in issues} == {"people.csv", "bodies.csv"}


def test_broken_descriptor(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "bad", TINY)
    (folder / "datapackage.json").write_text('{"name": "x",\n "resources": [}')
    issues = refused(folder)
    assert issues[0].file == "datapackage.json" and issues[0].row == 2


def test_the_message_names_file_row_column_and_reason(tmp_path: Path) -> None:
    folder = variant(tmp_path, "memberships.csv", "m4,cy,green", "m4,cy,blue")
    with pytest.raises(DatasetInvalidError, match=r"memberships\.csv, row 5, column body_id: "
                                                  r"'blue' does not match"):
        load_dataset(folder)


def test_a_refused_dataset_leaves_the_store_exactly_as_it_was(
    store: LadybugRunner, tiny: Path, tmp_path: Path
) -> None:
    ingest(store, load_dataset(tiny))
    before = snapshot(store)
    bad = variant(tmp_path, "memberships.csv", "m4,cy,green", "m4,cy,blue")
    with pytest.raises(DatasetInvalidError):
        ingest(store, load_dataset(bad))
    assert snapshot(store) == before


def test_a_reference_to_a_missing_table(tmp_path: Path) -> None:
    tables = {k: v for k, v in TINY.items() if k != "organizations.csv"}
    issues = refused(write_dataset(tmp_path / "bad", tables))
    assert [(i.file, i.row, i.column) for i in issues] == [
        ("bodies.csv", 3, "lead_organization_id")]
    assert "the package has no table 'organizations'" in issues[0].reason
