"""Heavy analyses as jobs: a store read in this process, a pure computation anywhere.

The graph algorithms (betweenness, eigenvectors, Louvain, blocks) are
CPU-bound Python and Rust that hold the GIL: run in a thread of the server,
one of them stalls every other request. A :class:`Job` splits an analysis
into ``fetch`` (reads the store, here, where the connection is) and
``compute``, a module-level function of plain, picklable data (seats, a
graph) that gives the same answer wherever it runs. :meth:`Job.inline` runs
both here (tests, ``govgraph query``, benchmarks); :class:`AnalysisPool` runs
``compute`` in worker processes, with a time limit, a bound on how many run
or wait at once, and one computation shared by concurrent identical requests.

The pool is shared fairly: a caller (an API key, or a client address when
anonymous) may hold at most ``caller_share`` of its places, and the analyses
of one request are counted together, ``request_share`` of them at a time
(:meth:`AnalysisPool.for_request`): ten aliased analyses in one request wait
their turn within it instead of filling the queue for everyone.

Results are cached per store version (:mod:`graph.analysis.cache`) under the
job's key, whichever way they were computed.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import pebble

from graph.analysis import cache
from graph.errors import (
    AnalysisTimeoutError,
    CallerShareError,
    GovgraphError,
    OverloadedError,
)
from graph.runner import Runner

T = TypeVar("T")
log = logging.getLogger(__name__)

WORKER_NICENESS = 10
"""Workers run at a lower CPU priority than the server, so light requests come first."""
DEFAULT_TIMEOUT = 120.0
"""Seconds an analysis may compute (``GOVGRAPH_ANALYSIS_TIMEOUT``): betweenness of a
20,000-person network, sampled, takes about 10 s alone on a 2-core machine, several times
that while other analyses share the cores."""
DEFAULT_WAIT = 60.0
"""Seconds an analysis may wait for a worker (``GOVGRAPH_ANALYSIS_WAIT``)."""
RETRY_AFTER = 10
"""The most seconds a refused caller is told to wait (``Retry-After``)."""


@dataclass(frozen=True)
class Job(Generic[T]):
    """One analysis: what it reads, what it computes, and the key of its result."""

    runner: Runner
    dataset: str
    """The dataset the result depends on (``''``: all), for the cache's store version."""
    key: tuple[Hashable, ...]
    """The analysis and its arguments."""
    fetch: Callable[[], tuple[Any, ...]]
    """Reads the store (and checks the arguments); returns ``compute``'s arguments."""
    compute: Callable[..., T]
    """A module-level function of plain data: picklable, so a worker process can run it."""

    def inline(self) -> T:
        """Fetch and compute in this thread (cached like the pool's results)."""
        return cache.cached(self.runner, self.dataset, self.key,
                            lambda: self.compute(*self.fetch()))


class Analyses:
    """Runs jobs off the event loop, in a thread of this process (no limits).

    What ``govgraph query`` and a context without a pool use.
    """

    async def run(self, job: Job[T], asker: Asker | None = None) -> T:
        """The job's result (``asker`` is not used here)."""
        return await asyncio.to_thread(job.inline)

    def for_request(self, caller: str) -> Analyses:
        """These analyses as one request of ``caller`` runs them (the same here)."""
        return self

    def close(self) -> None:
        """Release the workers (none here)."""


@dataclass(frozen=True, eq=False)
class Asker:
    """Who runs an analysis: a caller (an API key's id, or a client's address), and the
    request it belongs to (compared by identity)."""

    caller: str = "-"


class RequestAnalyses(Analyses):
    """The analyses of one request of one caller, run by ``pool`` in their shares."""

    def __init__(self, pool: AnalysisPool, caller: str) -> None:
        self.pool = pool
        self.asker = Asker(caller)

    async def run(self, job: Job[T], asker: Asker | None = None) -> T:
        return await self.pool.run(job, asker or self.asker)


@dataclass
class _Gate:
    """One request's turn at the pool: ``share`` of its analyses at a time."""

    slots: asyncio.Semaphore
    users: int = 0


class AnalysisPool(Analyses):
    """Runs jobs' computations in worker processes, bounded, shared fairly and timed.

    Parameters
    ----------
    workers : int
        Worker processes, and so analyses computing at once.
    queue : int
        Analyses that may wait for a worker; one more is refused with
        :class:`~graph.errors.OverloadedError` (``OVERLOADED``).
    timeout : float
        Seconds an analysis may compute in its worker; past that the worker is
        killed and the request gets :class:`~graph.errors.AnalysisTimeoutError`
        (``TIMEOUT``). Requests waiting for the same result share one computation
        and its outcome.
    caller_share : int
        Analyses one caller may have computing or waiting for a worker at once (over
        all its requests); one more is refused with
        :class:`~graph.errors.CallerShareError` (``RATE_LIMITED``). 0: no share.
    request_share : int
        Analyses of one request computing or waiting for a worker at once; the
        request's others wait for its own turn, taking no place in the queue, so
        one request asking for ten analyses holds ``request_share`` of the pool,
        not all of it. An analysis waits for its request's turn at most ``timeout``
        seconds (then ``TIMEOUT``: the request asked for more than it may). 0: no share.
    wait : float
        Seconds an analysis may wait for a worker before the request gets
        ``OVERLOADED``.
    """

    def __init__(self, workers: int = 2, queue: int = 8, timeout: float = DEFAULT_TIMEOUT,
                 caller_share: int = 0, request_share: int = 0,
                 wait: float = DEFAULT_WAIT) -> None:
        if workers < 1 or queue < 0 or timeout <= 0 or wait <= 0:
            raise ValueError("workers must be at least 1, queue at least 0, timeout and "
                             "wait positive")
        if caller_share < 0 or request_share < 0:
            raise ValueError("shares must be at least 0 (0: no share)")
        self.workers, self.queue, self.timeout = workers, queue, timeout
        self.caller_share, self.request_share, self.wait = caller_share, request_share, wait
        self._pool = pebble.ProcessPool(max_workers=workers, initializer=_worker_started,
                                        context=multiprocessing.get_context("spawn"))
        self._slots: asyncio.Semaphore | None = None
        self._admitted = 0
        self._by_caller: Counter[str] = Counter()
        self._gates: dict[Asker, _Gate] = {}
        self._inflight: dict[Hashable, asyncio.Task[Any]] = {}
        self.computed = 0
        """Computations started in a worker (a cache hit or a shared one counts none)."""

    def for_request(self, caller: str) -> Analyses:
        return RequestAnalyses(self, caller)

    async def run(self, job: Job[T], asker: Asker | None = None) -> T:
        version = await asyncio.to_thread(cache.store_version, job.runner, job.dataset)
        full_key = (job.key, version)
        found, value = cache.lookup(job.runner, full_key)
        if found:
            result: T = value
            return result
        task = self._inflight.get(full_key)
        if task is not None:  # a computation under way: shared, costing nobody a share
            shared: T = await asyncio.shield(task)
            return shared
        if asker is None or self.request_share == 0:
            return await self._admitted_run(job, full_key, asker)
        gate = self._gates.get(asker)
        if gate is None:
            gate = self._gates[asker] = _Gate(asyncio.Semaphore(self.request_share))
        gate.users += 1
        try:
            try:
                async with asyncio.timeout(self.timeout):
                    await gate.slots.acquire()
            except TimeoutError:
                raise AnalysisTimeoutError(
                    f"{job.key[0]} waited {self.timeout:g} s for the other analyses of its "
                    "request (GOVGRAPH_ANALYSIS_REQUEST_SHARE at a time, "
                    "GOVGRAPH_ANALYSIS_TIMEOUT): ask for fewer in one request") from None
            try:
                return await self._admitted_run(job, full_key, asker)
            finally:
                gate.slots.release()
        finally:
            gate.users -= 1
            if gate.users == 0:
                del self._gates[asker]

    async def _admitted_run(self, job: Job[T], full_key: Hashable, asker: Asker | None) -> T:
        """Admit the computation of ``job`` (or join the one under way) and wait for it."""
        found, value = cache.lookup(job.runner, full_key)  # computed while this one waited
        if found:
            result: T = value
            return result
        task = self._inflight.get(full_key)
        if task is None:
            caller = asker.caller if asker is not None else None
            if self._admitted >= self.workers + self.queue:
                raise self._overloaded(
                    f"the server is already running or queueing {self._admitted} analyses "
                    "(GOVGRAPH_ANALYSIS_WORKERS + GOVGRAPH_ANALYSIS_QUEUE)")
            if (caller is not None and self.caller_share
                    and self._by_caller[caller] >= self.caller_share):
                raise CallerShareError(
                    f"this caller already has {self._by_caller[caller]} analyses running or "
                    f"queued, its share of the server (GOVGRAPH_ANALYSIS_CALLER_SHARE); try "
                    f"again when one has finished", retry_after=self._retry_after())
            self._admitted += 1
            if caller is not None:
                self._by_caller[caller] += 1
            task = asyncio.ensure_future(self._compute(job, full_key))
            self._inflight[full_key] = task
            task.add_done_callback(lambda done: self._finished(full_key, caller, done))
        # A caller that goes away does not cancel what others wait for.
        shared: T = await asyncio.shield(task)
        return shared

    def _overloaded(self, why: str) -> OverloadedError:
        return OverloadedError(f"{why}; try again shortly", retry_after=self._retry_after())

    def _retry_after(self) -> int:
        """Seconds after which a refused caller may well find room: a typical analysis."""
        return max(1, min(int(self.timeout), RETRY_AFTER))

    def _finished(self, full_key: Hashable, caller: str | None,
                  task: asyncio.Task[Any]) -> None:
        self._admitted -= 1
        if caller is not None:
            self._by_caller[caller] -= 1
            if self._by_caller[caller] <= 0:
                del self._by_caller[caller]
        self._inflight.pop(full_key, None)
        if not task.cancelled():
            task.exception()  # retrieved: nobody may be waiting any more

    async def _compute(self, job: Job[T], full_key: Hashable) -> T:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.workers)
        try:
            async with asyncio.timeout(self.wait):
                await self._slots.acquire()
        except TimeoutError:
            raise self._overloaded(
                f"{job.key[0]} waited {self.wait:g} s for a worker (GOVGRAPH_ANALYSIS_WAIT)"
            ) from None
        try:
            arguments = await asyncio.to_thread(job.fetch)
            self.computed += 1
            future = self._pool.schedule(job.compute, args=arguments, timeout=self.timeout)
            try:
                value: T = await asyncio.wrap_future(future)
            except concurrent.futures.TimeoutError:
                raise self._timed_out(job) from None
            except pebble.ProcessExpired as exc:
                log.error("analysis worker died computing %s: %s", job.key[0], exc)
                raise GovgraphError(f"the worker computing {job.key[0]} died") from exc
        finally:
            self._slots.release()
        cache.remember(job.runner, full_key, value)
        return value

    def _timed_out(self, job: Job[Any]) -> AnalysisTimeoutError:
        return AnalysisTimeoutError(
            f"{job.key[0]} computed longer than {self.timeout:g} s (GOVGRAPH_ANALYSIS_TIMEOUT) "
            "and was stopped")

    def close(self) -> None:
        """Stop the workers (running computations are abandoned)."""
        self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join(timeout=5)


def _worker_started() -> None:
    with contextlib.suppress(OSError):  # not permitted on some systems
        os.nice(WORKER_NICENESS)
