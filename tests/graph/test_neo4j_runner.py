"""The Neo4j runner: a clear error without a server, docker compose configured as the tests
run it, and reads that give the same rows however they travel."""

from __future__ import annotations

import re
from datetime import date

import pytest

from govgraph.settings import Settings
from graph.backends.neo4j import Columns, Neo4jRunner
from graph.errors import StoreUnavailableError
from graph.filters import DateWindow
from graph.store import open_runner
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.conftest import ROOT, Neo4jServer

SEODAEMUN = ROOT / "data" / "seodaemun-2021"


def test_an_unreachable_server_is_a_clear_store_error() -> None:
    settings = Settings(backend="neo4j", neo4j_uri="bolt://127.0.0.1:9")
    with pytest.raises(StoreUnavailableError, match=r"cannot reach Neo4j at bolt://127\.0\.0\.1:9"):
        open_runner(settings)


def test_a_wrong_password_is_a_clear_store_error(neo4j_server: Neo4jServer) -> None:
    if not neo4j_server.password:
        pytest.skip("GOVGRAPH_TEST_NEO4J_URI names a server without authentication")
    settings = Settings(backend="neo4j", neo4j_uri=neo4j_server.uri,
                        neo4j_password="not-the-password")
    with pytest.raises(StoreUnavailableError, match="cannot reach Neo4j at"):
        open_runner(settings)


def test_the_settings_the_tests_use_open_the_server(
        neo4j_server: Neo4jServer, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in neo4j_server.settings_env().items():
        monkeypatch.setenv(name, value)
    runner = open_runner(Settings())
    try:
        assert runner.backend == "neo4j"
        assert runner.read("datasets", {}) is not None
    finally:
        runner.close()


def test_docker_compose_configures_the_api_as_the_tests_configure_govgraph() -> None:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    api = text[text.index("\n  api:"):]
    env = dict(re.findall(r"^\s+(GOVGRAPH_NEO4J_\w+|GOVGRAPH_BACKEND):\s*(\S+)", api, re.M))
    tested = Neo4jServer.settings_env_names()
    assert set(env) == tested
    assert env["GOVGRAPH_BACKEND"] == "neo4j"
    assert env["GOVGRAPH_NEO4J_URI"].startswith("bolt://neo4j:")
    assert env["GOVGRAPH_NEO4J_DATABASE"] == Settings().neo4j_database
    image = re.search(r"image:\s*neo4j:(\d+\.\d+)-community", text)
    pom = (ROOT / "neo4j-launcher" / "pom.xml").read_text(encoding="utf-8")
    tested_version = re.search(r"<neo4j.version>(\d+\.\d+)\.\d+</neo4j.version>", pom)
    assert image is not None and tested_version is not None
    assert image.group(1) == tested_version.group(1)  # the line the tests run


def test_reads_after_the_first_give_its_rows_in_its_order(neo4j_server: Neo4jServer) -> None:
    """The first read of a statement comes row by row; later reads come collected into one
    record, with dates sent as text. The rows, their order and their types are the same."""
    ingest(neo4j_server.empty(), load_dataset(SEODAEMUN))
    neo4j_server.held = None
    runner = Neo4jRunner(neo4j_server.uri, neo4j_server.user, neo4j_server.password, "neo4j")
    try:
        bodies = [row["id"] for row in runner.read("bodies_list", {
            "dataset": "", "name": "", "classifications": [], "skip": 0, "limit": 10_000})]
        window = DateWindow.as_of(None)
        params = {"ids": bodies, "from": window.start, "to": window.end, "roles": [],
                  "member_categories": [], "sep": "/"}
        first = runner.read("memberships_of_bodies", params)
        sent = runner.round_trips
        later = [runner.read("memberships_of_bodies", params) for _ in range(2)]
    finally:
        runner.close()
    assert len(first) > 30
    assert any(isinstance(row["start_date"], date) for row in first)
    assert later == [first, first]
    assert [type(value) for value in later[1][0].values()] == [
        type(value) for value in first[0].values()]
    assert runner.round_trips == sent + 2


def test_a_column_is_sent_as_text_only_if_it_held_dates_and_nothing_else() -> None:
    columns = Columns.of(["day", "mixed", "empty", "name"], [
        {"day": date(2020, 1, 2), "mixed": date(2020, 1, 2), "empty": None, "name": "a"},
        {"day": None, "mixed": "2020-01-02", "empty": None, "name": "2020-01-02"},
    ])
    assert columns.dates == {"day"}
    assert columns.decode([["2021-03-04", "2021-03-04", None, "2021-03-04"],
                           [None, 5, None, "x"], ["not a date", None, None, None]]) == [
        {"day": date(2021, 3, 4), "mixed": "2021-03-04", "empty": None, "name": "2021-03-04"},
        {"day": None, "mixed": 5, "empty": None, "name": "x"},
        {"day": "not a date", "mixed": None, "empty": None, "name": None},
    ]
