"""Load: 32 concurrent clients running a dashboard mix against a real server; print figures.

    .venv/bin/python -m benchmarks.load                 # 32 clients, 60 s
    .venv/bin/python -m benchmarks.load --seconds 10 --clients 8

The server is ``govgraph serve`` in a subprocess on a fresh store holding the
bundled datasets. Each client loops over the dashboard's requests (network,
concentration, overcommitted members, member loads, a body with attendance,
a people search, health) as fast as answers come. First the idle p99: one
client alone, the same mix; then the loaded p99 with every client at once.
The body asked for and the search text vary from request to request (every body
of the dataset, a dozen name fragments), so not every answer can come from the
server's response cache (``GOVGRAPH_RESPONSE_CACHE_BYTES``); the share that did
(header ``X-Govgraph-Cache: hit``) is printed.
Printed: requests, errors (HTTP status other than 200, or a GraphQL error),
idle p50/p99, loaded p50/p99 and the ratio loaded p99 / idle p99 (target ≤ 5).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.server import build_store, serving

DATASET = "seodaemun-2021"
MIX: list[tuple[str, dict[str, Any]]] = [
    ("""query ($d: String!) { network(dataset: $d, maxNodes: 500) { totalNodes
        nodes { id kind label classification degree betweenness community }
        edges { source target kind weight } } }""", {"d": DATASET}),
    ("""query ($d: String) { multiRoleConcentration(dataset: $d) { totalPeople totalSeats
        buckets { bodies people } } seatConcentration(dataset: $d) { overall { gini
        topShares { share seatShare } } byBodyType { classification gini } } }""",
     {"d": DATASET}),
    ("""query ($d: String) { overcommittedMembers(dataset: $d, minBodies: 3, first: 50) {
        totalCount nodes { bodyCount person { name } memberships { role body { name } } } } }""",
     {"d": DATASET}),
    ("""query ($d: String!) { memberLoads(dataset: $d, onlyFlagged: true, first: 100) {
        totalCount nodes { score bodyCount flagged reasons person { id name }
        seats { bodyName weight membership { role body { id name } } } } } }""",
     {"d": DATASET}),
    ("""query ($id: ID!) { body(id: $id) { name capacity memberCount
        members(first: 100) { totalCount nodes { role person { id name } } }
        children(first: 100) { nodes { name } } }
        attendance(bodies: [$id]) { overall { rate seats present } } }""",
     {"id": f"{DATASET}/council"}),
    ("""query ($d: String, $q: String) { people(filter: {dataset: $d, nameContains: $q},
        first: 8) { nodes { id name category } } }""", {"d": DATASET, "q": "김"}),
    ("", {}),  # GET /health
]


SEARCHES = ["김", "이", "박", "최", "정", "위원", "Member", "서", "강", "조", "윤", "장"]
BODIES: list[str] = [f"{DATASET}/council"]
"""Every body of the dataset, filled by :func:`measure` before the runs."""


def variety(variables: dict[str, Any], index: int) -> dict[str, Any]:
    """``variables`` with the body and search text of request ``index``."""
    varied = dict(variables)
    if "id" in varied:
        varied["id"] = BODIES[index % len(BODIES)]
    if "q" in varied:
        varied["q"] = SEARCHES[index % len(SEARCHES)]
    return varied


@dataclass
class Figures:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    cache_hits: int = 0
    examples: list[str] = field(default_factory=list)

    def p(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def one(client: httpx.AsyncClient, index: int, figures: Figures) -> None:
    document, variables = MIX[index % len(MIX)]
    variables = variety(variables, index // len(MIX))
    started = time.perf_counter()
    try:
        if document:
            response = await client.post("/graphql", json={"query": document,
                                                           "variables": variables})
            figures.cache_hits += response.headers.get("x-govgraph-cache") == "hit"
        else:
            response = await client.get("/health")
        failed = response.status_code != 200 or (bool(document)
                                                 and "errors" in response.json())
        if failed and len(figures.examples) < 5:
            figures.examples.append(response.text[:300])
    except httpx.HTTPError as exc:
        failed = True
        if len(figures.examples) < 5:
            figures.examples.append(repr(exc))
    figures.latencies.append(time.perf_counter() - started)
    figures.errors += failed


async def clients(url: str, count: int, seconds: float, think: float = 0.0) -> Figures:
    figures = Figures()
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=count + 4)

    async def loop(offset: int) -> None:
        async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
            i = offset * (len(MIX) + 1)  # each client on its own item and variety
            pause = random.Random(offset)
            if think:  # readers arrive over a pause, not all in the same millisecond
                await asyncio.sleep(pause.uniform(0, 2 * think))
            while time.perf_counter() < deadline:
                await one(client, i, figures)
                i += 1
                if think:
                    await asyncio.sleep(pause.uniform(0, 2 * think))

    await asyncio.gather(*(loop(k) for k in range(count)))
    return figures


def measure(url: str, count: int, seconds: float, think: float = 0.0) -> dict[str, Any]:
    """Warm up, then the idle and loaded runs against a running server at ``url``.

    With ``think``, each loaded client waits a random 0 to 2 × ``think`` seconds
    after each answer, as a person reading a dashboard does; without, it asks
    again at once (a closed loop: with N clients and C cores, an answer waits
    for about N / C others, so the p99 ratio cannot drop below about N / C).
    """
    found = httpx.post(f"{url}/graphql", timeout=60, json={
        "query": "query ($d: String) { bodies(filter: {dataset: $d}, first: 100) "
                 "{ nodes { id } } }", "variables": {"d": DATASET}}).json()
    BODIES[:] = [node["id"] for node in found["data"]["bodies"]["nodes"]] or BODIES
    asyncio.run(clients(url, 1, min(5.0, seconds)))  # warm: caches, workers, connections
    idle = asyncio.run(clients(url, 1, max(3.0, seconds / 4)))
    loaded = asyncio.run(clients(url, count, seconds, think))
    return {"clients": count, "seconds": seconds, "think": think, "requests": len(loaded.latencies),
            "errors": loaded.errors + idle.errors, "idle_p50": idle.p(0.5),
            "idle_p99": idle.p(0.99), "loaded_p50": loaded.p(0.5), "loaded_p99": loaded.p(0.99),
            "ratio": loaded.p(0.99) / idle.p(0.99), "examples": idle.examples + loaded.examples,
            "throughput": len(loaded.latencies) / seconds,
            "cache_hits": loaded.cache_hits / max(1, len(loaded.latencies)),
            "bodies": len(BODIES),
            "mean": statistics.fmean(loaded.latencies) if loaded.latencies else float("nan")}


def main(argv: list[str] | None = None, *, show: Any = print) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause of a dashboard reader between requests, seconds; "
                             "the closed loop (no pause) is measured too")
    args = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory() as scratch:
        store = Path(scratch) / "db"
        build_store(store)
        with serving(store) as url:
            for think in sorted({0.0, args.think}):
                runs.append(measure(url, args.clients, args.seconds, think))
    for figures in runs:
        pace = (f"pausing 0-{2 * figures['think']:g} s between requests" if figures["think"]
                else "closed loop, no pause")
        show(f"load: {figures['clients']} clients for {figures['seconds']:g} s, {pace}: "
             f"{figures['requests']} requests ({figures['throughput']:.0f}/s), "
             f"errors {figures['errors']}; {figures['cache_hits']:.0%} answered from the "
             f"response cache ({figures['bodies']} bodies, {len(SEARCHES)} searches varied)")
        show(f"  idle p50 {figures['idle_p50'] * 1000:.1f} ms, "
             f"p99 {figures['idle_p99'] * 1000:.1f} ms; loaded p50 "
             f"{figures['loaded_p50'] * 1000:.1f} ms, p99 {figures['loaded_p99'] * 1000:.1f} ms;"
             f" p99 ratio {figures['ratio']:.1f}x (target <= 5x)")
        for example in figures["examples"]:
            show(f"  error: {example}")
    return runs


if __name__ == "__main__":
    main()
