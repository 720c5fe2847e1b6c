"""Relay-style connections, and the one helper that pages every list.

Cursors are opaque offsets, at most :data:`MAX_OFFSET` (GraphQL's largest ``Int``);
anything else is refused with ``BAD_USER_INPUT`` before the store is asked.
``first`` defaults to :data:`DEFAULT_FIRST` and may not exceed the request's page
size limit (``GOVGRAPH_MAX_PAGE_SIZE``, :data:`DEFAULT_MAX_PAGE_SIZE` unless the app says
otherwise, see :func:`page_size_limit`). Lists held by the store are paged by the
store (:func:`connection_of_pages`): it sorts and cuts the page, and counts the whole
list only when ``totalCount`` is asked for, or first when a page starts past the first
item: the embedded engine crashes the process when a sorted listing skips far past its end,
so a page is fetched only from an offset inside the list.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Generic, TypeVar, cast

import strawberry

from graph.errors import InvalidArgumentError

DEFAULT_FIRST = 50
MAX_OFFSET = 2**31 - 1
"""The largest offset a cursor may hold (GraphQL's ``Int`` range); no list is longer."""
DEFAULT_MAX_PAGE_SIZE = 1000
"""The largest ``first`` unless the app configures another (``GOVGRAPH_MAX_PAGE_SIZE``)."""

_max_page_size: ContextVar[int] = ContextVar("max_page_size", default=DEFAULT_MAX_PAGE_SIZE)


@contextmanager
def page_size_limit(limit: int) -> Iterator[None]:
    """Let ``first`` be at most ``limit`` in what runs inside (one request's execution)."""
    token = _max_page_size.set(limit)
    try:
        yield
    finally:
        _max_page_size.reset(token)


def max_page_size() -> int:
    """The largest ``first`` of the request being executed."""
    return _max_page_size.get()

T = TypeVar("T")
S = TypeVar("S")


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="One item of a page, with its cursor.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list, with the total size of the list.")
class Connection(Generic[T]):
    """The page's items from offset ``start`` on; edges and cursors are made only if asked
    for (``nodes`` hands the items over as they are)."""

    items: strawberry.Private[list[T]]
    start: strawberry.Private[int]
    page_info: PageInfo
    total: strawberry.Private[int | None] = None
    """The list's size where it is known; else ``count`` finds it when asked."""
    count: strawberry.Private[Callable[[], Awaitable[int]] | None] = None

    @strawberry.field(description="The items of this page, each with its cursor.")
    def edges(self) -> list[Edge[T]]:
        return [Edge(cursor=encode_cursor(self.start + i), node=node)
                for i, node in enumerate(self.items)]

    @strawberry.field(description="The items of this page, without cursors.")
    def nodes(self) -> list[T]:
        return self.items

    @strawberry.field(description="Number of items in the whole list.")
    def total_count(self) -> int:
        if self.total is not None:
            return self.total
        # Counted only now that it is asked for: a resolver that is not a coroutine function
        # may return an awaitable (graphql-core awaits it); known totals stay synchronous.
        return cast(int, self._counted())

    async def _counted(self) -> int:
        self.total = await self.count() if self.count else len(self.items)
        return self.total


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The offset ``cursor`` holds.

    Raises
    ------
    InvalidArgumentError
        If it is not a cursor this server made, or its offset is above :data:`MAX_OFFSET`.
    """
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        kind, value = "", ""
    if kind == "offset" and value.isascii() and value.isdigit():
        if len(value) <= len(str(MAX_OFFSET)) and int(value) <= MAX_OFFSET:
            return int(value)
        raise InvalidArgumentError(f"cursor {cursor!r} is out of range (offsets go up to "
                                   f"{MAX_OFFSET})")
    raise InvalidArgumentError(f"invalid cursor {_shown(cursor)}")


def _shown(cursor: str) -> str:
    return repr(cursor if len(cursor) <= 80 else cursor[:80] + "...")


def page_size(first: int | None) -> int:
    """``first``, or the default (at most the limit); refused beyond the request's limit."""
    limit = max_page_size()
    size = min(DEFAULT_FIRST, limit) if first is None else first
    if not 0 <= size <= limit:
        raise InvalidArgumentError(f"first must be between 0 and {limit}, got {size}")
    return size


def page_bounds(total: int, first: int | None, after: str | None) -> tuple[int, int]:
    """The slice ``[start, end)`` of a list of ``total`` items that a page covers."""
    size = page_size(first)
    start = decode_cursor(after) + 1 if after else 0
    return min(start, total), min(start + size, total)


def connection(items: Sequence[T], first: int | None, after: str | None) -> Connection[T]:
    """Page a list that is already in memory."""
    start, end = page_bounds(len(items), first, after)
    return _build(list(items[start:end]), start, len(items))


def converted_connection(items: Sequence[T], first: int | None, after: str | None,
                         convert: Callable[[T], S]) -> Connection[S]:
    """Page a list that is already in memory, converting only the page's items."""
    start, end = page_bounds(len(items), first, after)
    return _build([convert(item) for item in items[start:end]], start, len(items))


async def connection_of_ids(
    ids: Sequence[str], first: int | None, after: str | None,
    load: Callable[[list[str]], Awaitable[list[S]]],
) -> Connection[S]:
    """Page a list of ids, loading only the items of the page."""
    start, end = page_bounds(len(ids), first, after)
    return _build(await load(list(ids[start:end])), start, len(ids))


async def connection_of_pages(
    first: int | None, after: str | None,
    fetch: Callable[[int, int], Awaitable[list[S]]], count: Callable[[], Awaitable[int]],
) -> Connection[S]:
    """Page a list the store sorts and cuts: ``fetch(skip, limit)`` gives at most ``limit``
    items from ``skip`` on; ``count()`` the list's size, called only if it is asked for or
    the page starts past the first item (the store is never asked to skip past the end)."""
    size = page_size(first)
    start = decode_cursor(after) + 1 if after else 0
    total: int | None = None
    if start > 0:
        total = await count()
        if start >= total:
            return _build([], start, total, has_next=False)
    found = await fetch(start, size + 1)  # one more than the page says whether one follows
    return _build(found[:size], start, total, has_next=len(found) > size, count=count)


def _build(page: list[T], start: int, total: int | None, *, has_next: bool | None = None,
           count: Callable[[], Awaitable[int]] | None = None) -> Connection[T]:
    return Connection(
        items=page,
        start=start,
        page_info=PageInfo(
            has_next_page=(start + len(page) < (total or 0)) if has_next is None else has_next,
            has_previous_page=start > 0,
            start_cursor=encode_cursor(start) if page else None,
            end_cursor=encode_cursor(start + len(page) - 1) if page else None,
        ),
        total=total,
        count=count,
    )
