"""One error shape for every HTTP route: ``{"errors": [{"message", "extensions": {"code"}}]}``.

GraphQL answers errors this way; so do the exports, the health check, a
missing page, a refused body and an unauthenticated call. On ``/graphql`` the
body also carries ``"data": null``, as the GraphQL over HTTP specification asks.
What the store itself says about a failure (statement names, the engine's
messages) never reaches a caller: it is logged under a short random id, and the
caller is told that id (see :func:`logged`).
"""

from __future__ import annotations

import logging
import secrets
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import (
    AnalysisTimeoutError,
    CallerShareError,
    GovgraphError,
    NotFoundError,
    OverloadedError,
    QueryFailedError,
    StoreLockedError,
    StoreUnavailableError,
)

log = logging.getLogger("govgraph.errors")

GRAPHQL_PREFIX = "/graphql"
BAD_REQUEST = "BAD_REQUEST"
BAD_USER_INPUT = "BAD_USER_INPUT"
NOT_FOUND = "NOT_FOUND"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
INTERNAL = "INTERNAL_SERVER_ERROR"
STORE_ERROR = "STORE_ERROR"

_HTTP_CODES = {400: BAD_REQUEST, 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: NOT_FOUND,
               405: METHOD_NOT_ALLOWED, 408: "REQUEST_TIMEOUT", 413: "REQUEST_TOO_LARGE",
               415: "UNSUPPORTED_MEDIA_TYPE", 422: BAD_USER_INPUT, 429: "TOO_MANY_REQUESTS",
               503: "UNAVAILABLE", 504: "TIMEOUT"}


_PLAIN = {404: "no such route: see /docs for the HTTP routes and /graphql for GraphQL",
          405: "this route does not take that method"}


def code_for_status(status: int) -> str:
    """The error code of an HTTP status that carries no code of its own."""
    return _HTTP_CODES.get(status, BAD_REQUEST if status < 500 else INTERNAL)


def error_body(path: str, code: str, message: str) -> dict[str, Any]:
    """The error as the route at ``path`` answers it (``data: null`` too on ``/graphql``)."""
    body: dict[str, Any] = {"errors": [{"message": message, "extensions": {"code": code}}]}
    if path.startswith(GRAPHQL_PREFIX):
        return {"data": None, **body}
    return body


def error_bytes(path: str, code: str, message: str) -> bytes:
    """:func:`error_body`, encoded."""
    return orjson.dumps(error_body(path, code, message))


def error_response(path: str, status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    """A JSON response holding one error."""
    return Response(error_bytes(path, code, message), status_code=status,
                    media_type="application/json", headers=headers)


def new_error_id() -> str:
    """A short random id naming one logged failure (12 hex digits)."""
    return secrets.token_hex(6)


def logged(exc: BaseException, what: str = "the store could not answer this request") -> str:
    """Log ``exc`` (with its own message and cause) under a new id; the message for callers.

    The caller's message names the id only: the details stay in the server log.
    """
    error_id = new_error_id()
    log.error("error id %s: %s: %s", error_id, type(exc).__name__, exc)
    return f"{what} (error id {error_id})"


def http_status(exc: GovgraphError) -> tuple[int, dict[str, str]]:
    """The HTTP status (and headers) of a govgraph error, by its type.

    A full pool or a caller over their share is not the caller's mistake: 503 or 429
    with ``Retry-After``, so that clients try again later rather than give up.
    """
    from api.security.auth import AuthenticationError, ForbiddenError

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
    if isinstance(exc, AuthenticationError):
        return 401, {}
    if isinstance(exc, QueryFailedError) or exc.code == INTERNAL:
        return 500, {}
    return 400, {}


def public_message(exc: GovgraphError) -> str:
    """What a caller is told of ``exc``: its message, unless the store wrote it."""
    if isinstance(exc, QueryFailedError) or exc.code == INTERNAL:
        return logged(exc)
    return str(exc)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for problem in exc.errors():
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("query", "path",
                                                                             "body"))
        parts.append(f"{where or 'request'}: {problem.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request is not valid"


def install(app: FastAPI) -> None:
    """Answer every HTTP error of ``app`` in the one shape, with a code."""

    @app.exception_handler(GovgraphError)
    async def govgraph_error(request: Request, exc: GovgraphError) -> Response:
        code = STORE_ERROR if isinstance(exc, QueryFailedError) else exc.code
        status, headers = http_status(exc)
        return error_response(request.url.path, status, code, public_message(exc),
                              headers or None)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = code_for_status(exc.status_code)
        message = str(exc.detail or "")
        if message in ("", HTTPStatus(exc.status_code).phrase):
            message = _PLAIN.get(exc.status_code, code.replace("_", " ").lower())
        return error_response(request.url.path, exc.status_code, code, message,
                              dict(exc.headers) if exc.headers else None)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request.url.path, 400, BAD_USER_INPUT, _validation_message(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        error_id = new_error_id()
        log.error("error id %s: unexpected error on %s %s", error_id, request.method,
                  request.url.path, exc_info=exc)
        return error_response(request.url.path, 500, INTERNAL,
                              f"internal server error (error id {error_id})")
