"""Filters the repository accepts, turned into statement parameters.

Absent filters become ``''`` or ``[]`` (never null; see :mod:`graph.runner`),
and a date window always has both ends.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.errors import InvalidArgumentError

ID_SEPARATOR = "/"
"""Between a dataset's name and a local id in a global id; statements that make global ids
from ids a record keeps as text (a seat's party, area or post) take it as ``$sep``."""
EARLIEST = date(1, 1, 1)
LATEST = date(9999, 12, 31)


@dataclass(frozen=True)
class DateWindow:
    """Memberships and meetings that overlap ``[start, end]`` (both inclusive)."""

    start: date = EARLIEST
    end: date = LATEST

    @classmethod
    def as_of(cls, day: date | None) -> DateWindow:
        return cls() if day is None else cls(day, day)

    @classmethod
    def between(cls, start: date | None, end: date | None) -> DateWindow:
        """The days from ``start`` to ``end`` (None: open); refused if ``end`` is earlier."""
        if start is not None and end is not None and end < start:
            raise InvalidArgumentError(f"to ({end}) is before from ({start})")
        return cls(start or EARLIEST, end or LATEST)

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Whether something from ``start`` to ``end`` (None: open) overlaps the window."""
        return (start is None or start <= self.end) and (end is None or end >= self.start)

    def params(self) -> dict[str, Any]:
        return {"from": self.start, "to": self.end}


@dataclass(frozen=True)
class PeopleFilter:
    dataset: str = ""
    name: str = ""
    categories: tuple[str, ...] = ()
    body_ids: tuple[str, ...] = ()
    organization_ids: tuple[str, ...] = ()
    window: DateWindow = field(default_factory=DateWindow)
    """With ``body_ids``: seated on one of them within it; alone: seated on some body
    within it (a window that is not the whole of time)."""
    names_visible: bool = True
    """False: ``name`` matches only public figures' names (and ``pseudonym_ids``), and the
    list is ordered by id, so that a search cannot confirm a withheld name."""
    pseudonym_ids: tuple[str, ...] = ()
    """People whose pseudonym (as the caller sees it) matches ``name``."""
    identifier: str = ""
    """``scheme:identifier`` a person must carry (see :func:`graph.repository.identifier_key`)."""
    area_ids: tuple[str, ...] = ()
    """Seated for one of these areas (constituencies) within ``window``."""
    party_ids: tuple[str, ...] = ()
    """Seated for one of these parties within ``window`` (on ``body_ids`` if given)."""

    def params(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "name": self.name, "categories": list(self.categories),
                "body_ids": list(self.body_ids), "organization_ids": list(self.organization_ids),
                "names_visible": self.names_visible, "pseudonym_ids": list(self.pseudonym_ids),
                "dated": self.window != DateWindow(), "identifier": self.identifier,
                "area_ids": list(self.area_ids), "party_ids": list(self.party_ids),
                "sep": ID_SEPARATOR, **self.window.params()}

    def seated_only(self) -> bool:
        """Whether this filter asks only who is seated (within ``window``, on ``body_ids`` if
        given, in ``dataset`` if given): the question of :meth:`seated_params`."""
        return ((bool(self.body_ids) or self.window != DateWindow())
                and not (self.name or self.categories or self.identifier or self.area_ids
                         or self.party_ids or self.organization_ids))

    def seated_params(self) -> dict[str, Any]:
        """The parameters of the statements for :meth:`seated_only` filters."""
        return {"dataset": self.dataset, "body_ids": list(self.body_ids),
                "names_visible": self.names_visible, **self.window.params()}


@dataclass(frozen=True)
class BodyFilter:
    dataset: str = ""
    name: str = ""
    classifications: tuple[str, ...] = ()

    def params(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "name": self.name,
                "classifications": list(self.classifications)}


OrganizationFilter = BodyFilter


@dataclass(frozen=True)
class ProjectFilter:
    dataset: str = ""
    name: str = ""
    kinds: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    window: DateWindow = field(default_factory=DateWindow)

    def params(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "name": self.name, "kinds": list(self.kinds),
                "years": list(self.years), **self.window.params()}


@dataclass(frozen=True)
class MeetingFilter:
    dataset: str = ""
    body_ids: tuple[str, ...] = ()
    window: DateWindow = field(default_factory=DateWindow)

    def params(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "body_ids": list(self.body_ids), **self.window.params()}


@dataclass(frozen=True)
class MembershipFilter:
    """Which memberships of a person or body to return."""

    window: DateWindow = field(default_factory=DateWindow)
    roles: tuple[str, ...] = ()
    member_categories: tuple[str, ...] = ()

    def params(self) -> dict[str, Any]:
        return {"roles": list(self.roles), "member_categories": list(self.member_categories),
                **self.window.params()}


def check_number(name: str, value: float, low: float, high: float, *,
                 low_open: bool = False) -> None:
    """Refuse ``value`` unless it is a finite number in ``[low, high]`` (``(low, high]`` with
    ``low_open``).

    Raises
    ------
    InvalidArgumentError
        Naming the argument, the range and the value given.
    """
    above_low = low < value if low_open else low <= value
    if not (math.isfinite(value) and above_low and value <= high):
        bracket = "(" if low_open else "["
        raise InvalidArgumentError(f"{name} must be in {bracket}{low}, {high}], got {value!r}")


def check_numbers(name: str, values: Iterable[float], low: float, high: float, *,
                  low_open: bool = False) -> None:
    """:func:`check_number` for each of ``values``."""
    for value in values:
        check_number(name, value, low, high, low_open=low_open)
