"""Assemble the HTTP app around an open store."""

from __future__ import annotations

import gc
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any
from weakref import WeakSet

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.types.unset import UnsetType

import govgraph
from api import errors
from api.bodycheck import BodyCheck
from api.cache import ResponseCache
from api.execute import context_of
from api.limits import RequestLimits
from api.openapi import document
from api.routers import dashboard, exports, guide
from api.security.audit import protect
from api.security.auth import AuthenticationError, Authenticator, JwksCache, OidcVerifier
from api.security.keys import KeyStore
from api.serving import BodyDeadline
from govgraph.settings import Settings
from graph import edits
from graph.analysis import cache as analysis_cache
from graph.analysis.jobs import AnalysisPool
from graph.analysis.lane import AggregationLane
from graph.privacy import Caller
from graph.repository import Repository
from graph.runner import Runner
from schema.context import Access, Context
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
    aggregations = AggregationLane(settings.aggregation_threads,
                                   settings.aggregation_caller_share,
                                   settings.aggregation_caller_waiting, settings.aggregation_wait)

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
        # A thread computing an aggregation hands the interpreter over this often, so the
        # event loop's next request does not wait Python's default 5 ms at each step.
        switch = sys.getswitchinterval()
        sys.setswitchinterval(settings.switch_interval)
        try:
            yield
        finally:
            sys.setswitchinterval(switch)
            gc.set_threshold(*thresholds)
            gc.unfreeze()
            analyses.close()
            aggregations.close()

    app = FastAPI(title="govgraph", version=govgraph.__version__,
                  description="GraphQL knowledge graph of collaborative-governance networks.",
                  docs_url=None, redoc_url=None,  # /docs: local assets (api/routers/dashboard.py)
                  lifespan=lifespan)

    analysis_cache.set_limits(runner, settings.analysis_cache_bytes,
                              settings.analysis_cache_entries)
    app.state.runner = runner
    app.state.settings = settings
    app.state.analyses = analyses
    app.state.aggregations = aggregations

    keys = KeyStore(settings.keys)
    secret = (settings.pseudonym_secret.get_secret_value().encode()
              or keys.secret("pseudonym"))
    oidc = (OidcVerifier(settings.oidc_issuer, settings.oidc_audience, settings.oidc_jwks_url,
                         settings.oidc_role_claim,
                         JwksCache(settings.oidc_jwks_url, settings.oidc_jwks_timeout,
                                   settings.oidc_jwks_refresh, settings.oidc_jwks_retry))
            if settings.oidc_issuer else None)
    app.add_middleware(ResponseCache, runner=runner,  # inside authentication: keyed by role
                       max_bytes=settings.response_cache_bytes)
    # bytes checked before anything parses them, inside the audit (a refusal is logged)
    app.add_middleware(BodyCheck, max_depth=settings.max_json_depth)
    authenticator = Authenticator(keys, settings.anonymous, oidc)
    protect(app, authenticator, runner, secret)

    limits = context_of(runner, settings)
    unauthenticated_sockets: WeakSet[Context] = WeakSet()
    """WebSockets opened without credentials while anonymous access is off."""
    edits.feed(runner).limit = settings.max_subscribers

    async def context(request: HTTPConnection) -> Context:
        access = getattr(request.state, "access", None)
        credentials_needed = False
        if access is None:  # a WebSocket: no HTTP middleware ran (see _LiveRouter)
            header = request.headers.get("authorization")
            try:
                caller = await run_in_threadpool(authenticator.authenticate, header)
            except AuthenticationError:
                if header:
                    raise
                caller, credentials_needed = Caller(), True  # due in connection_init
            access = Access.of(caller, runner, secret)
        asker = caller_of(request, access)
        made = Context(runner, access, limits.network_cap, limits.max_page_size,
                       limits.centrality, limits.max_table_rows,
                       analyses.for_request(asker), aggregations.for_caller(asker))
        made.connection_params = None  # strawberry sets it from connection_init
        if credentials_needed:
            unauthenticated_sockets.add(made)
        return made

    errors.install(app)  # one error shape for every route (api/errors.py)

    app.include_router(_LiveRouter(
        _schema(settings), context_getter=context, graphql_ide="graphiql" if graphiql else None,
        max_response_bytes=settings.max_response_bytes, authenticator=authenticator,
        runner=runner, secret=secret, unauthenticated=unauthenticated_sockets),
        prefix="/graphql")
    app.include_router(exports.router)
    dashboard.mount(app, settings)
    guide.mount(app)
    app.add_middleware(RequestLimits, max_body=settings.max_body_bytes,  # outermost
                       max_batch=settings.max_batch)
    app.add_middleware(BodyDeadline, seconds=settings.body_timeout)  # slow bodies: 408

    @app.get("/health", summary="Store backend and loaded datasets")
    def health() -> dict[str, Any]:
        datasets = Repository(runner).datasets()
        return {"status": "ok", "backend": runner.backend,
                "datasets": [d.id for d in datasets]}

    document(app)
    return app


def caller_of(request: HTTPConnection, access: Access | None = None) -> str:
    """Whose share of the analysis pool a request uses: its API key or token, or the
    client's address when it is anonymous (``access`` defaults to the request's own)."""
    access = access or getattr(request.state, "access", None)
    if access is not None and access.caller.key_id != "-":
        return f"key:{access.caller.key_id}"
    return f"address:{request.client.host if request.client else '-'}"


class _TextWebSocket(ASGIWebSocketAdapter):
    """Sends every message as a text frame: the router encodes JSON as bytes (orjson), and
    graphql-transport-ws clients (browsers' ``graphql-ws``) read only text frames."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        encoded = self.view.encode_json(message)
        try:
            await self.ws.send_text(encoded.decode() if isinstance(encoded, bytes) else encoded)
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


class _LiveRouter(dashboard.LocalGraphiQLRouter):
    """The GraphQL router; a WebSocket (subscriptions) may authenticate in its
    ``connection_init`` payload (``{"authorization": "Bearer ..."}``), since a browser
    cannot set headers on one. Without it, the upgrade request's header decides."""

    websocket_adapter_class = _TextWebSocket

    def __init__(self, *args: Any, authenticator: Authenticator, runner: Runner,
                 secret: bytes, unauthenticated: WeakSet[Context], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._authenticator, self._runner, self._secret = authenticator, runner, secret
        self._unauthenticated = unauthenticated

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        params = getattr(context, "connection_params", None)
        header = None
        if isinstance(params, dict):
            header = params.get("authorization") or params.get("Authorization")
        if not isinstance(header, str):
            if context in self._unauthenticated:  # anonymous access is off
                raise ConnectionRejectionError({"code": AuthenticationError.code})
            return UnsetType()  # an acknowledgement without a payload (null is refused by clients)
        try:
            caller = await run_in_threadpool(self._authenticator.authenticate, header)
        except AuthenticationError as exc:
            raise ConnectionRejectionError({"code": exc.code}) from exc
        context.access = Access.of(caller, self._runner, self._secret)
        self._unauthenticated.discard(context)
        return UnsetType()


def _schema(settings: Settings) -> GovgraphSchema:
    """The schema with the settings' limits (the module's own if they are the defaults)."""
    limits = settings.limits()
    if limits == Limits() and settings.max_batch <= 1:
        return schema
    return make_schema(limits, settings.max_batch)
