"""The appointment check: what an appointment would do, computed without changing anything."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from graph.analysis import load
from graph.analysis.projection import Seat, seats
from graph.edits.log import BODY, PERSON, _require
from graph.edits.validation import _appointment_row
from graph.errors import InvalidArgumentError
from graph.filters import DateWindow
from graph.runner import Runner
from ingest.issues import DatasetInvalidError


@dataclass(frozen=True)
class Crossing:
    """A threshold of ``memberLoads`` and the person's value before and after."""

    threshold: str
    limit: float
    before: float
    after: float


@dataclass(frozen=True)
class BodyOverlapChange:
    """Members the appointed body shares with another body, before and after."""

    body_id: str
    body_name: str
    shared_before: int
    shared_after: int
    jaccard_before: float
    jaccard_after: float


@dataclass(frozen=True)
class AppointmentCheck:
    """What an appointment would do, computed without changing anything."""

    person_id: str
    body_id: str
    role: str
    as_of: date
    before: load.MemberLoad | None
    after: load.MemberLoad
    crossed: list[Crossing]
    overlapping: list[Seat]
    overlaps: list[BodyOverlapChange]
    problems: list[str] = field(default_factory=list)
    """Why the appointment would be refused by validation (empty: it would be accepted)."""


def check_appointment(runner: Runner, person_id: str, body_id: str, role: str,
                      start: date | None, end: date | None,
                      weights: Mapping[str, float] | None = None,
                      min_score: float = load.DEFAULT_MIN_SCORE,
                      min_bodies: int = load.DEFAULT_MIN_BODIES,
                      today: date | None = None) -> AppointmentCheck:
    """What appointing ``person_id`` to ``body_id`` would do; nothing is written.

    The person's load on the appointment's first day with and without it, the thresholds
    of :func:`graph.analysis.load.member_loads` it crosses, the person's seats in the same
    body that overlap it, and how the body's overlap with the person's other bodies grows.

    Parameters
    ----------
    runner : Runner
        The store.
    person_id, body_id : str
        The person and the body, of one dataset.
    role : str
        The role of the planned membership.
    start, end : date or None
        The planned membership's dates (``None``: open). ``start`` defaults to ``today``.
    weights : mapping of str to float, optional
        Role weights on top of :data:`graph.analysis.load.DEFAULT_ROLE_WEIGHTS`.
    min_score : float, optional
        The ``minScore`` threshold of the load.
    min_bodies : int, optional
        The ``minBodies`` threshold of the load.
    today : date, optional
        The day ``start`` defaults to (``None``: the current date).

    Returns
    -------
    AppointmentCheck
        The loads, crossed thresholds, overlapping seats, overlap changes, and why
        validation would refuse the appointment (if it would).

    Raises
    ------
    NotFoundError
        If there is no such person or body.
    InvalidArgumentError
        If the person and the body are in different datasets.
    """
    window = DateWindow.between(start, end)
    person, body = _require(runner, PERSON, person_id), _require(runner, BODY, body_id)
    if person.dataset != body.dataset:
        raise InvalidArgumentError(f"{person_id} and {body_id} are in different datasets; "
                                   "a membership joins a person and a body of one dataset")
    day = start or today or date.today()
    weighting = {**load.DEFAULT_ROLE_WEIGHTS, **(weights or {})}
    on_day = seats(runner, body.dataset, DateWindow.as_of(day))
    canonical = person.values.get("canonical_id") or person_id
    body_canonical = body.values.get("canonical_id") or body_id
    held = [s for s in on_day if s.person_id == canonical]
    planned = Seat(id="(planned)", person_id=canonical, body_id=body_canonical, role=role,
                   member_category=None, label=None, start_date=start, end_date=end,
                   sources=[], confidence="stated",
                   classification=str(body.values.get("classification") or ""),
                   person_name=str(person.values.get("name") or ""),
                   body_name=str(body.values.get("name") or ""))
    before = (load.load_of(canonical, held, weighting, min_score, min_bodies)
              if held else None)
    after = load.load_of(canonical, [*held, planned], weighting, min_score, min_bodies)
    crossed = []
    for name, limit, was, now in (
            ("minScore", min_score, before.score if before else 0.0, after.score),
            ("minBodies", float(min_bodies), float(before.body_count if before else 0),
             float(after.body_count))):
        if was < limit <= now:
            crossed.append(Crossing(name, limit, was, now))
    in_window = seats(runner, body.dataset, window)
    overlapping = [s for s in in_window
                   if s.person_id == canonical and s.body_id == body_canonical]
    overlaps = _overlap_changes(in_window, canonical, body_canonical)
    problems: list[str] = []
    try:
        _appointment_row(runner, person, body, role, start, end, None, None, ["(check)"])
    except DatasetInvalidError as exc:
        problems = [str(issue) for issue in exc.issues]
    return AppointmentCheck(person_id, body_id, role, day, before, after, crossed,
                            overlapping, overlaps, problems)


def _overlap_changes(in_window: Sequence[Seat], person: str, body: str) -> list[BodyOverlapChange]:
    members: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for seat in in_window:
        members.setdefault(seat.body_id, set()).add(seat.person_id)
        names[seat.body_id] = seat.body_name
    own = members.get(body, set())
    changes = []
    for other, people in sorted(members.items()):
        if other == body or person not in people:
            continue
        shared = len(own & people)
        union = len(own | people)
        after_own = own | {person}
        shared_after, union_after = len(after_own & people), len(after_own | people)
        changes.append(BodyOverlapChange(
            other, names[other], shared, shared_after,
            shared / union if union else 0.0, shared_after / union_after))
    return sorted(changes, key=lambda c: (-c.shared_after, c.body_id))
