"""Run a GraphQL document in-process, as the HTTP endpoint would."""

from __future__ import annotations

import asyncio
from typing import Any

from graph.runner import Runner
from schema import schema
from schema.context import Context


def execute(runner: Runner, document: str, variables: dict[str, Any] | None = None,
            operation_name: str | None = None) -> dict[str, Any]:
    """The JSON response body for ``document``: ``data`` and, if any, ``errors``."""
    result = asyncio.run(schema.execute(document, variable_values=variables,
                                        operation_name=operation_name,
                                        context_value=Context(runner)))
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [error.formatted for error in result.errors]
    return response
