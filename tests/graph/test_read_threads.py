"""Reads of the embedded store with a fixed number of engine threads each.

The engine shares its threads first come, first served: a long read using all of them
holds back the light read after it. With ``read_threads``, each read connection uses
that many, and the engine has enough for all of them at once.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from graph.backends.ladybug import LadybugRunner
from graph.filters import DateWindow
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.conftest import SEODAEMUN

READS = [("multi_role_concentration", {"dataset": "", **DateWindow().params()}),
         ("datasets", {})]


def _settings(runner: LadybugRunner) -> str:
    """The ``threads`` setting of a read connection (one the runner has opened)."""
    conn = runner._readers.get_nowait()
    try:
        result = conn.execute("CALL current_setting('threads') RETURN *")
        assert not isinstance(result, list)
        row = result.get_all()[0]
        assert isinstance(row, list)
        return str(row[0])
    finally:
        runner._readers.put(conn)


@pytest.mark.parametrize("read_threads", [1, 2])
def test_each_read_connection_uses_its_threads_and_answers_the_same(
        tmp_path: Path, read_threads: int) -> None:
    writer = LadybugRunner(tmp_path / "db")
    writer.apply_schema()
    ingest(writer, load_dataset(SEODAEMUN))
    expected = {name: writer.read(name, params) for name, params in READS}
    writer.close()

    runner = LadybugRunner(tmp_path / "db", read_connections=3, read_threads=read_threads)
    try:
        with ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(lambda i: (READS[i % 2][0], runner.read(*READS[i % 2])),
                                    range(24)))
        assert all(rows == expected[name] for name, rows in answers)
        assert _settings(runner) == str(read_threads)
    finally:
        runner.close()


def test_read_threads_cannot_be_negative(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="read_threads"):
        LadybugRunner(tmp_path / "db", read_threads=-1)
