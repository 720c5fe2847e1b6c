"""Fixtures: a real Ladybug store on a temporary directory, empty or with the bundled data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.backends.ladybug import LadybugRunner
from ingest.package import load_dataset
from ingest.writer import ingest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEODAEMUN = DATA / "seodaemun-2021"
SEOUL = DATA / "seoul-2017"


@pytest.fixture(scope="session", autouse=True)
def _key_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep apps' key stores (and generated pseudonym secrets) out of the working tree."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GOVGRAPH_KEYS", str(tmp_path_factory.mktemp("keys") / "keys.sqlite3"))
        yield


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A four-table dataset of a made-up town (see tests/ingest/conftest.py)."""
    from tests.ingest.conftest import TINY, write_dataset

    return write_dataset(tmp_path / "riverton", TINY)


def open_store(directory: Path) -> LadybugRunner:
    runner = LadybugRunner(directory)
    runner.apply_schema()
    return runner


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LadybugRunner]:
    """An empty store of its own for one test."""
    runner = open_store(tmp_path / "db")
    yield runner
    runner.close()


@pytest.fixture(scope="module")
def seodaemun_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LadybugRunner]:
    """A store holding the bundled Seodaemun dataset, shared by the read-only tests of a module."""
    runner = open_store(tmp_path_factory.mktemp("seodaemun") / "db")
    ingest(runner, load_dataset(SEODAEMUN))
    yield runner
    runner.close()


@pytest.fixture(scope="module")
def seoul_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LadybugRunner]:
    """A store holding both bundled datasets."""
    runner = open_store(tmp_path_factory.mktemp("seoul") / "db")
    ingest(runner, load_dataset(SEOUL))
    ingest(runner, load_dataset(SEODAEMUN))
    yield runner
    runner.close()


def snapshot(runner: LadybugRunner) -> dict[str, Any]:
    """Everything the store holds, as comparable data: every node and relationship with all
    properties (by label/type and id)."""
    from graph.model import NODES, RELATIONSHIPS

    state: dict[str, Any] = {}
    with runner._lock:
        for node in NODES:
            result = runner._conn.execute(f"MATCH (n:{node.label}) RETURN n ORDER BY n.id")
            state[node.label] = [_plain(row[0]) for row in result.get_all()]
        for rel in RELATIONSHIPS:
            result = runner._conn.execute(
                f"MATCH (a)-[r:{rel.type}]->(b) RETURN a.id, r, b.id ORDER BY r.id")
            state[rel.type] = [(a, _plain(r), b) for a, r, b in result.get_all()]
    return state


def _plain(value: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in value.items() if not k.startswith("_")}
