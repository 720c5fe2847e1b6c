"""The HTTP app, exercised through FastAPI itself."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import FULL_COLLECTIONS_AFTER, create_app
from graph.backends.ladybug import LadybugRunner


@pytest.fixture(scope="module")
def client(seodaemun_store: LadybugRunner) -> Iterator[TestClient]:
    with TestClient(create_app(seodaemun_store)) as test_client:
        yield test_client


def test_graphql_over_post(client: TestClient) -> None:
    response = client.post("/graphql", json={
        "query": "query ($d: String) { multiRoleConcentration(dataset: $d) { totalPeople } }",
        "variables": {"d": "seodaemun-2021"},
    })
    assert response.status_code == 200
    assert response.json() == {"data": {"multiRoleConcentration": {"totalPeople": 281}}}


def test_graphiql_is_served_to_browsers(client: TestClient) -> None:
    response = client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


def test_health_names_backend_and_datasets(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok", "backend": "ladybug",
                                            "datasets": ["seodaemun-2021"]}


def test_errors_are_graphql_errors_with_codes_and_no_trace(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "{ people(first: 1001) { totalCount } }"})
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Traceback" not in response.text and "File \"" not in response.text


def test_a_body_that_is_not_json_is_a_client_error(client: TestClient) -> None:
    response = client.post("/graphql", content=b"{nope", headers={"Content-Type":
                                                                 "application/json"})
    assert response.status_code == 400
    assert "Traceback" not in response.text


def test_what_is_alive_when_the_app_starts_is_frozen_while_it_runs(
    seodaemun_store: LadybugRunner,
) -> None:
    thresholds = gc.get_threshold()
    with TestClient(create_app(seodaemun_store)) as running:
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[2] >= FULL_COLLECTIONS_AFTER
        assert running.get("/health").status_code == 200
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds
