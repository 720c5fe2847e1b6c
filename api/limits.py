"""HTTP limits: request body size, batched operations, response size.

A refusal is a GraphQL-shaped error on ``/graphql`` (``{"data": null,
"errors": [{"message", "extensions": {"code"}}]}``) and the JSON error object
elsewhere, with the code ``REQUEST_TOO_LARGE`` (HTTP 413), ``BATCH_LIMIT``
(HTTP 400) or ``RESPONSE_TOO_LARGE``. A body announced larger than the limit
is refused before it is read; one that turns out larger is refused as soon as
the limit is passed, so no request can make the server read megabytes.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_bytes

GRAPHQL_PREFIX = "/graphql"
REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"
RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE"
BATCH_LIMIT = "BATCH_LIMIT"


def error_body(path: str, code: str, message: str) -> bytes:
    """The error in the one shape of every route (see :mod:`api.errors`)."""
    return error_bytes(path, code, message)


class RequestLimits:
    """ASGI middleware refusing bodies above ``max_body`` bytes and batches above ``max_batch``.

    ``max_batch`` at 0 or 1 turns batching off: a JSON array posted to ``/graphql``
    is refused whatever its length.
    """

    def __init__(self, app: ASGIApp, max_body: int, max_batch: int) -> None:
        self.app, self.max_body, self.max_batch = app, max_body, max_batch

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await self._refuse(send, path, 413, REQUEST_TOO_LARGE, self._too_large())
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._refuse(send, path, 413, REQUEST_TOO_LARGE, self._too_large())
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if path.startswith(GRAPHQL_PREFIX) and body.lstrip()[:1] == b"[":
            operations = _batch_length(body)
            if operations is not None and (self.max_batch <= 1 or operations > self.max_batch):
                allowed = ("batching is off" if self.max_batch <= 1
                           else f"at most {self.max_batch} operations may be batched")
                await self._refuse(send, path, 400, BATCH_LIMIT,
                                   f"the request batches {operations} operations; {allowed} "
                                   "(GOVGRAPH_MAX_BATCH)")
                return
        await self.app(scope, replaying(body, receive), send)

    def _too_large(self) -> str:
        return (f"the request body is larger than {self.max_body} bytes "
                "(GOVGRAPH_MAX_BODY_BYTES)")

    @staticmethod
    async def _refuse(send: Send, path: str, status: int, code: str, message: str) -> None:
        body = error_body(path, code, message)
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def replaying(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the already read ``body`` once, then defers to ``receive``."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _batch_length(body: bytes) -> int | None:
    try:
        parsed = orjson.loads(body)  # nesting beyond 1,024 is an error, not a RecursionError
    except ValueError:
        return None  # not JSON: the GraphQL endpoint says so
    return len(parsed) if isinstance(parsed, list) else None


def response_too_large(limit: int) -> dict[str, Any]:
    """The GraphQL response sent instead of one above ``limit`` bytes."""
    return {"data": None, "errors": [{
        "message": f"the response would be larger than {limit} bytes "
                   "(GOVGRAPH_MAX_RESPONSE_BYTES): ask for fewer fields, smaller pages or fewer "
                   "nodes", "extensions": {"code": RESPONSE_TOO_LARGE}}]}
