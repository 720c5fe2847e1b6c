"""A process killed in the middle of an edit leaves the record and the change log
consistent: both written or neither, and the store opens.

A real child process edits one body again and again. Half of the kills land
between the record's statement and the change log's statement of one
transaction (the child says when it gets there and waits a moment); the others
at a random moment of its run. After each kill a fresh process opens the store
and every body's version must be the version of its last change, with the
values that change set, and every edit the child saw committed must be in the log.
"""

from __future__ import annotations

import itertools
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph import edits
from graph.backends.ladybug import LadybugRunner
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.conftest import ROOT
from tests.ingest.conftest import TINY, write_dataset

KILLS = 6
CHILD = """
import sys, time
from pathlib import Path
from graph import edits
from graph.backends import ladybug
from graph.backends.ladybug import LadybugRunner

pause = sys.argv[2] == "between"
execute = LadybugRunner._execute

def slow(self, name, text, params):
    if name == "record_change" and pause:  # the record's statement has run
        print("between", flush=True)
        time.sleep(0.2)
    return execute(self, name, text, params)

LadybugRunner._execute = slow
runner = LadybugRunner(Path(sys.argv[1]))
editor = edits.Editor("crash", "editor")
for n in range(1000):
    held = edits.record(runner, "riverton/board")
    change = edits.correct(runner, editor, "riverton/board", held.version,
                           {"notes": f"run {sys.argv[3]} edit {n}"}, "crash test", "test")
    print("committed", change.id, flush=True)
"""


def _consistent(store: Path) -> tuple[int, str]:
    runner = LadybugRunner(store)
    try:
        board = edits.record(runner, "riverton/board")
        log = edits.history(runner, "riverton/board")
        if not log:
            return 0, board.version
        last = log[-1]
        assert board.version == last.version, (board.version, last)
        assert board.values["notes"] == last.new["notes"]
        assert [c.sequence for c in log] == list(range(1, len(log) + 1))
        assert all(later.base_version == earlier.version
                   for earlier, later in itertools.pairwise(log))
        return len(log), board.version
    finally:
        runner.close()


def test_a_kill_mid_edit_leaves_the_record_and_the_change_log_both_or_neither(
        tmp_path: Path) -> None:
    store = tmp_path / "db"
    runner = LadybugRunner(store)
    runner.apply_schema()
    ingest(runner, load_dataset(write_dataset(tmp_path / "riverton", TINY)))
    runner.close()
    rng = random.Random(19)
    committed: list[str] = []
    between_kills = 0
    for kill in range(KILLS):
        mode = "between" if kill % 2 == 0 else "random"
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(store), mode, str(kill)],
                                 cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None
        deadline = time.monotonic() + rng.uniform(0.3, 1.5)
        mine = 0
        for line in child.stdout:
            if line.startswith("committed"):
                committed.append(line.split()[1])
                mine += 1
            if (mode == "between" and line.startswith("between") and mine >= 1) \
                    or (mode == "random" and time.monotonic() > deadline):
                between_kills += line.startswith("between")
                break
        else:
            raise AssertionError(f"the child ended by itself: {child.stderr.read()}")
        child.send_signal(signal.SIGKILL)
        child.communicate()
        count, _ = _consistent(store)
        assert count >= len(committed), "an edit the child saw committed was lost"
        runner = LadybugRunner(store)
        try:
            logged = {c.id for c in edits.history(runner, "riverton/board")}
        finally:
            runner.close()
        assert set(committed) <= logged
    assert between_kills == KILLS // 2
