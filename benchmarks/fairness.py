"""A caller hammering aggregations against another caller's light query, in one run.

    .venv/bin/python -m benchmarks.fairness              # 20,000 people, 20 s idle, 20 s hogged
    .venv/bin/python -m benchmarks.fairness --quick      # 3,000 people, 10 s each

``make bench-robustness`` prints these lines after its own.

The victim (an API key of its own) asks ``{ body(id) { name } }`` one request after
another, each body in turn: on the idle server (the floor), and while the hog
(another API key) keeps ``--hogs`` requests in flight, each an aggregation that runs as
Cypher plus Python in the server (``multiRoleConcentration``, ``overcommittedMembers``,
``memberLoads``, ``personOverlaps``, ``bodyOverlaps``, ``membershipTable``), each at a
date not asked before so that no cache answers it; four rounds of an idle phase and a
hogged one, so that both see the same machine. Printed: the victim's p50 and p99
hogged against idle, as ratios (the target: p99 within about 2x), and what became of the
hog's requests (answered, or refused with which codes). The response cache is off in
this server, so that every victim request reads the store.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from benchmarks.attack import keys, served
from benchmarks.server import build_store

LIGHT = "query($id: ID!) { body(id: $id) { name } }"
AGGREGATIONS = [
    "query($d: String, $a: Date) { multiRoleConcentration(dataset: $d, asOf: $a) "
    "{ totalPeople buckets { bodies people } } }",
    "query($d: String, $a: Date) { overcommittedMembers(dataset: $d, asOf: $a, minBodies: 2, "
    "first: 20) { totalCount } }",
    "query($d: String, $a: Date) { memberLoads(dataset: $d, asOf: $a, first: 20) "
    "{ totalCount } }",
    "query($d: String, $a: Date) { personOverlaps(dataset: $d, asOf: $a, first: 20) "
    "{ totalCount } }",
    "query($d: String, $a: Date) { bodyOverlaps(dataset: $d, asOf: $a, first: 20) "
    "{ totalCount } }",
    "query($d: String!, $a: Date) { membershipTable(dataset: $d, asOf: $a, first: 2000) "
    "{ totalCount } }",
]
"""Aggregations computed by Cypher plus Python in the server (not the analysis workers)."""


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _dates(start: date = date(2012, 1, 1)) -> Iterator[str]:
    for day in itertools.count():
        yield (start + timedelta(days=day)).isoformat()


def body_ids(url: str, dataset: str, count: int = 50) -> list[str]:
    answer = httpx.post(f"{url}/graphql", timeout=120, json={
        "query": "query($d: String, $n: Int) { bodies(filter: {dataset: $d}, first: $n) "
                 "{ nodes { id } } }", "variables": {"d": dataset, "n": count}}).json()
    return [n["id"] for n in answer["data"]["bodies"]["nodes"]]


def measure(url: str, dataset: str, headers: dict[str, dict[str, str]], seconds: float,
            hogs: int, rounds: int = 4) -> dict[str, Any]:
    """The victim's latencies idle and hogged, and the hog's outcomes: ``rounds`` times an
    idle phase then a hogged one, each ``seconds / rounds`` long, so that both see the same
    machine (other work on it comes and goes)."""
    ids = itertools.cycle(body_ids(url, dataset))
    dates = _dates()

    async def victim(client: httpx.AsyncClient, until: float, seen: list[float]) -> None:
        while time.perf_counter() < until:
            started = time.perf_counter()
            response = await client.post("/graphql", headers=headers["victim"], json={
                "query": LIGHT, "variables": {"id": next(ids)}})
            seen.append(time.perf_counter() - started)
            if response.json().get("errors"):
                raise RuntimeError(f"the light query failed: {response.text[:300]}")

    async def hog(client: httpx.AsyncClient, until: float, start: int,
                  outcomes: Counter[str]) -> None:
        for index in itertools.count(start):
            if time.perf_counter() >= until:
                return
            response = await client.post("/graphql", headers=headers["hog"], json={
                "query": AGGREGATIONS[index % len(AGGREGATIONS)],
                "variables": {"d": dataset, "a": next(dates)}})
            errors = response.json().get("errors") or []
            outcomes.update([errors[0].get("extensions", {}).get("code", "?")] if errors
                            else ["answered"])

    async def run() -> dict[str, Any]:
        limits = httpx.Limits(max_connections=hogs + 4)
        phase = seconds / rounds
        async with httpx.AsyncClient(base_url=url, timeout=600, limits=limits) as client:
            await victim(client, time.perf_counter() + 1.0, [])  # warm-up
            idle: list[float] = []
            hogged: list[float] = []
            outcomes: Counter[str] = Counter()
            for _ in range(rounds):
                await victim(client, time.perf_counter() + phase, idle)
                until = time.perf_counter() + phase + 1.0
                hogging = [asyncio.create_task(hog(client, until, i, outcomes))
                           for i in range(hogs)]
                await asyncio.sleep(1.0)  # the hog's requests are under way
                await victim(client, until, hogged)
                await asyncio.gather(*hogging)  # its last requests finish before idle again
        return {"idle": idle, "hogged": hogged, "outcomes": outcomes}

    return asyncio.run(run())


def rows(quick: bool = False, people: int | None = None, seconds: float | None = None,
         hogs: int = 8) -> list[tuple[str, str]]:
    """The figures, as ``(label, value)`` rows of the robustness table."""
    people = people or (3000 if quick else 20000)
    seconds = seconds or (10.0 if quick else 20.0)
    with tempfile.TemporaryDirectory() as scratch:
        store = Path(scratch) / "db"
        dataset = build_store(store, people)
        headers = keys(store, ["hog", "victim"])
        with served(store, {"GOVGRAPH_RESPONSE_CACHE_BYTES": "0"}) as (url, _):
            found = measure(url, dataset, headers, seconds, hogs)
    idle, hogged, outcomes = found["idle"], found["hogged"], found["outcomes"]
    idle50, idle99 = _quantile(idle, 0.5), _quantile(idle, 0.99)
    hog50, hog99 = _quantile(hogged, 0.5), _quantile(hogged, 0.99)
    label = f"fairness: {{ body(id) {{ name }} }} while {hogs} aggregations hog, {people:,} people"
    return [
        (f"{label}: p50 hogged / idle / ratio",
         f"{hog50 * 1000:.1f} ms / {idle50 * 1000:.1f} ms / {hog50 / idle50:.1f}x"),
        (f"{label}: p99 hogged / idle / ratio (target <= 2x)",
         f"{hog99 * 1000:.1f} ms / {idle99 * 1000:.1f} ms / {hog99 / idle99:.1f}x"),
        (f"{label}: max hogged / light requests idle, hogged",
         f"{max(hogged) * 1000:.0f} ms / {len(idle)}, {len(hogged)}"),
        ("fairness: the hog's aggregations",
         ", ".join(f"{code} {n}" for code, n in outcomes.most_common())),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3,000 people, 10 s hogged")
    parser.add_argument("--people", type=int)
    parser.add_argument("--seconds", type=float, help="how long the hog hammers")
    parser.add_argument("--hogs", type=int, default=8, help="the hog's requests in flight")
    args = parser.parse_args(argv)
    found = rows(args.quick, args.people, args.seconds, args.hogs)
    width = max(len(label) for label, _ in found)
    for label, value in found:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
