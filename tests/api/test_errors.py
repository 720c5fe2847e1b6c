"""Every HTTP route answers errors in one shape: {"errors": [{"message", "extensions"}]}."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.backends.ladybug import LadybugRunner


@pytest.fixture(scope="module")
def client(seodaemun_store: LadybugRunner) -> Iterator[TestClient]:
    with TestClient(create_app(seodaemun_store), raise_server_exceptions=False) as test_client:
        yield test_client


def one_error(body: object) -> dict[str, object]:
    assert isinstance(body, dict)
    assert set(body) == {"errors"}, body
    [error] = body["errors"]
    assert set(error) == {"message", "extensions"} and error["message"]
    assert set(error["extensions"]) == {"code"}
    return dict(error)


@pytest.mark.parametrize(("method", "url", "status", "code"), [
    ("GET", "/nowhere", 404, "NOT_FOUND"),
    ("POST", "/health", 405, "METHOD_NOT_ALLOWED"),
    ("GET", "/export/network.csv", 400, "BAD_USER_INPUT"),  # dataset missing
    ("GET", "/export/network.pdf?dataset=x", 400, "BAD_USER_INPUT"),
    ("GET", "/export/ego.csv?id=seodaemun-2021/nobody", 404, "NOT_FOUND"),
    ("GET", "/export/popolo/seodaemun-2021.json", 403, "FORBIDDEN"),
])
def test_http_routes_answer_one_error_shape(client: TestClient, method: str, url: str,
                                            status: int, code: str) -> None:
    response = client.request(method, url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert one_error(response.json())["extensions"] == {"code": code}


def test_graphql_errors_keep_data_null(client: TestClient) -> None:
    response = client.post("/graphql", content=b"{nope",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    body = response.json()
    assert body["data"] is None and body["errors"][0]["extensions"]["code"]


def test_what_the_store_says_is_logged_under_an_id_and_only_the_id_is_answered(
    seodaemun_store: LadybugRunner, caplog: pytest.LogCaptureFixture,
) -> None:
    from graphql import GraphQLError

    from graph.errors import QueryFailedError
    from schema.errors import classify

    with pytest.raises(QueryFailedError) as failed:  # the engine's own words, for real
        seodaemun_store.read("people_by_ids", {"ids": 5})
    with caplog.at_level(logging.ERROR):
        error = classify(GraphQLError("x", path=["person"], original_error=failed.value))
    assert error.extensions == {"code": "STORE_ERROR"}
    match = re.fullmatch(r"the store could not answer this request \(error id ([0-9a-f]{12})\)",
                         error.message)
    assert match is not None, error.message
    logged = [r.getMessage() for r in caplog.records if match.group(1) in r.getMessage()]
    assert logged and "people_by_ids" in logged[0] and "Binder exception" in logged[0]


def test_a_lone_surrogate_never_reaches_the_store(seodaemun_store: LadybugRunner) -> None:
    from api.execute import execute

    # over HTTP it is refused with the body (see test_bodycheck); in-process, at the runner
    answer = execute(seodaemun_store, "query ($i: ID!) { person(id: $i) { name } }",
                     {"i": "\ud800"})
    [error] = answer["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "lone surrogate" in error["message"] and "people_by_ids" not in error["message"]


@pytest.mark.parametrize("body", [b'{"qmery": "{ __typename }"}', b"{}"])
def test_a_graphql_body_without_a_query_gets_a_code_too(client: TestClient, body: bytes) -> None:
    response = client.post("/graphql", content=body,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"data": None, "errors": [{
        "message": "No GraphQL query found in the request",
        "extensions": {"code": "BAD_REQUEST"}}]}


def test_http_routes_answer_a_store_failure_with_its_id_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from api.errors import http_status, public_message
    from graph.errors import QueryFailedError

    failure = QueryFailedError("statement datasets failed: IO exception: disk")
    with caplog.at_level(logging.ERROR):
        message = public_message(failure)
    assert http_status(failure) == (500, {}) and "disk" not in message and "datasets" not in message
    error_id = message.rsplit(" ", 1)[-1].rstrip(")")
    assert any(error_id in r.getMessage() and "disk" in r.getMessage() for r in caplog.records)
