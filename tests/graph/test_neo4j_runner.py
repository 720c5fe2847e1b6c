"""The Neo4j runner's configuration: a clear error without a server, and docker compose
configured as the tests run it."""

from __future__ import annotations

import re

import pytest

from govgraph.settings import Settings
from graph.errors import StoreUnavailableError
from graph.store import open_runner
from tests.conftest import ROOT, Neo4jServer


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
