"""Serve a store with ``govgraph serve`` in a subprocess, for load and robustness runs."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

from graph.backends.ladybug import LadybugRunner
from ingest.package import load_dataset
from ingest.synthetic import write_synthetic
from ingest.writer import ingest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = [ROOT / "data" / "seodaemun-2021", ROOT / "data" / "seoul-2017"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def build_store(store: Path, people: int = 0, bundled: bool = True) -> str:
    """Write the bundled datasets and, if ``people``, a synthetic network into ``store``;
    return the synthetic dataset's name (``''`` without one)."""
    runner = LadybugRunner(store)
    runner.apply_schema()
    try:
        if bundled:
            for folder in BUNDLED:
                ingest(runner, load_dataset(folder))
        if not people:
            return ""
        with tempfile.TemporaryDirectory() as scratch:
            write_synthetic(Path(scratch), people, regions=max(1, people // 100))
            dataset = load_dataset(Path(scratch))
            ingest(runner, dataset)
            return dataset.name
    finally:
        runner.close()


@dataclass(frozen=True)
class ServeProcess:
    """A running ``govgraph serve``: its base URL, process id and log (stdout and stderr)."""

    url: str
    pid: int
    log: IO[bytes]


@contextlib.contextmanager
def serve_process(store: Path, env: Mapping[str, str] | None = None,
                  timeout: float = 60) -> Iterator[ServeProcess]:
    """``govgraph serve`` on ``store`` in a subprocess, answering ``/health``; stopped (and its
    log closed) on exit."""
    port = free_port()
    environment = {**os.environ, "GOVGRAPH_DB": str(store),
                   "GOVGRAPH_KEYS": str(store.parent / "keys.sqlite3"), **(env or {})}
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "govgraph", "serve", "--no-bundled", "--port", str(port)],
            env=environment, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"govgraph serve exited: {log.read().decode()[-2000:]}")
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError("govgraph serve did not start")
                time.sleep(0.1)
            yield ServeProcess(url, process.pid, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def serving(store: Path, env: Mapping[str, str] | None = None,
            timeout: float = 60) -> Iterator[str]:
    """``govgraph serve`` on ``store`` in a subprocess; yields its base URL."""
    with serve_process(store, env, timeout) as served:
        yield served.url
