"""Time: how the network changed between two dates.

A seat (a person on a body) *joined* if it is held at ``end`` but not at
``start``, *left* if held at ``start`` but not at ``end``, and *changed role*
if held at both with a different role. This is the comparison of two
snapshots that longitudinal network studies start from [1]_.

References
----------
.. [1] Snijders, T. A. B., van de Bunt, G. G. and Steglich, C. E. G.,
   "Introduction to stochastic actor-based models for network dynamics",
   *Social Networks* 32 (2010), 44-60 (section 2: panel data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.analysis.projection import Seat, seats
from graph.errors import InvalidArgumentError
from graph.filters import DateWindow
from graph.repository import Repository
from graph.runner import Runner


@dataclass(frozen=True)
class RoleChange:
    before: Seat
    after: Seat


@dataclass(frozen=True)
class Churn:
    joined: list[Seat]
    left: list[Seat]
    role_changed: list[RoleChange]
    stayed: int


def churn(runner: Runner, dataset: str, start: date, end: date) -> Churn:
    """Seats joined, left and changed between ``start`` and ``end``."""
    Repository(runner).require_dataset(dataset)
    if end < start:
        raise InvalidArgumentError(f"to ({end}) is before from ({start})")
    before = _by_pair(seats(runner, dataset, DateWindow.as_of(start)))
    after = _by_pair(seats(runner, dataset, DateWindow.as_of(end)))
    changed = [RoleChange(before[k], after[k]) for k in sorted(before.keys() & after.keys())
               if before[k].role != after[k].role]
    return Churn(
        joined=[after[k] for k in sorted(after.keys() - before.keys())],
        left=[before[k] for k in sorted(before.keys() - after.keys())],
        role_changed=changed,
        stayed=len(before.keys() & after.keys()) - len(changed),
    )


def _by_pair(found: list[Seat]) -> dict[tuple[str, str], Seat]:
    return {(s.person_id, s.body_id): s for s in found}
