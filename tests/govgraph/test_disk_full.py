"""A full disk during ``govgraph ingest``: one clear message, and what it says was kept is true.

The disk fills up by a file-size limit (``RLIMIT_FSIZE``, with ``SIGXFSZ`` ignored
so that a write fails with EFBIG as on a full disk) set on the ``govgraph ingest``
process only; the test then reopens the store itself, without the limit, and
compares what it holds with what the message said.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.server import ROOT, build_store
from graph.backends.ladybug import LadybugRunner
from ingest import guards
from ingest.synthetic import write_synthetic

BEFORE = {"seodaemun-2021", "seoul-2017"}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("full") / "db"
    build_store(store)
    return store


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic") / "synthetic"
    write_synthetic(folder, 3000, regions=30)
    return folder


def ingest_with_room(store: Path, dataset: Path, room: int,
                     spare: int = 0) -> subprocess.CompletedProcess[str]:
    """``govgraph ingest`` with files allowed to grow ``room`` bytes beyond the store's
    (``spare``: ``GOVGRAPH_INGEST_SPARE_BYTES``; 0, so that the write starts and fails)."""
    limit = sum(f.stat().st_size for f in store.iterdir() if f.is_file()) + room

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "GOVGRAPH_DB": str(store),
           "GOVGRAPH_KEYS": str(store.parent / "keys.sqlite3"),
           "GOVGRAPH_INGEST_SPARE_BYTES": str(spare)}
    return subprocess.run([sys.executable, "-m", "govgraph", "ingest", str(dataset)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
                          preexec_fn=full_disk, check=False)


def held(store: Path) -> set[str]:
    """The datasets the store holds once reopened with room to write."""
    runner = LadybugRunner(store)
    try:
        return set(guards.versions(runner))
    finally:
        runner.close()


@pytest.mark.parametrize("room", [50_000, 400_000, 1_500_000, 4_000_000, 9_000_000])
def test_a_full_disk_gets_one_message_and_a_true_statement(base: Path, synthetic: Path,
                                                           tmp_path: Path, room: int) -> None:
    store = tmp_path / "db"
    shutil.copytree(base, store)
    result = ingest_with_room(store, synthetic, room)
    after = held(store)
    # all or nothing, whatever happened to the process
    assert after in (BEFORE, BEFORE | {"synthetic-3000"}), after
    if result.returncode == -signal.SIGABRT:
        pytest.xfail("the engine aborted the process writing its log (it cannot be caught); "
                     "the store reopened all-or-nothing")
    assert result.returncode == 5, result.stderr[-2000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr
    [message] = errors
    assert "the disk is full" in message
    if "Nothing of this ingest was kept" in message:
        assert after == BEFORE
    elif "synthetic-3000: written" in message:
        assert after == BEFORE | {"synthetic-3000"}
    else:
        assert "holds all of this ingest or none of it" in message
        assert "Before this ingest it held: seodaemun-2021, seoul-2017." in message
    assert "durable" not in result.stderr  # the engine's claim, untrue here, is not repeated


def test_an_ingest_the_disk_has_no_room_for_is_refused_before_writing(
    base: Path, synthetic: Path, tmp_path: Path,
) -> None:
    store = tmp_path / "db"
    shutil.copytree(base, store)
    files = {f.name: f.read_bytes() for f in store.iterdir() if f.is_file()}
    result = ingest_with_room(store, synthetic, 4_000_000, spare=16 * 2**20)
    assert result.returncode == 5
    [message] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "not enough room to write safely" in message and "nothing was written" in message
    assert {f.name: f.read_bytes() for f in store.iterdir() if f.is_file()} == files
    assert held(store) == BEFORE


def test_room_is_the_smaller_of_free_disk_and_the_file_size_limit(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "govgraph.lbug").write_bytes(b"x" * 1000)
    free = shutil.disk_usage(tmp_path).free
    assert guards.room_left(tmp_path / "db") <= free
    assert guards.room_left(tmp_path / "missing" / "db") <= free
    assert guards.room_problem(tmp_path / "db", [], spare=0) is None
    assert "not enough room" in str(guards.room_problem(tmp_path / "db", [], spare=free * 2))
