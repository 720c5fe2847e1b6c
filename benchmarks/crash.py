"""Kill writers of the embedded store at random moments; check that every store opens
and holds exactly the state before or after the interrupted write.

    .venv/bin/python benchmarks/crash.py            # 30 kills (or GOVGRAPH_CRASH_KILLS)
    .venv/bin/python benchmarks/crash.py 100        # another count
    .venv/bin/python benchmarks/crash.py --strict   # open as the engine's strict default would

Each kill copies a prepared store, runs a real ``govgraph`` command that
writes to it (the first ingest of the bundled datasets, a re-ingest of a
changed version of one, ``reset``) and sends it SIGKILL: kills alternate
between a random delay (log-uniform, from 0.1 ms to the length of the phase)
after the command reports that it begins to COMMIT or to CHECKPOINT, and a
uniformly random moment of its whole run. A fresh process then opens the
store (recovering it) and compares its whole content (``snapshot`` in
tests/conftest.py) with the states before and after the write. ``--strict``
first tries to open each store with the flags the Python binding used before
(``throw_on_wal_replay_failure=True``): the original defect, where a kill
during commit left a store nothing could open.

Prints ``kills tried / stores unopenable / mixed states``; :func:`main`
returns the figures as a dict.
"""

from __future__ import annotations

import argparse
import math
import os
import pickle
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BUNDLED = [DATA / "seodaemun-2021", DATA / "seoul-2017"]
DEFAULT_KILLS = 30
MIN_DELAY = 1e-4
MODES = ("commit", "uniform", "checkpoint", "uniform")
"""Kill ``i`` uses ``MODES[i % 4]``: after COMMIT begins, at random, after CHECKPOINT begins."""


@dataclass
class Scenario:
    """A write to interrupt: the store it starts from and the command that writes."""

    name: str
    before: str
    """Name of the state the command starts from (``empty``, ``bundled``)."""
    argv: list[str]
    after: str
    """Name of the state it leaves (``bundled``, ``changed``, ``empty``)."""
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds the calibration run spent in COMMIT and CHECKPOINT."""
    run_time: float = 0.0


@dataclass(frozen=True)
class Outcome:
    """What one kill left behind."""

    scenario: str
    mode: str
    delay: float
    state: str
    """``before``, ``after``, ``mixed`` or ``unopenable``."""
    finished: bool
    """The command had finished before the kill arrived."""
    recovery: str


def main(kills: int | None = None, *, strict: bool = False, seed: int | None = None,
         quiet: bool = False) -> dict[str, Any]:
    """Run the kills and return the figures.

    Parameters
    ----------
    kills : int, optional
        How many; default ``GOVGRAPH_CRASH_KILLS`` or 30.
    strict : bool
        Count a store unopenable if the engine's strict default refuses it.
    seed : int, optional
        Seed of the random moments (default ``GOVGRAPH_CRASH_SEED`` or the clock).
    quiet : bool
        Print nothing.
    """
    count = kills if kills is not None else int(os.environ.get("GOVGRAPH_CRASH_KILLS",
                                                               DEFAULT_KILLS))
    seed = seed if seed is not None else int(os.environ.get("GOVGRAPH_CRASH_SEED",
                                                            time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="govgraph-crash-") as scratch:
        work = Path(scratch)
        scenarios, templates, snapshots = _calibrate(work)
        outcomes = []
        for i in range(count):
            scenario = scenarios[i % len(scenarios)]
            _copy(templates[scenario.before], work / "store")
            outcome = _kill_once(work / "store", scenario, MODES[i % len(MODES)], rng,
                                 snapshots, strict)
            outcomes.append(outcome)
            if not quiet:
                print(f"  {i + 1:3d} {outcome.scenario:<12} {outcome.mode:<10} "
                      f"+{outcome.delay * 1000:6.1f} ms  {outcome.state:<10} "
                      f"{outcome.recovery}", flush=True)
    figures = _figures(outcomes, seed, strict)
    if not quiet:
        print(f"kills tried / stores unopenable / mixed states: {figures['kills']} / "
              f"{figures['unopenable']} / {figures['mixed']}")
        print(f"  left the state before: {figures['before']}, after: {figures['after']}; "
              f"recovered a torn log: {figures['torn_logs_recovered']}; "
              f"command finished first: {figures['finished_first']}; seed {seed}")
    return figures


def _figures(outcomes: list[Outcome], seed: int, strict: bool) -> dict[str, Any]:
    states = Counter(outcome.state for outcome in outcomes)
    return {
        "kills": len(outcomes),
        "unopenable": states["unopenable"],
        "mixed": states["mixed"],
        "before": states["before"],
        "after": states["after"],
        "torn_logs_recovered": sum("torn tail" in o.recovery for o in outcomes),
        "finished_first": sum(o.finished for o in outcomes),
        "seed": seed,
        "strict": strict,
        "outcomes": outcomes,
    }


def _calibrate(work: Path) -> tuple[list[Scenario], dict[str, Path], dict[str, Any]]:
    """Run each write once without a kill: template stores, snapshots and phase times."""
    scenarios = [
        Scenario("first-ingest", "empty", ["ingest", *map(str, BUNDLED)], "bundled"),
        Scenario("new-version", "bundled", ["ingest", str(_changed_version(work / "v2"))],
                 "changed"),
        Scenario("reset", "bundled", ["reset", "--yes"], "empty"),
    ]
    templates = {"empty": work / "templates" / "empty", "bundled": work / "templates" / "bundled"}
    _copy(templates["empty"], work / "probe")
    snapshots = {"empty": _verify(work / "probe", work / "probe.pickle")[0]}
    for scenario in scenarios:
        store = work / "probe"
        _copy(templates[scenario.before], store)
        scenario.phases, scenario.run_time, finished = _run_child(store, scenario.argv, None)
        if not finished:
            raise RuntimeError(f"govgraph {' '.join(scenario.argv)} failed without a kill")
        state = _verify(store, work / "probe.pickle")[0]
        if snapshots.setdefault(scenario.after, state) != state:
            raise RuntimeError(f"{scenario.name} did not leave the {scenario.after} state")
        if scenario.after in templates and not templates[scenario.after].exists():
            shutil.copytree(store, templates[scenario.after])
    return scenarios, templates, snapshots


def _copy(template: Path, store: Path) -> None:
    """Make ``store`` a copy of ``template`` (absent if the template does not exist)."""
    shutil.rmtree(store, ignore_errors=True)
    if template.exists():
        shutil.copytree(template, store)


def _changed_version(target: Path) -> Path:
    """A new version of the Seodaemun dataset: every generated member renamed."""
    shutil.copytree(DATA / "seodaemun-2021", target)
    people = target / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace("Member ", "Person "),
                      encoding="utf-8")
    return target


def _kill_once(store: Path, scenario: Scenario, mode: str, rng: random.Random,
               snapshots: dict[str, Any], strict: bool) -> Outcome:
    """Run the scenario's command on ``store``, kill it, and classify what it left."""
    if mode == "uniform":
        delay = rng.uniform(0, scenario.run_time)
        trigger = None
    else:
        # Log-uniform from 0.1 ms to the phase's length: a COMMIT writes its log in its
        # first few milliseconds (the window of torn tails), then waits on the disk.
        delay = math.exp(rng.uniform(math.log(MIN_DELAY),
                                     math.log(max(scenario.phases[mode], MIN_DELAY))))
        trigger = mode
    _, _, finished = _run_child(store, scenario.argv, (trigger, delay))
    if strict and store.exists() and not _opens_strictly(store):
        return Outcome(scenario.name, mode, delay, "unopenable", finished, "")
    try:
        state, recovery = _verify(store, store.parent / "state.pickle")
    except RuntimeError as exc:
        return Outcome(scenario.name, mode, delay, "unopenable", finished, str(exc))
    if state == snapshots[scenario.before]:
        found = "before"
    elif state == snapshots[scenario.after]:
        found = "after"
    else:
        found = "mixed"
    return Outcome(scenario.name, mode, delay, found, finished, recovery)


def _run_child(store: Path, argv: list[str],
               kill: tuple[str | None, float] | None) -> tuple[dict[str, float], float, bool]:
    """Run ``govgraph ARGV`` on ``store``; kill it as ``kill`` says (trigger phase, delay).

    Returns the seconds spent in each phase, the run time, and whether it finished.
    """
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "child", *argv], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env=_env(store))
    assert child.stdout is not None
    begun: dict[str, float] = {}
    phases: dict[str, float] = {}
    committed = False
    if kill is not None and kill[0] is None:
        return _kill_after(child, start, kill[1])
    for line in child.stdout:
        event, _, phase = line.strip().partition(" ")
        now = time.perf_counter()
        if phase == "checkpoint" and not committed:
            continue  # the checkpoint after opening, not the one after the write
        if event == "begin":
            if kill is not None and kill[0] == phase:
                return _kill_after(child, start, kill[1])
            begun[phase] = now
        elif event == "end" and phase in begun:
            phases[phase] = now - begun[phase]
            committed = committed or phase == "commit"
    child.wait()
    return phases, time.perf_counter() - start, child.returncode == 0


def _kill_after(child: subprocess.Popen[str], start: float,
                delay: float) -> tuple[dict[str, float], float, bool]:
    time.sleep(delay)
    finished = child.poll() is not None
    if not finished:
        child.send_signal(signal.SIGKILL)
    child.wait()
    if child.stdout is not None:
        child.stdout.close()
    return {}, time.perf_counter() - start, finished


def _verify(store: Path, output: Path) -> tuple[Any, str]:
    """Open ``store`` in a fresh process; return its snapshot and what recovery said."""
    done = subprocess.run([sys.executable, __file__, "verify", str(store), str(output)],
                          cwd=ROOT, capture_output=True, text=True, env=_env(store), check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip()
                           else f"exit {done.returncode}")
    with output.open("rb") as handle:
        state, recovery = pickle.load(handle)
    return state, recovery


def _opens_strictly(store: Path) -> bool:
    code = ("import sys, ladybug; from graph.backends.ladybug import DB_FILE; "
            "ladybug.Database(sys.argv[1] + '/' + DB_FILE)")
    done = subprocess.run([sys.executable, "-c", code, str(store)], cwd=ROOT,
                          capture_output=True, check=False)
    return done.returncode == 0


def _env(store: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")}
    return {**env, "GOVGRAPH_DB": str(store), "PYTHONPATH": str(ROOT)}


def _child(argv: list[str]) -> None:
    """Run the real command, reporting on stdout when COMMIT and CHECKPOINT begin and end."""
    from graph.backends.ladybug import LadybugRunner

    raw = LadybugRunner._raw

    def reporting(runner: LadybugRunner, text: str) -> list[list[Any]]:
        phase = text.lower()
        if phase not in ("commit", "checkpoint"):
            return raw(runner, text)
        print(f"begin {phase}", flush=True)
        rows = raw(runner, text)
        print(f"end {phase}", flush=True)
        return rows

    LadybugRunner._raw = reporting  # type: ignore[method-assign]
    from govgraph.cli import app

    app(argv)


def _verify_main(store: Path, output: Path) -> None:
    from graph.backends.ladybug import LadybugRunner
    from tests.conftest import snapshot

    runner = LadybugRunner(store)
    runner.apply_schema()
    state = snapshot(runner)
    recovery = runner.recovery.summary if runner.recovery else ""
    runner.close()
    with output.open("wb") as handle:
        pickle.dump((state, recovery), handle)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if sys.argv[1:2] == ["child"]:
        _child(sys.argv[2:])
    elif sys.argv[1:2] == ["verify"]:
        _verify_main(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("kills", nargs="?", type=int, default=None)
        parser.add_argument("--strict", action="store_true")
        parser.add_argument("--seed", type=int, default=None)
        options = parser.parse_args()
        main(options.kills, strict=options.strict, seed=options.seed)
