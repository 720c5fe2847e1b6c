"""Slow clients cannot hold the server: deadlines for headers and bodies, a cap on connections.

``govgraph serve`` runs uvicorn with :func:`uvicorn_config`:

- a client has ``GOVGRAPH_HEADER_TIMEOUT`` seconds to send a request's headers,
  counted from when it connects (or from the end of its previous response on a
  kept-alive connection); after that the connection is closed. uvicorn itself
  has no such deadline: a client sending one header byte a minute keeps its
  connection for ever (:class:`DeadlineH11Protocol` adds it);
- a request's body must arrive whole within ``GOVGRAPH_BODY_TIMEOUT`` seconds
  of its headers, else ``408 REQUEST_TIMEOUT`` (:class:`BodyDeadline`, an ASGI
  middleware, so it holds under any server);
- at most ``GOVGRAPH_MAX_CONNECTIONS`` connections and requests at once; a
  request beyond them is answered 503 at once by uvicorn;
- an idle kept-alive connection is closed after ``GOVGRAPH_KEEP_ALIVE_TIMEOUT``.
"""

from __future__ import annotations

import asyncio
import functools
import time
from typing import Any

import h11
import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from api.bodycheck import refuse

REQUEST_TIMEOUT = "REQUEST_TIMEOUT"


class DeadlineH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose headers are not in on time."""

    def __init__(self, *args: Any, header_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout
        self._header_deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_late(self) -> None:
        self._header_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()  # no request is under way: nobody is owed an answer

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()  # the headers are in; the body has its own deadline

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


class BodyDeadline:
    """ASGI middleware answering ``408 REQUEST_TIMEOUT`` to a body not in within ``seconds``."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app, self.seconds = app, seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        deadline = time.monotonic() + self.seconds
        timed_out = False
        complete = False

        async def timed_receive() -> Message:
            nonlocal timed_out, complete
            if complete or timed_out:
                return await receive() if complete else {"type": "http.disconnect"}
            try:
                message = await asyncio.wait_for(receive(),
                                                 max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                timed_out = True
                await refuse(send, scope["path"],
                             f"the request body did not arrive within {self.seconds:g} s "
                             "(GOVGRAPH_BODY_TIMEOUT)", 408, REQUEST_TIMEOUT)
                return {"type": "http.disconnect"}
            if message["type"] != "http.request" or not message.get("more_body", False):
                complete = True
            return message

        async def guarded_send(message: Message) -> None:
            if not timed_out:  # the 408 is the answer
                await send(message)

        await self.app(scope, timed_receive, guarded_send)


def uvicorn_config(app: ASGIApp, host: str, port: int, *, header_timeout: float,
                   max_connections: int, keep_alive_timeout: float,
                   **options: Any) -> uvicorn.Config:
    """The uvicorn configuration ``govgraph serve`` runs ``app`` with."""
    protocol = functools.partial(DeadlineH11Protocol, header_timeout=header_timeout)
    return uvicorn.Config(app, host=host, port=port, http=protocol,  # type: ignore[arg-type]
                          limit_concurrency=max_connections,
                          timeout_keep_alive=max(1, round(keep_alive_timeout)), **options)
