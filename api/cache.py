"""Whole GraphQL responses kept for the callers who send the same request again.

Dashboards ask the same questions over and over: every viewer of a page posts the
same documents with the same variables. :class:`ResponseCache` keeps the encoded
answer of a ``POST /graphql`` that succeeded without errors, keyed by the request
body, the caller's role (which decides the names an answer shows) and the store
version (:func:`graph.analysis.cache.store_version`: a write or another
dataset version makes every older answer unreachable). The header
``X-Govgraph-Cache`` says ``hit`` or ``miss``. It is bounded by the memory its
entries take, measured (``pympler.asizeof`` of each entry: the answer, its
headers, its key and what holds them), and drops the least recently used
answers first. An answer with errors (a time limit,
an overloaded pool) is never kept, so a transient refusal is not repeated.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.limits import replaying
from graph.analysis.cache import deep_size, store_version
from graph.runner import Runner
from schema.context import Access

GRAPHQL_PATH = "/graphql"
CACHE_HEADER = b"x-govgraph-cache"
"""Response header saying whether the answer came from the cache (``hit``) or not (``miss``)."""


@dataclass(frozen=True)
class CachedResponse:
    """An encoded answer and what its audit line said."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    operation: str
    cost: int | None


class ResponseCache:
    """ASGI middleware answering repeated ``POST /graphql`` requests from memory.

    Parameters
    ----------
    app : ASGIApp
        The app inside (it must run after authentication has set ``access``).
    runner : Runner
        The store whose version keys the answers.
    max_bytes : int
        Bytes of answers kept; 0 turns the cache off.
    """

    def __init__(self, app: ASGIApp, runner: Runner, max_bytes: int) -> None:
        self.app, self.runner, self.max_bytes = app, runner, max_bytes
        self._entries: OrderedDict[Hashable, CachedResponse] = OrderedDict()
        self._sizes: dict[Hashable, int] = {}
        self._size = 0
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (self.max_bytes <= 0 or scope["type"] != "http" or scope["method"] != "POST"
                or scope["path"].rstrip("/") != GRAPHQL_PATH):
            await self.app(scope, receive, send)
            return
        body, replay = await _read_body(receive)
        access: Access | None = scope.get("state", {}).get("access")
        if access is None or body is None:
            await self.app(scope, replay, send)
            return
        version = await run_in_threadpool(store_version, self.runner, "")
        key = (hashlib.sha256(body).digest(), access.caller.role.value,
               hashlib.blake2b(repr(version).encode(), digest_size=16).digest())
        cached = self._get(key)
        if cached is not None:
            access.audit.operation, access.audit.cost = cached.operation, cached.cost
            await send({"type": "http.response.start", "status": cached.status,
                        "headers": [*cached.headers, (CACHE_HEADER, b"hit")]})
            await send({"type": "http.response.body", "body": cached.body})
            return
        started: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
                message = {**message, "headers": [*message.get("headers", []),
                                                  (CACHE_HEADER, b"miss")]}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, replay, capture)
        answer = b"".join(chunks)
        if started.get("status") == 200 and _succeeded(answer):
            self._put(key, CachedResponse(200, list(started.get("headers", [])), answer,
                                          access.audit.operation, access.audit.cost))

    def _get(self, key: Hashable) -> CachedResponse | None:
        with self._lock:
            cached = self._entries.get(key)
            if cached is not None:
                self._entries.move_to_end(key)
            return cached

    @property
    def size(self) -> int:
        """Bytes the kept answers take, as measured when each was kept."""
        return self._size

    def __len__(self) -> int:
        return len(self._entries)

    def _put(self, key: Hashable, response: CachedResponse) -> None:
        size = entry_size(key, response)
        if size > self.max_bytes // 4:
            return  # one answer may not push out most of the others
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = response
            self._sizes[key] = size
            self._size += size
            while self._size > self.max_bytes:
                dropped, _ = self._entries.popitem(last=False)
                self._size -= self._sizes.pop(dropped)


ENTRY_OVERHEAD = 200
"""Bytes of the cache's own bookkeeping per entry (its slots in two dicts)."""


def entry_size(key: Hashable, response: CachedResponse) -> int:
    """Bytes an entry keeps alive: the answer, its headers and key, and the objects
    holding them."""
    return deep_size(key, response) + ENTRY_OVERHEAD


async def _read_body(receive: Receive) -> tuple[bytes | None, Receive]:
    """The whole request body (None if the client left) and a ``receive`` that replays it."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None, receive
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    return body, replaying(body, receive)


def _succeeded(answer: bytes) -> bool:
    """Whether an encoded GraphQL answer has data and no errors."""
    try:
        parsed = json.loads(answer)
    except ValueError:
        return False
    return isinstance(parsed, dict) and parsed.get("data") is not None and not parsed.get(
        "errors")
