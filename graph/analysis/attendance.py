"""Attendance: how many of the seats expected at meetings were filled.

A rate is attendees over seats, pooled over the meetings considered (so a
meeting with more seats weighs more), as governance evaluations report it.
Rates come per meeting, per member category (from published tallies), per
body and per person (from recorded attendance, where the data has it).
Each rate also gets the points of an evaluation rubric; the default is the
rubric of Seoul's community-innovation plan evaluation for member attendance
(003_738550add0f3e293.txt:540-562): at least 80 % → 2 points, 60-80 % → 1.5,
40-60 % → 1, 40 % or less → 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from graph.analysis.cache import cached
from graph.filters import DateWindow, check_numbers
from graph.repository import Repository
from graph.runner import Runner


@dataclass(frozen=True)
class Band:
    """Rates at or above ``minimum`` (and below the next band) earn ``points``."""

    minimum: float
    points: float
    inclusive: bool = True


DEFAULT_RUBRIC: tuple[Band, ...] = (
    Band(0.80, 2.0), Band(0.60, 1.5), Band(0.40, 1.0, inclusive=False), Band(0.0, 0.0),
)
"""≥ 80 % → 2; 60-80 % → 1.5; above 40 % up to 60 % → 1; 40 % or less → 0."""


@dataclass(frozen=True)
class Rate:
    seats: int
    present: int
    meetings: int
    rate: float | None
    points: float | None


@dataclass(frozen=True)
class MeetingRate:
    meeting_id: str
    body_id: str
    date: date
    number: int | None
    rate: Rate


@dataclass(frozen=True)
class GroupRate:
    """The rate of one member category, body or person."""

    key: str
    rate: Rate


@dataclass(frozen=True)
class Attendance:
    overall: Rate
    by_meeting: list[MeetingRate]
    by_category: list[GroupRate]
    by_body: list[GroupRate]
    by_person: list[GroupRate]


def points(rate: float | None, rubric: Sequence[Band] = DEFAULT_RUBRIC) -> float | None:
    """The rubric's points for ``rate`` (a fraction, 0-1); bands are checked highest first."""
    if rate is None:
        return None
    for band in sorted(rubric, key=lambda b: -b.minimum):
        if rate > band.minimum or (band.inclusive and rate == band.minimum):
            return band.points
    return min((b.points for b in rubric), default=None)


def make_rate(seats: int, present: int, meetings: int,
              rubric: Sequence[Band] = DEFAULT_RUBRIC) -> Rate:
    value = present / seats if seats else None
    return Rate(seats, present, meetings, value, points(value, rubric))


def attendance(runner: Runner, dataset: str = "", body_ids: tuple[str, ...] = (),
               window: DateWindow | None = None,
               rubric: Sequence[Band] = DEFAULT_RUBRIC) -> Attendance:
    """Attendance rates of the meetings of ``body_ids`` (all bodies if empty) in ``window``."""
    Repository(runner).require_dataset(dataset)
    Repository(runner).require_bodies(body_ids)
    check_numbers("rubric minimum", (band.minimum for band in rubric), 0, 1)
    check_numbers("rubric points", (band.points for band in rubric), 0, 1e6)
    window = window or DateWindow()
    params = {"dataset": dataset, "body_ids": list(body_ids), **window.params()}
    key = ("attendance", dataset, body_ids, window, tuple(rubric))

    def compute() -> Attendance:
        meetings = [m for m in runner.read("attendance_by_meeting", params)
                    if m["seats"] is not None and m["present"] is not None]
        categories = runner.read("attendance_by_category", params)
        records = runner.read("attendance_records", params)
        by_body: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for m in meetings:
            totals = by_body[m["body_id"]]
            totals[0] += m["seats"]
            totals[1] += m["present"]
            totals[2] += 1
        return Attendance(
            overall=make_rate(sum(m["seats"] for m in meetings),
                              sum(m["present"] for m in meetings), len(meetings), rubric),
            by_meeting=[MeetingRate(m["meeting_id"], m["body_id"], m["date"], m["number"],
                                    make_rate(m["seats"], m["present"], 1, rubric))
                        for m in meetings],
            by_category=[GroupRate(c["member_category"], make_rate(c["seats"], c["present"],
                                                                   c["meetings"], rubric))
                         for c in categories],
            by_body=[GroupRate(b, make_rate(seats, present, count, rubric))
                     for b, (seats, present, count) in sorted(by_body.items())],
            by_person=_by_person(records, rubric),
        )

    return cached(runner, dataset, key, compute)


def _by_person(records: list[dict[str, object]], rubric: Sequence[Band]) -> list[GroupRate]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for record in records:
        totals = counts[str(record["person_id"])]
        totals[0] += 1
        totals[1] += record["status"] == "present"
    return [GroupRate(p, make_rate(seats, present, seats, rubric))
            for p, (seats, present) in sorted(counts.items())]
