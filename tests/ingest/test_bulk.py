"""The bulk write path: the same store as the portable statements, only changes written,
and a failure part-way through the write leaves the store as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.backends.ladybug import LadybugRunner, arrow_table
from graph.bulk import Columns
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


def test_columns_read_like_the_list_of_rows_they_hold() -> None:
    from graph.bulk import Columns, as_rows, column, joined, take

    rows = [{"id": "a", "n": 1, "tags": ["x"]}, {"id": "b", "n": None, "tags": []},
            {"id": "c", "n": 3, "tags": ["y", "z"]}]
    table = Columns({name: [row[name] for row in rows] for name in ("id", "n", "tags")})
    assert len(table) == 3 and list(table) == rows and table[-1] == rows[2]
    assert list(table[1:]) == rows[1:] and as_rows(table) == rows
    assert list(table.take([2, 0])) == [rows[2], rows[0]] == list(take(rows, [2, 0]))
    assert column(table, "n") == column(rows, "n") == [1, None, 3]
    assert column(table, "absent") == [None, None, None]
    both = joined(table, Columns({"id": ["d"], "extra": [True]}))
    assert isinstance(both, Columns) and list(both)[3] == {"id": "d", "n": None, "tags": None,
                                                          "extra": True}
    assert joined(rows, table[:1]) == [*rows, rows[0]]
    with pytest.raises(IndexError):
        table[3]
    with pytest.raises(ValueError, match="different lengths"):
        Columns({"id": ["a"], "n": []})


def test_columns_of_arrow_arrays_read_like_the_rows_they_hold() -> None:
    import pyarrow as pa

    from graph.bulk import as_rows, column, joined, take

    rows = [{"id": "a", "n": 1, "tags": ["x"]}, {"id": "b", "n": None, "tags": []},
            {"id": "c", "n": 3, "tags": ["y", "z"]}]
    table = Columns({"id": pa.array(["a", "b", "c"]), "n": pa.array([1, None, 3]),
                     "tags": pa.array([["x"], [], ["y", "z"]])})
    assert len(table) == 3 and list(table) == rows and table[-1] == rows[2]
    assert list(table[1:]) == rows[1:] and as_rows(table) == rows
    assert list(table.take([2, 0])) == [rows[2], rows[0]] == list(take(rows, [2, 0]))
    assert column(table, "n") == [1, None, 3] and table.arrow("n") is not None
    assert table.arrow("absent") is None and column(table, "absent") == [None] * 3
    assert list(joined(table, Columns({"id": ["d"]})))[3] == {"id": "d", "n": None,
                                                              "tags": None}
    assert table.with_column("n", [7, 8, 9])[0] == {"id": "a", "n": 7, "tags": ["x"]}


def test_the_copy_table_of_arrow_columns_is_the_one_of_their_rows() -> None:
    import pyarrow as pa

    rows = [{"id": "d/p1", "dataset": "d", "local_id": "p1", "name": "P", "other_names": ["Q"],
             "sources": ["s:1"], "confidence": "stated", "row_hash": "h"}]
    held = Columns({name: pa.array([value]) for name, value in rows[0].items()})
    columns = list(rows[0])
    assert arrow_table("Person", held, columns) == arrow_table("Person", rows, columns)


def test_column_rows_carry_the_hash_of_the_row_they_make(tmp_path: Path) -> None:
    from ingest.writer import row_hash, to_store_rows

    write_synthetic(tmp_path / "net", 60, 2)
    store_rows = to_store_rows(load_dataset(tmp_path / "net"))
    groups = {**store_rows.nodes, **store_rows.relationships}
    assert {"upsert_person", "upsert_member_of", "link_part_of"} <= groups.keys()
    for rows in groups.values():
        for row in rows:
            stored = row.pop("row_hash")
            assert stored == row_hash(row)


def test_the_copy_path_lets_each_tables_rows_go_once_copied(store: LadybugRunner,
                                                             tmp_path: Path) -> None:
    from graph.bulk import column
    from ingest.writer import diff, to_store_rows

    store_rows = to_store_rows(load_dataset(write_dataset(tmp_path / "v1", TINY)))
    write = diff(store_rows, [])
    ids = list(column(write.nodes["Person"], "id"))
    store.write_rows(write)
    assert not write.nodes and not write.relationships
    assert {row["id"] for row in store.read("people_by_ids", {"ids": ids})} == set(ids)


def test_a_valid_tables_cells_are_held_as_arrow_columns_not_a_python_object_each(
        tmp_path: Path) -> None:
    write_synthetic(tmp_path / "net", 60, 2)
    memberships = load_dataset(tmp_path / "net").rows["memberships"]
    assert isinstance(memberships, Columns)
    assert all(memberships.arrow(name) is not None for name in memberships.names
               if name != "_row")
    first = memberships[0]  # read as a row, a cell is its typed value
    assert isinstance(first["role"], str) and first["sources"] == ["synthetic:1"]
