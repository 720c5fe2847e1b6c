"""Run a GraphQL document in-process, as the HTTP endpoint would, at the ``admin`` tier.

``govgraph query`` is a local tool of whoever can open the store itself, so it
sees every name; pseudonyms need no secret here.
"""

from __future__ import annotations

import asyncio
from typing import Any

from govgraph.settings import Settings
from graph.analysis.fast import Choice
from graph.privacy import Caller, Namer, Role
from graph.runner import Runner
from schema import schema
from schema.context import Access, Audit, CentralitySettings, Context


def _admin() -> Access:
    return Access(Caller(Role.ADMIN, "local"), Namer(b"", reveal=True), Audit("local", "admin"))


def centrality_of(settings: Settings) -> CentralitySettings:
    """When centralities are exact and how they are estimated (``GOVGRAPH_CENTRALITY_*``)."""
    return CentralitySettings(Choice(exact_max_nodes=settings.centrality_exact_max_nodes,
                                     default_pivots=settings.centrality_pivots,
                                     error=settings.centrality_error),
                              max_pivots=settings.centrality_max_pivots)


def context_of(runner: Runner, settings: Settings | None = None) -> Context:
    """An ``admin`` context with the limits of ``settings`` (the defaults if None)."""
    if settings is None:
        return Context(runner, _admin())
    return Context(runner, _admin(), settings.network_max_nodes, settings.max_page_size,
                   centrality_of(settings), settings.max_table_rows)


def execute(runner: Runner, document: str, variables: dict[str, Any] | None = None,
            operation_name: str | None = None, settings: Settings | None = None,
            ) -> dict[str, Any]:
    """The JSON response body for ``document``: ``data`` and, if any, ``errors``.

    ``settings`` gives the limits (page size, centrality) as the server would apply them.
    """
    result = asyncio.run(schema.execute(document, variable_values=variables,
                                        operation_name=operation_name,
                                        context_value=context_of(runner, settings)))
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [error.formatted for error in result.errors]
    return response
