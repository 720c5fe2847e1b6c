"""Run a GraphQL document in-process, as the HTTP endpoint would, at the ``admin`` tier.

``govgraph query`` is a local tool of whoever can open the store itself, so it
sees every name; pseudonyms need no secret here.
"""

from __future__ import annotations

import asyncio
from typing import Any

from graph.privacy import Caller, Namer, Role
from graph.runner import Runner
from schema import schema
from schema.context import Access, Audit, Context


def _admin() -> Access:
    return Access(Caller(Role.ADMIN, "local"), Namer(b"", reveal=True), Audit("local", "admin"))


def execute(runner: Runner, document: str, variables: dict[str, Any] | None = None,
            operation_name: str | None = None) -> dict[str, Any]:
    """The JSON response body for ``document``: ``data`` and, if any, ``errors``."""
    result = asyncio.run(schema.execute(document, variable_values=variables,
                                        operation_name=operation_name,
                                        context_value=Context(runner, _admin())))
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [error.formatted for error in result.errors]
    return response
