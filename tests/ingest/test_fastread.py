"""The fast reader gives Frictionless's own rows for valid tables, and steps aside otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import package
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
