"""Every robustness figure in one table: crashes, heavy requests, limits, load, fuzzing.

    .venv/bin/python -m benchmarks.robustness            # full counts (tens of minutes)
    .venv/bin/python -m benchmarks.robustness --quick    # small counts, a few minutes

- crash: ``benchmarks/crash.py`` (kill -9 of ingest/reset at random moments):
  kills tried / stores unopenable / mixed states;
- heavy: ``brokers(projection: PERSONS)`` on the synthetic network (20,000 people;
  ``--people``) against a real server, while one client loops ``{ __typename }``:
  the heavy request's time (or its TIMEOUT) and the light requests' p99, with the
  light p99 of the idle server as the floor;
- limits: for each limit, the time the server takes to refuse a request beyond it,
  and the code it answers;
- load: ``benchmarks/load.py`` (32 clients, dashboard mix): errors and p99 ratio;
- fuzz: ``benchmarks/fuzz.py``: cases tried / tracebacks / partial writes;
- hostile bytes and slow clients: ``benchmarks/hostile.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks import attack, crash, fairness, fuzz, hostile, load
from benchmarks.server import build_store, serving

LIGHT = "{ __typename }"


def heavy(url: str, dataset: str) -> dict[str, Any]:
    document = ('{ brokers(projection: PERSONS, dataset: "' + dataset + '", first: 5) { '
                "totalCount nodes { betweenness } } }")

    async def run() -> tuple[float, str, list[float], list[float]]:
        async with httpx.AsyncClient(base_url=url, timeout=3600) as client:
            idle = []
            for _ in range(50):
                started = time.perf_counter()
                await client.post("/graphql", json={"query": LIGHT})
                idle.append(time.perf_counter() - started)
            started = time.perf_counter()
            task = asyncio.create_task(client.post("/graphql", json={"query": document}))
            light = []
            while not task.done():
                t = time.perf_counter()
                await client.post("/graphql", json={"query": LIGHT})
                light.append(time.perf_counter() - t)
                await asyncio.sleep(0.01)
            response = await task
            seconds = time.perf_counter() - started
            answer = response.json()
            outcome = ("answered" if "errors" not in answer
                       else answer["errors"][0]["extensions"]["code"])
            return seconds, outcome, idle, light

    seconds, outcome, idle, light = asyncio.run(run())
    return {"seconds": seconds, "outcome": outcome, "light": len(light),
            "light_p99": _p99(light), "idle_p99": _p99(idle)}


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else float("nan")


LIMITS: list[tuple[str, Any]] = [
    ("tokens", {"query": "{ " + "__typename " * 5000 + "}"}),
    ("aliases", {"query": "{ " + " ".join(f"a{i}: __typename" for i in range(100)) + " }"}),
    ("depth", {"query": '{ person(id: "x/y") { ' + "memberships { nodes { body { members { "
               "nodes { person { " * 4 + "id" + " } } } } } }" * 4 + " } }"}),
    ("cost", {"query": "{ " + " ".join(f"c{i}: communities(projection: PERSONS, resolution: "
                                       f"{1 + i / 100}) {{ modularity }}" for i in range(25))
              + " }"}),
    ("body size", {"query": "{ __typename }", "variables": {"pad": "x" * 6_500_000}}),
    ("batch", [{"query": LIGHT}] * 100),
    ("response size", {"query": '{ network(dataset: "seodaemun-2021", maxNodes: 2000) { '
                       "nodes { id label kind classification degree betweenness community } "
                       "edges { source target kind weight } } }"}),
]


def limits(url: str) -> list[tuple[str, float, int, str]]:
    found = []
    with httpx.Client(base_url=url, timeout=120) as client:
        for name, body in LIMITS:
            content = json.dumps(body).encode()
            started = time.perf_counter()
            response = client.post("/graphql", content=content,
                                   headers={"content-type": "application/json"})
            seconds = time.perf_counter() - started
            try:
                code = response.json()["errors"][0]["extensions"]["code"]
            except (ValueError, KeyError, IndexError, TypeError):
                code = "(answered)"
            found.append((name, seconds, response.status_code, code))
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="8 kills, 3,000 people, 8 clients for 10 s, 40+40 fuzz cases")
    parser.add_argument("--kills", type=int)
    parser.add_argument("--people", type=int)
    parser.add_argument("--clients", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--fuzz", type=int, help="dataset and GraphQL fuzz cases, each")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="GOVGRAPH_ANALYSIS_TIMEOUT of the heavy-request server")
    args = parser.parse_args(argv)
    quick = args.quick
    kills = args.kills or (8 if quick else 30)
    people = args.people or (3000 if quick else 20000)
    clients = args.clients or (8 if quick else 32)
    seconds = args.seconds or (10.0 if quick else 60.0)
    cases = args.fuzz or (40 if quick else 300)

    rows: list[tuple[str, str]] = []
    figures = crash.main(kills, quiet=True)
    rows.append(("crash: kills tried / stores unopenable / mixed states",
                 f"{figures['kills']} / {figures['unopenable']} / {figures['mixed']}"))
    with tempfile.TemporaryDirectory() as scratch:
        store = Path(scratch) / "db"
        dataset = build_store(store, people)
        # a response limit of 20 kB here, so that one request within the cost budget
        # passes it (the 10 MiB default is out of reach of the default cost budget)
        with serving(store, {"GOVGRAPH_ANALYSIS_TIMEOUT": str(args.timeout),
                             "GOVGRAPH_MAX_RESPONSE_BYTES": "20000"}) as url:
            found = heavy(url, dataset)
            rows.append((f"heavy: brokers(PERSONS) on {people:,} people",
                         f"{found['seconds']:.1f} s ({found['outcome']})"))
            rows.append(("heavy: light-request p99 meanwhile / idle",
                         f"{found['light_p99'] * 1000:.1f} ms over {found['light']} requests / "
                         f"{found['idle_p99'] * 1000:.1f} ms"))
            for name, took, status, code in limits(url):
                rows.append((f"limit: {name}", f"{took * 1000:.1f} ms, HTTP {status}, {code}"))
    with tempfile.TemporaryDirectory() as scratch:
        store = Path(scratch) / "db"
        build_store(store)
        with serving(store) as url:
            runs = [load.measure(url, clients, seconds, think) for think in (0.0, 1.0)]
    for loaded in runs:
        pace = f"pause 0-{2 * loaded['think']:g} s" if loaded["think"] else "closed loop"
        rows.append((f"load: {clients} clients, {seconds:g} s, {pace}: errors / requests",
                     f"{loaded['errors']} / {loaded['requests']} "
                     f"({loaded['cache_hits']:.0%} from the response cache)"))
        rows.append((f"load, {pace}: p99 idle / loaded / ratio (target <= 5x)",
                     f"{loaded['idle_p99'] * 1000:.1f} ms / {loaded['loaded_p99'] * 1000:.1f} ms"
                     f" / {loaded['ratio']:.1f}x"))
    rows.extend(attack.rows(quick, people))  # bomb, pool fairness, cache memory
    rows.extend(fairness.rows(quick, people))  # a caller hammering aggregations vs a light one
    fuzzed = fuzz.main([str(cases), str(cases)], show=lambda _: None)
    for kind, result in fuzzed.items():
        rows.append((f"fuzz {kind}: cases tried / tracebacks / partial writes",
                     f"{result.tried} / {result.tracebacks} / {result.partial_writes}"))
    rows += hostile.figures(random_cases=cases, seconds=4.0 if quick else 8.0)
    width = max(len(label) for label, _ in rows)
    print(f"{'figure':<{width}}  value")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
