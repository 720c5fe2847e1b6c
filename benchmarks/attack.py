"""Figures of an attacker's requests against a served store: the fragment bomb, one request
filling its share of the analysis pool, and the server's memory over varied requests.

    .venv/bin/python -m benchmarks.attack            # 20,000 people, 300 s of memory run
    .venv/bin/python -m benchmarks.attack --quick    # 3,000 people, 60 s

``make bench-robustness`` prints these lines after its own.

- bomb: 24 fragments each spreading the next twice (under 1 KB, 2**24 expanded
  fields): the time the server takes to refuse it, against ``{ __typename }``
  (the floor, same run);
- fairness: one caller's request with ten aliased ``brokers`` (sampled, each its own
  pivots) on the synthetic roster, while three other callers (API keys of their own)
  loop an ego network (an analysis of the pool) and a page of people: their p99 and
  refusals, against the same loop with nobody filling the pool (the floor);
- stalls: the slowest ``{ __typename }`` while an aggregation (overlaps, loads), which
  computes in a thread of the server, runs on the roster, against the idle p99;
- memory: the server's resident memory (its own process; the workers are apart) while
  clients send varied requests (overlaps, loads, paths and pages at many dates and
  offsets, each a new cache entry) for ``--seconds``: after warm-up, highest, last,
  and the caches' bounds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import tempfile
import time
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from api.security.keys import KeyStore
from benchmarks.server import build_store, serve_process
from graph.privacy import Role

LIGHT = "{ __typename }"
MIB = 1024 * 1024


def bomb(levels: int = 24) -> str:
    """``levels`` fragments, each spreading the next twice."""
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}"
                         for i in range(levels))
    return f"{{ ...F0 }} {fragments} fragment F{levels} on Query {{ __typename }}"


@contextlib.contextmanager
def served(store: Path, env: Mapping[str, str] | None = None,
           timeout: float = 60) -> Iterator[tuple[str, int]]:
    """``govgraph serve`` on ``store`` in a subprocess; yields its URL and process id."""
    with serve_process(store, env, timeout) as server:
        yield server.url, server.pid


def rss(pid: int) -> int:
    """Resident memory of process ``pid``, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def keys(store: Path, names: list[str]) -> dict[str, dict[str, str]]:
    """An analyst API key for each of ``names`` (in the key store ``served`` uses)."""
    key_store = KeyStore(store.parent / "keys.sqlite3")
    return {name: {"Authorization": f"Bearer {key_store.create(name, Role.ANALYST)[1]}"}
            for name in names}


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else float("nan")


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else float("nan")


def refuse_bomb(url: str, runs: int = 7) -> dict[str, Any]:
    """Median seconds to answer ``{ __typename }`` and to refuse the bomb, and its code."""
    document = bomb()
    with httpx.Client(base_url=url, timeout=600) as client:
        floor, refusal = [], []
        code = ""
        for _ in range(runs):
            started = time.perf_counter()
            client.post("/graphql", json={"query": LIGHT})
            floor.append(time.perf_counter() - started)
            started = time.perf_counter()
            answer = client.post("/graphql", json={"query": document}).json()
            refusal.append(time.perf_counter() - started)
            code = (answer.get("errors") or [{}])[0].get("extensions", {}).get("code", "")
    return {"bytes": len(document.encode()), "floor": _median(floor),
            "refusal": _median(refusal), "code": code}


def person_ids(url: str, dataset: str, count: int = 200) -> list[str]:
    answer = httpx.post(f"{url}/graphql", timeout=60, json={
        "query": "query($d: String, $n: Int) { people(filter: {dataset: $d}, first: $n) "
                 "{ nodes { id } } }", "variables": {"d": dataset, "n": count}}).json()
    return [n["id"] for n in answer["data"]["people"]["nodes"]]


async def _caller(client: httpx.AsyncClient, headers: dict[str, str], ids: Iterator[str],
                  until: float, seen: dict[str, list[Any]]) -> None:
    """Loop an ego network (an analysis of the pool) and a page of people until ``until``."""
    while time.perf_counter() < until:
        for body in ({"query": "query($id: ID!) { egoNetwork(id: $id, depth: 1, maxNodes: 50)"
                               " { totalNodes } }", "variables": {"id": next(ids)}},
                     {"query": "{ people(first: 5) { nodes { id name } } }"}):
            started = time.perf_counter()
            response = await client.post("/graphql", json=body, headers=headers)
            seen["latency"].append(time.perf_counter() - started)
            for error in response.json().get("errors") or []:
                seen["codes"].append(error.get("extensions", {}).get("code", "?"))


def fairness(url: str, dataset: str, headers: dict[str, dict[str, str]],
             seconds: float) -> dict[str, Any]:
    """Other callers' p99 and refusals alone (floor) and while one request fills its share."""
    ids = itertools.cycle(person_ids(url, dataset))
    others = [h for name, h in headers.items() if name != "hog"]
    hog = ("{ " + " ".join(
        f"b{i}: brokers(projection: PERSONS, dataset: \"{dataset}\", pivots: {40 + i}, "
        "first: 1) { totalCount }" for i in range(10)) + " }")

    async def phase(with_hog: bool) -> dict[str, Any]:
        seen: dict[str, list[Any]] = {"latency": [], "codes": []}
        async with httpx.AsyncClient(base_url=url, timeout=600) as client:
            started = time.perf_counter()
            hogging = (asyncio.create_task(client.post("/graphql", json={"query": hog},
                                                       headers=headers["hog"]))
                       if with_hog else None)
            await asyncio.sleep(0.5 if with_hog else 0)  # its first analysis has started
            await asyncio.gather(*(_caller(client, h, ids, time.perf_counter() + seconds, seen)
                                   for h in others))
            outcome, took = "-", 0.0
            if hogging is not None:
                answer = (await hogging).json()
                took = time.perf_counter() - started
                errors = answer.get("errors") or []
                answered = sum(1 for v in (answer.get("data") or {}).values() if v is not None)
                outcome = f"{answered}/10 answered" + (
                    ", others " + ",".join(sorted({e["extensions"]["code"] for e in errors}))
                    if errors else "")
        return {"p99": _p99(seen["latency"]), "requests": len(seen["latency"]),
                "refused": len(seen["codes"]), "codes": sorted(set(seen["codes"])),
                "hog": outcome, "hog_seconds": took}

    return {"alone": asyncio.run(phase(False)), "hogged": asyncio.run(phase(True))}


AGGREGATIONS = {
    "personOverlaps": "query($d: String, $a: Date) { personOverlaps(dataset: $d, asOf: $a, "
                      "first: 5) { totalCount } }",
    "memberLoads": "query($d: String, $a: Date) { memberLoads(dataset: $d, asOf: $a, first: 5) "
                   "{ totalCount } }",
    "bodyOverlaps": "query($d: String, $a: Date) { bodyOverlaps(dataset: $d, asOf: $a, "
                    "first: 5) { totalCount } }",
}
"""Aggregations computed in a thread of the server (not in the worker processes)."""


def thread_stalls(url: str, dataset: str) -> dict[str, Any]:
    """The slowest ``{ __typename }`` while each of :data:`AGGREGATIONS` computes (a date not
    asked before, so nothing is cached), and the p99 of the idle server (the floor)."""

    async def run() -> dict[str, Any]:
        async with httpx.AsyncClient(base_url=url, timeout=600) as client:
            idle = []
            for _ in range(50):
                started = time.perf_counter()
                await client.post("/graphql", json={"query": LIGHT})
                idle.append(time.perf_counter() - started)
            worst: dict[str, float] = {}
            for day, (name, document) in enumerate(AGGREGATIONS.items(), start=1):
                task = asyncio.create_task(client.post("/graphql", json={
                    "query": document, "variables": {"d": dataset, "a": f"2019-03-{day:02d}"}}))
                light = [0.0]
                while not task.done():
                    started = time.perf_counter()
                    await client.post("/graphql", json={"query": LIGHT})
                    light.append(time.perf_counter() - started)
                await task
                worst[name] = max(light)
            return {"idle_p99": _p99(idle), "worst": worst}

    return asyncio.run(run())


def _dates(start: date = date(2015, 1, 1)) -> Iterator[str]:
    for day in itertools.count():
        yield (start + timedelta(days=day)).isoformat()


MIX = [
    "query($d: String, $a: Date) { personOverlaps(dataset: $d, asOf: $a, minShared: 1, "
    "first: 100) { totalCount nodes { shared jaccard } } }",
    "query($d: String, $a: Date) { memberLoads(dataset: $d, asOf: $a, first: 100) "
    "{ totalCount nodes { score bodyCount } } }",
    "query($d: String, $a: Date) { bodyOverlaps(dataset: $d, asOf: $a, first: 100) "
    "{ totalCount nodes { shared } } }",
    "query($a: Date, $from: ID!, $to: ID!) { path(from: $from, to: $to, asOf: $a) "
    "{ length } }",
    "query($d: String, $after: String) { people(filter: {dataset: $d}, first: 100, "
    "after: $after) { nodes { id name memberships { nodes { role body { name } } } } } }",
]
"""Varied requests: each new date or offset is a new entry of the analysis cache (a
person-overlap list or a whole network of the roster) or of the response cache."""


def memory(url: str, pid: int, dataset: str, seconds: float, clients: int = 2,
           every: float = 5.0) -> dict[str, Any]:
    """The server's RSS while ``clients`` send :data:`MIX` for ``seconds``: samples
    ``(seconds since start, bytes)``, the first taken after one round of the mix."""
    import base64

    ids = person_ids(url, dataset, 100)
    dates = _dates()
    offsets = itertools.count(0, 100)
    samples: list[tuple[float, int]] = []
    errors: list[str] = []

    def variables(index: int) -> dict[str, Any]:
        if index == 3:
            return {"a": next(dates), "from": ids[0], "to": ids[len(ids) // 2]}
        if index == 4:
            after = base64.urlsafe_b64encode(f"offset:{next(offsets) % 20000}".encode())
            return {"d": dataset, "after": after.decode()}
        return {"d": dataset, "a": next(dates)}

    async def client_loop(client: httpx.AsyncClient, until: float, start: int) -> int:
        sent = 0
        for index in itertools.cycle(range(start, start + len(MIX))):
            if time.perf_counter() >= until:
                break
            position = index % len(MIX)
            response = await client.post("/graphql", json={
                "query": MIX[position], "variables": variables(position)})
            errors.extend(e.get("extensions", {}).get("code", "?")
                          for e in response.json().get("errors") or [])
            sent += 1
        return sent

    async def sampler(until: float, started: float) -> None:
        while time.perf_counter() < until:
            samples.append((time.perf_counter() - started, rss(pid)))
            await asyncio.sleep(every)
        samples.append((time.perf_counter() - started, rss(pid)))

    async def run() -> int:
        async with httpx.AsyncClient(base_url=url, timeout=600) as client:
            for position in range(len(MIX)):  # warm-up: one of each
                await client.post("/graphql", json={"query": MIX[position],
                                                    "variables": variables(position)})
            started = time.perf_counter()
            until = started + seconds
            sent = await asyncio.gather(sampler(until, started),
                                        *(client_loop(client, until, i) for i in range(clients)))
            return sum(s for s in sent if s)

    requests = asyncio.run(run())
    values = [b for _, b in samples]
    middle = min(samples, key=lambda sample: abs(sample[0] - seconds / 2))[1]
    return {"samples": samples, "start": values[0], "middle": middle, "peak": max(values),
            "end": values[-1], "requests": requests, "errors": sorted(set(errors))}


def rows(quick: bool = False, people: int | None = None,
         seconds: float | None = None) -> list[tuple[str, str]]:
    """The figures, as ``(label, value)`` rows of the robustness table."""
    people = people or (3000 if quick else 20000)
    seconds = seconds or (60.0 if quick else 300.0)
    found: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        store = Path(scratch) / "db"
        dataset = build_store(store, people)
        headers = keys(store, ["hog", "caller-1", "caller-2", "caller-3"])
        with served(store) as (url, pid):
            bombed = refuse_bomb(url)
            found.append((f"attack: fragment bomb ({bombed['bytes']} bytes, 2^24 fields): "
                          "refused in / floor / ratio",
                          f"{bombed['refusal'] * 1000:.1f} ms ({bombed['code']}) / "
                          f"{bombed['floor'] * 1000:.1f} ms / "
                          f"{bombed['refusal'] / bombed['floor']:.1f}x"))
            fair = fairness(url, dataset, headers, 20.0 if quick else 60.0)
            alone, hogged = fair["alone"], fair["hogged"]
            found.append((f"attack: 10 aliased brokers on {people:,} people, one request: "
                          "outcome / time",
                          f"{hogged['hog']} / {hogged['hog_seconds']:.1f} s"))
            found.append(("attack: 3 other callers' p99 meanwhile / alone / ratio",
                          f"{hogged['p99'] * 1000:.0f} ms / {alone['p99'] * 1000:.0f} ms / "
                          f"{hogged['p99'] / alone['p99']:.1f}x"))
            found.append(("attack: other callers refused meanwhile / requests",
                          f"{hogged['refused']} / {hogged['requests']} "
                          f"{' '.join(hogged['codes'])}".rstrip()))
            stalls = thread_stalls(url, dataset)
            found.append((f"attack: slowest light request while an aggregation computes in a "
                          f"server thread on {people:,} people / idle p99",
                          ", ".join(f"{name} {took * 1000:.0f} ms"
                                    for name, took in stalls["worst"].items())
                          + f" / {stalls['idle_p99'] * 1000:.1f} ms"))
            used = memory(url, pid, dataset, seconds)
            bounds = (256 + 64) * MIB  # the default cache bounds (analysis + response)
            found.append((f"attack: server RSS over {seconds:g} s of varied requests: "
                          "after warm-up / half-way / peak / end",
                          f"{used['start'] / MIB:.0f} / {used['middle'] / MIB:.0f} / "
                          f"{used['peak'] / MIB:.0f} / {used['end'] / MIB:.0f} MB "
                          f"({used['requests']} requests"
                          f"{', errors ' + ' '.join(used['errors']) if used['errors'] else ''})"))
            found.append(("attack: RSS growth / caches' bounds (analysis + response)",
                          f"{(used['peak'] - used['start']) / MIB:.0f} MB / "
                          f"{bounds / MIB:.0f} MB"))
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3,000 people, 60 s of memory run")
    parser.add_argument("--people", type=int)
    parser.add_argument("--seconds", type=float, help="length of the memory run")
    args = parser.parse_args(argv)
    found = rows(args.quick, args.people, args.seconds)
    width = max(len(label) for label, _ in found)
    for label, value in found:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
