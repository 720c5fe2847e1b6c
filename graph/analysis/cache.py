"""Cache analysis results per dataset version; every write invalidates.

A result is keyed by the analysis, its arguments and the *version* of the
store it was computed from: the content hashes of the datasets involved plus
the runner's count of writes. A write through this process bumps the count;
a write by another process (possible with Neo4j) changes a content hash.
Either way the next request computes afresh.

The cache is bounded by the memory its results take, measured
(:func:`estimated_size`: a deep size, estimated from a sample of any large
list, dict or set), and by a number of entries; least recently used results
go first. The bounds are :data:`DEFAULT_MAX_BYTES` and :data:`DEFAULT_MAX_ENTRIES`
unless :func:`set_limits` gives others (the app passes
``GOVGRAPH_ANALYSIS_CACHE_BYTES`` and ``GOVGRAPH_ANALYSIS_CACHE_ENTRIES``). A
result larger than half the bytes is not kept, so one answer cannot
push out all the others.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from pympler import asizeof

from graph.runner import Runner

T = TypeVar("T")
DEFAULT_MAX_ENTRIES = 256
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
SAMPLE = 64
"""Items of a large container measured to estimate the size of all of them."""
MAX_NESTING = 8
"""Containers looked into at most this deep; deeper ones are measured whole."""

_caches: WeakKeyDictionary[Any, _Cache] = WeakKeyDictionary()
_caches_lock = threading.Lock()


class _Cache:
    def __init__(self) -> None:
        self.entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self.bytes = 0
        self.max_bytes = DEFAULT_MAX_BYTES
        self.max_entries = DEFAULT_MAX_ENTRIES
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0


def _cache_of(runner: Runner) -> _Cache:
    with _caches_lock:
        cache = _caches.get(runner)
        if cache is None:
            cache = _caches[runner] = _Cache()
        return cache


def set_limits(runner: Runner, max_bytes: int, max_entries: int) -> None:
    """Bound ``runner``'s cache to ``max_bytes`` of results and ``max_entries`` of them
    (0 for either: nothing is kept)."""
    cache = _cache_of(runner)
    with cache.lock:
        cache.max_bytes, cache.max_entries = max_bytes, max_entries
        _evict(cache)


def deep_size(*values: Any) -> int:
    """Bytes ``values`` hold, every object they refer to measured once
    (``pympler.asizeof``): exact, and slow for large results."""
    return int(asizeof.asizeof(*values))  # type: ignore[no-untyped-call]


def estimated_size(value: Any, nesting: int = 0) -> int:
    """Bytes ``value`` holds, everything it refers to included: an estimate, in
    milliseconds where measuring every object (``pympler.asizeof``) takes a second.
    Lists, tuples, dicts and sets of more than :data:`SAMPLE` items are estimated from
    that many of them, evenly spread; an object shared by several is counted each time
    (a networkx graph's ties count twice), so the estimate errs high more than low."""
    if isinstance(value, (str, bytes, bytearray, int, float, bool)) or value is None:
        return sys.getsizeof(value)
    if nesting >= MAX_NESTING:
        return deep_size(value)
    if isinstance(value, dict):
        pairs = list(value.items())
        return sys.getsizeof(value) + _items_size([p for pair in _sample(pairs)
                                                   for p in pair], len(pairs) * 2, nesting)
    if isinstance(value, (list, tuple)):
        return sys.getsizeof(value) + _items_size(_sample(value), len(value), nesting)
    if isinstance(value, (set, frozenset)):
        return sys.getsizeof(value) + _items_size(_sample(list(value)), len(value), nesting)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sys.getsizeof(value) + sum(estimated_size(getattr(value, f.name), nesting + 1)
                                          for f in dataclasses.fields(value))
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):  # e.g. a networkx graph: its dicts of nodes and ties
        return sys.getsizeof(value) + estimated_size(attributes, nesting + 1)
    return deep_size(value)


def _sample(items: Any) -> Any:
    if len(items) <= SAMPLE:
        return items
    step = len(items) / SAMPLE
    return [items[int(i * step)] for i in range(SAMPLE)]


def _items_size(sample: Any, count: int, nesting: int) -> int:
    if not count:
        return 0
    measured = sum(estimated_size(item, nesting + 1) for item in sample)
    return measured * count // max(1, len(sample) if count > len(sample) else count)


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
    """Cache ``value`` under ``full_key`` (a key and its store version), if it fits."""
    cache = _cache_of(runner)
    size = estimated_size(value) + estimated_size(full_key)
    with cache.lock:
        cache.misses += 1
        if full_key in cache.entries:
            cache.bytes -= cache.entries.pop(full_key)[1]
        if size > cache.max_bytes // 2 or cache.max_entries <= 0:
            return
        cache.entries[full_key] = (value, size)
        cache.bytes += size
        _evict(cache)


def _evict(cache: _Cache) -> None:
    while cache.entries and (len(cache.entries) > cache.max_entries
                             or cache.bytes > cache.max_bytes):
        cache.bytes -= cache.entries.popitem(last=False)[1][1]


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
    """Hits, misses, entries and estimated bytes of ``runner``'s cache."""
    cache = _cache_of(runner)
    return {"hits": cache.hits, "misses": cache.misses, "entries": len(cache.entries),
            "bytes": cache.bytes}
