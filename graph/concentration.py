"""Multi-role concentration: how many people hold seats in how many bodies.

A *seat* is a person's membership of one body; a person holding several
memberships of the same body in the window (e.g. a role change) holds one
seat there. The distribution of people by number of distinct bodies is the
basic measure of interlocking membership in governance networks [1]_.

References
----------
.. [1] Mizruchi, M. S., "What do interlocks do? An analysis, critique, and
   assessment of research on interlocking directorates", *Annual Review of
   Sociology* 22 (1996), 271-298.
"""

from __future__ import annotations

from graph.filters import DateWindow
from graph.records import BucketRecord, ConcentrationRecord, LoadRecord
from graph.runner import Runner


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
    rows = runner.read("multi_role_concentration",
                       {"dataset": dataset, **(window or DateWindow()).params()})
    people_by_count = {row["bodies"]: row["people"] for row in rows}
    top = max(people_by_count, default=0)
    buckets = [BucketRecord(n, people_by_count.get(n, 0)) for n in range(top, 0, -1)]
    return ConcentrationRecord(
        total_people=sum(b.people for b in buckets),
        total_seats=sum(b.bodies * b.people for b in buckets),
        buckets=buckets,
    )


def overcommitted_members(
    runner: Runner, min_bodies: int, dataset: str = "", window: DateWindow | None = None
) -> list[LoadRecord]:
    """People sitting in at least ``min_bodies`` distinct bodies, most seats first."""
    rows = runner.read("overcommitted_members", {
        "dataset": dataset, "min_bodies": min_bodies, **(window or DateWindow()).params(),
    })
    return [LoadRecord(**row) for row in rows]
