"""Edits in the store: a dataset file and the edits made on it live together.

The file stays the source it was; the edits are replayed on every new version of
it, and an edit the new file contradicts is kept in the log, marked, and listed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph import edits
from graph.backends.ladybug import LadybugRunner
from graph.edits.write import _change_params
from graph.errors import NotFoundError, QueryFailedError
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.conftest import snapshot
from tests.ingest.conftest import TINY, write_dataset

EDITOR = edits.Editor("key-1", "editor")


def _file(tmp_path: Path, **replace: tuple[str, str]) -> Path:
    tables = dict(TINY)
    for file, (old, new) in replace.items():
        assert old in tables[f"{file}.csv"]
        tables[f"{file}.csv"] = tables[f"{file}.csv"].replace(old, new)
    return write_dataset(tmp_path / "riverton", tables)


def test_reingesting_a_changed_file_keeps_edits_that_apply_and_lists_those_that_conflict(
        store: LadybugRunner, tmp_path: Path) -> None:
    ingest(store, load_dataset(_file(tmp_path)))
    appointed = edits.appoint(store, EDITOR, "riverton/cy", "riverton/board", "member",
                              date(2022, 1, 1), None, "minutes 3", "new seat")
    ana = edits.record(store, "riverton/ana")
    renamed = edits.correct(store, EDITOR, "riverton/ana", ana.version,
                            {"name": "Ana Park"}, "letter 1", "full name")
    board = edits.record(store, "riverton/board")
    resized = edits.correct(store, EDITOR, "riverton/board", board.version,
                            {"capacity": "5"}, "minutes 4", "two more seats")
    # The new file changes the board's capacity itself (and Ben's category): the capacity
    # edit conflicts, the others still apply.
    report = ingest(store, load_dataset(_file(
        tmp_path, bodies=("council,,,3,", "council,,,4,"),
        people=("ben,Ben,public_official", "ben,Ben,expert"))))
    assert not report.unchanged
    assert set(report.edits_kept) == {appointed.id, renamed.id}
    assert [c for c, _ in report.edit_conflicts] == [resized.id]
    assert "capacity" in report.edit_conflicts[0][1]
    assert edits.record(store, "riverton/ana").values["name"] == "Ana Park"
    assert edits.record(store, "riverton/board").values["capacity"] == 4  # the file stands
    assert edits.record(store, "riverton/ben").values["category"] == "expert"
    membership = edits.record(store, appointed.record_id)
    assert membership.values["source"] == "riverton/cy"
    log = {c.id: c.status for c in edits.change_log(store, "riverton")}
    assert log == {appointed.id: "applied", renamed.id: "applied", resized.id: "conflict"}
    # Editing again goes on from what the store holds now.
    again = edits.correct(store, EDITOR, "riverton/ana",
                          edits.record(store, "riverton/ana").version, {"category": "expert"},
                          "letter 2", "now an expert")
    assert again.old == {"category": "private_citizen"}


def test_ingesting_the_same_file_again_changes_nothing_and_keeps_every_edit(
        store: LadybugRunner, tmp_path: Path) -> None:
    folder = _file(tmp_path)
    ingest(store, load_dataset(folder))
    edits.appoint(store, EDITOR, "riverton/cy", "riverton/board", "member",
                  date(2022, 1, 1), None, "minutes 3", "new seat")
    before = snapshot(store)
    assert ingest(store, load_dataset(folder)).unchanged
    forced = ingest(store, load_dataset(folder), force=True)
    assert len(forced.edits_kept) == 1 and forced.edit_conflicts == ()
    assert snapshot(store) == before


def test_a_record_removed_from_the_file_turns_its_edits_into_listed_conflicts(
        store: LadybugRunner, tmp_path: Path) -> None:
    ingest(store, load_dataset(_file(tmp_path)))
    cy = edits.record(store, "riverton/cy")
    fixed = edits.correct(store, EDITOR, "riverton/cy", cy.version, {"gender": "f"}, "s", "r")
    without_cy = _file(tmp_path, people=("cy,Cy,private_citizen,memo.txt:7,stated\n", ""),
                       memberships=("m4,cy,green,member,private,2021-06-01,,memo.txt:11,"
                                    "stated\n", ""))
    report = ingest(store, load_dataset(without_cy))
    assert report.edit_conflicts == ((fixed.id, "riverton/cy is no longer in the file"),)
    assert [c.status for c in edits.history(store, "riverton/cy")] == ["conflict"]


def test_the_changeset_exports_as_a_data_package(store: LadybugRunner, tmp_path: Path) -> None:
    ingest(store, load_dataset(_file(tmp_path)))
    made = edits.appoint(store, EDITOR, "riverton/cy", "riverton/board", "member",
                         date(2022, 1, 1), None, "minutes 3", "new seat")
    package = edits.changeset(store, "riverton")
    assert package["descriptor"]["resources"][0]["path"] == "changes.csv"
    text = package["files"]["changes.csv"]
    assert text.splitlines()[0] == ",".join(edits.CHANGESET_COLUMNS)
    assert made.id in text and "minutes 3" in text


def test_two_edits_of_one_version_cannot_both_be_stored(store: LadybugRunner,
                                                        tmp_path: Path) -> None:
    ingest(store, load_dataset(_file(tmp_path)))
    ben = edits.record(store, "riverton/ben")
    edits.correct(store, EDITOR, "riverton/ben", ben.version, {"gender": "m"}, "s", "r")
    with pytest.raises(edits.ConflictError):
        edits.correct(store, EDITOR, "riverton/ben", ben.version, {"gender": "x"}, "s", "r")
    # The store itself refuses a second change of that version (another process's edit).
    (stored,) = edits.history(store, "riverton/ben")
    with pytest.raises(QueryFailedError):
        store.write([("record_change", _change_params(stored))])
    assert len(edits.history(store, "riverton/ben")) == 1


def test_an_exported_changeset_reapplies_cleanly_on_a_store_with_the_same_file(
        tmp_path: Path) -> None:
    import csv
    import io

    from tests.conftest import open_store

    folder = _file(tmp_path)
    first, second = open_store(tmp_path / "one"), open_store(tmp_path / "two")
    try:
        for runner in (first, second):
            ingest(runner, load_dataset(folder))
        appointed = edits.appoint(first, EDITOR, "riverton/cy", "riverton/board", "member",
                                  date(2022, 1, 1), None, "minutes 3", "new seat")
        edits.end_membership(first, EDITOR, appointed.record_id,
                             edits.record(first, appointed.record_id).version,
                             date(2022, 12, 31), "minutes 9", "term ends")
        board = edits.record(first, "riverton/board")
        resized = edits.correct(first, EDITOR, "riverton/board", board.version,
                                {"capacity": "5", "notes": "two seats added"}, "minutes 4",
                                "more seats")
        edits.revert(first, EDITOR, resized.id, "minutes 5", "seats not added after all")
        edits.add_body(first, EDITOR, "riverton", "youth", {"name": "Youth Panel",
                                                            "classification": "working_group"},
                       "minutes 6", "new panel")
        package = edits.changeset(first, "riverton")
        rows = list(csv.DictReader(io.StringIO(package["files"]["changes.csv"])))
        made = edits.apply_changeset(second, edits.Editor("key-2", "admin"), rows)
        assert [c.action for c in made] == [r["action"] for r in rows]
        assert [c.new for c in made] == [c.new for c in edits.change_log(first, "riverton")]

        def state(runner: LadybugRunner) -> dict[str, dict[str, object]]:
            ids = ["riverton/board", "riverton/youth", appointed.record_id]
            return {i: {k: v for k, v in edits.record(runner, i).values.items()
                        if k != "sources"} for i in ids}

        assert state(second) == state(first)
        with pytest.raises(edits.ConflictError):  # made on values the store no longer holds
            edits.apply_changeset(second, EDITOR, [r for r in rows
                                                   if r["action"] == "end_membership"])
    finally:
        first.close()
        second.close()


def test_an_appointment_taken_back_stays_taken_back_after_a_reingest(
        store: LadybugRunner, tmp_path: Path) -> None:
    ingest(store, load_dataset(_file(tmp_path)))
    appointed = edits.appoint(store, EDITOR, "riverton/cy", "riverton/board", "member",
                              date(2022, 1, 1), None, "minutes 3", "new seat")
    edits.revert(store, EDITOR, appointed.id, "minutes 4", "by mistake")
    report = ingest(store, load_dataset(_file(
        tmp_path, people=("ben,Ben,public_official", "ben,Ben,expert"))))
    assert report.edit_conflicts == () and len(report.edits_kept) == 2
    with pytest.raises(NotFoundError):
        edits.record(store, appointed.record_id)
