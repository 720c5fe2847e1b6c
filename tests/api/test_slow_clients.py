"""Slow clients cannot hold ``govgraph serve``: header and body deadlines, a connection cap.

A real server in a subprocess, with short deadlines so the test is quick.
"""

from __future__ import annotations

import asyncio
import socket
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest

from benchmarks.hostile import log_text, percentile, serve_logged, slow_clients
from benchmarks.server import build_store

HEADER_TIMEOUT, BODY_TIMEOUT = 1.5, 2.5


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("slow") / "db"
    build_store(store, bundled=False)
    return store


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[tuple[str, IO[bytes]]]:
    with serve_logged(store, {"GOVGRAPH_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
                              "GOVGRAPH_BODY_TIMEOUT": str(BODY_TIMEOUT)}) as running:
        yield running


def connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    conn = socket.create_connection((host, int(port)), timeout=5 * (HEADER_TIMEOUT
                                                                     + BODY_TIMEOUT))
    return conn


def read_all(conn: socket.socket) -> bytes:
    chunks = []
    while chunk := conn.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_client_that_never_finishes_its_headers_is_disconnected(
    server: tuple[str, IO[bytes]],
) -> None:
    url, _ = server
    with connect(url) as conn:
        started = time.monotonic()
        conn.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\nX-Slow: a")
        assert read_all(conn) == b""  # closed, nothing owed: no request was made
        assert time.monotonic() - started >= HEADER_TIMEOUT * 0.9


def test_a_client_that_connects_and_says_nothing_is_disconnected(
    server: tuple[str, IO[bytes]],
) -> None:
    url, _ = server
    with connect(url) as conn:
        assert read_all(conn) == b""


def test_a_body_that_does_not_arrive_in_time_is_408_request_timeout(
    server: tuple[str, IO[bytes]],
) -> None:
    url, _ = server
    with connect(url) as conn:
        conn.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\n\r\n{\"query\":")
        answer = read_all(conn)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408")
    assert b'"code":"REQUEST_TIMEOUT"' in body and b"GOVGRAPH_BODY_TIMEOUT" in body


def test_kept_alive_connections_still_serve_several_requests(
    server: tuple[str, IO[bytes]],
) -> None:
    url, _ = server
    with httpx.Client(base_url=url) as client:
        for _ in range(3):
            assert client.get("/health").status_code == 200
            time.sleep(HEADER_TIMEOUT / 3)


def test_200_slow_connections_do_not_slow_ordinary_requests(
    server: tuple[str, IO[bytes]],
) -> None:
    url, log = server
    result = asyncio.run(slow_clients(url, connections=200, seconds=2 * BODY_TIMEOUT,
                                      ordinary=40, interval=0.3))
    assert result.held_most >= 150  # the attack really held its connections
    assert result.closed_by_server >= 100  # and the deadlines really dropped them
    assert result.failed_during == 0
    before, during = result.before_ms, result.during_ms
    assert statistics.median(during) <= 5 * statistics.median(before), (before, during)
    assert percentile(during, 0.9) <= 10 * percentile(before, 0.9), (before, during)
    assert "Traceback" not in log_text(log)


def test_connections_beyond_the_cap_are_refused_at_once(tmp_path: Path) -> None:
    store = tmp_path / "db"
    build_store(store, bundled=False)
    with serve_logged(store, {"GOVGRAPH_MAX_CONNECTIONS": "20"}) as (url, _):
        held = [connect(url) for _ in range(25)]
        try:
            with httpx.Client(base_url=url, timeout=10) as client:
                assert client.get("/health").status_code == 503
        finally:
            for conn in held:
                conn.close()
        with httpx.Client(base_url=url, timeout=10) as client:
            assert client.get("/health").status_code == 200
