"""The change feed of a store in this process, and the lock its edits take."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from weakref import WeakKeyDictionary

from graph.edits.log import DEFAULT_MAX_SUBSCRIBERS, Change
from graph.errors import OverloadedError
from graph.runner import Runner


class Feed:
    """Hands every committed change to the subscribers of this process, each on its loop.

    At most ``limit`` subscribe at once (``GOVGRAPH_MAX_SUBSCRIBERS``).
    """

    def __init__(self, limit: int = DEFAULT_MAX_SUBSCRIBERS) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._queues: list[tuple[asyncio.AbstractEventLoop, asyncio.Queue[Change]]] = []

    @contextmanager
    def subscribe(self) -> Iterator[asyncio.Queue[Change]]:
        """A queue that receives every change published while the block runs.

        Yields
        ------
        asyncio.Queue of Change
            The subscriber's queue, fed on the running event loop.

        Raises
        ------
        OverloadedError
            If ``limit`` subscribers are subscribed already.
        """
        entry = (asyncio.get_running_loop(), asyncio.Queue[Change]())
        with self._lock:
            if len(self._queues) >= self.limit:
                raise OverloadedError(f"{self.limit} subscriptions are open, as many as the "
                                      "server allows (GOVGRAPH_MAX_SUBSCRIBERS); try again later")
            self._queues.append(entry)
        try:
            yield entry[1]
        finally:
            with self._lock:
                self._queues.remove(entry)

    def publish(self, change: Change) -> None:
        with self._lock:
            queues = list(self._queues)
        for loop, queue in queues:
            if not loop.is_closed():
                loop.call_soon_threadsafe(queue.put_nowait, change)


_feeds: WeakKeyDictionary[Any, Feed] = WeakKeyDictionary()
_locks: WeakKeyDictionary[Any, threading.Lock] = WeakKeyDictionary()
_registry_lock = threading.Lock()


def feed(runner: Runner) -> Feed:
    """The change feed of ``runner``'s store in this process.

    Parameters
    ----------
    runner : Runner
        The store.

    Returns
    -------
    Feed
        The one feed of that store, made on first use.
    """
    with _registry_lock:
        found = _feeds.get(runner)
        if found is None:
            found = _feeds[runner] = Feed()
        return found


def _edit_lock(runner: Runner) -> threading.Lock:
    with _registry_lock:
        found = _locks.get(runner)
        if found is None:
            found = _locks[runner] = threading.Lock()
        return found
