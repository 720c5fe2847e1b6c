"""A caller hammering aggregations does not make anyone else's request wait behind them.

A real server (uvicorn, in this process) on the bundled Seodaemun store. The hog's
``memberLoads`` are held inside the real aggregation until the test lets them go, so
the queueing is observed as it is, not raced against a clock: while they are held,
another caller's light query answers, and another caller's aggregation computes before
the hog's next one.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from api.app import create_app
from api.security.keys import KeyStore
from benchmarks.server import free_port
from govgraph.settings import Settings
from graph.analysis import load
from graph.analysis.lane import AggregationLane
from graph.backends.ladybug import LadybugRunner
from graph.privacy import Role

HOGS = 6
LOADS = "query($a: Date) { memberLoads(asOf: $a, first: 1) { totalCount } }"
LIGHT = "query($id: ID!) { body(id: $id) { name } }"


@dataclass
class Served:
    url: str
    app: FastAPI
    headers: dict[str, dict[str, str]]
    callers: dict[str, str]

    @property
    def lane(self) -> AggregationLane:
        lane: AggregationLane = self.app.state.aggregations
        return lane


@pytest.fixture(scope="module")
def served(seodaemun_store: LadybugRunner,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """uvicorn on a free port; two threads of aggregations, one per caller; keys for
    a hog and two other callers; no response cache (every request reaches the store)."""
    keys = tmp_path_factory.mktemp("lane") / "keys.sqlite3"
    store = KeyStore(keys)
    headers, callers = {}, {}
    for name in ("hog", "victim", "other"):
        key, token = store.create(name, Role.ANALYST)
        headers[name] = {"Authorization": f"Bearer {token}"}
        callers[name] = f"key:{key.id}"
    app = create_app(seodaemun_store, Settings(
        keys=keys, response_cache_bytes=0, aggregation_threads=2,
        aggregation_caller_share=1, aggregation_caller_waiting=HOGS))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield Served(f"http://127.0.0.1:{port}", app, headers, callers)
    server.should_exit = True
    thread.join(10)


@dataclass
class Held:
    """``memberLoads`` computations, in the order they started (by ``asOf``), held until
    ``release`` is set."""

    started: list[str]
    release: threading.Event


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    real: Callable[..., Any] = load.member_loads
    found = Held([], threading.Event())

    def holding(runner: Any, dataset: str, window: Any, *args: Any) -> Any:
        found.started.append(str(window.start))
        assert found.release.wait(60), "the test never let the aggregation go"
        return real(runner, dataset, window, *args)

    monkeypatch.setattr(load, "member_loads", holding)
    yield found
    found.release.set()


def until(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.01)


async def post(client: httpx.AsyncClient, served: Served, who: str, document: str,
               **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", headers=served.headers[who],
                                 json={"query": document, "variables": variables})
    answer: dict[str, Any] = response.json()
    return answer


def body_id(served: Served) -> str:
    answer = httpx.post(f"{served.url}/graphql", headers=served.headers["victim"],
                        json={"query": "{ bodies(first: 1) { nodes { id } } }"}).json()
    found: str = answer["data"]["bodies"]["nodes"][0]["id"]
    return found


def test_a_light_query_and_another_callers_aggregation_do_not_queue_behind_a_hog(
        served: Served, held: Held) -> None:
    lane, hog = served.lane, served.callers["hog"]
    body = body_id(served)

    async def run() -> None:
        limits = httpx.Limits(max_connections=HOGS + 4)
        async with httpx.AsyncClient(base_url=served.url, timeout=60, limits=limits) as client:
            hogging = [asyncio.create_task(post(client, served, "hog", LOADS,
                                                a=f"2021-01-{day:02d}"))
                       for day in range(1, HOGS + 1)]
            # One of the hog's aggregations computes (held); the others wait their turn
            # in the lane, holding no thread.
            await asyncio.to_thread(until, lambda: len(held.started) == 1 and
                                    lane.waiting(hog) == HOGS - 1, "the hog's queue")
            assert lane.computing(hog) == 1

            light = await post(client, served, "victim", LIGHT, id=body)
            assert light["data"]["body"]["name"], light
            assert not any(task.done() for task in hogging), "answered behind the hog"

            other = asyncio.create_task(post(client, served, "other", LOADS, a="2022-06-01"))
            await asyncio.to_thread(until, lambda: len(held.started) == 2,
                                    "the other caller's aggregation starting")
            assert held.started[1] == "2022-06-01", held.started
            assert lane.waiting(hog) == HOGS - 1, "the hog's next one took the other's turn"

            held.release.set()
            answers = await asyncio.gather(*hogging, other)
            for answer in answers:
                assert "errors" not in answer, answer
                assert answer["data"]["memberLoads"]["totalCount"] >= 0
            assert sorted(held.started[2:]) == [f"2021-01-{day:02d}"
                                                for day in range(1, HOGS + 1)
                                                if f"2021-01-{day:02d}" != held.started[0]]

    asyncio.run(run())
    assert lane.waiting(hog) == 0 and lane.computing(hog) == 0


def test_a_caller_beyond_its_waiting_aggregations_is_rate_limited_alone(
        served: Served, held: Held) -> None:
    lane, hog = served.lane, served.callers["hog"]

    async def run() -> None:
        limits = httpx.Limits(max_connections=HOGS + 6)
        async with httpx.AsyncClient(base_url=served.url, timeout=60, limits=limits) as client:
            hogging = [asyncio.create_task(post(client, served, "hog", LOADS,
                                                a=f"2020-02-{day:02d}"))
                       for day in range(1, HOGS + 2)]
            await asyncio.to_thread(until, lambda: lane.waiting(hog) == HOGS,
                                    "the hog's queue full")
            refused = await post(client, served, "hog", LOADS, a="2020-03-01")
            assert [e["extensions"]["code"] for e in refused["errors"]] == ["RATE_LIMITED"]
            assert refused["data"] is None
            other = asyncio.create_task(post(client, served, "other", LOADS, a="2020-04-01"))
            await asyncio.to_thread(until, lambda: "2020-04-01" in held.started,
                                    "the other caller's aggregation starting")
            held.release.set()
            for answer in await asyncio.gather(*hogging, other):
                assert "errors" not in answer, answer

    asyncio.run(run())


def test_the_lane_is_configured_by_settings(served: Served) -> None:
    lane = served.lane
    assert (lane.threads, lane.caller_share, lane.caller_waiting) == (2, 1, HOGS)
    defaults = Settings(keys=Path("unused.sqlite3"))
    assert defaults.aggregation_threads < defaults.read_connections
    assert (defaults.aggregation_caller_share, defaults.aggregation_caller_waiting,
            defaults.aggregation_wait) == (1, 32, 60.0)
