"""Writing datasets: idempotent, versioned, isolated per dataset, several all or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.backends.ladybug import LadybugRunner
from graph.filters import DateWindow
from ingest.package import DatasetInvalidError, load_dataset
from ingest.writer import ingest, ingest_all
from tests.conftest import SEODAEMUN, snapshot
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
