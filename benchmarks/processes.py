"""Child processes of the benchmarks: their environment, and what running one cost."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_env(store: Path) -> dict[str, str]:
    """This process's environment for a child on ``store``: no other ``GOVGRAPH_*`` setting,
    and the repository importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")}
    return {**env, "GOVGRAPH_DB": str(store), "PYTHONPATH": str(ROOT)}


@dataclass(frozen=True)
class ProcessRun:
    """What one child process took: wall and CPU (user + system) seconds, peak resident
    memory in bytes, and its exit code."""

    wall: float
    cpu: float
    max_rss: int
    returncode: int


def run_measured(argv: list[str], env: dict[str, str]) -> ProcessRun:
    """Run ``argv`` from the repository root, its output discarded, and measure it."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return ProcessRun(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
                      child.returncode)
