"""Assemble the HTTP app around an open store."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from strawberry.fastapi import GraphQLRouter

import govgraph
from graph.repository import Repository
from graph.runner import Runner
from schema import schema
from schema.context import Context


def create_app(runner: Runner, *, graphiql: bool = True) -> FastAPI:
    """The govgraph app serving ``runner``'s store.

    The caller owns the runner: it is opened before and closed after the app runs.
    """
    app = FastAPI(title="govgraph", version=govgraph.__version__,
                  description="GraphQL knowledge graph of collaborative-governance networks.")

    async def context() -> Context:
        return Context(runner)

    app.include_router(GraphQLRouter(schema, context_getter=context,
                                     graphql_ide="graphiql" if graphiql else None),
                       prefix="/graphql")

    @app.get("/health", summary="Store backend and loaded datasets")
    def health() -> dict[str, Any]:
        datasets = Repository(runner).datasets()
        return {"status": "ok", "backend": runner.backend,
                "datasets": [d.id for d in datasets]}

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/graphql")

    return app
