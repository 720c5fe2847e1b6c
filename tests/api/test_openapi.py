"""/docs describes every route with a summary and says how to authorise."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.backends.ladybug import LadybugRunner


@pytest.fixture(scope="module")
def spec(seodaemun_store: LadybugRunner) -> Iterator[dict[str, Any]]:
    with TestClient(create_app(seodaemun_store)) as client:
        yield client.get("/openapi.json").json()


def test_every_route_has_a_summary_of_its_own(spec: dict[str, Any]) -> None:
    operations = [(path, method, operation) for path, item in spec["paths"].items()
                  for method, operation in item.items()]
    assert {path for path, _, _ in operations} >= {"/graphql", "/health"}
    for path, method, operation in operations:
        summary = operation.get("summary", "")
        assert summary and not summary.startswith("Handle"), (method, path, summary)


def test_bearer_authorisation_is_declared_and_optional(spec: dict[str, Any]) -> None:
    schemes = spec["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["bearer"].items()
    assert spec["security"] == [{"bearer": []}, {}]


def test_the_export_takes_projection_and_marks_mode_deprecated(spec: dict[str, Any]) -> None:
    parameters = {p["name"]: p for p in spec["paths"]["/export/network.{fmt}"]["get"]
                  ["parameters"]}
    assert "projection" in parameters
    assert parameters["mode"].get("deprecated") is True
