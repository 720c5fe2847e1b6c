"""Relay-style connections, and the one helper that pages every list.

Cursors are opaque offsets. ``first`` defaults to :data:`DEFAULT_FIRST` and may
not exceed :data:`MAX_FIRST`.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from graph.errors import InvalidArgumentError

DEFAULT_FIRST = 50
MAX_FIRST = 100

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
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int

    @strawberry.field(description="The items of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind == "offset" and value.isdigit():
            return int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise InvalidArgumentError(f"invalid cursor {cursor!r}")


def page_bounds(total: int, first: int | None, after: str | None) -> tuple[int, int]:
    """The slice ``[start, end)`` of a list of ``total`` items that a page covers."""
    size = DEFAULT_FIRST if first is None else first
    if not 0 <= size <= MAX_FIRST:
        raise InvalidArgumentError(f"first must be between 0 and {MAX_FIRST}, got {size}")
    start = decode_cursor(after) + 1 if after else 0
    return min(start, total), min(start + size, total)


def connection(items: Sequence[T], first: int | None, after: str | None) -> Connection[T]:
    """Page a list that is already in memory."""
    start, end = page_bounds(len(items), first, after)
    return _build(list(items[start:end]), start, len(items))


async def connection_of_ids(
    ids: Sequence[str], first: int | None, after: str | None,
    load: Callable[[list[str]], Awaitable[list[S]]],
) -> Connection[S]:
    """Page a list of ids, loading only the items of the page."""
    start, end = page_bounds(len(ids), first, after)
    return _build(await load(list(ids[start:end])), start, len(ids))


def _build(page: list[T], start: int, total: int) -> Connection[T]:
    edges = [Edge(cursor=encode_cursor(start + i), node=node) for i, node in enumerate(page)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=start + len(page) < total,
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )
