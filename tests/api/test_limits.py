"""Every limit refuses with its own code, fast, through the real app."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from graphql import parse

from api.app import create_app
from api.execute import execute
from govgraph.settings import Settings
from graph.backends.ladybug import LadybugRunner
from schema.limits import HEAVY_COST, Limits, operation_cost
from schema.root import schema

ROOT = Path(__file__).resolve().parents[2]
REFUSED_WITHIN = 0.5
"""Seconds a refusal may take here (they take milliseconds; the margin is for a busy machine)."""


@pytest.fixture(scope="module")
def client(seodaemun_store: LadybugRunner) -> Iterator[TestClient]:
    settings = Settings(max_body_bytes=128 * 1024, max_response_bytes=20_000)
    with TestClient(create_app(seodaemun_store, settings)) as test_client:
        yield test_client


def post(client: TestClient, body: Any, **kwargs: Any) -> tuple[int, dict[str, Any], float]:
    started = time.perf_counter()
    response = client.post("/graphql", json=body, **kwargs)
    return response.status_code, response.json(), time.perf_counter() - started


def refused(client: TestClient, document: str, code: str, status: int = 200) -> None:
    got, answer, seconds = post(client, {"query": document})
    assert got == status, answer
    assert answer["data"] is None
    assert [e["extensions"]["code"] for e in answer["errors"]] == [code], answer
    assert seconds < REFUSED_WITHIN


def test_a_thousand_aliases_of_communities_are_refused_before_any_runs(
    client: TestClient,
) -> None:
    document = "{ " + " ".join(f"c{i}: communities(projection: PERSONS, resolution: "
                               f"{1 + i / 1000}) {{ modularity }}" for i in range(1000)) + " }"
    analyses = client.app.state.analyses  # type: ignore[attr-defined]
    before = analyses.computed
    refused(client, document, "TOKEN_LIMIT")  # 1,000 aliases are more than 2,000 tokens
    assert analyses.computed == before


def test_too_many_aliases_are_alias_limit(client: TestClient) -> None:
    refused(client, "{ " + " ".join(f"a{i}: __typename" for i in range(31)) + " }",
            "ALIAS_LIMIT")


def test_too_many_tokens_are_token_limit(client: TestClient) -> None:
    refused(client, "{ " + "__typename " * 2500 + "}", "TOKEN_LIMIT")


def test_too_deep_is_depth_limit(client: TestClient) -> None:
    hop = "memberships { nodes { body { members { nodes { person { "
    document = '{ person(id: "seodaemun-2021/x") { ' + hop * 3 + "id" + " } } } } } }" * 3 + " } }"
    refused(client, document, "DEPTH_LIMIT")


def test_expensive_queries_are_query_too_complex(client: TestClient) -> None:
    # 21 graph analyses cost more than the budget, whatever their answers' size
    many = "{ " + " ".join(f'b{i}: brokers(projection: BODIES, dataset: "seodaemun-2021", '
                           f"first: {i + 1}) {{ totalCount }}" for i in range(21)) + " }"
    refused(client, many, "QUERY_TOO_COMPLEX")
    # nested pages multiply: 100 people x 100 memberships x 100 members
    nested = ("{ people(first: 100) { nodes { memberships(first: 100) { nodes { body { "
              "members(first: 100) { nodes { role } } } } } } } }")
    refused(client, nested, "QUERY_TOO_COMPLEX")


def test_a_large_body_is_refused_with_413_before_it_is_read(client: TestClient) -> None:
    body = {"query": "{ __typename }", "variables": {"pad": "x" * 6_500_000}}
    status, answer, seconds = post(client, body)
    assert status == 413
    assert answer["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"
    assert seconds < 2  # the client still sends 6.5 MB here; the server refuses at once


def test_a_large_body_without_a_length_is_refused_too(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"query": "{ __typename }", "variables": {"pad": "'
        for _ in range(100):
            yield b"x" * 10_000
        yield b'"}}'

    response = client.post("/graphql", content=chunks(),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


def test_batches_are_refused_while_batching_is_off(client: TestClient) -> None:
    status, answer, seconds = post(client, [{"query": "{ __typename }"}] * 2)
    assert status == 400
    assert answer["errors"][0]["extensions"]["code"] == "BATCH_LIMIT"
    assert seconds < REFUSED_WITHIN


def test_batches_are_bounded_when_allowed(seodaemun_store: LadybugRunner) -> None:
    with TestClient(create_app(seodaemun_store, Settings(max_batch=2))) as client:
        # each operation of a batch is within the limits on its own
        status, answer, _ = post(client, [{"query": "{ __typename }"}] * 2)
        assert status == 200 and [a["data"] for a in answer] == [{"__typename": "Query"}] * 2
        status, answer, _ = post(client, [{"query": "{ __typename }"}] * 3)
        assert status == 400 and answer["errors"][0]["extensions"]["code"] == "BATCH_LIMIT"


def test_a_large_response_is_response_too_large(client: TestClient) -> None:
    # the two-mode network (316 nodes): well within the cost budget, above 20 kB
    document = ('{ network(dataset: "seodaemun-2021", maxNodes: 2000) { nodes { id label kind '
                "classification degree betweenness community } edges { source target kind } } }")
    status, answer, _ = post(client, {"query": document})
    assert status == 200, answer
    assert answer == {"data": None, "errors": [{
        "message": answer["errors"][0]["message"],
        "extensions": {"code": "RESPONSE_TOO_LARGE"}}]}


def test_the_cost_is_written_to_the_audit_log(client: TestClient,
                                              caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("INFO", logger="govgraph.audit"):
        post(client, {"query": '{ brokers(projection: BODIES, dataset: "seodaemun-2021", '
                               "first: 5) { nodes { degree } } }"})
    line = next(r.getMessage() for r in caplog.records if r.name == "govgraph.audit")
    assert line.endswith(f"cost={HEAVY_COST + 5 * 2}")  # brokers, 5 x (nodes, degree)


def test_page_size_counts_in_the_cost() -> None:
    def cost(document: str) -> int:
        return operation_cost(schema._schema, parse(document), {})

    few = cost("{ people(first: 5) { totalCount nodes { name } } }")
    many = cost("{ people(first: 100) { totalCount nodes { name } } }")
    assert (few, many) == (1 + 1 + 5 * 2, 1 + 1 + 100 * 2)
    assert cost("query ($n: Int) { people(first: $n) { nodes { name } } }") == 1 + 50 * 2


def test_every_saved_query_and_dashboard_query_fits_the_default_limits(
    seodaemun_store: LadybugRunner,
) -> None:
    documents = [p.read_text(encoding="utf-8") for p in (ROOT / "queries" / "analyst").glob(
        "*.graphql")]
    assert documents
    for document in documents:
        assert operation_cost(schema._schema, parse(document), {}) <= Limits().max_cost
        # run to the end (the resolvers are async: a synchronous run would leave them unawaited)
        answer = execute(seodaemun_store, document)
        codes = {e.get("extensions", {}).get("code") for e in answer.get("errors", [])}
        assert not codes & {"TOKEN_LIMIT", "ALIAS_LIMIT", "DEPTH_LIMIT", "QUERY_TOO_COMPLEX"}


def test_settings_defaults_are_the_schema_defaults() -> None:
    assert Settings().limits() == Limits()


def test_settings_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"MAX_TOKENS": "10", "MAX_ALIASES": "1", "MAX_DEPTH": "3",
                        "MAX_COST": "7", "MAX_BODY_BYTES": "100", "MAX_RESPONSE_BYTES": "100",
                        "MAX_BATCH": "4", "ANALYSIS_TIMEOUT": "0.5", "ANALYSIS_WORKERS": "1",
                        "ANALYSIS_QUEUE": "0", "READ_CONNECTIONS": "2"}.items():
        monkeypatch.setenv(f"GOVGRAPH_{name}", value)
    settings = Settings()
    assert json.loads(settings.model_dump_json(include={"max_tokens", "max_cost",
                                                        "analysis_timeout"})) == {
        "max_tokens": 10, "max_cost": 7, "analysis_timeout": 0.5}


NETWORK_QUERY = """query ($n: Int) { network(dataset: "d", maxNodes: $n) {
  totalNodes nodes { id kind label classification degree betweenness community }
  edges { source target kind weight } } }"""


@pytest.mark.parametrize("cap", [2000, 30_000, 1_000_000])
def test_a_network_up_to_any_node_cap_fits_the_default_cost(cap: int) -> None:
    caps = {"first": Limits().max_page_size, "maxNodes": cap}
    for asked in (cap, None):  # the whole cap, asked or by default
        cost = operation_cost(schema._schema, parse(NETWORK_QUERY), {"n": asked}, caps=caps)
        assert cost <= Limits().max_cost
    # and a smaller network costs less than the whole cap
    small = operation_cost(schema._schema, parse(NETWORK_QUERY), {"n": 10}, caps=caps)
    assert small < operation_cost(schema._schema, parse(NETWORK_QUERY), {"n": cap}, caps=caps)


def test_raising_the_node_cap_alone_serves_a_network_of_that_size(
        seodaemun_store: LadybugRunner) -> None:
    settings = Settings(network_max_nodes=50_000, max_response_bytes=2**30)
    with TestClient(create_app(seodaemun_store, settings)) as raised:
        status, answer, _ = post(raised, {"query": '{ network(dataset: "seodaemun-2021", '
                                                   "maxNodes: 50000) { nodeCap maxNodes "
                                                   "truncated nodes { id } } }"})
    assert status == 200, answer
    assert answer["data"]["network"]["nodeCap"] == 50_000
    assert answer["data"]["network"]["truncated"] is False
