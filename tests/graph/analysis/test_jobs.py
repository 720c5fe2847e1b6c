"""Heavy analyses give the same answers computed in a worker process as in this one."""

from __future__ import annotations

import asyncio
from dataclasses import fields, is_dataclass
from typing import Any

import pytest

from graph.analysis import brokers, cache, communities, network, paths
from graph.analysis.jobs import AnalysisPool, Job
from graph.analysis.projection import Projection
from graph.backends.ladybug import LadybugRunner
from graph.errors import (
    AnalysisTimeoutError,
    CallerShareError,
    NotFoundError,
    OverloadedError,
)
from graph.filters import DateWindow

ALL = DateWindow()
DATASET = "seodaemun-2021"


def jobs(runner: LadybugRunner) -> list[Job[Any]]:
    return [
        brokers.ranking_job(runner, DATASET, ALL, Projection.PERSONS),
        brokers.ranking_job(runner, DATASET, DateWindow.as_of(None), Projection.BODIES),
        brokers.cut_points_job(runner, DATASET, ALL, Projection.BODIES),
        brokers.bridges_job(runner, DATASET, ALL, Projection.PERSONS),
        communities.communities_job(runner, DATASET, ALL, Projection.BODIES, 1.5, 7),
        network.network_job(runner, DATASET, ALL, network.Mode.TWO_MODE, ("subcommittee",), 50),
        network.network_job(runner, DATASET, ALL, network.Mode.PERSONS, (), 100),
        paths.ego_job(runner, f"{DATASET}/council", 2, ALL, 60),
    ]


def rounded(value: Any) -> Any:
    """``value`` with every float to 9 significant digits (eigenvectors come from an
    iterative solver, equal up to rounding from run to run)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: rounded(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [rounded(v) for v in value]
    if isinstance(value, float):
        return float(f"{value:.9g}")
    return value


def test_worker_answers_equal_the_in_process_ones(seodaemun_store: LadybugRunner) -> None:
    expected = [job.inline() for job in jobs(seodaemun_store)]
    cache._cache_of(seodaemun_store).entries.clear()
    pool = AnalysisPool(workers=2, queue=8, timeout=120)

    async def in_workers() -> list[Any]:
        return await asyncio.gather(*(pool.run(job) for job in jobs(seodaemun_store)))

    try:
        found = asyncio.run(in_workers())
    finally:
        pool.close()
    assert rounded(found) == rounded(expected)
    assert pool.computed == len(expected)


def test_the_pool_refuses_an_unknown_dataset_like_the_analysis(
        seodaemun_store: LadybugRunner) -> None:
    job = brokers.ranking_job(seodaemun_store, "no-such-dataset", ALL, Projection.BODIES)
    with pytest.raises(NotFoundError):
        job.inline()
    pool = AnalysisPool(workers=1, queue=0, timeout=60)
    try:
        with pytest.raises(NotFoundError):
            asyncio.run(pool.run(job))
    finally:
        pool.close()


def _sleep(seconds: float) -> float:
    import time

    time.sleep(seconds)
    return seconds


def test_a_computation_past_the_time_limit_is_stopped(seodaemun_store: LadybugRunner) -> None:
    pool = AnalysisPool(workers=1, queue=0, timeout=0.5)
    slow = Job(seodaemun_store, DATASET, ("slow", 1), lambda: (30.0,), _sleep)
    quick = Job(seodaemun_store, DATASET, ("quick", 1), lambda: (0.0,), _sleep)

    async def run() -> float:
        with pytest.raises(AnalysisTimeoutError):
            await pool.run(slow)
        return await pool.run(quick)  # a new worker took the killed one's place

    try:
        assert asyncio.run(run()) == 0.0
    finally:
        pool.close()


def _pool(**shares: Any) -> AnalysisPool:
    settings: dict[str, Any] = {"workers": 2, "queue": 2, "timeout": 60, "wait": 60}
    return AnalysisPool(**{**settings, **shares})


def _sleeper(runner: LadybugRunner, name: str, seconds: float) -> Job[float]:
    return Job(runner, DATASET, ("sleep", name, seconds), lambda: (seconds,), _sleep)


def test_the_analyses_of_one_request_take_its_share_not_the_whole_pool(
        seodaemun_store: LadybugRunner) -> None:
    """Ten aliased analyses in one request used to fill workers and queue: everyone else
    was answered OVERLOADED until they were done."""
    pool = _pool(request_share=1, caller_share=4)
    heavy = pool.for_request("address:10.0.0.1")

    async def run() -> tuple[list[float], float, int]:
        most = 0

        async def watch() -> None:
            nonlocal most
            while True:
                most = max(most, pool._admitted)
                await asyncio.sleep(0.01)

        watching = asyncio.ensure_future(watch())
        ten = asyncio.gather(*(heavy.run(_sleeper(seodaemun_store, f"aliased-{i}", 0.3))
                               for i in range(10)))
        while pool._admitted == 0:  # the request's first analysis is in
            await asyncio.sleep(0.01)
        other = await pool.for_request("address:10.0.0.2").run(
            _sleeper(seodaemun_store, "other caller", 0.0))
        answers = await ten
        watching.cancel()
        return answers, other, most

    try:
        ten, other, admitted = asyncio.run(run())
    finally:
        pool.close()
    assert ten == [0.3] * 10  # every one of them answered, in turn
    assert other == 0.0
    assert admitted <= 2  # the request held one place of the four, the other caller one


def test_a_caller_beyond_its_share_is_refused_with_rate_limited_and_a_retry_time(
        seodaemun_store: LadybugRunner) -> None:
    pool = _pool(caller_share=2, request_share=1)

    async def run() -> tuple[list[Any], float]:
        own = [pool.for_request("key:k1") for _ in range(3)]  # three requests of one key
        found = await asyncio.gather(
            *(a.run(_sleeper(seodaemun_store, f"k1-{i}", 0.5)) for i, a in enumerate(own)),
            return_exceptions=True)
        other = await pool.for_request("key:k2").run(_sleeper(seodaemun_store, "k2", 0.0))
        return found, other

    try:
        found, other = asyncio.run(run())
    finally:
        pool.close()
    refused = [f for f in found if isinstance(f, Exception)]
    assert [type(e) for e in refused] == [CallerShareError]
    assert refused[0].code == "RATE_LIMITED" and refused[0].retry_after >= 1
    assert sorted(f for f in found if not isinstance(f, Exception)) == [0.5, 0.5]
    assert other == 0.0


def test_the_time_limit_counts_computing_not_waiting(seodaemun_store: LadybugRunner) -> None:
    """A 20,000-person brokers waiting behind another used to time out while it waited."""
    pool = AnalysisPool(workers=1, queue=2, timeout=1.5, wait=60)

    async def run() -> list[float]:
        return await asyncio.gather(*(pool.run(_sleeper(seodaemun_store, f"w{i}", 0.8))
                                      for i in range(3)))

    try:
        assert asyncio.run(run()) == [0.8, 0.8, 0.8]  # 2.4 s in all, each 0.8 s computing
    finally:
        pool.close()


def test_waiting_for_a_worker_past_the_wait_is_overloaded(
        seodaemun_store: LadybugRunner) -> None:
    pool = AnalysisPool(workers=1, queue=2, timeout=60, wait=0.3)

    async def run() -> list[Any]:
        await pool.run(_sleeper(seodaemun_store, "warm-up", 0.0))  # the worker started
        long = asyncio.ensure_future(pool.run(_sleeper(seodaemun_store, "long", 1.5)))
        await asyncio.sleep(0.2)  # it holds the worker
        return await asyncio.gather(long, pool.run(_sleeper(seodaemun_store, "behind", 0.0)),
                                    return_exceptions=True)

    try:
        first, second = asyncio.run(run())
    finally:
        pool.close()
    assert first == 1.5
    assert isinstance(second, OverloadedError) and second.code == "OVERLOADED"
    assert second.retry_after is not None


def test_a_request_asking_more_than_its_turns_allow_times_out_not_others(
        seodaemun_store: LadybugRunner) -> None:
    pool = AnalysisPool(workers=2, queue=2, timeout=1.5, wait=60, request_share=1)
    greedy = pool.for_request("address:10.0.0.3")

    async def run() -> tuple[list[Any], float]:
        await pool.run(_sleeper(seodaemun_store, "warm-up", 0.0))  # workers started
        found = await asyncio.gather(*(greedy.run(_sleeper(seodaemun_store, f"turn-{i}", 1.0))
                                       for i in range(4)), return_exceptions=True)
        other = await pool.for_request("address:10.0.0.4").run(
            _sleeper(seodaemun_store, "other", 0.0))
        return found, other

    try:
        found, other = asyncio.run(run())
    finally:
        pool.close()
    answered = [f for f in found if f == 1.0]
    refused = [f for f in found if isinstance(f, Exception)]
    assert answered and refused and len(answered) + len(refused) == 4
    assert all(type(f) is AnalysisTimeoutError for f in refused)  # TIMEOUT, not OVERLOADED
    assert other == 0.0
