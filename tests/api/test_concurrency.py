"""No request blocks another: one request must never freeze the server for everyone.

A real server (``govgraph serve`` in a subprocess) on a synthetic network of
3,000 people, where ``brokers(projection: PERSONS)`` computes for seconds.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from benchmarks.server import build_store, serving

PEOPLE = 3000
DATASET = f"synthetic-{PEOPLE}"
HEAVY = ("query ($asOf: Date) { brokers(projection: PERSONS, dataset: \"" + DATASET
         + '", asOf: $asOf, first: 3) { totalCount nodes { betweenness } } }')
LIGHT = "{ __typename }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("concurrency") / "db"
    build_store(store, PEOPLE, bundled=False)
    return store


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[str]:
    with serving(store, {"GOVGRAPH_ANALYSIS_WORKERS": "1", "GOVGRAPH_ANALYSIS_QUEUE": "0",
                         "GOVGRAPH_ANALYSIS_TIMEOUT": "120"}) as url:
        yield url


async def ask(client: httpx.AsyncClient, document: str, **variables: Any,
              ) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    response = await client.post("/graphql", json={"query": document, "variables": variables})
    return time.perf_counter() - started, response.json()


def codes(answer: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in answer.get("errors", [])]


def test_light_queries_answer_while_a_heavy_analysis_runs(server: str) -> None:
    async def run() -> tuple[float, list[float]]:
        async with httpx.AsyncClient(base_url=server, timeout=120) as client:
            heavy = asyncio.create_task(ask(client, HEAVY, asOf="2020-01-01"))
            light: list[float] = []
            while not heavy.done():
                seconds, answer = await ask(client, LIGHT)
                assert answer == {"data": {"__typename": "Query"}}
                light.append(seconds)
                await asyncio.sleep(0.02)
            heavy_seconds, answer = await heavy
            assert answer["data"]["brokers"]["totalCount"] == PEOPLE
            return heavy_seconds, light

    heavy_seconds, light = asyncio.run(run())
    assert heavy_seconds > 1, "the heavy analysis should take long enough to matter"
    assert len(light) >= 10
    assert max(light) < 1.0, (heavy_seconds, sorted(light)[-5:])


def test_identical_requests_share_one_computation_and_its_cached_result(server: str) -> None:
    async def run() -> list[tuple[float, dict[str, Any]]]:
        async with httpx.AsyncClient(base_url=server, timeout=120) as client:
            # one worker and no queue: only sharing lets three identical requests through
            together = await asyncio.gather(*(ask(client, HEAVY, asOf="2021-01-01")
                                              for _ in range(3)))
            again = await ask(client, HEAVY, asOf="2021-01-01")
            return [*together, again]

    answers = asyncio.run(run())
    assert all("errors" not in a for _, a in answers), answers
    assert len({str(a) for _, a in answers}) == 1
    assert answers[-1][0] < min(s for s, _ in answers[:3]) / 2  # from the cache


def test_a_new_as_of_does_not_bypass_the_bound(server: str) -> None:
    async def run() -> list[dict[str, Any]]:
        async with httpx.AsyncClient(base_url=server, timeout=120) as client:
            found = await asyncio.gather(ask(client, HEAVY, asOf="2022-01-01"),
                                         ask(client, HEAVY, asOf="2022-01-02"))
            return [answer for _, answer in found]

    found = asyncio.run(run())
    assert sorted(codes(a)[0] if codes(a) else "ok" for a in found) == ["OVERLOADED", "ok"]


def test_an_analysis_past_the_time_limit_is_timeout_and_the_server_goes_on(
        store: Path, tmp_path: Path) -> None:
    async def run(url: str) -> tuple[float, dict[str, Any], dict[str, Any]]:
        async with httpx.AsyncClient(base_url=url, timeout=120) as client:
            seconds, answer = await ask(client, HEAVY, asOf="2023-01-01")
            _, light = await ask(client, LIGHT)
            return seconds, answer, light

    copy = tmp_path / "db"  # the module's server holds the store
    shutil.copytree(store, copy)
    with serving(copy, {"GOVGRAPH_ANALYSIS_TIMEOUT": "0.5"}) as url:
        seconds, answer, light = asyncio.run(run(url))
    assert codes(answer) == ["TIMEOUT"]
    assert answer["data"] is None
    assert seconds < 5
    assert light == {"data": {"__typename": "Query"}}
