"""Allowances: meeting fees owed, from attendance and the published rates.

Each attendance is priced at the rate for the body's classification, the
member's group, the meeting's mode and the meeting's date (rates carry
validity dates, so a change of rates mid-period is respected). Where the
data records who attended, fees are owed per person; where only counts per
member category (tallies) or a total of attendees are published, fees are
owed per body. A person's group is ``all`` where the rates do not
distinguish groups, otherwise found from their role through ``groups``
(default :data:`DEFAULT_GROUPS`). A meeting without a recorded mode is
priced as ``assume_mode`` and said so in the notes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.analysis.cache import cached
from graph.errors import InvalidArgumentError
from graph.filters import DateWindow
from graph.repository import Repository
from graph.runner import Runner

ALL = "all"
DEFAULT_GROUPS: Mapping[str, str] = {
    "chair": "leader_expert", "co_chair": "leader_expert", "vice_chair": "leader_expert",
    "leader": "leader_expert", "expert": "leader_expert",
}
"""Role → rate group; any other role is in the ``general`` group."""
GENERAL = "general"
MODES = ("offline", "online", "hybrid")
"""How a meeting may be held (the ``mode`` of meetings and rates)."""


@dataclass(frozen=True)
class RateRow:
    body_classification: str
    member_group: str
    mode: str
    amount_krw: int
    valid_from: date | None
    valid_to: date | None

    def applies(self, classification: str, group: str, mode: str, day: date) -> bool:
        return (self.body_classification == classification and self.member_group == group
                and self.mode == mode
                and DateWindow.as_of(day).overlaps(self.valid_from, self.valid_to))


@dataclass(frozen=True)
class Owed:
    """Fees owed to one person, for one body or in one period."""

    key: str
    attendances: int
    amount_krw: int


@dataclass
class Allowances:
    total_krw: int = 0
    by_person: list[Owed] = field(default_factory=list)
    by_body: list[Owed] = field(default_factory=list)
    by_period: list[Owed] = field(default_factory=list)
    unpriced: int = 0
    notes: list[str] = field(default_factory=list)


def allowances(runner: Runner, dataset: str = "", window: DateWindow | None = None,
               exclude_categories: tuple[str, ...] = (), assume_mode: str = "offline",
               groups: Mapping[str, str] | None = None) -> Allowances:
    """Fees owed for the meetings in ``window``: total, per person, per body, per month."""
    Repository(runner).require_dataset(dataset)
    if assume_mode not in MODES:
        raise InvalidArgumentError(f"assumeMode must be one of {', '.join(MODES)}, "
                                   f"got {assume_mode!r}")
    window = window or DateWindow()
    role_groups = {**DEFAULT_GROUPS, **(groups or {})}
    key = ("allowances", dataset, window, exclude_categories, assume_mode,
           tuple(sorted(role_groups.items())))
    return cached(runner, dataset, key, lambda: _compute(
        runner, dataset, window, set(exclude_categories), assume_mode, role_groups))


def _compute(runner: Runner, dataset: str, window: DateWindow, excluded: set[str],
             assume_mode: str, role_groups: Mapping[str, str]) -> Allowances:
    params = {"dataset": dataset, "body_ids": [], **window.params()}
    rates = [RateRow(r["body_classification"], r["member_group"], r["mode"], r["amount_krw"],
                     r["valid_from"], r["valid_to"])
             for r in runner.read("allowance_rates", {"dataset": dataset})]
    meetings = runner.read("attendance_by_meeting", params)
    records = runner.read("attendance_records", params)
    tallies = _tallies(runner, [m["meeting_id"] for m in meetings])
    ledger = _Ledger(rates, assume_mode)
    recorded = {r["meeting_id"] for r in records}
    for record in records:
        if record["status"] != "present" or excluded & set(record["categories"]):
            continue
        group = _group(rates, record["classification"], record["roles"], role_groups)
        ledger.add(record, group, 1, person=record["person_id"])
    for meeting in meetings:
        if meeting["meeting_id"] in recorded:
            continue
        counts = tallies.get(meeting["meeting_id"])
        if counts:
            present = sum(n for category, n in counts.items() if category not in excluded)
        else:
            present = meeting["present"] or 0
            if excluded and present:
                ledger.notes.add(f"{meeting['meeting_id']}: no per-category counts, so "
                                 "excluded categories could not be left out")
        ledger.add(meeting, _group(rates, meeting["classification"], [], role_groups), present)
    return ledger.result()


def _tallies(runner: Runner, meeting_ids: list[str]) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = defaultdict(dict)
    if meeting_ids:
        for row in runner.read("tallies_of_meetings", {"ids": list(dict.fromkeys(meeting_ids))}):
            found[row["meeting_id"]][row["member_category"]] = row["present"]
    return found


def _group(rates: list[RateRow], classification: str, roles: list[str],
           role_groups: Mapping[str, str]) -> str:
    groups = {r.member_group for r in rates if r.body_classification == classification}
    if ALL in groups or not groups:
        return ALL
    for role in roles:
        if role in role_groups:
            return role_groups[role]
    return GENERAL


class _Ledger:
    def __init__(self, rates: list[RateRow], assume_mode: str) -> None:
        self.rates = rates
        self.assume_mode = assume_mode
        self.person: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.body: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.period: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.unpriced = 0
        self.notes: set[str] = set()

    def add(self, row: dict[str, Any], group: str, attendances: int,
            person: str | None = None) -> None:
        if attendances <= 0:
            return
        mode = row["mode"] or self.assume_mode
        if not row["mode"]:
            self.notes.add(f"{row['meeting_id']}: mode not recorded, priced as {mode}")
        rate = next((r for r in self.rates if r.applies(row["classification"], group, mode,
                                                         row["date"])), None)
        if rate is None:
            self.unpriced += attendances
            self.notes.add(f"{row['meeting_id']}: no {mode} rate for {row['classification']} "
                           f"({group}) on {row['date']}")
            return
        amount = rate.amount_krw * attendances
        for table, key in ((self.body, row["body_id"]),
                           (self.period, row["date"].strftime("%Y-%m")),
                           *(((self.person, person),) if person else ())):
            table[key][0] += attendances
            table[key][1] += amount

    def result(self) -> Allowances:
        def owed(table: dict[str, list[int]]) -> list[Owed]:
            return [Owed(k, n, amount) for k, (n, amount) in sorted(table.items())]

        return Allowances(
            total_krw=sum(amount for _, amount in self.body.values()),
            by_person=owed(self.person), by_body=owed(self.body), by_period=owed(self.period),
            unpriced=self.unpriced, notes=sorted(self.notes),
        )
