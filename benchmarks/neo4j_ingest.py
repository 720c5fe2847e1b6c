"""Ingest into Neo4j against the best bulk path a Neo4j user has for the same rows.

    .venv/bin/python -m benchmarks.neo4j_ingest --people 2000,20000

On the project's local Neo4j 5, for each size of the synthetic network,
alternately: (A) govgraph's ingest of the dataset folder into an empty database
(reading and validating the files, then the write: batched ``UNWIND $rows ...
MERGE`` statements in one transaction); (B) the floor: the very rows A stores
(every node and relationship with all its properties, prepared beforehand and
not timed) written by ``UNWIND $rows ... CREATE ... SET x = row`` in batches of
10,000 in one transaction, the plainest fast path from a driver. Both start from
an empty database with the same constraints and indexes. The ratio is B's time
over A's (1.0: govgraph as fast as the floor; target >= 0.5). Medians of the
repeats; the machine is shared, so compare the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

TARGET_RATIO = 0.5
BATCH = 10_000
REPEATS = {2000: 3, 20000: 3}


def floor_rows(folder: Path) -> tuple[dict[str, list[dict[str, Any]]],
                                      dict[str, list[dict[str, Any]]]]:
    """What govgraph stores for the dataset in ``folder``: node rows per label and
    relationship rows (``source``, ``target``, ``props``) per type, values as Neo4j stores them."""
    from graph.model import NODE_BY_LABEL, REL_BY_TYPE, PropertyType
    from ingest.package import load_dataset
    from ingest.writer import KIND_OF_STATEMENT, to_store_rows

    rows = to_store_rows(load_dataset(folder))

    def stored(kind: str, row: dict[str, Any]) -> dict[str, Any]:
        item = NODE_BY_LABEL.get(kind) or REL_BY_TYPE[kind]
        out = {}
        for name, ptype in item.properties.items():
            value = row.get(name)
            if value is not None and ptype is PropertyType.DATE and isinstance(value, str):
                value = date.fromisoformat(value)
            if value is not None:
                out[name] = value
        return out

    nodes = {KIND_OF_STATEMENT[s]: [stored(KIND_OF_STATEMENT[s], r) for r in table]
             for s, table in rows.nodes.items()}
    relationships = {
        KIND_OF_STATEMENT[s]: [{"source": r["source"], "target": r["target"],
                                "props": stored(KIND_OF_STATEMENT[s], r)} for r in table]
        for s, table in rows.relationships.items()}
    return nodes, relationships


def write_floor(runner: Any, nodes: dict[str, list[dict[str, Any]]],
                relationships: dict[str, list[dict[str, Any]]]) -> None:
    """B: every row by ``UNWIND ... CREATE`` batches, in one transaction."""
    from graph.model import REL_BY_TYPE

    def work(tx: Any) -> None:
        for label, rows in nodes.items():
            for start in range(0, len(rows), BATCH):
                tx.run(f"UNWIND $rows AS row CREATE (n:{label}) SET n = row",
                       rows=rows[start:start + BATCH]).consume()
        for kind, rows in relationships.items():
            rel = REL_BY_TYPE[kind]
            for start in range(0, len(rows), BATCH):
                tx.run(f"UNWIND $rows AS row MATCH (s:{rel.source} {{id: row.source}}) "
                       f"MATCH (t:{rel.target} {{id: row.target}}) "
                       f"CREATE (s)-[r:{kind}]->(t) SET r = row.props",
                       rows=rows[start:start + BATCH]).consume()

    with runner._driver.session(database="neo4j") as session:
        session.execute_write(work)


def count(runner: Any) -> tuple[int, int]:
    records, _, _ = runner._driver.execute_query(
        "MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r")
    return records[0]["n"], records[0]["r"]


def measure(runner: Any, work: Path, people: int, repeats: int) -> str:
    from ingest.package import load_dataset
    from ingest.synthetic import write_synthetic
    from ingest.writer import ingest

    folder = work / f"s{people}"
    write_synthetic(folder, people, max(1, people // 100))
    nodes, relationships = floor_rows(folder)
    ours: list[float] = []
    floor: list[float] = []
    sizes = set()
    for turn in range(repeats):
        for which in ("ours", "floor") if turn % 2 == 0 else ("floor", "ours"):
            runner.write([("delete_everything", {})])
            runner.apply_schema()
            started = time.perf_counter()
            if which == "ours":
                ingest(runner, load_dataset(folder))
                ours.append(time.perf_counter() - started)
            else:
                write_floor(runner, nodes, relationships)
                floor.append(time.perf_counter() - started)
            sizes.add(count(runner))
    if len(sizes) != 1:
        raise RuntimeError(f"govgraph and the floor stored different counts: {sizes}")
    (n, r), = sizes
    a, b = statistics.median(ours), statistics.median(floor)
    ratio = b / a
    return (f"| Neo4j ingest, {people:,} people ({n:,} nodes, {r:,} relationships) | "
            f"{a:.2f} s | {b:.2f} s (UNWIND CREATE, one transaction) | {ratio:.2f} | "
            f">= {TARGET_RATIO} {'ok' if ratio >= TARGET_RATIO else 'MISSED'} |")


def lines(sizes: list[int], repeats: int | None = None) -> list[str]:
    """The table lines of the Neo4j ingest, one per size, on a local Neo4j started here."""
    from graph.backends.neo4j import Neo4jRunner
    from graph.backends.neo4j_local import LocalNeo4j

    out = []
    with tempfile.TemporaryDirectory(prefix="govgraph-neo4j-ingest-") as scratch, \
            LocalNeo4j(log=Path(scratch) / "neo4j.log", heap="2g") as server:
        runner = Neo4jRunner(server.uri, server.user, server.password, "neo4j")
        try:
            for people in sizes:
                out.append(measure(runner, Path(scratch), people,
                                   repeats or REPEATS.get(people, 1)))
                print(out[-1], flush=True)
        finally:
            runner.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", default="2000,20000", help="sizes, comma-separated")
    parser.add_argument("--repeats", type=int, default=None)
    options = parser.parse_args()
    print("| measure | govgraph | floor, same run | ratio | target |")
    print("|---|---|---|---|---|")
    lines([int(s) for s in options.people.split(",") if s], options.repeats)


if __name__ == "__main__":
    main()
