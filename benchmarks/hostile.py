"""Hostile bytes and slow clients against a real ``govgraph serve``.

Two lines for ``make bench-robustness``:

- **hostile bytes**: malformed encodings, surrogates, deep JSON and random byte
  strings posted to every route; how many were tried, how many got a 5xx, how
  many left a traceback in the server's log, and the refusals' p50/p99 as a
  client sees them;
- **slow clients**: 200 connections trickling headers or bodies a byte at a time
  (reconnecting whenever the server drops them), while one client measures
  ordinary requests; connections held at most, connections the server closed,
  and the ordinary requests' p50/p99 during the attack against the same requests
  measured just before it.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import statistics
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from benchmarks.server import build_store, serve_process

ROUTES = ["/graphql", "/health", "/export/network.csv?dataset=seodaemun-2021",
          "/export/ego.gexf?id=seodaemun-2021/council",
          "/export/popolo/seodaemun-2021.json", "/dashboard", "/nowhere"]
"""Every kind of HTTP route: GraphQL, health, the three exports, a page, an unknown path."""

NORMAL = {"query": "{ __typename }"}

HOSTILE_BODIES: dict[str, bytes] = {
    "stray byte": b'{"query":"{ __typename }\xff"}',
    "overlong NUL": b'{"query":"{ __typename }\xc0\x80"}',
    "overlong slash": b'{"query":"\xe0\x80\xaf"}',
    "encoded surrogate": b'{"query":"{ __typename }","operationName":"\xed\xa0\x80"}',
    "lone surrogate escape": b'{"query":"{ __typename }","operationName":"\\ud800"}',
    "lone low surrogate escape": b'{"query":"{ __typename }","operationName":"\\udfff"}',
    "surrogate in a variable": (b'{"query":"query($i: ID!) { person(id: $i) { name } }",'
                                b'"variables":{"i":"\\ud800"}}'),
    "surrogate in a filter": (b'{"query":"{ people(first: 1, filter: {name: \\"\\ud800\\"}) '
                              b'{ totalCount } }"}'),
    "arrays 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "objects 5,000 deep": (b'{"query":"{ __typename }","variables":' + b'{"a":' * 5000 + b"1"
                           + b"}" * 5001),
    "truncated": b'{"query":"{ __typename }"',
    "NaN": b'{"query":"{ __typename }","variables":{"x":NaN}}',
    "UTF-16": '{"query":"{ __typename }"}'.encode("utf-16"),
    "NUL bytes": b"\x00" * 64,
}
HOSTILE_PATHS = ["/export/network.csv?dataset=%ED%A0%80", "/export/popolo/%C0%80.json",
                 "/export/ego.csv?id=%FF", "/graphql?query=%7B__typename%7D&variables=%5B%5B%5B"
                 + "%5B" * 100 + "%5D" * 103, "/health?%F0%80%80%80"]


@contextlib.contextmanager
def serve_logged(store: Path, env: Mapping[str, str] | None = None,
                 timeout: float = 60) -> Iterator[tuple[str, IO[bytes]]]:
    """``govgraph serve`` on ``store``; yields its URL and its log (stdout and stderr)."""
    with serve_process(store, env, timeout) as server:
        yield server.url, server.log


def log_text(log: IO[bytes]) -> str:
    """Everything the server has logged so far."""
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", "replace")


# ---- hostile bytes

@dataclass
class HostileResult:
    tried: int = 0
    server_errors: int = 0
    without_code: int = 0
    refusals_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)


def random_bodies(count: int, seed: int = 7) -> list[bytes]:
    """Random byte strings and mutations of a valid body (bytes flipped, cut, repeated)."""
    rng = random.Random(seed)
    valid = b'{"query":"{ people(first: 2) { totalCount } }","variables":{"a":[1,{"b":"c"}]}}'
    bodies = []
    for _ in range(count):
        kind = rng.randrange(3)
        if kind == 0:
            bodies.append(rng.randbytes(rng.randrange(1, 200)))
        elif kind == 1:
            body = bytearray(valid)
            for _ in range(rng.randrange(1, 6)):
                body[rng.randrange(len(body))] = rng.randrange(256)
            bodies.append(bytes(body))
        else:
            cut = rng.randrange(len(valid))
            bodies.append(valid[:cut] + rng.randbytes(rng.randrange(1, 8)) + valid[cut:])
    return bodies


def hostile_bytes(url: str, random_cases: int = 300) -> HostileResult:
    """Post every hostile body (and ``random_cases`` random ones) to every route."""
    result = HostileResult()
    bodies = [*HOSTILE_BODIES.values(), *random_bodies(random_cases)]
    with httpx.Client(base_url=url, timeout=30) as client:
        requests = [("POST", route, body) for body in bodies for route in ROUTES]
        requests += [("GET", path, b"") for path in HOSTILE_PATHS]
        for method, route, body in requests:
            started = time.perf_counter()
            response = client.request(method, route, content=body or None,
                                      headers={"Content-Type": "application/json"})
            elapsed = (time.perf_counter() - started) * 1000
            result.tried += 1
            result.statuses[response.status_code] = result.statuses.get(
                response.status_code, 0) + 1
            if response.status_code >= 500:
                result.server_errors += 1
            if response.status_code >= 400:
                result.refusals_ms.append(elapsed)
                try:
                    code = response.json()["errors"][0]["extensions"]["code"]
                except (ValueError, KeyError, IndexError, TypeError):
                    code = None
                if not code:
                    result.without_code += 1
    return result


def check_times(repeat: int = 50) -> dict[str, float]:
    """Each hostile body's median time (ms) in the byte checks alone, in this process."""
    from api.bodycheck import BadBytesError, check_json, check_text

    medians = {}
    for name, body in HOSTILE_BODIES.items():
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            try:
                check_text(body, "the request body")
                check_json(body, "the request body", 32)
            except BadBytesError:
                pass
            times.append((time.perf_counter() - started) * 1000)
        medians[name] = statistics.median(times)
    return medians


# ---- slow clients

@dataclass
class SlowResult:
    connections: int
    held_most: int = 0
    closed_by_server: int = 0
    before_ms: list[float] = field(default_factory=list)
    during_ms: list[float] = field(default_factory=list)
    failed_during: int = 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _ordinary(url: str, count: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    failed = 0
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        for index in range(count):
            started = time.perf_counter()
            response = (await client.post("/graphql", json=NORMAL) if index % 2
                        else await client.get("/health"))
            latencies.append((time.perf_counter() - started) * 1000)
            failed += response.status_code != 200
    return latencies, failed


async def _slow_connection(host: str, port: int, body: bool, stop: asyncio.Event,
                           result: SlowResult, open_now: list[int], interval: float) -> None:
    """One attacker: trickle a request a byte at a time; start again when dropped."""
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            await asyncio.sleep(interval)
            continue
        open_now[0] += 1
        result.held_most = max(result.held_most, open_now[0])
        if body:
            head = (b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 100000\r\n\r\n")
            trickle = b'{"query":"' + b" " * 100_000
        else:
            head = b"POST /graphql HTTP/1.1\r\nHost: x\r\n"
            trickle = b"X-Slow: " + b"a" * 100_000
        closed = asyncio.ensure_future(reader.read())
        try:
            writer.write(head)
            for byte in trickle:
                await writer.drain()
                done, _ = await asyncio.wait({closed}, timeout=interval)
                if done or stop.is_set():
                    break
                writer.write(bytes([byte]))
            if closed.done() and not stop.is_set():
                result.closed_by_server += 1
        except OSError:
            result.closed_by_server += 1
        finally:
            open_now[0] -= 1
            closed.cancel()
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def slow_clients(url: str, connections: int = 200, seconds: float = 8.0,
                       ordinary: int = 60, interval: float = 0.5) -> SlowResult:
    """Ordinary requests before, then during, ``connections`` slow clients."""
    result = SlowResult(connections)
    await _ordinary(url, 10)  # warm up
    result.before_ms, _ = await _ordinary(url, ordinary)
    host, port = url.removeprefix("http://").split(":")
    stop = asyncio.Event()
    open_now = [0]
    attackers = [asyncio.ensure_future(_slow_connection(host, int(port), index % 2 == 1, stop,
                                                        result, open_now, interval))
                 for index in range(connections)]
    await asyncio.sleep(min(2.0, seconds / 2))  # every attacker connected
    started = time.monotonic()
    during: list[float] = []
    while time.monotonic() - started < seconds:
        latencies, failed = await _ordinary(url, 10)
        during += latencies
        result.failed_during += failed
    result.during_ms = during
    stop.set()
    await asyncio.gather(*attackers, return_exceptions=True)
    return result


def figures(random_cases: int = 300, connections: int = 200,
            seconds: float = 8.0) -> list[tuple[str, str]]:
    """Both lines as (label, value) rows, on a store holding the bundled datasets."""
    with tempfile.TemporaryDirectory() as scratch:
        store = Path(scratch) / "db"
        build_store(store)
        env = {"GOVGRAPH_HEADER_TIMEOUT": "3", "GOVGRAPH_BODY_TIMEOUT": "5"}
        with serve_logged(store, env) as (url, log):
            hostile = hostile_bytes(url, random_cases)
            tracebacks = log_text(log).count("Traceback")
            slow = asyncio.run(slow_clients(url, connections, seconds))
    before, during = slow.before_ms, slow.during_ms
    checks = check_times()
    slowest = max(checks, key=checks.__getitem__)
    return [
        (f"hostile bytes on {len(ROUTES)} routes: cases tried / 5xx / tracebacks / no code",
         f"{hostile.tried} / {hostile.server_errors} / {tracebacks} / {hostile.without_code}"
         f" (refusal p50/p99 {statistics.median(hostile.refusals_ms):.1f}/"
         f"{percentile(hostile.refusals_ms, 0.99):.1f} ms, client included)"),
        ("hostile bytes: the byte checks alone, slowest case (median)",
         f"{checks[slowest]:.3f} ms ({slowest}, {len(HOSTILE_BODIES[slowest]):,} bytes)"),
        (f"slow clients: {slow.connections} trickling connections: held at most / dropped",
         f"{slow.held_most} / {slow.closed_by_server} (header 3 s, body 5 s deadlines)"),
        ("slow clients: ordinary p50 / p99 meanwhile / before",
         f"{statistics.median(during):.1f} / {percentile(during, 0.99):.1f} ms over "
         f"{len(during)} requests ({slow.failed_during} failed) / "
         f"{statistics.median(before):.1f} / {percentile(before, 0.99):.1f} ms "
         f"(p99 ratio {percentile(during, 0.99) / percentile(before, 0.99):.1f}x)"),
    ]


if __name__ == "__main__":
    for label, value in figures():
        print(f"{label}  {value}")
