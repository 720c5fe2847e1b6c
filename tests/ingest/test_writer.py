"""Writing datasets: idempotent, versioned, isolated per dataset."""

from __future__ import annotations

from pathlib import Path

from graph.backends.ladybug import LadybugRunner
from graph.filters import DateWindow
from ingest.package import load_dataset
from ingest.writer import ingest
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
        "ids": ["riverton/ben"], "roles": [], "member_categories": [], **DateWindow().params()})
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
