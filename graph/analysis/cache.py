"""Cache analysis results per dataset version; every write invalidates.

A result is keyed by the analysis, its arguments and the *version* of the
store it was computed from: the content hashes of the datasets involved plus
the runner's count of writes. A write through this process bumps the count;
a write by another process (possible with Neo4j) changes a content hash.
Either way the next request computes afresh.

The cache holds at most :data:`MAX_ENTRIES` results and :data:`MAX_ROWS` rows
in all (a list result weighs its length, anything else one), least recently
used first out, so asking for many variants of a large list cannot exhaust
memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from graph.runner import Runner

T = TypeVar("T")
MAX_ENTRIES = 256
MAX_ROWS = 2_000_000

_caches: WeakKeyDictionary[Any, _Cache] = WeakKeyDictionary()
_caches_lock = threading.Lock()


class _Cache:
    def __init__(self) -> None:
        self.entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self.rows = 0
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0


def _cache_of(runner: Runner) -> _Cache:
    with _caches_lock:
        cache = _caches.get(runner)
        if cache is None:
            cache = _caches[runner] = _Cache()
        return cache


def store_version(runner: Runner, dataset: str) -> tuple[Hashable, ...]:
    """What a cached result for ``dataset`` (``''``: all) depends on."""
    rows = runner.read("dataset_versions", {"dataset": dataset})
    return (runner.writes, *((row["id"], row["content_hash"]) for row in rows))


def lookup(runner: Runner, full_key: Hashable) -> tuple[bool, Any]:
    """``(True, result)`` if ``full_key`` (a key and its store version) is cached, else
    ``(False, None)``."""
    cache = _cache_of(runner)
    with cache.lock:
        if full_key in cache.entries:
            cache.hits += 1
            cache.entries.move_to_end(full_key)
            return True, cache.entries[full_key][0]
    return False, None


def remember(runner: Runner, full_key: Hashable, value: Any) -> None:
    """Cache ``value`` under ``full_key`` (a key and its store version)."""
    cache = _cache_of(runner)
    weight = len(value) if isinstance(value, list | tuple) else 1
    if weight > MAX_ROWS:
        return
    with cache.lock:
        cache.misses += 1
        if full_key in cache.entries:
            cache.rows -= cache.entries.pop(full_key)[1]
        cache.entries[full_key] = (value, weight)
        cache.rows += weight
        while len(cache.entries) > MAX_ENTRIES or cache.rows > MAX_ROWS:
            cache.rows -= cache.entries.popitem(last=False)[1][1]


def cached(runner: Runner, dataset: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its result from an earlier call on the same store version."""
    full_key = (key, store_version(runner, dataset))
    found, value = lookup(runner, full_key)
    if found:
        result: T = value
        return result
    computed = compute()
    remember(runner, full_key, computed)
    return computed


def statistics(runner: Runner) -> dict[str, int]:
    """Hits, misses and entries of ``runner``'s cache."""
    cache = _cache_of(runner)
    return {"hits": cache.hits, "misses": cache.misses, "entries": len(cache.entries)}
