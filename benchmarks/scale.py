"""The query and centrality lines: govgraph against a floor measured in the
same run, printed as ratios.

    .venv/bin/python -m benchmarks.scale                     # 2,000 and 20,000 people
    .venv/bin/python -m benchmarks.scale --people 2000       # one size
    .venv/bin/python -m benchmarks.scale --people 200000 --no-exact   # large: no exact pass
    .venv/bin/python -m benchmarks.scale --networkx-large    # networkx at 20,000 too (slow)

Each size is generated (``ingest/synthetic.py``, one region per 100 people) and written to a
fresh embedded store, which is then opened read-only by this process and by a uvicorn server
in a subprocess (so that the load generator does not share the server's interpreter). The
server answers ``/graphql`` with the real app (authentication, audit, privacy at the public
tier) and, beside it, a *plain* FastAPI endpoint that runs the same named Cypher statement as
``body(id)`` and returns the same JSON: the floor of the small query.

Lines (A and B alternate within each round; medians of ``--rounds``):

- small query ``{ body(id) { name } }``, 16 concurrent clients: requests/s and p99 of
  ``/graphql`` against the plain endpoint (target ratio ≥ 0.4);
- 10,000 memberships with person and body names: through ``/graphql`` in pages of 1,000
  bodies with their members, and through the one-request ``membershipTable`` answer, against
  raw Cypher + ``json.dumps`` in this process (target ≤ 3×);
- person betweenness: exact (rustworkx) against networkx (exact at 2,000 people; at 20,000
  networkx's own 500-pivot sample unless ``--networkx-large``), sampled from shortest paths
  (KADABRA, the default above 5,000 nodes) and from pivots (1,000, the default when pivots are
  asked for, and 3,000) against exact: time, top-20 overlap, largest absolute error.
  These lines are single runs (networkx alone takes minutes);
- warm p95 over HTTP of ``multiRoleConcentration``, the first page of
  ``overcommittedMembers`` and one body with its members (target ≤ 300 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent.parent
CLIENTS = 16
SMALL_REQUESTS = 800
"""Requests per round of the small-query line (spread over the clients)."""
MEMBERSHIPS = 10_000
P95_RUNS = 40
PIVOTS = 500
"""networkx's sample where its exact answer would take too long."""
LARGE_PIVOTS = 50
"""networkx's sample without an exact pass (200,000 people: 500 pivots take many minutes)."""
SAMPLES = (1000, 3000)
"""Pivots of the sampled estimates compared with the exact answer (1,000: the default)."""


# --- the server (subprocess) -------------------------------------------------------------

def serve(db: Path, port: int) -> None:
    """Serve govgraph at ``/graphql`` and the plain floor at ``/plain/body`` on ``port``."""
    import uvicorn
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    from api.app import create_app
    from govgraph.settings import Settings
    from graph.backends.ladybug import LadybugRunner

    runner = LadybugRunner(db, read_only=True)
    keys = db.parent / "bench-keys.sqlite3"
    # The engine measured without the response cache (the floor caches nothing); the same
    # app with it, as served by default, answers under /cached.
    # A bulk reader's deployment: pages of 1,000 bodies with 1,000 members each are beyond
    # the default cost budget and response size, so both are raised here.
    bulk = {"max_cost": 10**9, "max_response_bytes": 1 << 30}
    govgraph = create_app(runner, Settings(db=db, keys=keys, graphiql=False,
                                           response_cache_bytes=0, **bulk))
    cached = create_app(runner, Settings(db=db, keys=keys, graphiql=False, **bulk))
    plain = FastAPI()

    @plain.post("/plain/body")
    def body(request: dict[str, Any]) -> JSONResponse:  # the same statement body(id) runs
        rows = runner.read("body_by_id", {"id": request["variables"]["id"]})
        return JSONResponse({"data": {"body": {"name": rows[0]["name"]} if rows else None}})

    async def app(scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if path.startswith("/cached"):
            scope = {**scope, "path": path.removeprefix("/cached"),
                     "raw_path": path.removeprefix("/cached").encode()}
            await cached(scope, receive, send)
            return
        target = plain if path.startswith("/plain") else govgraph
        await target(scope, receive, send)

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "benchmarks.scale", "--serve", str(db),
                                str(port)], cwd=HERE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("the benchmark server did not start")


# --- measuring ---------------------------------------------------------------------------

def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _load(url: str, body: dict[str, Any], requests: int) -> tuple[float, float]:
    """``requests`` POSTs from ``CLIENTS`` concurrent clients: requests/s and p99 (s)."""
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        async def worker(count: int) -> None:
            for _ in range(count):
                began = time.perf_counter()
                response = await client.post(url, json=body)
                latencies.append(time.perf_counter() - began)
                if response.status_code != 200 or "errors" in response.json():
                    raise RuntimeError(f"{url}: {response.text[:300]}")

        started = time.perf_counter()
        await asyncio.gather(*(worker(requests // CLIENTS) for _ in range(CLIENTS)))
        elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, percentile(latencies, 0.99)


def small_query(url: str, body_id: str, rounds: int) -> dict[str, float]:
    graphql = {"query": "query ($id: ID!) { body(id: $id) { name } }", "variables": {"id": body_id}}
    ours: list[tuple[float, float]] = []
    floor: list[tuple[float, float]] = []
    asyncio.run(_load(f"{url}/graphql", graphql, CLIENTS * 10))  # warm both
    asyncio.run(_load(f"{url}/plain/body", graphql, CLIENTS * 10))
    for round_ in range(rounds):
        order = [(ours, "/graphql"), (floor, "/plain/body")]
        for results, path in order if round_ % 2 == 0 else order[::-1]:
            results.append(asyncio.run(_load(f"{url}{path}", graphql, SMALL_REQUESTS)))
    asyncio.run(_load(f"{url}/cached/graphql", graphql, CLIENTS * 10))
    hits = [asyncio.run(_load(f"{url}/cached/graphql", graphql, SMALL_REQUESTS))
            for _ in range(rounds)]
    return {"rps": median([r for r, _ in ours]), "p99": median([p for _, p in ours]),
            "floor_rps": median([r for r, _ in floor]),
            "floor_p99": median([p for _, p in floor]),
            "cached_rps": median([r for r, _ in hits]), "cached_p99": median([p for _, p in hits])}


MEMBERS_PAGE = """query ($dataset: String!, $after: String) {
  bodies(filter: {dataset: $dataset}, first: 1000, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { name members(first: 1000) { nodes { role person { name } } } }
  }
}"""

MEMBERSHIP_TABLE = """query ($dataset: String!, $first: Int!) {
  membershipTable(dataset: $dataset, first: $first) {
    totalCount columns rows
  }
}"""


def memberships_paged(client: httpx.Client, url: str, dataset: str) -> int:
    """Bodies with their members, 1,000 bodies a request, until 10,000 memberships."""
    seen, after = 0, None
    while seen < MEMBERSHIPS:
        response = client.post(f"{url}/graphql", json={
            "query": MEMBERS_PAGE, "variables": {"dataset": dataset, "after": after}})
        page = response.json()["data"]["bodies"]
        seen += sum(len(b["members"]["nodes"]) for b in page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    return seen


def memberships_table(client: httpx.Client, url: str, dataset: str) -> int:
    response = client.post(f"{url}/graphql", json={
        "query": MEMBERSHIP_TABLE, "variables": {"dataset": dataset, "first": MEMBERSHIPS}})
    body = response.json()
    if "errors" in body:
        raise RuntimeError(body["errors"])
    return len(body["data"]["membershipTable"]["rows"])


def memberships_raw(runner: Any, dataset: str) -> int:
    """The floor: one Cypher statement and ``json.dumps`` of its rows."""
    result = runner._conn.execute(
        "MATCH (p:Person)-[m:MEMBER_OF]->(b:Body) WHERE b.dataset = $dataset "
        "RETURN m.id AS id, m.role AS role, p.id AS person_id, p.name AS person, "
        "b.id AS body_id, b.name AS body ORDER BY b.local_id, m.id LIMIT $limit",
        {"dataset": dataset, "limit": MEMBERSHIPS})
    columns = result.get_column_names()
    rows = [dict(zip(columns, row, strict=True)) for row in result.get_all()]
    json.dumps({"data": rows})
    return len(rows)


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def alternate(rounds: int, **actions: Callable[[], Any]) -> dict[str, float]:
    """Median seconds of each action, run in turn (order rotating) ``rounds`` times."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    names = list(actions)
    for action in actions.values():
        action()  # warm
    for round_ in range(rounds):
        for name in names[round_ % len(names):] + names[:round_ % len(names)]:
            times[name].append(timed(actions[name])[0])
    return {name: median(values) for name, values in times.items()}


def warm_queries(dataset: str) -> tuple[tuple[str, str], ...]:
    """The three queries of the warm-p95 target, as (label, document), on a synthetic dataset."""
    return (
        ("multiRoleConcentration",
         f'{{ multiRoleConcentration(dataset: "{dataset}") {{ totalPeople '
         "buckets { bodies people } } }"),
        ("overcommittedMembers, first page",
         f'{{ overcommittedMembers(dataset: "{dataset}", minBodies: 5) {{ totalCount '
         "nodes { bodyCount person { name } } } }"),
        ("one body with its members",
         f'{{ body(id: "{dataset}/r0-council") {{ name members(first: 100) {{ '
         "totalCount nodes { role person { name } } } } }"),
    )


def warm_p95(client: httpx.Client, url: str, document: str) -> float:
    body = {"query": document}
    client.post(f"{url}/graphql", json=body)  # cold: computed and cached
    latencies = []
    for _ in range(P95_RUNS):
        elapsed, response = timed(lambda: client.post(f"{url}/graphql", json=body))
        if "errors" in response.json():
            raise RuntimeError(response.text[:300])
        latencies.append(elapsed)
    return percentile(latencies, 0.95)


def centrality(runner: Any, dataset: str, *, exact: bool, networkx_exact: bool
               ) -> dict[str, Any]:
    import networkx as nx

    from graph.analysis import fast
    from graph.analysis.projection import Projection, one_mode
    from graph.filters import DateWindow

    graph = one_mode(runner, dataset, DateWindow(), Projection.PERSONS)
    out: dict[str, Any] = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    samples = {}
    method = fast.AUTOMATIC.method(graph.number_of_nodes())
    if not method.exact:
        out["paths_s"], (samples["paths"], ran) = timed(
            lambda: fast.path_sampled_betweenness(graph, method))
        out["paths"], out["paths_error"] = ran.paths, ran.error
    # else it is exact; without an exact pass only the default (3,000 take ~9 min at 200k)
    for pivots in [k for k in SAMPLES[:None if exact else 1] if k < graph.number_of_nodes()]:
        out[f"sampled_s_{pivots}"], samples[pivots] = timed(
            lambda pivots=pivots: fast.sampled_betweenness(graph, pivots, 42))
    if exact:
        out["exact_s"], truth = timed(lambda: fast.betweenness(graph))
        ranked = sorted(truth, key=lambda n: (-truth[n], n))
        top = set(ranked[:20])
        out["gap"] = (truth[ranked[19]] - truth[ranked[20]]) / truth[ranked[19]]
        for pivots, sampled in samples.items():
            found = set(sorted(sampled, key=lambda n: (-sampled[n], n))[:20])
            out[f"overlap_{pivots}"] = len(top & found)
            out[f"error_{pivots}"] = max(abs(sampled[n] - truth[n]) for n in graph)
            out[f"top_error_{pivots}"] = max(abs(sampled[n] - truth[n]) for n in top)
    if networkx_exact:
        out["nx_s"], _ = timed(lambda: nx.betweenness_centrality(graph))
        out["nx_kind"] = "exact"
    else:
        pivots = PIVOTS if exact else LARGE_PIVOTS
        out["nx_s"], _ = timed(lambda: nx.betweenness_centrality(graph, k=pivots, seed=42))
        out["nx_kind"] = f"{pivots} pivots"
    return out


# --- one size ----------------------------------------------------------------------------

def run(people: int, args: argparse.Namespace) -> None:
    from graph.backends.ladybug import LadybugRunner
    from ingest.package import load_dataset
    from ingest.synthetic import write_synthetic
    from ingest.writer import ingest

    with tempfile.TemporaryDirectory() as scratch:
        folder, db = Path(scratch) / "data", Path(scratch) / "db"
        size = write_synthetic(folder, people, regions=max(1, people // 100))
        writer = LadybugRunner(db)
        writer.apply_schema()
        ingested, _ = timed(lambda: ingest(writer, load_dataset(folder)))
        writer.close()
        dataset = f"synthetic-{people}"
        print(f"\n## {people:,} people, {size.bodies:,} bodies, {size.seats:,} memberships "
              f"(ingested in {ingested:.1f} s)", flush=True)
        runner = LadybugRunner(db, read_only=True)
        process, url = start_server(db)
        try:
            print("| measure | govgraph | floor, same run | ratio |\n|---|---|---|---|")
            small = small_query(url, f"{dataset}/r0-council", args.rounds)
            print(f"| small query `{{ body(id) {{ name }} }}`, {CLIENTS} clients, uvicorn | "
                  f"{small['rps']:,.0f} req/s, p99 {small['p99'] * 1000:.0f} ms | plain FastAPI "
                  f"endpoint, same Cypher: {small['floor_rps']:,.0f} req/s, p99 "
                  f"{small['floor_p99'] * 1000:.0f} ms | {small['rps'] / small['floor_rps']:.2f} "
                  f"(target ≥ 0.4) |", flush=True)
            print(f"| the same, answered from the response cache (the default) | "
                  f"{small['cached_rps']:,.0f} req/s, p99 {small['cached_p99'] * 1000:.0f} ms | "
                  f"the same floor | {small['cached_rps'] / small['floor_rps']:.2f} |",
                  flush=True)
            with httpx.Client(timeout=600) as client:
                counts = {"paged": memberships_paged(client, url, dataset),
                          "table": memberships_table(client, url, dataset),
                          "raw": memberships_raw(runner, dataset)}
                times = alternate(
                    args.rounds,
                    paged=lambda: memberships_paged(client, url, dataset),
                    table=lambda: memberships_table(client, url, dataset),
                    raw=lambda: memberships_raw(runner, dataset))
                for name, label in (("paged", "pages of 1,000 bodies with members"),
                                    ("table", "one `membershipTable` request")):
                    # per membership: the pages end on a body, past 10,000 memberships
                    ratio = (times[name] / counts[name]) / (times["raw"] / counts["raw"])
                    print(f"| {counts[name]:,} memberships with person and body names, {label} "
                          f"| {times[name]:.3f} s | raw Cypher + `json.dumps` ({counts['raw']:,}): "
                          f"{times['raw']:.3f} s | {ratio:.1f}× per membership (target ≤ 3×) |",
                          flush=True)
                found = centrality(runner, dataset, exact=not args.no_exact,
                                   networkx_exact=people <= 5000 or args.networkx_large)
                graph = f"{found['nodes']:,} nodes, {found['edges']:,} edges"
                if "exact_s" in found:
                    print(f"| person betweenness exact ({graph}) | {found['exact_s']:.2f} s "
                          f"(rustworkx) | networkx {found['nx_kind']}: {found['nx_s']:.2f} s | "
                          f"{found['nx_s'] / found['exact_s']:.1f}× faster (target ≥ 20× "
                          f"networkx exact) |")
                    if "paths_s" in found:
                        took = found["paths_s"]
                        print(f"| person betweenness from sampled paths (KADABRA, the default; "
                              f"{found['paths']:,} paths, nominal error "
                              f"{found['paths_error']}) | {took:.2f} s, top-20 overlap "
                              f"{found['overlap_paths']}/20, largest error "
                              f"{found['error_paths']:.2e} (top 20: "
                              f"{found['top_error_paths']:.2e}) | exact: "
                              f"{found['exact_s']:.2f} s (20th and 21st differ by "
                              f"{found['gap']:.1%}) | {found['exact_s'] / took:.1f}× faster "
                              f"(target ≤ 10 s, overlap ≥ 18) |")
                    for pivots in [k for k in SAMPLES if f"sampled_s_{k}" in found]:
                        took = found[f"sampled_s_{pivots}"]
                        print(f"| person betweenness sampled, {pivots:,} pivots | {took:.2f} s, "
                              f"top-20 overlap {found[f'overlap_{pivots}']}/20, largest error "
                              f"{found[f'error_{pivots}']:.2e} | exact: {found['exact_s']:.2f} s "
                              f"(20th and 21st differ by {found['gap']:.1%}) | "
                              f"{found['exact_s'] / took:.1f}× faster (target ≤ 10 s, overlap "
                              f"≥ 18) |")
                else:
                    if "paths_s" in found:
                        print(f"| person betweenness from sampled paths (KADABRA, the default; "
                              f"{found['paths']:,} paths) ({graph}) | {found['paths_s']:.2f} s "
                              f"| networkx {found['nx_kind']}: {found['nx_s']:.2f} s | "
                              f"{found['nx_s'] / found['paths_s']:.1f}× faster |")
                    for pivots in [k for k in SAMPLES if f"sampled_s_{k}" in found]:
                        took = found[f"sampled_s_{pivots}"]
                        print(f"| person betweenness sampled, {pivots:,} pivots ({graph}) | "
                              f"{took:.2f} s | networkx {found['nx_kind']}: "
                              f"{found['nx_s']:.2f} s | {found['nx_s'] / took:.1f}× faster |")
                for label, document in warm_queries(dataset):
                    p95 = warm_p95(client, url, document)
                    print(f"| warm p95, {label} | {p95 * 1000:.0f} ms | | (target ≤ 300 ms) |",
                          flush=True)
        finally:
            process.terminate()
            process.wait(timeout=30)
            runner.close()


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        serve(Path(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-exact", action="store_true",
                        help="skip exact betweenness (for 200,000 people)")
    parser.add_argument("--networkx-large", action="store_true",
                        help="exact networkx betweenness above 5,000 people too (very slow)")
    args = parser.parse_args()
    os.environ.setdefault("GOVGRAPH_ANONYMOUS", "true")
    for people in args.people:
        run(people, args)


if __name__ == "__main__":
    main()
