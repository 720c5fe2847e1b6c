"""Co-membership: how much bodies share members, and people share bodies.

Two bodies *interlock* when a person sits on both [1]_. Their overlap is the
number of shared members and the Jaccard index, shared members over members
of either [2]_. Likewise two people overlap in the bodies they share.

References
----------
.. [1] Mizruchi, M. S., "What do interlocks do?", *Annual Review of Sociology*
   22 (1996), 271-298.
.. [2] Jaccard, P., "The distribution of the flora in the alpine zone",
   *New Phytologist* 11 (1912), 37-50.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.analysis.cache import cached
from graph.analysis.projection import seats
from graph.filters import DateWindow, check_number
from graph.repository import Repository
from graph.runner import Runner


@dataclass(frozen=True)
class Overlap:
    """``a`` and ``b`` (bodies or people) share ``shared`` members (or bodies)."""

    a: str
    b: str
    shared: int
    jaccard: float


@dataclass(frozen=True)
class OverlapMatrix:
    ids: list[str]
    shared: list[list[int]]
    jaccard: list[list[float]]


@dataclass(frozen=True)
class Interlock:
    """Another body sharing ``people`` with the body asked about."""

    body_id: str
    people: list[str]


def jaccard(shared: int, size_a: int, size_b: int) -> float:
    """|A ∩ B| / |A ∪ B| from the sizes of A and B and of their intersection."""
    union = size_a + size_b - shared
    return shared / union if union else 0.0


def body_overlaps(runner: Runner, dataset: str = "", window: DateWindow | None = None,
                  min_shared: int = 1) -> list[Overlap]:
    """Pairs of bodies sharing at least ``min_shared`` members, most shared first."""
    Repository(runner).require_dataset(dataset)
    check_number("minShared", min_shared, 1, 2**31)
    window = window or DateWindow()

    def compute() -> list[Overlap]:
        rows = runner.read("body_overlaps", {"dataset": dataset, **window.params()})
        sizes = _sizes(runner, dataset, window, by="body")
        return _ranked([Overlap(r["body_a"], r["body_b"], r["shared"],
                                jaccard(r["shared"], sizes[r["body_a"]], sizes[r["body_b"]]))
                        for r in rows if r["shared"] >= min_shared])

    return cached(runner, dataset, ("body_overlaps", dataset, window, min_shared), compute)


def person_overlaps(runner: Runner, dataset: str = "", window: DateWindow | None = None,
                    min_shared: int = 2) -> list[Overlap]:
    """Pairs of people sharing at least ``min_shared`` bodies, most shared first."""
    Repository(runner).require_dataset(dataset)
    check_number("minShared", min_shared, 1, 2**31)
    window = window or DateWindow()

    def compute() -> list[Overlap]:
        rows = runner.read("person_overlaps", {"dataset": dataset, "min_shared": min_shared,
                                               **window.params()})
        sizes = _sizes(runner, dataset, window, by="person")
        return _ranked([Overlap(r["person_a"], r["person_b"], r["shared"],
                                jaccard(r["shared"], sizes[r["person_a"]], sizes[r["person_b"]]))
                        for r in rows])

    return cached(runner, dataset, ("person_overlaps", dataset, window, min_shared), compute)


def body_overlap_matrix(runner: Runner, dataset: str = "", window: DateWindow | None = None,
                        classifications: tuple[str, ...] = ()) -> OverlapMatrix:
    """Shared members and Jaccard index for every pair of bodies, as square matrices.

    The diagonal holds each body's own member count (and Jaccard 1).
    """
    Repository(runner).require_dataset(dataset)
    window = window or DateWindow()
    sizes = _sizes(runner, dataset, window, by="body")
    kinds = {s.body_id: s.classification for s in seats(runner, dataset, window)}
    ids = sorted(b for b in sizes if not classifications or kinds[b] in classifications)
    index = {body: i for i, body in enumerate(ids)}
    shared = [[sizes[b] if i == j else 0 for j in range(len(ids))] for i, b in enumerate(ids)]
    for pair in body_overlaps(runner, dataset, window):
        if pair.a in index and pair.b in index:
            shared[index[pair.a]][index[pair.b]] = shared[index[pair.b]][index[pair.a]] = (
                pair.shared)
    return OverlapMatrix(ids, shared, [
        [jaccard(shared[i][j], sizes[a], sizes[b]) for j, b in enumerate(ids)]
        for i, a in enumerate(ids)])


def interlocks(runner: Runner, body_id: str, window: DateWindow | None = None) -> list[Interlock]:
    """The bodies sharing members with ``body_id``, and who the shared members are."""
    Repository(runner).require_bodies([body_id])
    rows = runner.read("body_interlocks", {"id": body_id, **(window or DateWindow()).params()})
    found = [Interlock(r["body_id"], sorted(r["people"])) for r in rows]
    return sorted(found, key=lambda x: (-len(x.people), x.body_id))


def _sizes(runner: Runner, dataset: str, window: DateWindow, by: str) -> dict[str, int]:
    members: dict[str, set[str]] = defaultdict(set)
    for seat in seats(runner, dataset, window):
        if by == "body":
            members[seat.body_id].add(seat.person_id)
        else:
            members[seat.person_id].add(seat.body_id)
    return {key: len(value) for key, value in members.items()}


def _ranked(pairs: list[Overlap]) -> list[Overlap]:
    return sorted(pairs, key=lambda p: (-p.shared, -p.jaccard, p.a, p.b))
