"""Run GraphQL documents in-process against the Seodaemun store, on each backend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from api.execute import execute
from graph.runner import Runner

Run = Callable[..., dict[str, Any]]


@pytest.fixture(scope="module")
def gql(contract_seodaemun: Runner) -> Run:
    """Execute a document; return ``data``, failing on any error."""
    def run(document: str, **variables: Any) -> dict[str, Any]:
        response = execute(contract_seodaemun, document, variables or None)
        assert "errors" not in response, response["errors"]
        data: dict[str, Any] = response["data"]
        return data

    return run


@pytest.fixture(scope="module")
def gql_errors(contract_seodaemun: Runner) -> Run:
    """Execute a document that must fail; return its errors."""
    def run(document: str, **variables: Any) -> list[dict[str, Any]]:
        response = execute(contract_seodaemun, document, variables or None)
        assert response.get("errors"), response
        errors: list[dict[str, Any]] = response["errors"]
        return errors

    return run
