"""Whole processes: ``govgraph ingest`` against a process doing LadybugDB's own ``COPY FROM``.

    .venv/bin/python -m benchmarks.ingest_process                  # 20,000 people, 5 runs each
    .venv/bin/python -m benchmarks.ingest_process --people 2000 --repeats 3

What a user waits for is the whole command: starting Python, importing what the
command needs, validating the dataset and writing it. So, alternately in one
run: (A) ``python -m govgraph ingest <folder>`` into a fresh store (the synthetic
network of ``ingest.synthetic``, the bundled identity judgements as by default),
and (B) the floor: a process that opens a fresh store with the same schema and
loads the same stored rows (every node and relationship, all properties),
prepared beforehand as one Parquet file per table, with the engine's own
``COPY FROM`` in one transaction, then checkpoints (``benchmarks.ingest``'s
in-process floor, in a process of its own). Medians of the runs; the ratio is
floor / govgraph (1.0: as fast as the engine alone).

Then one more ``govgraph ingest`` under ``python -X importtime``: the time its
imports take (summed over the top-level imports, so each module once) and the
packages that take most of it, so the share of the process that is start-up
is visible.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 0.6
PEOPLE = 20_000
REPEATS = 5

_FLOOR = """
import sys
from pathlib import Path
from graph.backends.ladybug import LadybugRunner

runner = LadybugRunner(Path(sys.argv[1]))
runner.apply_schema()
runner._raw("BEGIN TRANSACTION")
for item in sys.argv[2:]:
    kind, path = item.split("=", 1)
    runner._raw(f"COPY {kind} FROM '{path}'")
runner._raw("COMMIT")
runner._raw("CHECKPOINT")
runner.close()
"""
_IMPORT_LINE = re.compile(r"^import time:\s*(\d+)\s*\|\s*(\d+)\s*\|( *)(\S+)\s*$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--repeats", type=int, default=REPEATS, help="runs of A and of B")
    options = parser.parse_args()
    found = lines(options.people, options.repeats)
    print("\n| measure | govgraph | floor, same run | ratio | target |")
    print("|---|---|---|---|---|")
    print("\n".join(found))


def lines(people: int = PEOPLE, repeats: int = REPEATS) -> list[str]:
    """The benchmark's table lines (it also prints what it measures as it goes)."""
    from benchmarks.ingest import _parquet_tables
    from ingest.package import load_dataset
    from ingest.synthetic import write_synthetic
    from ingest.writer import to_store_rows

    with tempfile.TemporaryDirectory(prefix="govgraph-bench-process-") as scratch:
        work = Path(scratch)
        folder = work / "dataset"
        write_synthetic(folder, people, max(1, people // 100))
        files = _parquet_tables(work / "parquet", to_store_rows(load_dataset(folder)))
        ours: list[tuple[float, float]] = []
        floors: list[tuple[float, float]] = []
        for _ in range(repeats):
            ours.append(_timed([sys.executable, "-m", "govgraph", "ingest", str(folder)],
                               work / "store"))
            floors.append(_timed([sys.executable, "-c", _FLOOR, str(work / "floor"),
                                  *(f"{kind}={path}" for kind, path in files.items())],
                                 work / "floor"))
        imports, heaviest = _import_time(folder, work / "store")
        rows = _stored_rows(files)
    mine, base = (statistics.median(wall for wall, _ in runs) for runs in (ours, floors))
    mine_cpu, base_cpu = (statistics.median(cpu for _, cpu in runs) for runs in (ours, floors))
    spread = f"{min(w for w, _ in ours):.2f}–{max(w for w, _ in ours):.2f}"
    print(f"{people:,} people, whole processes: govgraph ingest {mine:.2f} s ({spread}; "
          f"CPU {mine_cpu:.2f} s), COPY FROM {base:.2f} s (CPU {base_cpu:.2f} s); medians of "
          f"{repeats}; imports {imports:.2f} s ({heaviest})", flush=True)
    return [
        f"| `govgraph ingest` process, {people:,} people ({rows:,} nodes + relationships), "
        f"median of {repeats} | {mine:.2f} s | COPY FROM process: {base:.2f} s | "
        f"{base / mine:.2f} | ≥ {TARGET_RATIO} |",
        f"| the same, CPU seconds (user + system; steadier on a shared machine) | "
        f"{mine_cpu:.2f} s | {base_cpu:.2f} s | {base_cpu / mine_cpu:.2f} | |",
        f"| `govgraph ingest` process, of which imports (`-X importtime`) | {imports:.2f} s: "
        f"{heaviest} | | {imports / mine:.2f} of the process | |",
    ]


def _timed(argv: list[str], store: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of ``argv`` run on a fresh ``store``.

    A failure stops the benchmark.
    """
    from benchmarks.processes import child_env, run_measured

    shutil.rmtree(store, ignore_errors=True)
    run = run_measured(argv, child_env(store))
    if run.returncode:
        raise RuntimeError(f"{argv[1:3]} exited {run.returncode}")
    return run.wall, run.cpu


def _import_time(folder: Path, store: Path) -> tuple[float, str]:
    """Seconds ``govgraph ingest`` spends importing, and the packages taking most of it."""
    from benchmarks.processes import child_env

    shutil.rmtree(store, ignore_errors=True)
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "govgraph", "ingest",
                           str(folder)], cwd=ROOT, env=child_env(store), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=True)
    total = 0
    by_package: Counter[str] = Counter()
    for line in done.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if not match:
            continue
        own, cumulative, indent, name = match.groups()
        by_package[name.split(".")[0]] += int(own)
        if len(indent) <= 1:  # a top-level import: its cumulative time counts each module once
            total += int(cumulative)
    heaviest = ", ".join(f"{name} {us / 1e6:.2f}" for name, us in by_package.most_common(5))
    return total / 1e6, heaviest


def _stored_rows(files: dict[str, Path]) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(path).metadata.num_rows for path in files.values())


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
