"""Authenticate every HTTP request and log it to ``govgraph.audit``.

One line per request: key id (never the token), role, operation (the GraphQL
operation, or the route template, never a query string), status, duration in
milliseconds and cost. The cost is ``-`` until a query-cost limit fills
``Audit.cost`` (see :class:`schema.context.Audit`). Person names and
argument values are never logged.
"""

from __future__ import annotations

import logging
import re
import time

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response
from api.security.auth import AuthenticationError, Authenticator
from graph.runner import Runner
from schema.context import Access, Audit

log = logging.getLogger("govgraph.audit")

GRAPHQL_PREFIX = "/graphql"


def unauthenticated(path: str, message: str) -> Response:
    """A 401 in the one error shape of every route (see :mod:`api.errors`)."""
    return error_response(path, 401, AuthenticationError.code, message,
                          {"WWW-Authenticate": "Bearer"})


def protect(app: FastAPI, authenticator: Authenticator, runner: Runner, secret: bytes) -> None:
    """Authenticate every request of ``app`` into ``request.state.access``, and audit it."""
    app.add_middleware(AccessGate, authenticator=authenticator, runner=runner, secret=secret)


class AccessGate:
    """ASGI middleware: the caller of each HTTP request, in its ``state`` as ``access``
    (401 without valid credentials), and one audit line once it is answered.

    A plain ASGI middleware rather than Starlette's ``BaseHTTPMiddleware``, which runs
    the rest of the app in a task of its own and streams the response through it: a
    cost every request paid, large beside a small answer's.
    """

    def __init__(self, app: ASGIApp, authenticator: Authenticator, runner: Runner,
                 secret: bytes) -> None:
        self.app, self.authenticator, self.runner, self.secret = (
            app, authenticator, runner, secret)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request = Request(scope)
        try:
            caller = await run_in_threadpool(self.authenticator.authenticate,
                                             request.headers.get("authorization"))
        except AuthenticationError as exc:
            response = unauthenticated(request.url.path, str(exc))
            write(Audit("invalid", "-", _route(request)), response.status_code, started)
            await response(scope, receive, send)
            return
        access = Access.of(caller, self.runner, self.secret)
        request.state.access = access
        status = 500  # what the client gets if the app fails before it answers

        async def answer(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, answer)
        finally:
            access.audit.operation = access.audit.operation or _route(request)
            write(access.audit, status, started)


def _route(request: Request) -> str:
    route = request.scope.get("route")
    return f"{request.method} {getattr(route, 'path', '') or request.url.path}"


def to_stderr(level: str = "info") -> None:
    """Print the audit log on stderr (``govgraph serve``), once, at ``level`` and above
    (its lines are ``info``: ``warning`` silences them)."""
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
        log.addHandler(handler)
    log.setLevel(level.upper())


_UNSAFE = re.compile(r"[^\x20-\x7e]|[%=]")


def escape(text: str) -> str:
    """``text`` with ``%``, ``=`` and everything but printable ASCII percent-encoded (UTF-8).

    Whatever a caller sends (a path, an operation), it cannot add a field, a line or
    a terminal escape to an audit line: ``/x key=k role=admin`` is written
    ``/x key%3Dk role%3Dadmin``.
    """
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in
                                         m.group().encode("utf-8", "surrogatepass")), text)


def write(audit: Audit, status: int, started: float) -> None:
    """Log one request."""
    log.info("key=%s role=%s op=%s status=%d ms=%.1f cost=%s", escape(audit.key_id),
             escape(audit.role), escape(audit.operation), status,
             (time.perf_counter() - started) * 1000,
             "-" if audit.cost is None else audit.cost)
