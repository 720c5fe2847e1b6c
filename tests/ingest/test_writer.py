"""Writing datasets: idempotent, versioned, isolated per dataset, several all or none."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.backends.ladybug import LadybugRunner
from graph.bulk import Columns
from graph.filters import DateWindow
from ingest.package import Dataset, DatasetInvalidError, load_dataset
from ingest.synthetic import write_synthetic
from ingest.writer import _row_hashes, ingest, ingest_all, row_hash, to_store_rows
from tests.conftest import SEODAEMUN, SEOUL, snapshot
from tests.ingest.conftest import TINY, write_dataset


def test_reingesting_the_same_dataset_changes_nothing(store: LadybugRunner) -> None:
    dataset = load_dataset(SEODAEMUN)
    first = ingest(store, dataset)
    before = snapshot(store)
    again = ingest(store, dataset)
    assert not first.unchanged and again.unchanged
    forced = ingest(store, dataset, force=True)
    assert not forced.unchanged
    assert snapshot(store) == before


def test_a_new_version_replaces_the_old_one(store: LadybugRunner, tmp_path: Path) -> None:
    ingest(store, load_dataset(write_dataset(tmp_path / "v1", TINY)))
    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace("cy,Cy,private_citizen,memo.txt:7,stated\n",
                                                        "")
    tables["memberships.csv"] = tables["memberships.csv"].replace(
        "m4,cy,green,member,private,2021-06-01,,memo.txt:11,stated\n", "").replace(
        "m2,ben,board,member", "m2,ben,green,member")
    ingest(store, load_dataset(write_dataset(tmp_path / "v2", tables)))
    assert store.read("people_by_ids", {"ids": ["riverton/cy"]}) == []
    seats = store.read("memberships_of_people", {
        "ids": ["riverton/ben"], "roles": [], "member_categories": [], "sep": "/",
        **DateWindow().params()})
    assert [(s["id"], s["body_id"]) for s in seats] == [("riverton/m2", "riverton/green")]


def test_datasets_with_the_same_local_ids_do_not_collide(
    store: LadybugRunner, tmp_path: Path
) -> None:
    ingest(store, load_dataset(write_dataset(tmp_path / "a", TINY, name="town-a")))
    ingest(store, load_dataset(write_dataset(tmp_path / "b", TINY, name="town-b")))
    found = store.read("people_by_ids", {"ids": ["town-a/ana", "town-b/ana"]})
    assert sorted(row["dataset"] for row in found) == ["town-a", "town-b"]


def test_the_report_counts_what_was_written(store: LadybugRunner, tiny: Path) -> None:
    report = ingest(store, load_dataset(tiny))
    assert report.rows == {"organizations": 2, "bodies": 2, "people": 3, "memberships": 4}
    # nodes: the dataset itself + 2 + 2 + 3; relationships: 4 memberships + PART_OF + LED_BY
    # + SUBORGANIZATION_OF
    assert (report.nodes, report.relationships) == (8, 7)


def test_several_datasets_are_written_in_one_transaction(
    store: LadybugRunner, tmp_path: Path
) -> None:
    a = load_dataset(write_dataset(tmp_path / "a", TINY, name="town-a"))
    b = load_dataset(write_dataset(tmp_path / "b", TINY, name="town-b"))
    before = store.writes
    reports = ingest_all(store, [a, b])
    assert store.writes - before == 1
    assert [(r.dataset, r.unchanged) for r in reports] == [("town-a", False), ("town-b", False)]
    assert [r["id"] for r in store.read("datasets")] == ["town-a", "town-b"]


def test_unchanged_datasets_are_skipped_and_the_rest_written(
    store: LadybugRunner, tmp_path: Path
) -> None:
    a = load_dataset(write_dataset(tmp_path / "a", TINY, name="town-a"))
    b = load_dataset(write_dataset(tmp_path / "b", TINY, name="town-b"))
    ingest(store, a)
    reports = ingest_all(store, [a, b])
    assert [(r.dataset, r.unchanged) for r in reports] == [("town-a", True), ("town-b", False)]
    before = store.writes
    assert all(r.unchanged for r in ingest_all(store, [a, b]))
    assert store.writes == before


def test_two_datasets_with_the_same_name_are_refused_and_nothing_is_written(
    store: LadybugRunner, tmp_path: Path
) -> None:
    first = load_dataset(write_dataset(tmp_path / "one", TINY))
    second = load_dataset(write_dataset(tmp_path / "two", TINY))
    with pytest.raises(DatasetInvalidError, match="'riverton' is also the name of") as refused:
        ingest_all(store, [first, second])
    assert refused.value.issues[0].column == "name"
    assert store.read("datasets") == []


# ---- store rows from Arrow columns are the ones from rows of dicts

def _as_dicts(dataset: Dataset) -> Dataset:
    """The same dataset with each table's rows as a list of dicts."""
    return replace(dataset, rows={name: [dict(row) for row in rows]
                                  for name, rows in dataset.rows.items()})


@pytest.mark.parametrize("folder", [SEODAEMUN, SEOUL, "synthetic"], ids=str)
def test_store_rows_from_arrow_columns_are_those_from_rows_of_dicts(
        folder: Path | str, tmp_path: Path) -> None:
    if folder == "synthetic":
        write_synthetic(tmp_path / "s", 300, 3)
        folder = tmp_path / "s"
    dataset = load_dataset(Path(folder))
    assert any(isinstance(rows, Columns) for rows in dataset.rows.values())
    by_arrow, by_dicts = to_store_rows(dataset), to_store_rows(_as_dicts(dataset))
    for group in ("nodes", "relationships"):
        arrow, dicts = getattr(by_arrow, group), getattr(by_dicts, group)
        assert list(arrow) == list(dicts)
        for statement in arrow:
            assert list(arrow[statement]) == list(dicts[statement]), statement


_TEXT = st.text(alphabet=st.sampled_from(["a", "Z", " ", "'", '"', "\\", "é", "\n", "\x00",
                                          "\x7f", "\u2028", "😀", ";"]), max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 5).flatmap(lambda n: st.fixed_dictionaries({
    "id": st.lists(_TEXT, min_size=n, max_size=n),
    "note": st.lists(st.one_of(st.none(), _TEXT), min_size=n, max_size=n),
    "count": st.lists(st.one_of(st.none(), st.integers(-2**63, 2**63 - 1)), min_size=n,
                      max_size=n),
    "flag": st.lists(st.booleans(), min_size=n, max_size=n),
    "names": st.lists(st.lists(_TEXT, max_size=3), min_size=n, max_size=n),
    "odd": st.lists(st.lists(st.one_of(st.none(), _TEXT), max_size=2), min_size=n, max_size=n),
    "gone": st.just([None] * n)})))
def test_row_hashes_over_arrow_columns_are_the_row_hash_of_each_row(
        columns: dict[str, list[Any]]) -> None:
    import pyarrow as pa

    types = {"id": pa.string(), "note": pa.string(), "count": pa.int64(), "flag": pa.bool_(),
             "names": pa.list_(pa.string()), "odd": pa.list_(pa.string()), "gone": pa.string()}
    arrays = {name: pa.array(values, types[name]) for name, values in columns.items()}
    rows = [dict(zip(columns, values, strict=True))
            for values in zip(*columns.values(), strict=True)]
    assert _row_hashes(arrays) == [row_hash(row) for row in rows]
