"""Fixtures: a real Ladybug store on a temporary directory, empty or with the bundled data."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest

from graph.backends.ladybug import LadybugRunner
from ingest.package import load_dataset
from ingest.writer import ingest

if TYPE_CHECKING:
    from graph.backends.neo4j import Neo4jRunner
    from graph.runner import Runner

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEODAEMUN = DATA / "seodaemun-2021"
SEOUL = DATA / "seoul-2017"
EARLY_LINT = pytest.StashKey["subprocess.Popen[str]"]()
"""Neo4j's Cypher linter, started once the tests are collected (tests/queries/linter.py)."""


def pytest_collection_finish(session: pytest.Session) -> None:
    if any(item.nodeid.endswith("test_every_statement_passes_the_neo4j_linter")
           for item in session.items):
        from tests.queries import linter

        session.config.stash[EARLY_LINT] = linter.start(linter.every_statement())


def pytest_unconfigure(config: pytest.Config) -> None:
    started = config.stash.get(EARLY_LINT, None)
    if started is not None and started.poll() is None:  # its test did not run (-x, ^C)
        started.kill()
        started.communicate()


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


# --- One contract, two backends ------------------------------------------------------------
# Tests that check answers take `contract_store`, `contract_seodaemun` or `contract_seoul`:
# each runs once on LadybugDB and once on a real Neo4j 5 (the project's launcher, `make neo4j`,
# or the server GOVGRAPH_TEST_NEO4J_URI names). Community Neo4j has one user database, so the
# tests share one server and take turns: a store holding datasets is (re)loaded when a test
# needs other contents than the server holds, and an empty store is cleared for each test.

BACKENDS = ("ladybug", "neo4j")


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def load_any(path: Path) -> Any:
    """A Data Package folder, or a Popolo JSON file."""
    if path.suffix == ".json":
        from ingest.popolo import load_popolo

        return load_popolo(path)
    return load_dataset(path)


def neo4j_holding(request: pytest.FixtureRequest, datasets: tuple[Path, ...]) -> Runner:
    """The session's Neo4j, holding ``datasets`` whenever a statement runs on it."""
    server: Neo4jServer = request.getfixturevalue("neo4j_server")
    return cast("Runner", HeldStore(server, datasets))


def any_store(backend: str, request: pytest.FixtureRequest, directory: Path) -> Runner:
    """An empty store on ``backend``: a new Ladybug directory, or the session's Neo4j cleared.

    The caller closes a Ladybug store; the Neo4j one is the session's.
    """
    if backend == "neo4j":
        server: Neo4jServer = request.getfixturevalue("neo4j_server")
        return server.empty()
    return open_store(directory)


def close_store(runner: Runner) -> None:
    """Close a store from :func:`any_store` (the session's Neo4j stays open)."""
    if runner.backend != "neo4j":
        runner.close()


class Neo4jServer:
    """The one Neo4j of the test session, and which datasets it holds."""

    def __init__(self, uri: str, user: str, password: str) -> None:
        from graph.backends.neo4j import Neo4jRunner

        self.uri, self.user, self.password = uri, user, password
        self.runner = Neo4jRunner(uri, user, password, "neo4j")
        self.runner.apply_schema()
        self.held: tuple[Path, ...] | None = None

    @staticmethod
    def settings_env_names() -> set[str]:
        """The variables :meth:`settings_env` sets."""
        return {"GOVGRAPH_BACKEND", "GOVGRAPH_NEO4J_URI", "GOVGRAPH_NEO4J_USER",
                "GOVGRAPH_NEO4J_PASSWORD", "GOVGRAPH_NEO4J_DATABASE"}

    def settings_env(self) -> dict[str, str]:
        """The ``GOVGRAPH_*`` variables that point govgraph (the CLI, an app) at this server."""
        return {"GOVGRAPH_BACKEND": "neo4j", "GOVGRAPH_NEO4J_URI": self.uri,
                "GOVGRAPH_NEO4J_USER": self.user, "GOVGRAPH_NEO4J_PASSWORD": self.password,
                "GOVGRAPH_NEO4J_DATABASE": "neo4j"}

    def empty(self) -> Neo4jRunner:
        """The server, cleared (``MATCH (n) DETACH DELETE n``)."""
        self.runner.write([("delete_everything", {})])
        self.held = None
        return self.runner

    def holding(self, datasets: tuple[Path, ...]) -> Neo4jRunner:
        """The server holding exactly ``datasets``, ingested in that order."""
        if self.held != datasets:
            self.empty()
            for path in datasets:
                ingest(self.runner, load_any(path))
            self.held = datasets
        return self.runner


class HeldStore:
    """The shared Neo4j runner, made to hold ``datasets`` again before each statement.

    A module's store of the bundled data lives as long as the module, while
    other tests in between may clear the one server; every read checks that the
    server still holds this store's datasets (a comparison of two tuples).
    """

    def __init__(self, server: Neo4jServer, datasets: tuple[Path, ...]) -> None:
        self._server, self._datasets = server, datasets
        server.holding(datasets)

    def read(self, name: str, params: Any = None) -> list[dict[str, Any]]:
        return self._server.holding(self._datasets).read(name, params)

    def write(self, batch: Any) -> None:
        self._server.holding(self._datasets).write(batch)
        self._server.held = None  # a test wrote: reload before the next one reads

    def write_rows(self, rows: Any, progress: Any = None) -> None:
        self._server.holding(self._datasets).write_rows(rows, progress)
        self._server.held = None

    def to_add_to(self) -> Neo4jRunner:
        """The server holding this store's datasets, for a test that adds to them and reads
        its additions back; the next read through this store loads the datasets again."""
        runner = self._server.holding(self._datasets)
        self._server.held = None
        return runner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._server.runner, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._server.runner, name, value)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """A Neo4j 5 server for the session: GOVGRAPH_TEST_NEO4J_URI's, or one the launcher starts.

    When it cannot be had, the Neo4j tests skip, or fail when CI=true.
    """
    from graph.backends.neo4j_local import LauncherError, LocalNeo4j
    from graph.errors import StoreUnavailableError

    def unavailable(why: str) -> None:
        message = f"no Neo4j for the Neo4j half of the contract tests: {why}"
        if _ci():
            pytest.fail(message)
        pytest.skip(message)

    uri = os.environ.get("GOVGRAPH_TEST_NEO4J_URI")
    local: LocalNeo4j | None = None
    if uri:
        user = os.environ.get("GOVGRAPH_TEST_NEO4J_USER", "neo4j")
        password = os.environ.get("GOVGRAPH_TEST_NEO4J_PASSWORD", "")
    else:
        from graph.backends.neo4j_local import JAR

        if not JAR.exists() and shutil.which("mvn"):  # `pytest` run without `make test`
            subprocess.run(["make", "neo4j"], cwd=ROOT, capture_output=True, check=False)
        log = tmp_path_factory.mktemp("neo4j") / "neo4j.log"
        try:
            local = LocalNeo4j(log=log)
        except LauncherError as exc:
            unavailable(str(exc))
        assert local is not None
        uri, user, password = local.uri, local.user, local.password
    try:
        server = Neo4jServer(uri, user, password)
    except StoreUnavailableError as exc:
        if local is not None:
            local.stop()
        unavailable(str(exc))
    try:
        yield server
    finally:
        server.runner.close()
        if local is not None:
            local.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend a contract test runs on: each such test runs on both."""
    name: str = request.param
    return name


@pytest.fixture
def contract_store(backend: str, tmp_path: Path,
                   request: pytest.FixtureRequest) -> Iterator[Runner]:
    """An empty store of its own for one test, on each backend."""
    if backend == "neo4j":
        server: Neo4jServer = request.getfixturevalue("neo4j_server")
        yield server.empty()
        server.held = None
        return
    runner = open_store(tmp_path / "db")
    yield runner
    runner.close()


def _held(backend: str, request: pytest.FixtureRequest, ladybug_fixture: str,
          datasets: tuple[Path, ...]) -> Runner:
    if backend == "neo4j":
        return neo4j_holding(request, datasets)
    runner: Runner = request.getfixturevalue(ladybug_fixture)
    return runner


@pytest.fixture(scope="module")
def contract_seodaemun(backend: str, request: pytest.FixtureRequest) -> Runner:
    """A store holding the bundled Seodaemun dataset, on each backend (read-only tests)."""
    return _held(backend, request, "seodaemun_store", (SEODAEMUN,))


@pytest.fixture(scope="module")
def contract_seoul(backend: str, request: pytest.FixtureRequest) -> Runner:
    """A store holding both bundled datasets, on each backend (read-only tests)."""
    return _held(backend, request, "seoul_store", (SEOUL, SEODAEMUN))
