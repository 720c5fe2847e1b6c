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
from graph.errors import AnalysisTimeoutError, NotFoundError
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
