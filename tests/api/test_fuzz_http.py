"""Fuzzing every HTTP route with raw bytes and JSON shapes: no 5xx, no traceback, a code always."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from urllib.parse import quote_from_bytes

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from govgraph.settings import Settings
from graph.backends.ladybug import LadybugRunner

ROUTES = ["/graphql", "/health", "/export/network.csv?dataset=seodaemun-2021",
          "/export/ego.gexf?id=seodaemun-2021/council", "/export/popolo/seodaemun-2021.json",
          "/dashboard", "/docs", "/nowhere", "/static/nothing.js"]
DOCUMENTS = ["{ __typename }", "query ($id: ID!) { person(id: $id) { name } }",
             "query ($f: PersonFilter) { people(first: 2, filter: $f) { totalCount } }",
             "query ($d: String!) { multiRoleConcentration(dataset: $d) { totalPeople } }",
             "{ people(first: 1) { totalCount } }", "mutation { nothing }", "{"]
FUZZ = settings(max_examples=300, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


class Records(logging.Handler):
    """Every log record, to look for tracebacks and errors."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def records() -> Iterator[Records]:
    handler = Records()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture(scope="module")
def client(seodaemun_store: LadybugRunner, records: Records) -> Iterator[TestClient]:
    with TestClient(create_app(seodaemun_store, Settings(max_json_depth=16)),
                    raise_server_exceptions=False) as test_client:
        yield test_client


def check(response: object, records: Records) -> None:
    from httpx import Response

    assert isinstance(response, Response)
    assert response.status_code < 500, (response.status_code, response.text[:500])
    if response.status_code >= 400 or (response.headers.get("content-type", "").startswith(
            "application/json") and b'"errors"' in response.content[:20000]):
        body = response.json()
        assert body["errors"], body
        for error in body["errors"]:
            assert error["extensions"]["code"], error
            assert "Traceback" not in error["message"]
    troubles = [r for r in records.records if r.exc_info or r.levelno >= logging.ERROR]
    records.records.clear()
    assert not troubles, [r.getMessage() for r in troubles]


characters = st.characters(exclude_categories=())  # surrogates included
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(
    characters, max_size=20)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(characters, max_size=8), inner, max_size=4), max_leaves=30)
bodies = st.fixed_dictionaries({}, optional={
    "query": st.sampled_from(DOCUMENTS) | st.text(characters, max_size=60) | values,
    "variables": st.fixed_dictionaries({}, optional={
        "id": values, "f": values, "d": values}) | values,
    "operationName": st.none() | st.text(characters, max_size=10) | values,
    "extensions": values,
}) | values


@FUZZ
@given(route=st.sampled_from(ROUTES), body=st.binary(max_size=400),
       content_type=st.sampled_from(["application/json", "text/plain",
                                     "application/graphql", "multipart/form-data", ""]))
def test_raw_bytes_to_every_route(client: TestClient, records: Records, route: str,
                                  body: bytes, content_type: str) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    check(client.post(route, content=body, headers=headers), records)


@FUZZ
@given(route=st.sampled_from(ROUTES), body=bodies)
def test_json_shapes_to_every_route(client: TestClient, records: Records, route: str,
                                    body: object) -> None:
    # ensure_ascii: a lone surrogate goes as a "\\ud800" escape, as an attacker would send it
    content = json.dumps(body, ensure_ascii=True).encode()
    check(client.post(route, content=content, headers={"Content-Type": "application/json"}),
          records)


@FUZZ
@given(route=st.sampled_from(ROUTES), name=st.sampled_from(["dataset", "id", "maxNodes",
                                                            "query", "variables", "mode",
                                                            "asOf", "depth", "part"]),
       value=st.binary(max_size=60))
def test_raw_query_strings_to_every_route(client: TestClient, records: Records, route: str,
                                          name: str, value: bytes) -> None:
    separator = "&" if "?" in route else "?"
    url = f"{route}{separator}{name}={quote_from_bytes(value, safe='')}"
    check(client.get(url, headers={"Accept": "application/json"}), records)
