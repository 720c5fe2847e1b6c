"""Concentration of seats: how many people hold seats in how many bodies, and how unequally.

A *seat* is a person's membership of one body; a person holding several
memberships of the same body in the window (e.g. a role change) holds one
seat there. The distribution of people by number of distinct bodies is the
basic measure of interlocking membership in governance networks [1]_; the
Gini coefficient [2]_ and the share of seats held by the top k % of people
summarise how concentrated seats are [3]_.

References
----------
.. [1] Mizruchi, M. S., "What do interlocks do? An analysis, critique, and
   assessment of research on interlocking directorates", *Annual Review of
   Sociology* 22 (1996), 271-298.
.. [2] Gini, C., *Variabilità e mutabilità*, Bologna, 1912.
.. [3] Cowell, F. A., *Measuring Inequality*, 3rd ed., Oxford University Press,
   2011, ch. 2-3.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from graph.analysis.cache import cached
from graph.filters import DateWindow, check_number, check_numbers
from graph.records import BucketRecord, ConcentrationRecord, LoadRecord
from graph.repository import Repository
from graph.runner import Runner

DEFAULT_TOP_SHARES = (0.01, 0.05, 0.1, 0.2)


@dataclass(frozen=True)
class TopShare:
    """Seats held by the ``people`` most-seated people, the top ``share`` of all people."""

    share: float
    people: int
    seats: int
    seat_share: float


@dataclass(frozen=True)
class Inequality:
    """How unequally ``seats`` are spread over ``people`` (of one body type, or all)."""

    classification: str | None
    people: int
    seats: int
    gini: float
    top_shares: list[TopShare]


@dataclass(frozen=True)
class SeatConcentration:
    overall: Inequality
    by_body_type: list[Inequality]


def multi_role_concentration(
    runner: Runner, dataset: str = "", window: DateWindow | None = None
) -> ConcentrationRecord:
    """People bucketed by the number of distinct bodies they sit in.

    Buckets run from the largest count down to 1, including empty ones, so
    that a distribution reads like the tables reports publish.

    Parameters
    ----------
    runner : Runner
        The store.
    dataset : str
        Restrict to one dataset (``''``: all).
    window : DateWindow
        Count memberships overlapping this window (default: all time).
    """
    Repository(runner).require_dataset(dataset)
    window = window or DateWindow()

    def compute() -> ConcentrationRecord:
        rows = runner.read("multi_role_concentration", {"dataset": dataset, **window.params()})
        people_by_count = {row["bodies"]: row["people"] for row in rows}
        top = max(people_by_count, default=0)
        buckets = [BucketRecord(n, people_by_count.get(n, 0)) for n in range(top, 0, -1)]
        return ConcentrationRecord(
            total_people=sum(b.people for b in buckets),
            total_seats=sum(b.bodies * b.people for b in buckets),
            buckets=buckets,
        )

    return cached(runner, dataset, ("multi_role_concentration", dataset, window), compute)


def overcommitted_members(
    runner: Runner, min_bodies: int, dataset: str = "", window: DateWindow | None = None
) -> list[LoadRecord]:
    """People sitting in at least ``min_bodies`` distinct bodies, most seats first."""
    Repository(runner).require_dataset(dataset)
    check_number("minBodies", min_bodies, 1, 2**31)
    window = window or DateWindow()

    def compute() -> list[LoadRecord]:
        rows = runner.read("overcommitted_members", {
            "dataset": dataset, "min_bodies": min_bodies, **window.params(),
        })
        return [LoadRecord(**row) for row in rows]

    return cached(runner, dataset, ("overcommitted_members", dataset, window, min_bodies),
                  compute)


def gini(values: Sequence[int]) -> float:
    """Gini coefficient of non-negative ``values``: 0 when all are equal, towards 1 when one
    holds everything.

    Uses the sorted-values form ``G = 2 * sum(i * x_(i)) / (n * sum(x)) - (n + 1) / n``
    with ``x_(1) <= ... <= x_(n)``, equal to half the relative mean absolute difference [2]_.
    """
    n, total = len(values), sum(values)
    if n == 0 or total == 0:
        return 0.0
    ranked = sum(i * x for i, x in enumerate(sorted(values), start=1))
    return 2 * ranked / (n * total) - (n + 1) / n


def top_share(values: Sequence[int], share: float) -> TopShare:
    """Seats held by the top ``share`` of people: the ``ceil(share * n)`` most seated (at
    least one), ties broken by the order of ``values``."""
    ranked = sorted(values, reverse=True)
    people = max(1, math.ceil(share * len(ranked))) if ranked else 0
    held, total = sum(ranked[:people]), sum(ranked)
    return TopShare(share, people, held, held / total if total else 0.0)


def seat_concentration(
    runner: Runner, dataset: str = "", window: DateWindow | None = None,
    shares: Sequence[float] = DEFAULT_TOP_SHARES,
) -> SeatConcentration:
    """Gini coefficient and top-k % shares of seats per person, overall and per body type.

    Seats per person come from one aggregation (``seats_per_person``); for a body
    type, only people with at least one seat of that type count.
    """
    Repository(runner).require_dataset(dataset)
    check_numbers("topShares", shares, 0, 1, low_open=True)
    window = window or DateWindow()

    def compute() -> SeatConcentration:
        rows = runner.read("seats_per_person", {"dataset": dataset, **window.params()})
        overall: dict[str, int] = defaultdict(int)
        by_type: dict[str, dict[str, int]] = defaultdict(dict)
        for row in rows:
            overall[row["person_id"]] += row["seats"]
            by_type[row["classification"]][row["person_id"]] = row["seats"]
        return SeatConcentration(
            overall=_inequality(None, list(overall.values()), shares),
            by_body_type=[_inequality(kind, list(people.values()), shares)
                          for kind, people in sorted(by_type.items())],
        )

    return cached(runner, dataset, ("seat_concentration", dataset, window, tuple(shares)),
                  compute)


def _inequality(classification: str | None, values: list[int],
                shares: Sequence[float]) -> Inequality:
    return Inequality(classification, len(values), sum(values), gini(values),
                      [top_share(values, s) for s in shares])
