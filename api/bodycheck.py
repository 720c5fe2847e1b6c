"""Bytes are checked before anything parses them.

Every request's path and query string, and the body of every request that has
one, must be valid UTF-8 (no overlong forms, no encoded surrogates, no stray
bytes); a JSON body (and GraphQL's ``variables`` and ``extensions`` query
parameters) must parse, may hold no lone surrogate escape (``"\\ud800"``) and may
nest at most ``max_depth`` arrays and objects. Anything else is refused with
HTTP 400 and ``BAD_REQUEST_BODY`` in the one error shape (:mod:`api.errors`),
before the GraphQL engine or a route sees it; nothing is logged but the audit
line.

The checks cost one pass of ``orjson`` over the body (a few hundred
microseconds for the largest body allowed), which refuses invalid UTF-8,
surrogates and nesting beyond 1,024 levels by itself; the smaller depth is
checked on what it returns, without recursion.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import code_for_status, error_bytes
from api.limits import replaying

BAD_REQUEST_BODY = "BAD_REQUEST_BODY"
GRAPHQL_PREFIX = "/graphql"
JSON_PARAMETERS = ("variables", "extensions")
"""GET ``/graphql`` parameters that hold JSON."""


class BadBytesError(ValueError):
    """The request's bytes are refused; the message says why (never echoing them)."""


def check_text(data: bytes, what: str) -> str:
    """``data`` decoded as strict UTF-8, or :class:`BadBytesError` naming ``what``."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadBytesError(f"{what} is not valid UTF-8 (byte {exc.start}: {exc.reason}); "
                            "send UTF-8 without overlong forms or surrogates") from None


def check_json(data: bytes | str, what: str, max_depth: int) -> Any:
    """``data`` parsed as JSON, refused if malformed, not Unicode or deeper than ``max_depth``."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        reason = str(exc)
        if "depth limit" in reason:
            raise BadBytesError(_too_deep(what, max_depth)) from None
        if "surrogate" in reason or "UTF-8" in reason:
            raise BadBytesError(f"{what} holds text that is not valid Unicode ({reason}); "
                                "a \\uD800-\\uDFFF escape must be one half of a pair") from None
        raise BadBytesError(f"{what} is not valid JSON: {reason}") from None
    if depth_exceeds(value, max_depth):
        raise BadBytesError(_too_deep(what, max_depth))
    return value


def _too_deep(what: str, max_depth: int) -> str:
    return (f"{what} nests arrays and objects more than {max_depth} levels deep "
            "(GOVGRAPH_MAX_JSON_DEPTH)")


def depth_exceeds(value: Any, max_depth: int) -> bool:
    """Whether ``value`` nests lists and dicts more than ``max_depth`` levels (no recursion)."""
    level: list[Any] = [value]
    depth = 0
    while level:
        containers = [v for v in level if isinstance(v, (list, dict))]
        if not containers:
            return False
        depth += 1
        if depth > max_depth:
            return True
        level = [item for c in containers for item in (c.values() if isinstance(c, dict)
                                                       else c)]
    return False


_GRAPHQL_FIELDS: dict[str, tuple[type, ...]] = {
    "query": (str,), "operationName": (str, type(None)), "variables": (dict, type(None)),
    "extensions": (dict, type(None))}


def check_graphql_shape(value: Any) -> None:
    """A GraphQL request is a JSON object (a batch: an array of them) whose ``query`` and
    ``operationName`` are strings and whose ``variables`` and ``extensions`` are objects."""
    for request in value if isinstance(value, list) else [value]:
        if not isinstance(request, dict):
            raise BadBytesError("a GraphQL request body is a JSON object: "
                                '{"query": "...", "variables": {...}}')
        for name, types in _GRAPHQL_FIELDS.items():
            if name in request and not isinstance(request[name], types):
                kind = "a string" if types[0] is str else "an object"
                raise BadBytesError(f"{name} must be {kind}"
                                    + (" or null" if type(None) in types else ""))


def check_request_line(scope: Scope, max_depth: int) -> None:
    """The path and query string of ``scope`` are UTF-8; GraphQL's JSON parameters parse."""
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
    check_text(unquote_to_bytes(raw_path), "the path")
    query: bytes = scope.get("query_string", b"")
    if not query:
        return
    check_text(unquote_to_bytes(query.replace(b"+", b" ")), "the query string")
    if scope["path"].startswith(GRAPHQL_PREFIX):
        for name, value in parse_qsl(query.decode("latin-1"), encoding="utf-8"):
            if name in JSON_PARAMETERS and value:
                check_json(value.encode("utf-8", "surrogatepass"), f"the {name} parameter",
                           max_depth)


def is_json(scope: Scope, body: bytes) -> bool:
    """Whether the request says (or its body looks like) JSON."""
    for name, value in scope["headers"]:
        if name == b"content-type":
            media: bytes = value.split(b";", 1)[0].strip().lower()
            return media == b"application/json" or media.endswith(b"+json")
    return body.lstrip()[:1] in (b"{", b"[")


class BodyCheck:
    """ASGI middleware refusing requests whose bytes are not what they should be.

    Sits inside :class:`api.limits.RequestLimits`, so the body it reads is already
    bounded by ``GOVGRAPH_MAX_BODY_BYTES``, and inside authentication and the audit
    log, so a refusal gets its audit line like any answer.
    """

    def __init__(self, app: ASGIApp, max_depth: int) -> None:
        self.app, self.max_depth = app, max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = shaped(send, scope["path"])
        try:
            check_request_line(scope, self.max_depth)
        except BadBytesError as exc:
            await refuse(send, scope["path"], str(exc))
            return
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if body:
            try:
                check_text(body, "the request body")
                if is_json(scope, body):
                    value = check_json(body, "the request body", self.max_depth)
                    if scope["path"].startswith(GRAPHQL_PREFIX):
                        check_graphql_shape(value)
            except BadBytesError as exc:
                await refuse(send, scope["path"], str(exc))
                return
        await self.app(scope, replaying(body, receive), send)


def shaped(send: Send, path: str) -> Send:
    """``send`` with plain-text error answers (the GraphQL library's "No GraphQL query found
    in the request", for one) rewritten in the one error shape, with a code."""
    held: dict[str, Any] = {}

    async def send_shaped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = dict(message.get("headers", []))
            media = headers.get(b"content-type", b"").split(b";", 1)[0].strip()
            if message["status"] >= 400 and media == b"text/plain":
                held["start"], held["body"] = message, b""
                return
        elif message["type"] == "http.response.body" and "start" in held:
            held["body"] += message.get("body", b"")
            if message.get("more_body", False):
                return
            start = held.pop("start")
            text = held["body"].decode("utf-8", "replace").strip() or "the request was refused"
            body = error_bytes(path, code_for_status(start["status"]), text)
            kept = [(k, v) for k, v in start.get("headers", [])
                    if k not in (b"content-type", b"content-length")]
            await send({**start, "headers": [*kept, (b"content-type", b"application/json"),
                                             (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await send(message)

    return send_shaped


async def refuse(send: Send, path: str, message: str, status: int = 400,
                 code: str = BAD_REQUEST_BODY) -> None:
    """Answer ``status`` with one error, and close the connection."""
    body = error_bytes(path, code, message)
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
