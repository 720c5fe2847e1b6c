"""Ingest speed against LadybugDB's own ``COPY FROM`` of the same rows, re-ingest, national scale.

    .venv/bin/python -m benchmarks.ingest                       # 2k, 20k, 200k people + national
    .venv/bin/python -m benchmarks.ingest --sizes 2000,20000 --no-national
    .venv/bin/python -m benchmarks.ingest --national-seats 300000

For each size of the synthetic network (``ingest.synthetic``), alternately in
one run: (A) govgraph's ingest of the dataset folder into a fresh store
(validation and the write, as ``govgraph ingest`` does) and (B) the floor: the
same stored rows (every node and relationship, all properties), prepared
beforehand as one Parquet file per table, loaded into a fresh store by the
engine's own ``COPY FROM`` in one transaction, then checkpointed. Medians of
N runs each (fewer for the big sizes). Then, on A's store: re-ingest of the
same folder (unchanged) and of a copy with 1 % of the people renamed.

The national network (local governments, ~1,000,000 memberships) is ingested
by a real ``govgraph ingest`` process; its wall time and peak RSS are measured.
Then the store is served by the real app (``benchmarks.scale``'s server, without
the response cache) and the warm p95 over HTTP of multi-role concentration, the
first page of overcommitted members and one body with its members is printed
against its target.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPEATS = {2000: 5, 20000: 3, 200000: 1}
NATIONAL_REGIONS = 250
NATIONAL_SEATS = 1_000_000
TARGET_RATIO = 0.5
TARGET_SECONDS = 120.0
TARGET_RSS = 4 * 2**30
TARGET_P95 = 0.300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000,200000",
                        help="people per synthetic network, comma-separated")
    parser.add_argument("--repeats", type=int, default=None, help="runs of A and B per size")
    parser.add_argument("--no-national", action="store_true", help="skip the national network")
    parser.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j ingest lines")
    parser.add_argument("--no-process", action="store_true",
                        help="skip the whole-process lines (benchmarks/ingest_process.py)")
    parser.add_argument("--national-seats", type=int, default=NATIONAL_SEATS)
    parser.add_argument("--queries-only", metavar="STORE",
                        help="only the national queries, on this store (a national network)")
    options = parser.parse_args()
    lines: list[str] = []
    if options.queries_only:
        store = Path(options.queries_only)
        lines = national_queries(store, _dataset_name(store))
        options.sizes, options.no_national = "", True
    with tempfile.TemporaryDirectory(prefix="govgraph-bench-ingest-") as scratch:
        work = Path(scratch)
        for people in (int(s) for s in options.sizes.split(",") if s):
            repeats = options.repeats or REPEATS.get(people, 1)
            lines += _size(work / f"s{people}", people, repeats)
        if not options.no_national:
            lines += _national(work / "national", options.national_seats)
    if not options.no_process and not options.queries_only:  # benchmarks/ingest_process.py
        from benchmarks.ingest_process import lines as process_lines

        lines += process_lines()
    if not options.no_neo4j and not options.queries_only:  # benchmarks/neo4j_ingest.py
        from benchmarks.neo4j_ingest import lines as neo4j_lines

        lines += neo4j_lines([2000, 20000])
    print("\n| measure | govgraph | floor, same run | ratio | target |")
    print("|---|---|---|---|---|")
    print("\n".join(lines))


def _size(work: Path, people: int, repeats: int) -> list[str]:
    from graph.backends.ladybug import LadybugRunner
    from ingest.package import load_dataset
    from ingest.synthetic import write_synthetic
    from ingest.writer import ingest_all, to_store_rows

    folder = work / "dataset"
    write_synthetic(folder, people, max(1, people // 100))
    files = _parquet_tables(work / "parquet", to_store_rows(load_dataset(folder)))
    ours: list[float] = []
    parts: list[tuple[float, float]] = []
    floor: list[float] = []
    rows = 0
    store = work / "store"
    for _ in range(repeats):
        shutil.rmtree(store, ignore_errors=True)
        runner = LadybugRunner(store)
        runner.apply_schema()
        start = time.perf_counter()
        dataset = load_dataset(folder)
        loaded = time.perf_counter()
        report = ingest_all(runner, [dataset])[0]
        done = time.perf_counter()
        runner.close()
        ours.append(done - start)
        parts.append((loaded - start, done - loaded))
        rows = report.nodes + report.relationships
        floor.append(_copy_floor(work / "floor", files))
    mine, base = statistics.median(ours), statistics.median(floor)
    validate, write = (statistics.median(p) for p in zip(*parts, strict=True))
    print(f"{people:,} people: {rows:,} rows; govgraph {mine:.2f} s (validate {validate:.2f}, "
          f"write {write:.2f}), COPY FROM {base:.2f} s; medians of {repeats}", flush=True)
    lines = [f"| ingest, {people:,} people ({rows:,} nodes + relationships), median of "
             f"{repeats} | {rows / mine:,.0f} rows/s ({mine:.2f} s: validate {validate:.2f}, "
             f"write {write:.2f}) | COPY FROM: {rows / base:,.0f} rows/s ({base:.2f} s) | "
             f"{base / mine:.2f} | ≥ {TARGET_RATIO} |"]
    lines += _reingest(store, folder, mine, people)
    return lines


def _reingest(store: Path, folder: Path, first: float, people: int) -> list[str]:
    """Re-ingest the same folder, then one with 1 % of the people renamed, into A's store."""
    from graph.backends.ladybug import LadybugRunner
    from ingest.package import load_dataset
    from ingest.writer import ingest_all

    changed = folder.parent / "changed"
    shutil.copytree(folder, changed, dirs_exist_ok=True)
    table = changed / "people.csv"
    renamed = max(1, people // 100)
    lines_in = table.read_text(encoding="utf-8").splitlines(keepends=True)
    for i in range(1, renamed + 1):
        lines_in[i] = lines_in[i].replace("Person ", "Renamed ", 1)
    table.write_text("".join(lines_in), encoding="utf-8")
    out = []
    runner = LadybugRunner(store)
    try:
        for label, source, forced in (("unchanged", folder, False),
                                      ("unchanged, --force (every row compared)", folder, True),
                                      (f"{renamed:,} of {people:,} people renamed", changed,
                                       False)):
            start = time.perf_counter()
            report = ingest_all(runner, [load_dataset(source)], force=forced)[0]
            took = time.perf_counter() - start
            out.append(f"| re-ingest, {people:,} people, {label} | {took:.2f} s, "
                       f"{report.written:,} rows written, {report.deleted:,} deleted | "
                       f"first ingest: {first:.2f} s | {took / first:.2f} of it | "
                       f"writes only the changed rows |")
            print(out[-1], flush=True)
    finally:
        runner.close()
    return out


def _parquet_tables(folder: Path, store_rows: Any) -> dict[str, Path]:
    """One Parquet file per node label and relationship type, in the store's column order."""
    import pyarrow.parquet as pq

    from graph.backends.ladybug import LadybugRunner, arrow_table
    from ingest.writer import KIND_OF_STATEMENT

    folder.mkdir(parents=True, exist_ok=True)
    probe = LadybugRunner(folder / "probe")
    probe.apply_schema()
    grouped: dict[str, list[dict[str, Any]]] = {}
    for group in (store_rows.nodes, store_rows.relationships):
        for statement, rows in group.items():
            grouped.setdefault(KIND_OF_STATEMENT[statement], []).extend(rows)
    files = {}
    for kind, rows in grouped.items():
        if rows:
            files[kind] = folder / f"{kind}.parquet"
            pq.write_table(arrow_table(kind, rows, probe._columns(kind)), files[kind])
    probe.close()
    return files


def _copy_floor(store: Path, files: dict[str, Path]) -> float:
    """Seconds for the engine's own COPY FROM of every file into a fresh store, checkpointed."""
    from graph.backends.ladybug import LadybugRunner

    shutil.rmtree(store, ignore_errors=True)
    runner = LadybugRunner(store)
    runner.apply_schema()
    start = time.perf_counter()
    runner._raw("BEGIN TRANSACTION")
    for kind, path in files.items():
        runner._raw(f"COPY {kind} FROM '{path}'")
    runner._raw("COMMIT")
    runner._raw("CHECKPOINT")
    took = time.perf_counter() - start
    runner.close()
    return took


def _national(work: Path, seats: int) -> list[str]:
    """Generate the national network in one process, ingest it with ``govgraph ingest``."""
    from benchmarks.processes import child_env, run_measured
    from ingest.synthetic import people_for_seats

    people = people_for_seats(seats)
    folder = work / "dataset"
    code = ("import sys; from pathlib import Path; from ingest.synthetic import write_synthetic; "
            "s = write_synthetic(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), "
            "local_governments=True); print(s.seats, s.bodies)")
    made = subprocess.run([sys.executable, "-c", code, str(folder), str(people),
                           str(NATIONAL_REGIONS)], cwd=ROOT, capture_output=True, text=True,
                          check=True, env=child_env(work / "store"))
    memberships, bodies = map(int, made.stdout.split())
    run = run_measured([sys.executable, "-m", "govgraph", "ingest", str(folder)],
                       child_env(work / "store"))
    took, rss, code_ = run.wall, run.max_rss, run.returncode
    if code_:
        raise RuntimeError(f"govgraph ingest of the national network exited {code_}")
    governments = NATIONAL_REGIONS + 1
    print(f"national: {governments} governments, {bodies:,} bodies, {people:,} people, "
          f"{memberships:,} memberships: {took:.1f} s, peak RSS {rss / 2**30:.2f} GiB",
          flush=True)
    lines = [f"| national network ingest ({governments} governments, {people:,} people, "
             f"{memberships:,} memberships) | {took:.1f} s | | {took / TARGET_SECONDS:.2f} of "
             f"the target | ≤ {TARGET_SECONDS:.0f} s |",
             f"| national network ingest, peak memory | {rss / 2**30:.2f} GiB | | "
             f"{rss / TARGET_RSS:.2f} of the target | ≤ 4 GiB |"]
    return lines + national_queries(work / "store", f"synthetic-{people}")


def national_queries(store: Path, dataset: str) -> list[str]:
    """Warm p95 over HTTP of the three national queries, served by the real app.

    The server is ``benchmarks.scale``'s (no response cache, so the engine's
    work is measured, as at 20,000 people).
    """
    import httpx

    from benchmarks.scale import start_server, warm_p95, warm_queries

    documents = warm_queries(dataset)
    process, url = start_server(store)
    found = []
    try:
        with httpx.Client(timeout=600) as client:
            found = [(label, warm_p95(client, url, document)) for label, document in documents]
    finally:
        process.terminate()
        process.wait(timeout=30)
    statements = dict(zip([label for label, _ in documents], _statement_times(store, dataset),
                          strict=True))
    lines = []
    for label, p95 in found:
        verdict = "met" if p95 <= TARGET_P95 else "NOT met"
        cause = ""
        if p95 > TARGET_P95 and statements[label] is not None:
            name, alone = statements[label]
            cause = (f"; the store's statement `{name}` alone takes {alone * 1000:.0f} ms "
                     f"(median, in-process): {alone / p95:.0%} of it")
        lines.append(f"| national network, warm p95 of {label} | {p95 * 1000:.0f} ms | | "
                     f"{p95 / TARGET_P95:.2f} of the target ({verdict}{cause}) | "
                     f"≤ {TARGET_P95 * 1000:.0f} ms |")
        print(lines[-1], flush=True)
    return lines


def _statement_times(store: Path, dataset: str) -> list[tuple[str, float] | None]:
    """Median seconds of the one statement behind each national query (None: not timed).

    The whole-dataset aggregations are timed on their own, so that a missed
    target says how much of it is the engine's scan of every membership.
    """
    from graph.backends.ladybug import LadybugRunner
    from graph.filters import DateWindow

    window = DateWindow().params()
    calls: list[tuple[str, dict[str, Any]] | None] = [
        ("multi_role_concentration", {"dataset": dataset, **window}),
        ("overcommitted_members", {"dataset": dataset, "min_bodies": 5, **window}),
        None,
    ]
    runner = LadybugRunner(store, read_only=True)
    out: list[tuple[str, float] | None] = []
    try:
        for call in calls:
            if call is None:
                out.append(None)
                continue
            name, params = call
            runner.read(name, params)
            took = []
            for _ in range(5):
                start = time.perf_counter()
                runner.read(name, params)
                took.append(time.perf_counter() - start)
            out.append((name, statistics.median(took)))
    finally:
        runner.close()
    return out


def _dataset_name(store: Path) -> str:
    """The name of the (one) synthetic dataset in ``store``."""
    from graph.backends.ladybug import LadybugRunner

    runner = LadybugRunner(store, read_only=True)
    try:
        names = [str(row[0]) for row in runner._raw("MATCH (d:Dataset) RETURN d.id")]
    finally:
        runner.close()
    return next(name for name in names if name.startswith("synthetic-"))



if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
