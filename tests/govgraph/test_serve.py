"""`govgraph serve` as a user starts it: address from options or settings, the addresses
printed at start, the access log at the level asked for."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

GOVGRAPH = Path(sys.executable).parent / "govgraph"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def _serving(tmp_path: Path, args: list[str], env: dict[str, str]) -> Iterator[
        tuple[subprocess.Popen[str], Path]]:
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [str(GOVGRAPH), "serve", "--no-bundled", *args], stderr=stderr,
            stdout=subprocess.DEVNULL, text=True,
            env={**{k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")},
                 "GOVGRAPH_DB": str(tmp_path / "db"),
                 "GOVGRAPH_KEYS": str(tmp_path / "keys.sqlite3"), **env})
        try:
            yield process, log
        finally:
            process.terminate()
            process.wait(timeout=30)


def _get(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_port_from_the_setting_and_the_addresses_printed(tmp_path: Path) -> None:
    port = _free_port()
    with _serving(tmp_path, [], {"GOVGRAPH_PORT": str(port)}) as (_, log):
        assert '"status":"ok"' in _get(f"http://127.0.0.1:{port}/health",
                                       time.monotonic() + 60)
        _get(f"http://127.0.0.1:{port}/health", time.monotonic() + 5)
        printed = log.read_text()
    for path in ("/dashboard", "/graphql", "/docs", "/guide/"):
        assert f"http://127.0.0.1:{port}{path}" in printed, printed
    assert "op=GET /health status=200" in printed  # the access log, at info by default


def test_options_win_over_settings_and_warning_silences_the_access_log(tmp_path: Path) -> None:
    port = _free_port()
    with _serving(tmp_path, ["--port", str(port), "--log-level", "warning"],
                  {"GOVGRAPH_PORT": "1", "GOVGRAPH_LOG_LEVEL": "debug"}) as (_, log):
        _get(f"http://127.0.0.1:{port}/health", time.monotonic() + 60)
        printed = log.read_text()
    assert f"http://127.0.0.1:{port}/dashboard" in printed
    assert "op=GET /health" not in printed


def test_a_bad_port_is_refused_before_anything_starts(tmp_path: Path) -> None:
    result = subprocess.run([str(GOVGRAPH), "serve", "--port", "70000"], capture_output=True,
                            text=True, timeout=60, check=False,
                            env={**os.environ, "GOVGRAPH_DB": str(tmp_path / "db")})
    assert result.returncode == 2
    assert "port" in result.stderr.lower()
