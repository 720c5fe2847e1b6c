"""Actor concentration: people ranked by how many positions they hold across the network.

A *position* is one role in one context: an appearance at a project or
event (presenter, moderator, panelist...), a seat on a body, or an
affiliation with an organisation. Counting the distinct positions a person
holds, and the distinct events, bodies and organisations behind them, is the
positional method of power-structure research [1]_ applied to governance
actors; every count comes with the positions behind it and their sources.

References
----------
.. [1] Domhoff, G. W., *Who Rules America?*, 7th ed., McGraw-Hill, 2014,
   appendix (the positional and membership network methods).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from graph.analysis.cache import cached
from graph.filters import DateWindow
from graph.repository import Repository
from graph.runner import Runner


@dataclass(frozen=True)
class Position:
    """One role of one person in one context (project, body or organisation)."""

    kind: str
    """APPEARANCE, MEMBERSHIP or AFFILIATION."""
    id: str
    context_id: str
    role: str | None
    organization_id: str | None
    date: date | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ActorConcentration:
    person_id: str
    positions: int
    roles: int
    events: int
    bodies: int
    organizations: int
    held: list[Position]


def actor_concentration(runner: Runner, dataset: str = "",
                        window: DateWindow | None = None) -> list[ActorConcentration]:
    """Every person with a position in ``window``, most positions first.

    Ties are broken by events, then organisations, then id. Positions without
    a date count in every window.
    """
    Repository(runner).require_dataset(dataset)
    window = window or DateWindow()

    def compute() -> list[ActorConcentration]:
        rows = runner.read("actor_positions", {"dataset": dataset, **window.params()})
        by_person: dict[str, list[Position]] = defaultdict(list)
        for row in rows:
            by_person[row["person_id"]].append(Position(
                row["kind"], row["id"], row["context_id"], row["role"],
                row["organization_id"] or None, row["date"], tuple(row["sources"])))
        found = [_summary(person, held) for person, held in by_person.items()]
        return sorted(found, key=lambda a: (-a.positions, -a.events, -a.organizations,
                                            a.person_id))

    return cached(runner, dataset, ("actor_concentration", dataset, window), compute)


def _summary(person: str, held: list[Position]) -> ActorConcentration:
    ordered = sorted(held, key=lambda p: (p.date is None, p.date or date.min, p.id))
    return ActorConcentration(
        person_id=person,
        positions=len({(p.kind, p.context_id, p.role) for p in held}),
        roles=len({p.role for p in held if p.role}),
        events=len({p.context_id for p in held if p.kind == "APPEARANCE"}),
        bodies=len({p.context_id for p in held if p.kind == "MEMBERSHIP"}),
        organizations=len({p.organization_id for p in held if p.organization_id}),
        held=ordered,
    )
