"""A legislature's parties over time as CSV files: composition on a day, changes of party.

The rows are the answers of :meth:`graph.repository.Repository.party_composition` and
:meth:`~graph.repository.Repository.party_changes`, with names; people are named as
the caller's :class:`graph.privacy.Namer` allows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

from graph.filters import DateWindow
from graph.privacy import Namer
from graph.repository import Repository


def _csv(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return out.getvalue()


def composition_csv(repository: Repository, body_id: str, day: date) -> str:
    """``party_id,party,seats``: the body's members on ``day`` by party, most first.

    Seats held for no party have an empty ``party_id``.

    Raises
    ------
    NotFoundError
        If there is no body ``body_id``.
    """
    records = repository.party_composition(body_id, day)
    names = {o.id: o.name for o in repository.organizations([r.party_id for r in records
                                                              if r.party_id])}
    return _csv(["party_id", "party", "seats"],
                [[r.party_id, names.get(r.party_id), r.seats] for r in records])


def changes_csv(repository: Repository, namer: Namer, body_ids: Sequence[str],
                window: DateWindow) -> str:
    """``person_id,person,body_id,from_party_id,from_party,to_party_id,to_party,left_on,
    joined_on``: members who changed party, by the day they joined the next one.

    Raises
    ------
    NotFoundError
        If a body does not exist.
    """
    records = repository.party_changes(body_ids, window)
    people = {p.id: p for p in repository.people([r.person_id for r in records])}
    parties = {o.id: o.name for o in repository.organizations(
        [i for r in records for i in (r.from_party_id, r.to_party_id)])}
    rows: list[list[object]] = []
    for r in records:
        person = people.get(r.person_id)
        name = (namer.name(r.person_id, person.name, person.public_figure) if person
                else None)
        rows.append([r.person_id, name, r.body_id, r.from_party_id,
                     parties.get(r.from_party_id), r.to_party_id, parties.get(r.to_party_id),
                     r.left_on, r.joined_on])
    return _csv(["person_id", "person", "body_id", "from_party_id", "from_party",
                 "to_party_id", "to_party", "left_on", "joined_on"], rows)
