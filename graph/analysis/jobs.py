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
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import pebble

from graph.analysis import cache
from graph.errors import AnalysisTimeoutError, GovgraphError, OverloadedError
from graph.runner import Runner

T = TypeVar("T")
log = logging.getLogger(__name__)

WORKER_NICENESS = 10
"""Workers run at a lower CPU priority than the server, so light requests come first."""


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

    async def run(self, job: Job[T]) -> T:
        """The job's result."""
        return await asyncio.to_thread(job.inline)

    def close(self) -> None:
        """Release the workers (none here)."""


class AnalysisPool(Analyses):
    """Runs jobs' computations in worker processes, bounded and timed.

    Parameters
    ----------
    workers : int
        Worker processes, and so analyses computing at once.
    queue : int
        Analyses that may wait for a worker; one more is refused with
        :class:`~graph.errors.OverloadedError` (``OVERLOADED``).
    timeout : float
        Seconds an analysis may take, waiting included; past that its worker
        is killed and the request gets :class:`~graph.errors.AnalysisTimeoutError`
        (``TIMEOUT``). Requests waiting for the same result share one computation
        and its outcome.
    """

    def __init__(self, workers: int = 2, queue: int = 8, timeout: float = 30.0) -> None:
        if workers < 1 or queue < 0 or timeout <= 0:
            raise ValueError("workers must be at least 1, queue at least 0, timeout positive")
        self.workers, self.queue, self.timeout = workers, queue, timeout
        self._pool = pebble.ProcessPool(max_workers=workers, initializer=_worker_started,
                                        context=multiprocessing.get_context("spawn"))
        self._slots: asyncio.Semaphore | None = None
        self._admitted = 0
        self._inflight: dict[Hashable, asyncio.Task[Any]] = {}
        self.computed = 0
        """Computations started in a worker (a cache hit or a shared one counts none)."""

    async def run(self, job: Job[T]) -> T:
        version = await asyncio.to_thread(cache.store_version, job.runner, job.dataset)
        full_key = (job.key, version)
        found, value = cache.lookup(job.runner, full_key)
        if found:
            result: T = value
            return result
        task = self._inflight.get(full_key)
        if task is None:
            if self._admitted >= self.workers + self.queue:
                raise OverloadedError(
                    f"the server is already running or queueing {self._admitted} analyses "
                    "(GOVGRAPH_ANALYSIS_WORKERS + GOVGRAPH_ANALYSIS_QUEUE); try again shortly")
            self._admitted += 1
            task = asyncio.ensure_future(self._compute(job, full_key))
            self._inflight[full_key] = task
            task.add_done_callback(lambda done: self._finished(full_key, done))
        # A caller that goes away does not cancel what others wait for.
        shared: T = await asyncio.shield(task)
        return shared

    def _finished(self, full_key: Hashable, task: asyncio.Task[Any]) -> None:
        self._admitted -= 1
        self._inflight.pop(full_key, None)
        if not task.cancelled():
            task.exception()  # retrieved: nobody may be waiting any more

    async def _compute(self, job: Job[T], full_key: Hashable) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.workers)
        try:
            async with asyncio.timeout_at(deadline):
                await self._slots.acquire()
        except TimeoutError:
            raise self._timed_out(job) from None
        try:
            arguments = await asyncio.to_thread(job.fetch)
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise self._timed_out(job)
            self.computed += 1
            future = self._pool.schedule(job.compute, args=arguments, timeout=remaining)
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
            f"{job.key[0]} took longer than {self.timeout:g} s (GOVGRAPH_ANALYSIS_TIMEOUT) "
            "and was stopped")

    def close(self) -> None:
        """Stop the workers (running computations are abandoned)."""
        self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join(timeout=5)


def _worker_started() -> None:
    with contextlib.suppress(OSError):  # not permitted on some systems
        os.nice(WORKER_NICENESS)
