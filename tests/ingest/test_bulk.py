"""The bulk write path: the same store as the portable statements, only changes written,
and a failure part-way through the write leaves the store as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.backends.ladybug import LadybugRunner
from graph.errors import QueryFailedError
from ingest.package import Dataset, load_dataset
from ingest.synthetic import write_synthetic
from ingest.writer import ingest, ingest_all
from tests.conftest import SEODAEMUN, SEOUL, open_store, snapshot
from tests.ingest.conftest import TINY, write_dataset


def _bundled() -> list[Dataset]:
    return [load_dataset(SEODAEMUN), load_dataset(SEOUL)]


def _both_paths(tmp_path: Path, *versions: list[Dataset]) -> tuple[Any, Any]:
    """Snapshots after writing ``versions`` in turn by COPY and by the upsert statements."""
    states = []
    for name, bulk in (("copy", True), ("statements", False)):
        runner = open_store(tmp_path / name)
        try:
            for datasets in versions:
                ingest_all(runner, datasets, bulk=bulk)
            states.append(snapshot(runner))
        finally:
            runner.close()
    return states[0], states[1]


def test_copy_leaves_exactly_the_store_the_upsert_statements_leave(tmp_path: Path) -> None:
    by_copy, by_statements = _both_paths(tmp_path, _bundled())
    assert by_copy["Person"] and by_copy["MEMBER_OF"]
    assert by_copy == by_statements


def test_copy_matches_the_statements_on_a_synthetic_network_and_its_new_version(
    tmp_path: Path
) -> None:
    write_synthetic(tmp_path / "v1", 400, 4, seed=3)
    write_synthetic(tmp_path / "v2", 400, 4, seed=4)
    v1, v2 = load_dataset(tmp_path / "v1"), load_dataset(tmp_path / "v2")
    assert v1.name == v2.name
    by_copy, by_statements = _both_paths(tmp_path, [v1], [v2])
    assert by_copy == by_statements
    fresh = open_store(tmp_path / "fresh")
    ingest(fresh, v2)
    assert snapshot(fresh) == by_copy
    fresh.close()


def test_an_unchanged_dataset_written_again_writes_nothing(store: LadybugRunner) -> None:
    datasets = _bundled()
    first = ingest_all(store, datasets)
    assert all(r.written > 0 and r.deleted == 0 for r in first)
    before, writes = snapshot(store), store.writes
    forced = ingest_all(store, datasets, force=True)
    assert [(r.unchanged, r.written, r.deleted) for r in forced] == [(False, 0, 0)] * 2
    assert store.writes == writes
    assert snapshot(store) == before


def test_a_changed_dataset_writes_only_its_changed_rows(
    store: LadybugRunner, tmp_path: Path
) -> None:
    ingest(store, load_dataset(write_dataset(tmp_path / "v1", TINY)))
    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace("ana,Ana,", "ana,Ana Lee,")
    tables["memberships.csv"] = tables["memberships.csv"].replace(
        "m4,cy,green,member,", "m4,cy,green,leader,")
    v2 = load_dataset(write_dataset(tmp_path / "v2", tables))
    report = ingest(store, v2)
    # Created again: the dataset's own node (its version changed), Ana, her two seats
    # (deleting her node deleted them) and the changed seat m4; deleted first: the
    # dataset node, Ana and m4.
    assert (report.written, report.deleted) == (5, 3)
    fresh = open_store(tmp_path / "fresh")
    ingest(fresh, v2)
    assert snapshot(store) == snapshot(fresh)
    fresh.close()


def test_rows_gone_from_a_new_version_are_deleted(store: LadybugRunner, tmp_path: Path) -> None:
    ingest(store, load_dataset(write_dataset(tmp_path / "v1", TINY)))
    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace("cy,Cy,private_citizen,memo.txt:7,"
                                                        "stated\n", "")
    tables["memberships.csv"] = tables["memberships.csv"].replace(
        "m4,cy,green,member,private,2021-06-01,,memo.txt:11,stated\n", "").replace(
        "m2,ben,board,member,ex_officio,2020-01-01,,memo.txt:9,stated\n", "")
    v2 = load_dataset(write_dataset(tmp_path / "v2", tables))
    report = ingest(store, v2)
    # Cy and m2 are deleted (m4 goes with Cy), and the dataset node is replaced.
    assert (report.written, report.deleted) == (1, 3)
    fresh = open_store(tmp_path / "fresh")
    ingest(fresh, v2)
    assert snapshot(store) == snapshot(fresh)
    fresh.close()


def test_a_failure_part_way_through_the_bulk_write_leaves_the_store_as_it_was(
    store: LadybugRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, load_dataset(write_dataset(tmp_path / "v1", TINY)))
    before = snapshot(store)
    copy = LadybugRunner._copy
    calls: list[str] = []

    def failing(runner: LadybugRunner, kind: str, rows: Any) -> None:
        calls.append(kind)
        if kind == "MEMBER_OF":
            raise QueryFailedError("injected failure")
        copy(runner, kind, rows)

    monkeypatch.setattr(LadybugRunner, "_copy", failing)
    added = [load_dataset(write_dataset(tmp_path / "b", TINY, name="town-b")),
             load_dataset(SEODAEMUN)]
    with pytest.raises(QueryFailedError, match="injected"):
        ingest_all(store, added)
    assert "Person" in calls  # nodes had been copied before the failure
    assert snapshot(store) == before
    monkeypatch.setattr(LadybugRunner, "_copy", copy)
    ingest_all(store, added)
    assert store.read("people_by_ids", {"ids": ["town-b/ana"]})[0]["name"] == "Ana"


def test_a_failing_copy_rolls_back_although_the_engine_ended_the_transaction(
    store: LadybugRunner, tmp_path: Path
) -> None:
    ingest(store, load_dataset(write_dataset(tmp_path / "v1", TINY)))
    before = snapshot(store)
    # Duplicate primary keys make COPY itself fail inside the transaction.
    from graph.bulk import BulkWrite

    row = {"id": "riverton/ana", "dataset": "riverton", "local_id": "ana", "name": "again",
           "other_names": [], "sources": ["x"], "confidence": "stated", "row_hash": "x"}
    with pytest.raises(QueryFailedError, match="duplicated primary key"):
        store.write_rows(BulkWrite(nodes={"Person": [row]},
                                   statements={"Person": "upsert_person"}))
    assert snapshot(store) == before
