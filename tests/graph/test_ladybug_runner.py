"""The embedded runner: atomic writes, portable parameters, a clear lock error."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graph.backends.ladybug import LadybugRunner
from graph.errors import StatementNotFoundError, StoreLockedError
from tests.conftest import open_store, snapshot

PERSON = {"id": "d/p1", "dataset": "d", "local_id": "p1", "name": "A", "other_names": [],
          "category": None, "public_figure": False, "pseudonymous": False,
          "sources": ["x.txt:1"], "confidence": "stated"}


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
    assert store.round_trips - before == 2 + 3  # two statements, BEGIN and COMMIT


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
