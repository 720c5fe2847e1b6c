"""Hostile bytes are refused before anything parses them: HTTP 400, BAD_REQUEST_BODY, no trace."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.bodycheck import depth_exceeds
from govgraph.settings import Settings
from graph.backends.ladybug import LadybugRunner

QUERY = b'{ __typename }'


@pytest.fixture(scope="module")
def client(seodaemun_store: LadybugRunner) -> Iterator[TestClient]:
    with TestClient(create_app(seodaemun_store, Settings(max_json_depth=8)),
                    raise_server_exceptions=False) as test_client:
        yield test_client


HOSTILE = {
    "a stray byte": b'{"query":"{ __typename }\xff"}',
    "an overlong NUL": b'{"query":"{ __typename }\xc0\x80"}',
    "an encoded surrogate": b'{"query":"{ __typename }","operationName":"\xed\xa0\x80"}',
    "a lone surrogate escape as operationName":
        b'{"query":"{ __typename }","operationName":"\\ud800"}',
    "a lone low surrogate escape": b'{"query":"{ __typename }","operationName":"\\udc00x"}',
    "a lone surrogate escape in a variable":
        b'{"query":"query($i: ID!) { person(id: $i) { name } }","variables":{"i":"\\ud800"}}',
    "a lone surrogate escape in a name filter":
        b'{"query":"{ people(first: 1, filter: {name: \\"\\ud800\\"}) { totalCount } }"}',
    "arrays 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "objects 5,000 deep in variables": (b'{"query":"{ __typename }","variables":'
                                        + b'{"a":' * 5000 + b"1" + b"}" * 5001),
    "variables just past the depth setting": (b'{"query":"{ __typename }","variables":'
                                              + b'{"a":' * 7 + b"[1]" + b"}" * 8),
    "a truncated body": b'{"query":"{ __typename }"',
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_graphql_bodies_are_400_bad_request_body_without_a_trace(
    client: TestClient, body: bytes, caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG):
        response = client.post("/graphql", content=body,
                               headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["data"] is None
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST_BODY"
    assert "Traceback" not in caplog.text and "Traceback" not in response.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_message_says_what_is_wrong(client: TestClient) -> None:
    def message(body: bytes) -> str:
        response = client.post("/graphql", content=body,
                               headers={"Content-Type": "application/json"})
        return str(response.json()["errors"][0]["message"])

    assert "not valid UTF-8" in message(HOSTILE["a stray byte"])
    assert "surrogate" in message(HOSTILE["a lone surrogate escape as operationName"])
    assert "8 levels deep (GOVGRAPH_MAX_JSON_DEPTH)" in message(HOSTILE["arrays 100,000 deep"])


def test_well_formed_requests_pass_untouched(client: TestClient) -> None:
    # 8 levels: the body, its variables and five objects in them, and a list
    within = (b'{"query":"{ __typename }","variables":' + b'{"a":' * 6 + b"[1]" + b"}" * 7)
    pair = b'{"query":"{ __typename }","operationName":null,"variables":{"x":"\\ud83d\\ude00"}}'
    for body in (within, pair, '{"query":"{ __typename }","variables":{"x":"서대문"}}'.encode()):
        response = client.post("/graphql", content=body,
                               headers={"Content-Type": "application/json"})
        assert response.status_code == 200, response.text
        assert response.json() == {"data": {"__typename": "Query"}}


def test_a_lone_surrogate_escape_inside_an_escaped_backslash_is_just_text(
    client: TestClient,
) -> None:
    body = b'{"query":"{ __typename }","variables":{"x":"\\\\ud800"}}'
    assert client.post("/graphql", content=body,
                       headers={"Content-Type": "application/json"}).status_code == 200


@pytest.mark.parametrize("url", [
    "/export/network.csv?dataset=%ED%A0%80",
    "/export/network.csv?dataset=%FF",
    "/export/popolo/%C0%80.json",
    "/graphql?query=%7B__typename%7D&variables=%7B%22a%22%3A%22%5Cud800%22%7D",
    "/graphql?query=%7B__typename%7D&variables=" + "%5B" * 50 + "%5D" * 50,
    "/health?x=%E0%80%80",
])
def test_hostile_bytes_in_a_path_or_query_string_are_refused_on_every_route(
    client: TestClient, url: str,
) -> None:
    response = client.get(url, headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST_BODY"


@pytest.mark.parametrize("path", ["/export/network.csv?dataset=x", "/health", "/nowhere"])
def test_hostile_bodies_are_refused_on_every_route(client: TestClient, path: str) -> None:
    response = client.post(path, content=b'{"a":"\xff"}',
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"errors": [{
        "message": response.json()["errors"][0]["message"],
        "extensions": {"code": "BAD_REQUEST_BODY"}}]}


def test_depth_is_counted_without_recursion() -> None:
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]
    assert depth_exceeds(deep, 32)
    assert not depth_exceeds({"a": [{"b": 1}]}, 3)
    assert depth_exceeds({"a": [{"b": []}]}, 3)
    assert not depth_exceeds("text", 1)


@pytest.mark.parametrize(("body", "reason"), [
    (b"null", "is a JSON object"), (b"5", "is a JSON object"), (b'"{ __typename }"',
                                                                 "is a JSON object"),
    (b'{"query": 5}', "query must be a string"),
    (b'{"query": "{ __typename }", "variables": []}', "variables must be an object or null"),
    (b'{"query": "{ __typename }", "operationName": {}}', "operationName must be a string"),
])
def test_a_graphql_body_of_the_wrong_shape_is_refused(client: TestClient, body: bytes,
                                                      reason: str) -> None:
    response = client.post("/graphql", content=body,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST_BODY" and reason in error["message"]


def test_a_refusal_gets_its_audit_line(client: TestClient,
                                       caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="govgraph.audit"):
        client.post("/graphql", content=HOSTILE["a stray byte"],
                    headers={"Content-Type": "application/json"})
    [line] = [r.getMessage() for r in caplog.records if r.name == "govgraph.audit"]
    assert line.startswith("key=- role=public op=POST /graphql status=400")
