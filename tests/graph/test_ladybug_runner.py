"""The embedded runner: atomic writes, portable parameters, a clear lock error, recovery
from a process that died while writing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import ladybug
import pytest

from graph.backends.ladybug import DB_FILE, WAL_FILE, LadybugRunner
from graph.errors import StatementNotFoundError, StoreLockedError, StoreUnavailableError
from graph.model import NODE_BY_LABEL
from tests.conftest import open_store, snapshot

PERSON = {**dict.fromkeys(NODE_BY_LABEL["Person"].properties),
          "id": "d/p1", "dataset": "d", "local_id": "p1", "name": "A", "other_names": [],
          "public_figure": False, "pseudonymous": False, "canonical_id": "d/p1",
          "identifiers": [], "sources": ["x.txt:1"], "confidence": "stated", "row_hash": "h1"}


def test_a_failing_statement_rolls_back_the_whole_write(store: LadybugRunner) -> None:
    before = snapshot(store)
    with pytest.raises(StatementNotFoundError):
        store.write([("upsert_person", {"rows": [PERSON]}), ("no_such_statement", {})])
    assert snapshot(store) == before


def test_a_write_commits_all_its_statements(store: LadybugRunner) -> None:
    store.write([("upsert_person", {"rows": [PERSON]})])
    assert store.read("people_by_ids", {"ids": ["d/p1"]})[0]["name"] == "A"


def test_null_parameters_are_refused_before_reaching_the_store(store: LadybugRunner) -> None:
    with pytest.raises(ValueError, match="dataset"):
        store.read("datasets", {"dataset": None})


def test_each_statement_counts_one_round_trip(store: LadybugRunner) -> None:
    before = store.round_trips
    store.read("datasets")
    store.write([("upsert_person", {"rows": [PERSON]}), ("upsert_person", {"rows": [PERSON]})])
    assert store.round_trips - before == 2 + 4  # two statements, BEGIN, COMMIT, CHECKPOINT


def test_apply_schema_is_idempotent(store: LadybugRunner) -> None:
    store.write([("upsert_person", {"rows": [PERSON]})])
    store.apply_schema()
    assert store.read("people_by_ids", {"ids": ["d/p1"]})


def test_a_second_process_is_told_the_store_is_locked(tmp_path: Path) -> None:
    directory = tmp_path / "db"
    open_store(directory).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from graph.backends.ladybug import LadybugRunner
        runner = LadybugRunner(Path({str(directory)!r}))
        print("ready", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError, match=r"in use by another process \(process \d+\)"):
            LadybugRunner(directory)
        reader = LadybugRunner(directory, read_only=True)
        assert reader.read("datasets") == []
        reader.close()
    finally:
        holder.communicate("", timeout=30)
    time.sleep(0)


def test_a_write_leaves_no_log_behind(store: LadybugRunner) -> None:
    store.write([("upsert_person", {"rows": [PERSON]})])
    assert not (store.directory / WAL_FILE).exists() or (store.directory / WAL_FILE).stat(
    ).st_size == 0


def test_a_store_path_that_is_a_file_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "db"
    path.write_text("not a database")
    with pytest.raises(StoreUnavailableError, match="is a file, not a directory"):
        LadybugRunner(path)
    with pytest.raises(StoreUnavailableError, match="cannot create"):
        LadybugRunner(path / "below")


def test_a_database_file_that_is_a_directory_is_refused_clearly(tmp_path: Path) -> None:
    (tmp_path / "db" / DB_FILE).mkdir(parents=True)
    with pytest.raises(StoreUnavailableError, match="cannot open the embedded database"):
        LadybugRunner(tmp_path / "db")


OTHER = {**PERSON, "id": "d/p2", "local_id": "p2", "name": "B", "canonical_id": "d/p2"}


def _die_after_committing(directory: Path) -> int:
    """Store ``PERSON``, then in another process commit ``OTHER`` and die before the
    checkpoint; return the size of the log that process leaves behind."""
    open_store(directory).close()
    runner = LadybugRunner(directory)
    runner.write([("upsert_person", {"rows": [PERSON]})])
    runner.close()
    subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import os
        from pathlib import Path
        from graph.backends.ladybug import LadybugRunner
        runner = LadybugRunner(Path({str(directory)!r}))
        runner._checkpoint = lambda: None
        runner.write([("upsert_person", {{"rows": [{OTHER!r}]}})])
        os._exit(0)
    """)], check=True)
    return (directory / WAL_FILE).stat().st_size


def _names(runner: LadybugRunner) -> list[str]:
    rows = runner.read("people_by_ids", {"ids": ["d/p1", "d/p2"]})
    return sorted(row["name"] for row in rows)


def test_a_committed_write_left_in_the_log_is_replayed(tmp_path: Path) -> None:
    directory = tmp_path / "db"
    size = _die_after_committing(directory)
    runner = LadybugRunner(directory)
    assert _names(runner) == ["A", "B"]
    assert runner.recovery is not None
    assert (runner.recovery.log_bytes, runner.recovery.discarded_bytes) == (size, 0)
    assert runner.recovery.kept is None
    assert "replayed the committed writes" in str(runner.recovery)
    runner.close()
    assert LadybugRunner(directory).recovery is None


def test_a_torn_log_tail_is_dropped_and_kept_aside(tmp_path: Path) -> None:
    directory = tmp_path / "db"
    size = _die_after_committing(directory)
    wal = directory / WAL_FILE
    torn = wal.read_bytes()[:size - 100]
    wal.write_bytes(torn)
    with pytest.raises(RuntimeError, match="WAL"):  # what the engine's strict default does
        ladybug.Database(str(directory / DB_FILE))
    runner = LadybugRunner(directory)
    assert _names(runner) == ["A"]
    report = runner.recovery
    assert report is not None and "the write that was in progress there was not applied" in str(
        report)
    assert (report.log_bytes, report.discarded_bytes) == (len(torn), len(torn))
    assert report.kept is not None and report.kept.read_bytes() == torn
    assert report.kept.parent == directory / "recovery"
    assert f"kept at {report.kept}" in str(report)
    runner.write([("upsert_person", {"rows": [OTHER]})])
    runner.close()
    assert _names(LadybugRunner(directory)) == ["A", "B"]


def test_only_the_most_recent_dropped_logs_are_kept(tmp_path: Path) -> None:
    directory = tmp_path / "db"
    open_store(directory).close()
    for attempt in range(3):
        (directory / WAL_FILE).write_bytes(os.urandom(5000))
        runner = LadybugRunner(directory, keep_recovered=2)
        assert runner.recovery is not None and runner.recovery.discarded_bytes == 5000
        runner.close()
        assert len(list((directory / "recovery").iterdir())) == min(attempt + 1, 2)


def test_a_log_of_another_database_is_set_aside(tmp_path: Path) -> None:
    _die_after_committing(tmp_path / "other")
    directory = tmp_path / "db"
    open_store(directory).close()
    foreign = (tmp_path / "other" / WAL_FILE).read_bytes()
    (directory / WAL_FILE).write_bytes(foreign)
    runner = LadybugRunner(directory)
    assert runner.recovery is not None and runner.recovery.set_aside
    assert runner.recovery.kept is not None and runner.recovery.kept.read_bytes() == foreign
    assert "could not be replayed and was set aside" in str(runner.recovery)
    assert _names(runner) == []


def test_a_read_only_open_reads_the_committed_state_and_changes_nothing(
    tmp_path: Path
) -> None:
    directory = tmp_path / "db"
    size = _die_after_committing(directory)
    wal = directory / WAL_FILE
    wal.write_bytes(wal.read_bytes()[:size - 100])
    reader = LadybugRunner(directory, read_only=True)
    assert _names(reader) == ["A"] and reader.recovery is None
    reader.close()
    assert wal.stat().st_size == size - 100


def test_sums_come_back_as_numbers_and_other_columns_as_read(store: LadybugRunner) -> None:
    rows = store._run(store._conn, "sums",
                      "UNWIND [1, 2, 4] AS x RETURN sum(x) AS whole, sum(x) / 2.0 AS half, "
                      "avg(x) AS mean, count(x) AS n, collect(x) AS xs, 'a' AS text", {})
    assert rows == [{"whole": 7, "half": 3.5, "mean": 7 / 3, "n": 3, "xs": [1, 2, 4],
                     "text": "a"}]
    assert [type(value) for value in rows[0].values()] == [int, float, float, int, list, str]
