"""A writer killed with SIGKILL at any moment leaves a store that opens and holds exactly
the state before or after its write, never a mixture.

The kills (``GOVGRAPH_CRASH_KILLS``, default 8 here; ``benchmarks/crash.py`` runs 30) hit
real ``govgraph ingest`` and ``govgraph reset`` processes, half of them a random short
time after the process reports that it begins to COMMIT or to CHECKPOINT.
"""

from __future__ import annotations

import os

from benchmarks.crash import main

SUITE_KILLS = 8


def test_a_killed_writer_leaves_the_state_before_or_after_it_never_a_mixture() -> None:
    kills = int(os.environ.get("GOVGRAPH_CRASH_KILLS", SUITE_KILLS))
    figures = main(kills, quiet=True)
    print(f"kills tried / stores unopenable / mixed states: {figures['kills']} / "
          f"{figures['unopenable']} / {figures['mixed']} (seed {figures['seed']})")
    outcomes = "\n".join(map(str, figures["outcomes"]))
    assert figures["kills"] == kills
    assert figures["unopenable"] == 0, outcomes
    assert figures["mixed"] == 0, outcomes
    killed = {(o.scenario, o.mode) for o in figures["outcomes"]}
    assert {scenario for scenario, _ in killed} == {"first-ingest", "new-version", "reset"}
    assert {mode for _, mode in killed} == {"commit", "checkpoint", "uniform"}
