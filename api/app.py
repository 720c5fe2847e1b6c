"""Assemble the HTTP app around an open store."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import govgraph
from api.cache import ResponseCache
from api.execute import context_of
from api.limits import RequestLimits
from api.routers import dashboard, exports
from api.security.audit import protect
from api.security.auth import Authenticator, ForbiddenError, OidcVerifier
from api.security.keys import KeyStore
from govgraph.settings import Settings
from graph.analysis import cache as analysis_cache
from graph.analysis.jobs import AnalysisPool
from graph.errors import (
    AnalysisTimeoutError,
    CallerShareError,
    GovgraphError,
    NotFoundError,
    OverloadedError,
    StoreLockedError,
    StoreUnavailableError,
)
from graph.repository import Repository
from graph.runner import Runner
from schema.context import Context
from schema.limits import Limits
from schema.root import GovgraphSchema, make_schema, schema

FULL_COLLECTIONS_AFTER = 100
"""Collections of the middle generation between two of the whole heap while the app runs
(Python's default: 10)."""


def create_app(runner: Runner, settings: Settings | None = None) -> FastAPI:
    """The govgraph app serving ``runner``'s store, configured by ``settings``.

    The caller owns the runner: it is opened before and closed after the app runs.
    The app owns its pool of analysis workers (``app.state.analyses``), started on
    the first graph analysis and stopped when the app shuts down.
    ``settings`` defaults to the ``GOVGRAPH_*`` environment.
    """
    settings = settings or Settings()
    graphiql = settings.graphiql
    analyses = AnalysisPool(settings.analysis_workers, settings.analysis_queue,
                            settings.analysis_timeout, settings.analysis_caller_share,
                            settings.analysis_request_share, settings.analysis_wait)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # What is alive once the app is built (modules, the schema, caches) stays alive:
        # frozen, the garbage collector stops walking it again and again while a large
        # answer's objects pile up (a third of a large request's time otherwise); and
        # whole-heap collections come after 100 rather than 10 younger ones, since a
        # large answer's objects all live until it is sent.
        gc.collect()
        gc.freeze()
        thresholds = gc.get_threshold()
        gc.set_threshold(*thresholds[:2], max(thresholds[2], FULL_COLLECTIONS_AFTER))
        try:
            yield
        finally:
            gc.set_threshold(*thresholds)
            gc.unfreeze()
            analyses.close()

    app = FastAPI(title="govgraph", version=govgraph.__version__,
                  description="GraphQL knowledge graph of collaborative-governance networks.",
                  docs_url=None, redoc_url=None,  # /docs: local assets (api/routers/dashboard.py)
                  lifespan=lifespan)

    analysis_cache.set_limits(runner, settings.analysis_cache_bytes,
                              settings.analysis_cache_entries)
    app.state.runner = runner
    app.state.settings = settings
    app.state.analyses = analyses

    keys = KeyStore(settings.keys)
    secret = (settings.pseudonym_secret.get_secret_value().encode()
              or keys.secret("pseudonym"))
    oidc = (OidcVerifier(settings.oidc_issuer, settings.oidc_audience, settings.oidc_jwks_url,
                         settings.oidc_role_claim) if settings.oidc_issuer else None)
    app.add_middleware(ResponseCache, runner=runner,  # inside authentication: keyed by role
                       max_bytes=settings.response_cache_bytes)
    protect(app, Authenticator(keys, settings.anonymous, oidc), runner, secret)

    limits = context_of(runner, settings)

    async def context(request: Request) -> Context:
        return Context(runner, request.state.access, limits.network_cap, limits.max_page_size,
                       limits.centrality, limits.max_table_rows,
                       analyses.for_request(caller_of(request)))

    @app.exception_handler(GovgraphError)
    async def govgraph_error(_: Request, exc: GovgraphError) -> JSONResponse:
        status, headers = http_status(exc)
        return JSONResponse({"error": {"code": exc.code, "message": str(exc)}},
                            status_code=status, headers=headers)

    app.include_router(dashboard.LocalGraphiQLRouter(
        _schema(settings), context_getter=context, graphql_ide="graphiql" if graphiql else None,
        max_response_bytes=settings.max_response_bytes), prefix="/graphql")
    app.include_router(exports.router)
    dashboard.mount(app, settings)
    app.add_middleware(RequestLimits, max_body=settings.max_body_bytes,  # outermost
                       max_batch=settings.max_batch)

    @app.get("/health", summary="Store backend and loaded datasets")
    def health() -> dict[str, Any]:
        datasets = Repository(runner).datasets()
        return {"status": "ok", "backend": runner.backend,
                "datasets": [d.id for d in datasets]}

    return app


def caller_of(request: Request) -> str:
    """Whose share of the analysis pool a request uses: its API key or token, or the
    client's address when it is anonymous."""
    access = getattr(request.state, "access", None)
    key_id = access.caller.key_id if access is not None else "-"
    if key_id != "-":
        return f"key:{key_id}"
    return f"address:{request.client.host if request.client else '-'}"


def http_status(exc: GovgraphError) -> tuple[int, dict[str, str]]:
    """The HTTP status (and headers) of an error answered outside GraphQL."""
    retry = ({"Retry-After": str(exc.retry_after)}
             if isinstance(exc, OverloadedError) and exc.retry_after else {})
    if isinstance(exc, CallerShareError):
        return 429, retry
    if isinstance(exc, (OverloadedError, StoreLockedError, StoreUnavailableError)):
        return 503, retry
    if isinstance(exc, AnalysisTimeoutError):
        return 504, {}
    if isinstance(exc, NotFoundError):
        return 404, {}
    if isinstance(exc, ForbiddenError):
        return 403, {}
    return 400, {}


def _schema(settings: Settings) -> GovgraphSchema:
    """The schema with the settings' limits (the module's own if they are the defaults)."""
    limits = settings.limits()
    if limits == Limits() and settings.max_batch <= 1:
        return schema
    return make_schema(limits, settings.max_batch)
