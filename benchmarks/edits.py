"""Write load: edits per second through the API while readers run, and the readers' p99.

    .venv/bin/python -m benchmarks.edits                  # 4 readers, 10 s per phase
    .venv/bin/python -m benchmarks.edits --readers 8 --seconds 20

The server is ``govgraph serve`` in a subprocess on a fresh store holding the
bundled datasets. First the floor, measured in the same run: the readers alone
(each asks for a body's members, cycling over every body; the response cache is
off, so that both phases measure reads the store answers). Then the same readers
while one editor corrects a body's notes as fast as answers come (each edit
reads the record's version, then sends the mutation; both count in its time).
The floor of an edit is the store's own one-row write transaction, measured
before the server starts.
Printed: edits per second, reads per second, read p50/p99 with and without the
editor, and the ratio of the two p99s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from api.security.keys import KeyStore
from benchmarks.server import build_store, serving
from graph import edits
from graph.backends.ladybug import LadybugRunner
from graph.privacy import Role

DATASET = "seodaemun-2021"
READ = """query($id: ID!) { body(id: $id) { name members(first: 100) { totalCount
  nodes { role startDate person { name } } } } }"""
RECORD = "query($id: ID!) { editableRecord(id: $id) { version } }"
EDIT = """mutation($id: ID!, $v: String!, $notes: String!) { correctBody(id: $id, version: $v,
  set: [{field: "notes", value: $notes}], source: "benchmark", reason: "write load") {
  version } }"""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _reader(url: str, bodies: list[str], offset: int, stop: threading.Event,
            times: list[float], errors: list[str]) -> None:
    with httpx.Client(base_url=url, timeout=30) as client:
        i = offset
        while not stop.is_set():
            started = time.perf_counter()
            answer = client.post("/graphql", json={"query": READ,
                                                   "variables": {"id": bodies[i % len(bodies)]}})
            times.append(time.perf_counter() - started)
            if answer.status_code != 200 or "errors" in answer.json():
                errors.append(answer.text[:200])
            i += 1


def _editor(url: str, token: str, body: str, stop: threading.Event, times: list[float],
            errors: list[str]) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, timeout=30, headers=headers) as client:
        n = 0
        while not stop.is_set():
            started = time.perf_counter()
            version = client.post("/graphql", json={"query": RECORD, "variables": {"id": body}}
                                  ).json()["data"]["editableRecord"]["version"]
            answer = client.post("/graphql", json={"query": EDIT, "variables": {
                "id": body, "v": version, "notes": f"edit {n}"}}).json()
            times.append(time.perf_counter() - started)
            if "errors" in answer:
                errors.append(str(answer["errors"])[:200])
            n += 1


def _phase(url: str, bodies: list[str], readers: int, seconds: float,
           token: str | None) -> dict[str, Any]:
    stop = threading.Event()
    reads: list[float] = []
    edits: list[float] = []
    errors: list[str] = []
    threads = [threading.Thread(target=_reader, args=(url, bodies, k * 7, stop, reads, errors))
               for k in range(readers)]
    if token:
        threads.append(threading.Thread(target=_editor, args=(url, token, bodies[0], stop,
                                                              edits, errors)))
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return {"reads": len(reads), "edits": len(edits), "errors": errors,
            "p50": statistics.median(reads) if reads else 0.0,
            "p99": _percentile(reads, 0.99), "seconds": seconds}


def _raw_writes(store: Path, body: str, count: int = 30) -> float:
    """The floor of an edit: the store's own transactions per second, each writing the
    same body row with the upsert statement an edit uses (no validation, no change log)."""
    runner = LadybugRunner(store)
    try:
        row = edits.record(runner, body)
        started = time.perf_counter()
        for n in range(count):
            values = {**row.values, "notes": f"raw {n}", "row_hash": f"raw {n}"}
            runner.write([("upsert_body", {"rows": [values]})])
        return count / (time.perf_counter() - started)
    finally:
        runner.close()


def main(readers: int = 4, seconds: float = 10.0, quiet: bool = False) -> dict[str, Any]:
    """Run both phases; return and (unless ``quiet``) print the figures."""
    with tempfile.TemporaryDirectory() as scratch:
        store = Path(scratch) / "db"
        build_store(store)
        raw = _raw_writes(store, f"{DATASET}/council")
        _, token = KeyStore(store.parent / "keys.sqlite3").create("benchmark", Role.EDITOR)
        with serving(store, {"GOVGRAPH_RESPONSE_CACHE_BYTES": "0"}) as url:
            bodies = [n["id"] for n in httpx.post(f"{url}/graphql", json={
                "query": "query($d: String) { bodies(filter: {dataset: $d}, first: 500) "
                         "{ nodes { id } } }", "variables": {"d": DATASET}}
                ).json()["data"]["bodies"]["nodes"]]
            floor = _phase(url, bodies, readers, seconds, None)
            loaded = _phase(url, bodies, readers, seconds, token)
    figures = {
        "readers": readers, "seconds": seconds,
        "edits_per_second": loaded["edits"] / seconds,
        "raw_writes_per_second": raw,
        "reads_per_second_alone": floor["reads"] / seconds,
        "reads_per_second_with_edits": loaded["reads"] / seconds,
        "read_p50_alone_ms": floor["p50"] * 1000, "read_p99_alone_ms": floor["p99"] * 1000,
        "read_p50_with_edits_ms": loaded["p50"] * 1000,
        "read_p99_with_edits_ms": loaded["p99"] * 1000,
        "p99_ratio": loaded["p99"] / floor["p99"] if floor["p99"] else 0.0,
        "errors": len(floor["errors"]) + len(loaded["errors"]),
    }
    if not quiet:
        print(f"edits (1 editor, {readers} readers, {seconds:g} s per phase)")
        print(f"  edits per second              {figures['edits_per_second']:.1f}   "
              f"(the store's own one-row transactions: {raw:.1f}/s, ratio "
              f"{figures['edits_per_second'] / raw:.2f})")
        print(f"  reads per second  alone / with edits   "
              f"{figures['reads_per_second_alone']:.1f} / "
              f"{figures['reads_per_second_with_edits']:.1f}")
        print(f"  read p50 ms       alone / with edits   {figures['read_p50_alone_ms']:.1f} / "
              f"{figures['read_p50_with_edits_ms']:.1f}")
        print(f"  read p99 ms       alone / with edits   {figures['read_p99_alone_ms']:.1f} / "
              f"{figures['read_p99_with_edits_ms']:.1f}   ratio {figures['p99_ratio']:.2f}")
        print(f"  errors                        {figures['errors']}")
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10.0)
    arguments = parser.parse_args()
    main(arguments.readers, arguments.seconds)
