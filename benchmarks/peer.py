"""govgraph on Neo4j, govgraph on LadybugDB and ``@neo4j/graphql`` on the same Neo4j, side by side.

    .venv/bin/python -m benchmarks.peer                 # make bench-neo4j
    .venv/bin/python -m benchmarks.peer --seats 4000 --rounds 10

One synthetic network (``ingest.synthetic``, ~10,000 memberships by default,
each given a start and an end date here) is ingested by govgraph into a local
Neo4j 5 (the project's launcher) and into a LadybugDB store. Three servers then
answer the same questions over HTTP on loopback:

- govgraph on Neo4j and govgraph on LadybugDB (``govgraph serve``, as an analyst,
  so that names are real as in the peer; the response cache off, so that every
  request is computed);
- the peer: ``@neo4j/graphql`` generating a GraphQL API over the same Neo4j
  (``benchmarks/peer/server.mjs``, Apollo Server), modelling people, bodies and
  memberships with role and dates.

Questions: (a) one body (the largest) with its members; (b) people seated on a date with
their memberships on that date, first 100 by name; (c) every body with its
members, about 10,000 memberships with names; (d) 16 concurrent clients on (a).
Each server's answer is checked to hold the same memberships as the others';
every server is then warmed on every question, and each question is timed in
rounds of one request per server, in an order that rotates each round.
Printed: requests/s, p50 and p95 per server, and govgraph's ratios to the
peer (requests/s: higher is better for govgraph; p95: the peer's over
govgraph's, so above 1 is govgraph faster). Times vary on a shared machine:
compare the ratios, taken in one run, not the absolute figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "benchmarks" / "peer"
SEATS = 10_000
CLIENTS = 16
DAY = "2019-06-30"
WARM = 6
"""Requests each server answers to each question (c: half as many) before any question is
timed (plans compiled, caches and JIT warm on every side alike)..."""
WARM_SECONDS = 4.0
"""... and for at least this long: a Neo4j just started answers the first thousand
statements of a kind several times slower than it will once its JIT has compiled them."""

GOVGRAPH = {
    "a": """query ($id: ID!) { body(id: $id) { id name
  members(first: 1000) { nodes { role startDate endDate person { id name } } } } }""",
    "b": """query ($dataset: String!, $day: Date!) {
  people(filter: {dataset: $dataset, asOf: $day}, first: 100) {
    nodes { id name memberships(asOf: $day, first: 100) {
      nodes { role startDate endDate body { id name } } } } } }""",
    "c": """query ($dataset: String!, $n: Int!) {
  bodies(filter: {dataset: $dataset}, first: $n) {
    nodes { id name members(first: 1000) { nodes { role person { name } } } } } }""",
}
PEER_QUERIES = {
    "a": """query ($id: ID!) { bodies(where: {id: {eq: $id}}) { id name
  membersConnection { edges { properties { role start_date end_date } node { id name } } } } }""",
    "b": """query ($day: Date!) {
  people(where: {membershipsConnection: {some: {edge: {start_date: {lte: $day},
                                                       end_date: {gte: $day}}}}},
         sort: [{name: ASC}, {id: ASC}], limit: 100) {
    id name
    membershipsConnection(where: {edge: {start_date: {lte: $day}, end_date: {gte: $day}}}) {
      edges { properties { role start_date end_date } node { id name } } } } }""",
    "c": """query ($n: Int!) { bodies(sort: [{id: ASC}], limit: $n) { id name
  membersConnection { edges { properties { role } node { name } } } } }""",
}


def dated_network(folder: Path, seats: int, seed: int = 7) -> str:
    """A synthetic network of about ``seats`` memberships, each with a start and end date."""
    from ingest.synthetic import people_for_seats, write_synthetic

    people = people_for_seats(seats)
    write_synthetic(folder, people, max(1, people // 100), seed)
    path = folder / "memberships.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    rng = random.Random(seed)
    for row in rows:
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(6 * 365))
        row["start_date"] = start.isoformat()
        row["end_date"] = (start + timedelta(days=rng.randrange(365, 5 * 365))).isoformat()
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, [*rows[0]])
        writer.writeheader()
        writer.writerows(rows)
    return f"synthetic-{people}"


@contextlib.contextmanager
def peer_server(env: dict[str, str], timeout: float = 120) -> Iterator[str]:
    """The ``@neo4j/graphql`` server on a free loopback port; yields its GraphQL URL."""
    if not (PEER / "node_modules").is_dir():
        raise RuntimeError("the peer is not installed: run `make bench-neo4j` "
                           "(npm ci in benchmarks/peer)")
    process = subprocess.Popen(["node", "server.mjs"], cwd=PEER, env={**os.environ, **env},
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + timeout
        line = ""
        while not line.startswith("PEER ") and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                raise RuntimeError("the peer server exited")
        yield line.split(" ", 1)[1].strip()
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def govgraph_server(env: dict[str, str], keys: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """``govgraph serve`` with ``env``; yields its GraphQL URL and an analyst's headers."""
    from api.security.keys import KeyStore
    from benchmarks.server import serving
    from graph.privacy import Role

    _, token = KeyStore(keys).create("benchmark analyst", Role.ANALYST)
    # The whole network in one answer (c) costs more than the default budget allows,
    # and has more bodies than the default largest page.
    settings = {"GOVGRAPH_KEYS": str(keys), "GOVGRAPH_RESPONSE_CACHE_BYTES": "0",
                "GOVGRAPH_MAX_COST": "100000000", "GOVGRAPH_MAX_PAGE_SIZE": "10000", **env}
    with serving(Path(env.get("GOVGRAPH_DB", keys.parent / "unused")), settings,
                 timeout=120) as url:
        yield f"{url}/graphql", {"Authorization": f"Bearer {token}"}


def post(client: httpx.Client, url: str, headers: dict[str, str], query: str,
         variables: dict[str, Any]) -> dict[str, Any]:
    response = client.post(url, json={"query": query, "variables": variables}, headers=headers)
    body: dict[str, Any] = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"{url}: {response.text[:500]}")
    return body["data"]


def memberships_of(question: str, data: dict[str, Any], peer: bool) -> list[tuple[str, ...]]:
    """The (owner, role, other end) of every membership in an answer, sorted."""
    rows: list[tuple[str, ...]] = []
    if question in "ac" and peer:
        for body in data["bodies"]:
            rows += [(body["id"], e["properties"]["role"], e["node"]["name"])
                     for e in body["membersConnection"]["edges"]]
    elif question in "ac":
        bodies = [data["body"]] if question == "a" else data["bodies"]["nodes"]
        for body in bodies:
            rows += [(body["id"], m["role"], m["person"]["name"]) for m in body["members"]["nodes"]]
    elif peer:
        for person in data["people"]:
            rows += [(person["id"], e["properties"]["role"], e["node"]["id"])
                     for e in person["membershipsConnection"]["edges"]]
    else:
        for person in data["people"]["nodes"]:
            rows += [(person["id"], m["role"], m["body"]["id"])
                     for m in person["memberships"]["nodes"]]
    return sorted(rows)


def interleaved(senders: dict[str, Callable[[], Any]], count: int,
                turn: int = 0) -> dict[str, dict[str, float]]:
    """``count`` rounds of one request per server, the servers' order rotating each round, so
    that every server meets the same moments of a shared machine: requests/s (one over the
    mean latency), p50 and p95 (ms) per server."""
    latencies: dict[str, list[float]] = {name: [] for name in senders}
    names = list(senders)
    for round_ in range(count):
        shift = (turn + round_) % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            senders[name]()
            latencies[name].append(time.perf_counter() - start)
    return {name: _figures(spent, sum(spent)) for name, spent in latencies.items()}


def concurrent(url: str, headers: dict[str, str], query: str, variables: dict[str, Any],
               requests: int) -> dict[str, float]:
    """``requests`` POSTs from ``CLIENTS`` concurrent clients: requests/s, p50 and p95 (ms)."""
    async def run() -> dict[str, float]:
        latencies: list[float] = []
        limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
        async with httpx.AsyncClient(limits=limits, timeout=120) as client:
            async def worker(count: int) -> None:
                for _ in range(count):
                    start = time.perf_counter()
                    response = await client.post(url, headers=headers, json={
                        "query": query, "variables": variables})
                    latencies.append(time.perf_counter() - start)
                    if response.status_code != 200 or "errors" in response.json():
                        raise RuntimeError(f"{url}: {response.text[:300]}")

            began = time.perf_counter()
            await asyncio.gather(*(worker(requests // CLIENTS) for _ in range(CLIENTS)))
            return _figures(latencies, time.perf_counter() - began)

    return asyncio.run(run())


def _figures(latencies: list[float], elapsed: float) -> dict[str, float]:
    ordered = sorted(latencies)
    return {"rps": len(latencies) / elapsed, "p50": statistics.median(ordered) * 1000,
            "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", type=int, default=SEATS,
                        help="memberships of the synthetic network (default 10,000)")
    parser.add_argument("--rounds", type=int, default=20,
                        help="sequential requests per question and server (c: a quarter)")
    parser.add_argument("--concurrent", type=int, default=CLIENTS * 10,
                        help="requests of the 16 concurrent clients per server")
    args = parser.parse_args(argv)
    from graph.backends.neo4j import Neo4jRunner
    from graph.backends.neo4j_local import LocalNeo4j
    from ingest.package import load_dataset
    from ingest.writer import ingest

    print(f"govgraph vs @neo4j/graphql, {args.seats:,} memberships; machine load "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared: compare ratios)",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="govgraph-peer-") as scratch:
        work = Path(scratch)
        dataset = dated_network(work / "network", args.seats)
        loaded = load_dataset(work / "network")
        with LocalNeo4j(log=work / "neo4j.log") as neo4j:
            runner = Neo4jRunner(neo4j.uri, neo4j.user, neo4j.password, "neo4j")
            try:
                runner.apply_schema()
                started = time.perf_counter()
                ingest(runner, loaded)
                print(f"ingest into Neo4j: {time.perf_counter() - started:.1f} s", flush=True)
            finally:
                runner.close()
            from graph.backends.ladybug import LadybugRunner

            ladybug = LadybugRunner(work / "ladybug")
            ladybug.apply_schema()
            ingest(ladybug, loaded)
            ladybug.close()
            neo4j_env = neo4j.environment()
            peer_env = {"NEO4J_URI": neo4j.uri, "NEO4J_USER": neo4j.user,
                        "NEO4J_PASSWORD": neo4j.password, "PORT": "0"}
            with govgraph_server(neo4j_env, work / "keys-neo4j.sqlite3") as on_neo4j, \
                    govgraph_server({"GOVGRAPH_DB": str(work / "ladybug")},
                                    work / "keys-ladybug.sqlite3") as on_ladybug, \
                    peer_server(peer_env) as peer_url:
                targets = {"govgraph-neo4j": on_neo4j, "govgraph-ladybug": on_ladybug,
                           "peer": (peer_url, {})}
                table = measure(targets, dataset, args)
    report(table)
    return 0


def measure(targets: dict[str, tuple[str, dict[str, str]]], dataset: str,
            args: argparse.Namespace) -> dict[str, dict[str, dict[str, float]]]:
    """Every question on every server: answers compared, every server warmed, then timed."""
    with httpx.Client(timeout=300) as client:
        bodies_page = post(client, *targets["govgraph-ladybug"],
                           "query ($d: String!) { bodies(filter: {dataset: $d}, first: 10000) "
                           "{ totalCount nodes { id } } }", {"d": dataset})["bodies"]
        body_ids = [b["id"] for b in bodies_page["nodes"]]
        everything = post(client, *targets["govgraph-ladybug"], GOVGRAPH["c"],
                          {"dataset": dataset, "n": len(body_ids)})["bodies"]["nodes"]
        largest = max(everything, key=lambda b: len(b["members"]["nodes"]))["id"]
        variables = {
            "a": ({"id": largest}, {"id": largest}),
            "b": ({"dataset": dataset, "day": DAY}, {"day": DAY}),
            "c": ({"dataset": dataset, "n": len(body_ids)}, {"n": len(body_ids)}),
        }
        table: dict[str, dict[str, dict[str, float]]] = {name: {} for name in targets}
        names = list(targets)

        def sender(name: str, question: str) -> Callable[[], Any]:
            url, headers = targets[name]
            peer = name == "peer"
            query = PEER_QUERIES[question] if peer else GOVGRAPH[question]
            values = variables[question][1 if peer else 0]
            return lambda: post(client, url, headers, query, values)

        for question in "abc":
            answers = {name: memberships_of(question, sender(name, question)(), name == "peer")
                       for name in names}
            counts = {name: len(rows) for name, rows in answers.items()}
            same = len({tuple(rows) for rows in answers.values()}) == 1
            print(f"({question}) memberships in the answer: {counts}"
                  f"{'' if same else '  (answers differ!)'}", flush=True)
        # The servers share one Neo4j: every question is warmed on every server before any
        # is timed, so that no server is timed on a JVM the others have not warmed yet.
        for question in "abc":
            for name in names:
                send, began, sent = sender(name, question), time.monotonic(), 0
                while (sent < (WARM if question != "c" else max(1, WARM // 2))
                       or time.monotonic() - began < WARM_SECONDS):
                    send()
                    sent += 1
        for turn, question in enumerate("abc"):
            count = args.rounds if question != "c" else max(3, args.rounds // 4)
            senders = {name: sender(name, question) for name in names}
            table.update({name: {**table[name], question: figures}
                          for name, figures in interleaved(senders, count, turn).items()})
        for name in names[::-1]:
            url, headers = targets[name]
            peer = name == "peer"
            query = PEER_QUERIES["a"] if peer else GOVGRAPH["a"]
            table[name]["d"] = concurrent(url, headers, query, variables["a"][1 if peer else 0],
                                          args.concurrent)
    return table


LABELS = {"a": "(a) the largest body, its members",
          "b": "(b) seated on a date, first 100",
          "c": "(c) ~10,000 memberships with names",
          "d": "(d) 16 concurrent clients on (a)"}


def report(table: dict[str, dict[str, dict[str, float]]]) -> None:
    print()
    print(f"{'question':36} {'server':17} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'rps vs peer':>12} {'p95 peer/us':>12}")
    for question, label in LABELS.items():
        peer = table["peer"][question]
        for name in ("govgraph-neo4j", "govgraph-ladybug", "peer"):
            row = table[name][question]
            ratios = ("" if name == "peer" else
                      f"{row['rps'] / peer['rps']:>12.2f} {peer['p95'] / row['p95']:>12.2f}")
            print(f"{label:36} {name:17} {row['rps']:>8.1f} {row['p50']:>8.1f} "
                  f"{row['p95']:>8.1f} {ratios}")
            label = ""
    print("ratios: above 1 is govgraph faster than the peer (target: >= 1 on each line)")
    print(json.dumps(table))


if __name__ == "__main__":
    sys.exit(main())
