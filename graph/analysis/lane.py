"""Aggregations in a lane of their own: bounded, shared fairly, apart from light reads.

An aggregation (seat concentration, member loads, overlaps, a party composition, a
flat membership table) is a Cypher statement over a whole dataset plus Python over
its rows. It runs in this process, where the store's connection is, in a thread:
run in the event loop's default executor, a caller sending many of them at once
fills every one of its threads (and every read connection of the store), and a light
request (one body by id, whose loader also needs a thread) waits behind them all.

An :class:`AggregationLane` runs aggregations in threads of its own, ``threads`` at
once, so light requests keep the default executor and the store's other read
connections to themselves. It is shared fairly: a caller (an API key, or a client
address when anonymous) has at most ``caller_share`` of those threads at a time, its
other aggregations waiting their turn in the event loop (holding no thread), at most
``caller_waiting`` of them (one more is refused with ``RATE_LIMITED``); an
aggregation waits at most ``wait`` seconds for a thread (then ``OVERLOADED``). So
another caller's aggregation waits for one thread at most, not behind a queue of the
first caller's, and a light request behind none.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
from collections import Counter
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from graph.errors import CallerShareError, OverloadedError

P = ParamSpec("P")
T = TypeVar("T")

DEFAULT_THREADS = 2
"""Aggregations computing at once (``GOVGRAPH_AGGREGATION_THREADS``): below the store's
read connections (``GOVGRAPH_READ_CONNECTIONS``, 4), so light reads always find one."""
DEFAULT_CALLER_SHARE = 1
"""Aggregations of one caller computing at once (``GOVGRAPH_AGGREGATION_CALLER_SHARE``)."""
DEFAULT_CALLER_WAITING = 32
"""Aggregations of one caller waiting for its turn (``GOVGRAPH_AGGREGATION_CALLER_WAITING``):
as many as one request may alias (``GOVGRAPH_MAX_ALIASES``, 30) and then some."""
DEFAULT_WAIT = 60.0
"""Seconds an aggregation may wait for a thread (``GOVGRAPH_AGGREGATION_WAIT``)."""
RETRY_AFTER = 5
"""Seconds a refused caller is told to wait (``Retry-After``)."""


class Aggregations:
    """Runs aggregations in a thread of the event loop's default executor (no limits).

    What ``govgraph query``, tests of the schema and a context without a lane use.
    """

    async def run(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``function(*args, **kwargs)``, off the event loop."""
        return await asyncio.to_thread(function, *args, **kwargs)

    def for_caller(self, caller: str) -> Aggregations:
        """These aggregations as ``caller`` runs them (the same here)."""
        return self

    def close(self) -> None:
        """Release the threads (none of its own here)."""


class CallerAggregations(Aggregations):
    """The aggregations of one caller, run by ``lane`` in that caller's share."""

    def __init__(self, lane: AggregationLane, caller: str) -> None:
        self.lane, self.caller = lane, caller

    async def run(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return await self.lane.run(self.caller, functools.partial(function, *args, **kwargs))


class AggregationLane:
    """Aggregations in ``threads`` threads of their own, ``caller_share`` per caller.

    Parameters
    ----------
    threads : int
        Aggregations computing at once (the lane's threads).
    caller_share : int
        Aggregations of one caller computing at once; its others wait their turn
        without holding a thread. 0: no per-caller share (first come, first served).
    caller_waiting : int
        Aggregations of one caller that may wait for its turn or a thread; one more
        is refused with :class:`~graph.errors.CallerShareError` (``RATE_LIMITED``).
    wait : float
        Seconds an aggregation may wait for a thread, its caller's turn included;
        then :class:`~graph.errors.OverloadedError` (``OVERLOADED``).
    """

    def __init__(self, threads: int = DEFAULT_THREADS,
                 caller_share: int = DEFAULT_CALLER_SHARE,
                 caller_waiting: int = DEFAULT_CALLER_WAITING,
                 wait: float = DEFAULT_WAIT) -> None:
        if threads < 1 or caller_share < 0 or caller_waiting < 0 or wait <= 0:
            raise ValueError("threads must be at least 1, shares and waiting at least 0 "
                             "(a share of 0: none), wait positive")
        self.threads, self.caller_share = threads, caller_share
        self.caller_waiting, self.wait = caller_waiting, wait
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="govgraph-aggregation")
        self._slots: asyncio.Semaphore | None = None
        self._turns: dict[str, asyncio.Semaphore] = {}
        self._waiting: Counter[str] = Counter()
        self._holding: Counter[str] = Counter()
        self.started = 0
        """Aggregations that have started computing."""

    def for_caller(self, caller: str) -> Aggregations:
        return CallerAggregations(self, caller)

    def waiting(self, caller: str) -> int:
        """Aggregations of ``caller`` admitted and not yet computing."""
        return self._waiting[caller]

    def computing(self, caller: str) -> int:
        """Aggregations of ``caller`` computing now."""
        return self._holding[caller]

    async def run(self, caller: str, function: Callable[[], T]) -> T:
        """``function()`` in one of the lane's threads, in ``caller``'s share."""
        if self._waiting[caller] >= self.caller_waiting:
            raise CallerShareError(
                f"this caller already has {self._waiting[caller]} aggregations waiting for "
                "their turn (GOVGRAPH_AGGREGATION_CALLER_WAITING); try again when they have "
                "answered", retry_after=RETRY_AFTER)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.threads)
        turn = None
        if self.caller_share:
            turn = self._turns.get(caller)
            if turn is None:
                turn = self._turns[caller] = asyncio.Semaphore(self.caller_share)
        self._waiting[caller] += 1
        try:
            async with asyncio.timeout(self.wait):
                if turn is not None:
                    await turn.acquire()
                try:
                    await self._slots.acquire()
                except BaseException:
                    if turn is not None:
                        turn.release()
                    raise
        except TimeoutError:
            raise OverloadedError(
                f"an aggregation waited {self.wait:g} s for its turn "
                "(GOVGRAPH_AGGREGATION_THREADS at once, GOVGRAPH_AGGREGATION_CALLER_SHARE "
                "per caller, GOVGRAPH_AGGREGATION_WAIT); try again shortly",
                retry_after=RETRY_AFTER) from None
        finally:
            self._forget(self._waiting, caller)
        self._holding[caller] += 1
        self.started += 1
        try:
            future = asyncio.get_running_loop().run_in_executor(self._executor, function)
        except BaseException:  # the lane is closed
            self._release(caller, turn)
            raise
        try:
            # The thread goes on if the request is abandoned; its place is held until then.
            return await asyncio.shield(future)
        finally:
            if not future.done():
                future.add_done_callback(lambda _: self._release(caller, turn))
            else:
                self._release(caller, turn)

    def _release(self, caller: str, turn: asyncio.Semaphore | None) -> None:
        assert self._slots is not None
        self._slots.release()
        if turn is not None:
            turn.release()
        self._forget(self._holding, caller)
        if not self._waiting[caller] and not self._holding[caller]:
            self._turns.pop(caller, None)

    @staticmethod
    def _forget(counts: Counter[str], caller: str) -> None:
        counts[caller] -= 1
        if counts[caller] <= 0:
            del counts[caller]

    def close(self) -> None:
        """Stop the threads once their aggregations are done; new ones are refused."""
        self._executor.shutdown(wait=False, cancel_futures=True)
