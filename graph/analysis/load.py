"""Overcommitment: a load score per person that weights the roles held.

A chair prepares, convenes and represents; a member attends. The load of a
person is the sum over the bodies they sit in of the weight of their role
there (the heaviest role if they hold several in one body). Weights default
to :data:`DEFAULT_ROLE_WEIGHTS` and may be set per request. A person is
*flagged* when the score reaches ``min_score`` or the number of bodies reaches
``min_bodies``; the reasons name the bodies and roles behind the flag.
Counting concurrent positions, weighted by their demands, is how
"busy" board members are assessed in corporate governance [1]_.

References
----------
.. [1] Ferris, S. P., Jagannathan, M. and Pritchard, A. C., "Too busy to mind the
   business? Monitoring by directors with multiple board appointments",
   *Journal of Finance* 58 (2003), 1087-1111.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from graph.analysis.cache import cached
from graph.analysis.projection import Seat, seats
from graph.filters import DateWindow, check_number, check_numbers
from graph.repository import Repository
from graph.runner import Runner

DEFAULT_ROLE_WEIGHTS: Mapping[str, float] = {
    "chair": 3.0, "co_chair": 3.0, "vice_chair": 2.0, "leader": 2.0, "secretary": 1.5,
    "coordinator": 1.5, "facilitator": 1.5, "member": 1.0, "expert": 1.0, "official": 1.0,
    "advisor": 0.5, "observer": 0.5,
}
"""Weight of a role; a role not listed weighs 1."""
DEFAULT_MIN_SCORE = 8.0
DEFAULT_MIN_BODIES = 5
LEADING_ROLES = frozenset({"chair", "co_chair", "vice_chair", "leader"})
MAX_WEIGHT = 1000.0
"""The largest role weight a caller may give."""


@dataclass(frozen=True)
class WeightedSeat:
    seat: Seat
    weight: float


@dataclass(frozen=True)
class MemberLoad:
    """One person's load, and why they are flagged (if they are)."""

    person_id: str
    person_name: str
    score: float
    body_count: int
    leading: int
    seats: list[WeightedSeat]
    flagged: bool
    reasons: list[str]


def member_loads(
    runner: Runner, dataset: str = "", window: DateWindow | None = None,
    weights: Mapping[str, float] | None = None, min_score: float = DEFAULT_MIN_SCORE,
    min_bodies: int = DEFAULT_MIN_BODIES,
) -> list[MemberLoad]:
    """Every seated person's load, heaviest first (ties: more bodies first, then id)."""
    Repository(runner).require_dataset(dataset)
    check_numbers("weights", (weights or {}).values(), 0, MAX_WEIGHT)
    check_number("minScore", min_score, 0, MAX_WEIGHT * 2**31)
    check_number("minBodies", min_bodies, 1, 2**31)
    window = window or DateWindow()
    weighting = {**DEFAULT_ROLE_WEIGHTS, **(weights or {})}
    key = ("member_loads", dataset, window, tuple(sorted(weighting.items())), min_score,
           min_bodies)

    def compute() -> list[MemberLoad]:
        by_person: dict[str, list[Seat]] = defaultdict(list)
        for seat in seats(runner, dataset, window):
            by_person[seat.person_id].append(seat)
        loads = [load_of(person, held, weighting, min_score, min_bodies)
                 for person, held in by_person.items()]
        return sorted(loads, key=lambda x: (-x.score, -x.body_count, x.person_id))

    return cached(runner, dataset, key, compute)


def load_of(person_id: str, held: list[Seat], weights: Mapping[str, float], min_score: float,
            min_bodies: int) -> MemberLoad:
    """The load of one person holding ``held`` (non-empty; several seats in one body count
    once, at the heaviest role), flagged by the thresholds. ``weights`` are complete (the
    defaults with the caller's own over them). :func:`member_loads` computes every person's
    load with it; an appointment check computes one person's with a planned seat added."""
    by_body: dict[str, Seat] = {}
    for seat in held:
        current = by_body.get(seat.body_id)
        if current is None or _weight(weights, seat) > _weight(weights, current):
            by_body[seat.body_id] = seat
    return _load(person_id, list(by_body.values()), weights, min_score, min_bodies)


def _weight(weights: Mapping[str, float], seat: Seat) -> float:
    return weights.get(seat.role, 1.0)


def _load(person_id: str, held: list[Seat], weights: Mapping[str, float], min_score: float,
          min_bodies: int) -> MemberLoad:
    weighted = sorted((WeightedSeat(s, _weight(weights, s)) for s in held),
                      key=lambda w: (-w.weight, w.seat.body_name))
    score = sum(w.weight for w in weighted)
    leading = [w.seat for w in weighted if w.seat.role in LEADING_ROLES]
    reasons = []
    if score >= min_score:
        reasons.append(f"load score {score:g} is at or above {min_score:g}: "
                       + ", ".join(f"{w.seat.role} of {w.seat.body_name} ({w.weight:g})"
                                   for w in weighted))
    if len(held) >= min_bodies:
        reasons.append(f"sits in {len(held)} bodies (threshold {min_bodies})")
    if reasons and leading:
        reasons.append(f"leads {len(leading)}: "
                       + ", ".join(f"{s.body_name} as {s.role}" for s in leading))
    return MemberLoad(person_id, held[0].person_name, score, len(held), len(leading), weighted,
                      bool(reasons), reasons)
