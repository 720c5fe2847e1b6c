"""Time every analysis on synthetic networks of growing size; print the figures.

    .venv/bin/python benchmarks/analyses.py            # 2,000 and 20,000 people
    .venv/bin/python benchmarks/analyses.py 500 5000   # other sizes (people)

Each size is generated (ingest/synthetic.py, one region per 100 people),
validated and written to a fresh embedded store, then every analysis runs
once cold (computed) and once warm (from the cache).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from graph.analysis import (
    allowances,
    attendance,
    brokers,
    churn,
    communities,
    concentration,
    load,
    network,
    overlap,
    paths,
)
from graph.analysis.projection import Projection, one_mode, two_mode
from graph.backends.ladybug import LadybugRunner
from graph.filters import DateWindow
from ingest.package import load_dataset
from ingest.synthetic import write_synthetic
from ingest.writer import ingest

ALL = DateWindow()


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run(people: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "data"
        size = write_synthetic(folder, people, regions=max(1, people // 100))
        runner = LadybugRunner(Path(scratch) / "db")
        runner.apply_schema()
        start = time.perf_counter()
        dataset = load_dataset(folder)
        validated = time.perf_counter() - start
        written = timed(lambda: ingest(runner, dataset))
        name = dataset.name
        persons = one_mode(runner, name, ALL, Projection.PERSONS)
        bodies = one_mode(runner, name, ALL, Projection.BODIES)
        full = two_mode(runner, name, ALL)
        print(f"\n## {people:,} people, {size.bodies:,} bodies, {size.seats:,} seats")
        print(f"two-mode {full.number_of_nodes():,} nodes / {full.number_of_edges():,} edges; "
              f"person projection {persons.number_of_nodes():,} / "
              f"{persons.number_of_edges():,}; body projection "
              f"{bodies.number_of_nodes():,} / {bodies.number_of_edges():,}")
        print(f"validate {validated:.2f} s, write {written:.2f} s")
        someone = next(iter(persons))
        analyses: dict[str, Callable[[], Any]] = {
            "multiRoleConcentration": lambda: concentration.multi_role_concentration(runner,
                                                                                    name),
            "seatConcentration": lambda: concentration.seat_concentration(runner, name),
            "memberLoads": lambda: load.member_loads(runner, name),
            "bodyOverlaps": lambda: overlap.body_overlaps(runner, name),
            "personOverlaps": lambda: overlap.person_overlaps(runner, name),
            "brokers(BODIES)": lambda: brokers.centralities(runner, name, ALL, Projection.BODIES),
            "brokers(PERSONS)": lambda: brokers.centralities(runner, name, ALL,
                                                             Projection.PERSONS),
            "cutPoints(PERSONS)": lambda: brokers.cut_points(runner, name, ALL,
                                                             Projection.PERSONS),
            "bridges(PERSONS)": lambda: brokers.bridges(runner, name, ALL, Projection.PERSONS),
            "communities(PERSONS)": lambda: communities.communities(runner, name, ALL,
                                                                    Projection.PERSONS),
            "path": lambda: paths.shortest_path(runner, someone, f"{name}/gov"),
            "egoNetwork(depth 2)": lambda: paths.ego_answer(runner, someone, 2, ALL, 500),
            "network(TWO_MODE, 500)": lambda: network.network(runner, name, ALL,
                                                              network.Mode.TWO_MODE),
            "churn": lambda: churn.churn(runner, name, date(2021, 1, 1), date(2022, 1, 1)),
            "attendance": lambda: attendance.attendance(runner, name),
            "allowances": lambda: allowances.allowances(runner, name),
        }
        print("| analysis | cold s | warm s |\n|---|---:|---:|")
        for label, action in analyses.items():
            cold = timed(action)
            warm = timed(action)
            print(f"| {label} | {cold:.3f} | {warm:.3f} |", flush=True)
        runner.close()


if __name__ == "__main__":
    for argument in sys.argv[1:] or ["2000", "20000"]:
        run(int(argument))
