"""Edits of people, bodies and memberships through the API, kept as an append-only change log.

An edit is validated by the rules of ingest itself: the edited record (with the
records its rules compare it with: the other seats of the same person in the same
body, the person and the body a seat joins) is written as a small Data Package
and read by :func:`ingest.package.load_dataset`, so an edit is typed, checked and
refused exactly as a row of a dataset file would be (``DATASET_INVALID``, with
file, row, column and reason). The store values come from
:func:`ingest.writer.to_store_rows`, and the record is written by the same upsert
statements as ingest.

Every record carries a *version* (its ``row_hash``). An edit names the version it
was made against; if the record has changed since, it is refused with
``CONFLICT``. The change is a ``Change`` node whose id is derived from the record
and that version, so even two processes cannot both store an edit of one version.
The record and its change are written in one transaction: both or neither.

A dataset file stays the source it was. When a changed file is ingested again,
:func:`reapply` replays the dataset's changes on the file's rows in the same
transaction: a change whose record and old values are still what the file says
is applied again; one whose record is gone or whose fields the file changed too
is marked ``conflict`` (the file's value stands) and listed; none is dropped.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from graph.analysis import load
from graph.analysis.projection import Seat, seats
from graph.errors import (
    GovgraphError,
    InvalidArgumentError,
    NotFoundError,
    OverloadedError,
    QueryFailedError,
)
from graph.filters import DateWindow
from graph.runner import Params, Row, Runner
from ingest import csvfiles
from ingest.issues import DatasetInvalidError
from ingest.package import DESCRIPTOR, load_dataset
from ingest.tables import LIST_SEPARATOR, TABLE_BY_RESOURCE

PERSON, BODY, MEMBERSHIP = "Person", "Body", "MEMBER_OF"
PERSON_FIELDS = ("name", "other_names", "category", "public_figure", "given_name",
                 "family_name", "gender", "birth_date", "death_date")
"""Fields of a person an editor may correct."""
BODY_FIELDS = ("name", "name_en", "classification", "capacity", "meeting_cadence",
               "founding_date", "dissolution_date", "notes")
"""Fields of a body an editor may correct (and give when adding one)."""
MEMBERSHIP_FIELDS = ("person_id", "body_id", "role", "member_category", "label",
                     "start_date", "end_date")
"""Fields of a membership an appointment gives."""
PRIVATE_FIELDS = frozenset({"name", "other_names", "given_name", "family_name", "birth_date",
                            "death_date", "gender"})
"""Fields of a person that only callers who may see private names see in a change."""
APPLIED, CONFLICT = "applied", "conflict"
DEFAULT_MAX_SUBSCRIBERS = 1000
_RESOURCE = {PERSON: "people", BODY: "bodies", MEMBERSHIP: "memberships"}
_ROW_STATEMENT = {PERSON: "edit_person_row", BODY: "edit_body_row"}
_UPSERT = {PERSON: "upsert_person", BODY: "upsert_body", MEMBERSHIP: "upsert_member_of"}


class ConflictError(GovgraphError):
    """The record changed since the version an edit was made against."""

    code = "CONFLICT"


class EditForbiddenError(GovgraphError):
    """The caller's role may not edit (only ``editor`` and ``admin`` may)."""

    code = "FORBIDDEN"


@dataclass(frozen=True)
class Editor:
    """Who makes an edit: their key id and role, as the change log keeps them."""

    key_id: str
    role: str


@dataclass(frozen=True)
class Change:
    """One entry of the change log."""

    id: str
    dataset: str
    sequence: int
    record_id: str
    record_kind: str
    action: str
    editor: str
    editor_role: str
    at: str
    fields: list[str]
    old: dict[str, Any]
    new: dict[str, Any]
    reason: str
    sources: list[str]
    base_version: str
    version: str
    reverts: str
    status: str
    person_id: str = ""
    """The person the change concerns (the record itself, or a membership's person)."""

    @classmethod
    def of(cls, row: Row) -> Change:
        return cls(id=row["id"], dataset=row["dataset"], sequence=int(row["sequence"]),
                   record_id=row["record_id"], record_kind=row["record_kind"],
                   action=row["action"], editor=row["editor"] or "-",
                   editor_role=row["editor_role"] or "", at=row["at"],
                   fields=list(row["fields"] or []), old=json.loads(row["old_values"] or "{}"),
                   new=json.loads(row["new_values"] or "{}"), reason=row["reason"] or "",
                   sources=list(row["sources"] or []), base_version=row["base_version"] or "",
                   version=row["version"] or "", reverts=row["reverts"] or "",
                   status=row["status"] or APPLIED, person_id=row["person_id"] or "")


@dataclass(frozen=True)
class Record:
    """A record as an editor sees it: its kind, version and every stored value."""

    id: str
    kind: str
    dataset: str
    version: str
    values: dict[str, Any]


# -- the change feed (subscriptions) -------------------------------------------------------


class Feed:
    """Hands every committed change to the subscribers of this process, each on its loop.

    At most ``limit`` subscribe at once (``GOVGRAPH_MAX_SUBSCRIBERS``).
    """

    def __init__(self, limit: int = DEFAULT_MAX_SUBSCRIBERS) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._queues: list[tuple[asyncio.AbstractEventLoop, asyncio.Queue[Change]]] = []

    @contextmanager
    def subscribe(self) -> Iterator[asyncio.Queue[Change]]:
        """A queue that receives every change published while the block runs.

        Raises
        ------
        OverloadedError
            If ``limit`` subscribers are subscribed already.
        """
        entry = (asyncio.get_running_loop(), asyncio.Queue[Change]())
        with self._lock:
            if len(self._queues) >= self.limit:
                raise OverloadedError(f"{self.limit} subscriptions are open, as many as the "
                                      "server allows (GOVGRAPH_MAX_SUBSCRIBERS); try again later")
            self._queues.append(entry)
        try:
            yield entry[1]
        finally:
            with self._lock:
                self._queues.remove(entry)

    def publish(self, change: Change) -> None:
        with self._lock:
            queues = list(self._queues)
        for loop, queue in queues:
            if not loop.is_closed():
                loop.call_soon_threadsafe(queue.put_nowait, change)



_feeds: WeakKeyDictionary[Any, Feed] = WeakKeyDictionary()
_locks: WeakKeyDictionary[Any, threading.Lock] = WeakKeyDictionary()
_registry_lock = threading.Lock()


def feed(runner: Runner) -> Feed:
    """The change feed of ``runner``'s store in this process."""
    with _registry_lock:
        found = _feeds.get(runner)
        if found is None:
            found = _feeds[runner] = Feed()
        return found


def _edit_lock(runner: Runner) -> threading.Lock:
    with _registry_lock:
        found = _locks.get(runner)
        if found is None:
            found = _locks[runner] = threading.Lock()
        return found


# -- reading ---------------------------------------------------------------------------------


def record(runner: Runner, record_id: str) -> Record:
    """The person, body or membership ``record_id`` with its version.

    Raises
    ------
    NotFoundError
        If no person, body or membership has that id.
    """
    for kind, name in _ROW_STATEMENT.items():
        rows = runner.read(name, {"id": record_id})
        if rows:
            return _record(kind, rows[0])
    rows = [r for r in runner.read("edit_membership_rows",
                                   {"id": record_id, "person": "", "body": ""})
            if r["id"] == record_id]
    if rows:
        return _record(MEMBERSHIP, rows[0])
    raise NotFoundError(f"no person, body or membership has the id {record_id!r}")


def _record(kind: str, row: Row) -> Record:
    values = {k: _store_value(v) for k, v in row.items() if k != "row_hash"}
    return Record(row["id"], kind, row["dataset"], row["row_hash"] or "", values)


def _store_value(value: Any) -> Any:
    """A value as the upsert statements take it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, date) else value


def history(runner: Runner, record_id: str) -> list[Change]:
    """Every change of ``record_id`` (or the change with that id), oldest first."""
    return [Change.of(row) for row in runner.read("changes_of_record", {"id": record_id})]


def change_log(runner: Runner, dataset: str = "", after: int = -1) -> list[Change]:
    """The changes of ``dataset`` (``''``: all) with a sequence number above ``after``."""
    return [Change.of(row) for row in runner.read("changes_of_dataset",
                                                  {"dataset": dataset, "after": after})]


# -- the appointment check -----------------------------------------------------------------


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
    """The person's load on the appointment's first day with and without it, the thresholds
    of :func:`graph.analysis.load.member_loads` it crosses, the person's seats in the same
    body that overlap it, and how the body's overlap with the person's other bodies grows.

    Nothing is written. ``start`` defaults to ``today``.
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


# -- edits -----------------------------------------------------------------------------------


def appoint(runner: Runner, editor: Editor, person_id: str, body_id: str, role: str,
            start: date | None, end: date | None, source: str, reason: str, *,
            member_category: str | None = None, label: str | None = None,
            membership_id: str | None = None) -> Change:
    """Add a membership of ``person_id`` in ``body_id``; the change that did it."""
    with _edit_lock(runner):
        person, body = _require(runner, PERSON, person_id), _require(runner, BODY, body_id)
        if person.dataset != body.dataset:
            raise InvalidArgumentError(
                f"{person_id} and {body_id} are in different datasets; a membership joins a "
                "person and a body of one dataset")
        local = membership_id or _new_local_id("m", person_id, body_id, role, start)
        new_id = f"{body.dataset}/{local}"
        if _membership(runner, new_id) is not None:
            raise ConflictError(f"a membership with the id {new_id!r} exists already")
        row = _appointment_row(runner, person, body, role, start, end, member_category,
                               label, [source], local_id=local)
        values = {k: row[k] for k in MEMBERSHIP_FIELDS if k in row}
        values["person_id"], values["body_id"] = person_id, body_id
        return _commit(runner, editor, body.dataset, new_id, MEMBERSHIP, "appoint", "",
                       {}, values, row, source, reason)


def end_membership(runner: Runner, editor: Editor, membership_id: str, version: str,
                   end: date, source: str, reason: str) -> Change:
    """Set the end date of a membership."""
    return _edit_membership(runner, editor, membership_id, version, "end_membership",
                            {"end_date": end.isoformat()}, source, reason)


def change_role(runner: Runner, editor: Editor, membership_id: str, version: str, role: str,
                source: str, reason: str) -> Change:
    """Change the role of a membership."""
    return _edit_membership(runner, editor, membership_id, version, "change_role",
                            {"role": role}, source, reason)


def correct(runner: Runner, editor: Editor, record_id: str, version: str,
            values: Mapping[str, str | None], source: str, reason: str) -> Change:
    """Correct fields of a person or a body; ``values`` are cells as a dataset file has them."""
    with _edit_lock(runner):
        current = record(runner, record_id)
        allowed = {PERSON: PERSON_FIELDS, BODY: BODY_FIELDS}.get(current.kind)
        if allowed is None:
            raise InvalidArgumentError(f"{record_id} is a membership: end it or change its "
                                       "role instead")
        _fields_allowed(values, allowed, current.kind)
        _check_version(current, version)
        cells = {**{k: csvfiles.cell(_cell_value(current.values.get(k))) for k in allowed},
                 **{k: v or "" for k, v in values.items()}}
        typed = _validated(current.dataset, current.kind, current.values["local_id"], cells,
                           _merge_sources(current.values.get("sources"), source))
        changed = [k for k in values if typed[k] != current.values.get(k)]
        if not changed:
            raise InvalidArgumentError("the edit changes nothing: every value is already so")
        row = {**current.values, **{k: typed[k] for k in changed},
               "sources": typed["sources"]}
        action = "correct_person" if current.kind == PERSON else "correct_body"
        return _commit(runner, editor, current.dataset, record_id, current.kind, action,
                       version, {k: current.values.get(k) for k in changed},
                       {k: typed[k] for k in changed}, row, source, reason)


def correct_person(runner: Runner, editor: Editor, record_id: str, version: str,
                   values: Mapping[str, str | None], source: str, reason: str) -> Change:
    """Correct fields of a person (see :func:`correct`); refused for another kind of record."""
    _require(runner, PERSON, record_id)
    return correct(runner, editor, record_id, version, values, source, reason)


def correct_body(runner: Runner, editor: Editor, record_id: str, version: str,
                 values: Mapping[str, str | None], source: str, reason: str) -> Change:
    """Correct fields of a body (see :func:`correct`); refused for another kind of record."""
    _require(runner, BODY, record_id)
    return correct(runner, editor, record_id, version, values, source, reason)


def add_body(runner: Runner, editor: Editor, dataset: str, local_id: str,
             values: Mapping[str, str | None], source: str, reason: str) -> Change:
    """Add a body to ``dataset``, with ``values`` as a dataset file's cells."""
    with _edit_lock(runner):
        held = runner.read("dataset_hash", {"id": dataset})
        if not held:
            raise NotFoundError(f"no dataset {dataset!r}")
        new_id = f"{dataset}/{local_id}"
        if runner.read("edit_body_row", {"id": new_id}):
            raise ConflictError(f"a body with the id {new_id!r} exists already")
        _fields_allowed(values, BODY_FIELDS, BODY)
        typed = _validated(dataset, BODY, local_id, {k: v or "" for k, v in values.items()},
                           [source])
        row = {**typed, "canonical_id": new_id, "popolo": None}
        new = {k: typed.get(k) for k in BODY_FIELDS if typed.get(k) is not None}
        return _commit(runner, editor, dataset, new_id, BODY, "add_body", "", {}, new, row,
                       source, reason)


def revert(runner: Runner, editor: Editor, change_id: str, source: str, reason: str) -> Change:
    """Undo ``change_id`` by a new change (the log keeps both).

    Raises
    ------
    ConflictError
        If the record has changed since (revert the later change first).
    """
    with _edit_lock(runner):
        found = [c for c in history(runner, change_id) if c.id == change_id]
        if not found:
            raise NotFoundError(f"no change has the id {change_id!r}")
        change = found[0]
        if change.status == CONFLICT:
            raise ConflictError(f"change {change_id} is not in effect (it conflicted with the "
                                "dataset file); there is nothing to revert")
        try:
            current: Record | None = record(runner, change.record_id)
        except NotFoundError:
            current = None
        if current is None or current.version != change.version:
            raise ConflictError(f"{change.record_id} has changed since change {change_id}; "
                                "revert the later changes first")
        if change.action in ("appoint", "add_body"):
            return _commit_removal(runner, editor, change, current, source, reason)
        cells = {k: csvfiles.cell(_cell_value(v)) for k, v in current.values.items()
                 if k in _editable(current.kind)}
        cells.update({k: csvfiles.cell(_cell_value(change.old.get(k))) for k in change.fields})
        if current.kind == MEMBERSHIP:
            person = _require(runner, PERSON, current.values["source"])
            body = _require(runner, BODY, current.values["target"])
            row = _membership_row(runner, current, person, body, cells, source)
        else:
            typed = _validated(current.dataset, current.kind, current.values["local_id"], cells,
                               _merge_sources(current.values.get("sources"), source))
            row = {**current.values, **{k: typed[k] for k in change.fields},
                   "sources": typed["sources"]}
        return _commit(runner, editor, current.dataset, current.id, current.kind, "revert",
                       current.version, {k: current.values.get(k) for k in change.fields},
                       {k: row.get(k) for k in change.fields}, row, source, reason,
                       reverts=change.id)


def _edit_membership(runner: Runner, editor: Editor, membership_id: str, version: str,
                     action: str, values: dict[str, str], source: str, reason: str) -> Change:
    with _edit_lock(runner):
        current = _membership(runner, membership_id)
        if current is None:
            raise NotFoundError(f"no membership has the id {membership_id!r}")
        _check_version(current, version)
        person = _require(runner, PERSON, current.values["source"])
        body = _require(runner, BODY, current.values["target"])
        cells = {k: csvfiles.cell(_cell_value(current.values.get(k)))
                 for k in MEMBERSHIP_FIELDS if k in current.values}
        cells.update(values)
        row = _membership_row(runner, current, person, body, cells, source)
        changed = [k for k in values if row[k] != current.values.get(k)]
        if not changed:
            raise InvalidArgumentError("the edit changes nothing: every value is already so")
        return _commit(runner, editor, current.dataset, membership_id, MEMBERSHIP, action,
                       version, {k: current.values.get(k) for k in changed},
                       {k: row[k] for k in changed}, row, source, reason)


def _membership_row(runner: Runner, current: Record, person: Record, body: Record,
                    cells: dict[str, str], source: str) -> dict[str, Any]:
    local = current.id.removeprefix(f"{current.dataset}/")
    others = [r for r in _memberships_between(runner, person.id, body.id) if r.id != current.id]
    typed = _validated_membership(person, body, local, cells, others,
                                  _merge_sources(current.values.get("sources"), source))
    return {**current.values, **{k: typed[k] for k in ("role", "member_category", "label",
                                                       "start_date", "end_date")},
            "sources": typed["sources"]}


def _appointment_row(runner: Runner, person: Record, body: Record, role: str,
                     start: date | None, end: date | None, member_category: str | None,
                     label: str | None, sources: list[str],
                     local_id: str = "(planned)") -> dict[str, Any]:
    cells = {"role": role, "start_date": csvfiles.cell(start), "end_date": csvfiles.cell(end),
             "member_category": member_category or "", "label": label or ""}
    others = _memberships_between(runner, person.id, body.id)
    typed = _validated_membership(person, body, local_id, cells, others, sources)
    return {**typed, "id": f"{body.dataset}/{local_id}", "on_behalf_of_id": None,
            "post_id": None, "area_id": None, "term_id": None, "popolo": None}


# -- validation: a small Data Package read by ingest -----------------------------------------


def _validated(dataset: str, kind: str, local_id: str, cells: Mapping[str, str],
               sources: list[str]) -> dict[str, Any]:
    """The store row of one person or body, read from a package of it by ingest."""
    resource = _RESOURCE[kind]
    row = {**cells, "id": local_id, "sources": LIST_SEPARATOR.join(sources),
           "confidence": "stated"}
    rows = _read_package(dataset, {resource: [row]})
    return rows[resource][0]


def _validated_membership(person: Record, body: Record, local_id: str, cells: Mapping[str, str],
                          others: Sequence[Record], sources: list[str]) -> dict[str, Any]:
    """The store row of one membership, read by ingest with the seats it must not repeat."""
    dataset = body.dataset
    people = [{"id": person.values["local_id"], "name": person.values.get("name") or "-",
               "sources": "edit", "confidence": "stated"}]
    bodies = [{"id": body.values["local_id"], "name": body.values.get("name") or "-",
               "classification": body.values.get("classification") or "other",
               "sources": "edit", "confidence": "stated"}]
    seats_held = [{**{k: csvfiles.cell(_cell_value(o.values.get(k)))
                      for k in ("role", "member_category", "label", "start_date", "end_date")},
                   "id": o.id.removeprefix(f"{dataset}/"),
                   "person_id": person.values["local_id"], "body_id": body.values["local_id"],
                   "sources": "edit", "confidence": "stated"} for o in others]
    edited = {**cells, "id": local_id, "person_id": person.values["local_id"],
              "body_id": body.values["local_id"], "sources": LIST_SEPARATOR.join(sources),
              "confidence": "stated"}
    rows = _read_package(dataset, {"people": people, "bodies": bodies,
                                   "memberships": [edited, *seats_held]})
    typed = dict(rows["memberships"][0])
    typed["source"], typed["target"] = person.id, body.id
    return typed


def _read_package(dataset: str, tables: dict[str, list[dict[str, str]]]
                  ) -> dict[str, list[dict[str, Any]]]:
    """Write ``tables`` as a Data Package named ``dataset``, read it as ingest reads a
    dataset, and return the store rows of each table (refused as ingest refuses)."""
    from ingest.writer import to_store_rows  # ingest.writer replays edits (reapply)

    with tempfile.TemporaryDirectory(prefix="govgraph-edit-") as folder:
        package = Path(folder)
        columns: dict[str, list[str]] = {}
        for resource, rows in tables.items():
            known = TABLE_BY_RESOURCE[resource].field_names
            columns[resource] = [c for c in known if any(c in r for r in rows)]
            csvfiles.write(package / f"{resource}.csv", columns[resource], rows)
        descriptor = {"name": dataset, "resources": [
            {"name": r, "path": f"{r}.csv"} for r in tables]}
        (package / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
        try:
            loaded = load_dataset(package)
        except DatasetInvalidError as exc:
            raise DatasetInvalidError(Path(dataset), exc.issues) from None
    store = to_store_rows(loaded)
    out: dict[str, list[dict[str, Any]]] = {}
    for resource in tables:
        table = TABLE_BY_RESOURCE[resource]
        group = store.relationships if table.endpoints else store.nodes
        out[resource] = [dict(r) for r in group[table.upsert_statement]]
    return out


# -- the write -------------------------------------------------------------------------------


def _commit(runner: Runner, editor: Editor, dataset: str, record_id: str, kind: str,
            action: str, base_version: str, old: dict[str, Any], new: dict[str, Any],
            row: dict[str, Any], source: str, reason: str, reverts: str = "") -> Change:
    if not reason.strip():
        raise InvalidArgumentError("give a reason for the edit")
    if not source.strip():
        raise InvalidArgumentError("give a source for the edit (e.g. minutes 2024-03-02 item 4)")
    last = runner.read("last_change_sequence", {"dataset": dataset})
    sequence = int(last[0]["sequence"] or 0) + 1 if last else 1
    change_id = f"{dataset}/change/{_digest(record_id, base_version)}"
    version = _digest(change_id, str(sequence))
    at = datetime.now(UTC).isoformat(timespec="milliseconds")
    person = {PERSON: record_id, MEMBERSHIP: str(row.get("source") or "")}.get(kind, "")
    change = Change(change_id, dataset, sequence, record_id, kind, action, editor.key_id,
                    editor.role, at, sorted(new.keys() | old.keys()), old, new, reason,
                    [source], base_version, version, reverts, APPLIED, person)
    row = {**row, "row_hash": version, "dataset": dataset}
    batch: list[tuple[str, Params]] = [
        (_UPSERT[kind], {"rows": [_upsert_row(kind, row)]}),
        ("record_change", _change_params(change)),
    ]
    _write(runner, batch, record_id, base_version)
    feed(runner).publish(change)
    return change


def _commit_removal(runner: Runner, editor: Editor, change: Change, current: Record,
                    source: str, reason: str) -> Change:
    """Revert an appointment or an added body: the record goes, the log keeps why."""
    if not reason.strip() or not source.strip():
        raise InvalidArgumentError("give a source and a reason for the edit")
    if current.kind == BODY and runner.read("edit_membership_rows",
                                            {"id": "", "person": "", "body": current.id}):
        raise ConflictError(f"{current.id} has members; revert their appointments first")
    last = runner.read("last_change_sequence", {"dataset": current.dataset})
    sequence = int(last[0]["sequence"] or 0) + 1 if last else 1
    change_id = f"{current.dataset}/change/{_digest(current.id, current.version)}"
    at = datetime.now(UTC).isoformat(timespec="milliseconds")
    removal = Change(change_id, current.dataset, sequence, current.id, current.kind, "revert",
                     editor.key_id, editor.role, at, change.fields, change.new, {}, reason,
                     [source], current.version, "", change.id, APPLIED,
                     str(current.values.get("source") or ""))
    remove: tuple[str, Params] = (
        ("delete_relationships_member_of",
         {"rows": [{"id": current.id, "source": current.values["source"]}]})
        if current.kind == MEMBERSHIP else ("delete_nodes_body", {"ids": [current.id]}))
    _write(runner, [remove, ("record_change", _change_params(removal))], current.id,
           current.version)
    feed(runner).publish(removal)
    return removal


def _write(runner: Runner, batch: list[tuple[str, Params]], record_id: str,
           base_version: str) -> None:
    try:
        runner.write(batch)
    except QueryFailedError:
        # The change's id is unique per (record, version): a concurrent edit of the same
        # version stored its change first.
        try:
            now = record(runner, record_id).version
        except NotFoundError:
            now = ""
        if now != base_version:
            raise ConflictError(f"{record_id} was changed by another edit at the same "
                                "time; read it again and retry") from None
        raise


def _change_params(change: Change) -> dict[str, Any]:
    return {"id": change.id, "dataset": change.dataset,
            "local_id": change.id.removeprefix(f"{change.dataset}/"),
            "sequence": change.sequence, "record_id": change.record_id,
            "record_kind": change.record_kind, "action": change.action,
            "editor": change.editor, "editor_role": change.editor_role, "at": change.at,
            "fields": change.fields, "old_values": json.dumps(change.old, sort_keys=True),
            "new_values": json.dumps(change.new, sort_keys=True), "reason": change.reason,
            "base_version": change.base_version, "version": change.version,
            "reverts": change.reverts, "status": change.status, "sources": change.sources,
            "confidence": "stated", "person_id": change.person_id}


def _upsert_row(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k not in ("person_id", "body_id")}
    if kind == MEMBERSHIP:
        out.setdefault("source", row.get("source"))
        out.setdefault("target", row.get("target"))
    for key in ("other_names", "identifiers"):
        if kind == PERSON and out.get(key) is None:
            out[key] = []
    if kind == PERSON:
        out["public_figure"] = bool(out.get("public_figure"))
        out["pseudonymous"] = bool(out.get("pseudonymous"))
    return out


# -- re-ingest: replaying a dataset's changes on its new file ------------------------------


@dataclass(frozen=True)
class Replay:
    """What replaying a dataset's changes on a new version of its file does."""

    statements: list[tuple[str, Params]]
    applied: list[str]
    conflicts: list[tuple[str, str]]
    """(change id, why) for every change the new file conflicts with."""


def reapply(runner: Runner, dataset: str, file_rows: Mapping[str, Sequence[Row]]) -> Replay:
    """The statements that replay ``dataset``'s changes on the rows of its new file.

    ``file_rows`` are the store rows of the new version per upsert statement (as
    :func:`ingest.writer.to_store_rows` makes them). The statements run after the
    file's own writes, in the same transaction.
    """
    changes = change_log(runner, dataset)
    if not changes:
        return Replay([], [], [])
    state: dict[str, dict[str, Any]] = {}
    kinds: dict[str, str] = {}
    wanted = {c.record_id for c in changes}
    for statement, kind in (("upsert_person", PERSON), ("upsert_body", BODY),
                            ("upsert_member_of", MEMBERSHIP)):
        for row in file_rows.get(statement, []):
            if row["id"] in wanted:
                state[row["id"]] = dict(row)
                kinds[row["id"]] = kind
    people = {r["id"] for r in file_rows.get("upsert_person", [])}
    bodies = {r["id"] for r in file_rows.get("upsert_body", [])}
    touched: dict[str, str] = {}
    made: dict[str, dict[str, Any]] = {}
    statuses: list[dict[str, str]] = []
    applied: list[str] = []
    conflicts: list[tuple[str, str]] = []
    for change in changes:
        why = _replay(change, state, kinds, people, bodies, made)
        if why:
            conflicts.append((change.id, why))
            if change.status != CONFLICT:
                statuses.append({"id": change.id, "status": CONFLICT})
            continue
        applied.append(change.id)
        if change.status != APPLIED:
            statuses.append({"id": change.id, "status": APPLIED})
        touched[change.record_id] = change.version
    statements: list[tuple[str, Params]] = []
    for record_id, version in touched.items():
        if record_id in state:
            kind = kinds[record_id]
            row = {**state[record_id], "row_hash": version}
            statements.append((_UPSERT[kind], {"rows": [_upsert_row(kind, row)]}))
    if statuses:
        statements.append(("set_change_status", {"rows": statuses}))
    return Replay(statements, applied, conflicts)


def _replay(change: Change, state: dict[str, dict[str, Any]], kinds: dict[str, str],
            people: set[str], bodies: set[str], made: dict[str, dict[str, Any]]) -> str:
    """Apply ``change`` to ``state``; why it conflicts ('' if it applies). ``made`` holds
    the records that replayed changes created (and a revert may remove)."""
    record_id = change.record_id
    if change.action == "appoint":
        if record_id in state:
            return f"the file now has a membership {record_id} of its own"
        source, target = change.new.get("person_id"), change.new.get("body_id")
        if source not in people or target not in bodies:
            return "the person or the body is no longer in the file"
        state[record_id] = _membership_of(record_id, change)
        kinds[record_id] = MEMBERSHIP
        made[record_id] = state[record_id]  # a revert may take it back
        return ""
    if change.action == "add_body":
        if record_id in state:
            return f"the file now has a body {record_id} of its own"
        state[record_id] = {"id": record_id, "dataset": change.dataset,
                            "local_id": record_id.removeprefix(f"{change.dataset}/"),
                            **{k: None for k in BODY_FIELDS}, **change.new,
                            "canonical_id": record_id, "popolo": None,
                            "sources": change.sources, "confidence": "stated"}
        kinds[record_id] = BODY
        bodies.add(record_id)
        made[record_id] = state[record_id]  # a revert may take it back
        return ""
    if change.action == "revert" and not change.new:  # an appointment or body taken back
        if record_id in made:
            del made[record_id]
            state.pop(record_id, None)
            return ""
        if record_id in state:
            return f"the file now has a record {record_id} of its own; it is left as it is"
        return ""  # what it took back was not made again: nothing to take back
    current = state.get(record_id)
    if current is None:
        return f"{record_id} is no longer in the file"
    values = {k: current.get(k) for k in change.fields}
    if values == change.new:
        return ""  # the file says what the edit said
    if values != change.old:
        return ("the file changed " + ", ".join(change.fields) + " too: it says "
                + json.dumps(values, sort_keys=True) + ", the edit was made on "
                + json.dumps(change.old, sort_keys=True))
    current.update(change.new)
    current["sources"] = _merge_sources(current.get("sources"), change.sources[0]
                                        if change.sources else "")
    return ""


def _membership_of(record_id: str, change: Change) -> dict[str, Any]:
    new = change.new
    return {"id": record_id, "dataset": change.dataset, "source": new.get("person_id"),
            "target": new.get("body_id"), "role": new.get("role"),
            "member_category": new.get("member_category"), "label": new.get("label"),
            "start_date": new.get("start_date"), "end_date": new.get("end_date"),
            "on_behalf_of_id": None, "post_id": None, "area_id": None, "term_id": None,
            "popolo": None, "sources": change.sources, "confidence": "stated"}


CHANGESET_COLUMNS = ["id", "dataset", "sequence", "record_id", "record_kind", "action",
                     "fields", "old_values", "new_values", "reverts", "editor", "at", "reason",
                     "sources"]
"""The columns of ``changes.csv``, the table of an exported changeset."""


def changeset(runner: Runner, dataset: str) -> dict[str, Any]:
    """The changes of ``dataset`` in effect, as a Data Package (``changes.csv``) that
    :func:`apply_changeset` replays on a store holding the same dataset.

    Returns ``{"descriptor": datapackage.json's object, "files": {name: text}}``.
    """
    changes = [c for c in change_log(runner, dataset) if c.status == APPLIED]
    columns = CHANGESET_COLUMNS
    rows = [{"id": c.id, "dataset": c.dataset, "sequence": c.sequence,
             "record_id": c.record_id,
             "record_kind": c.record_kind, "action": c.action,
             "fields": LIST_SEPARATOR.join(c.fields),
             "old_values": json.dumps(c.old, sort_keys=True),
             "new_values": json.dumps(c.new, sort_keys=True), "reverts": c.reverts,
             "editor": c.editor, "at": c.at, "reason": c.reason,
             "sources": LIST_SEPARATOR.join(c.sources)} for c in changes]
    return {"descriptor": {
        "name": f"{dataset}-changes", "title": f"Edits of {dataset}",
        "resources": [{"name": "changes", "path": "changes.csv", "schema": {"fields": [
            {"name": c, "type": "integer" if c == "sequence" else "string"}
            for c in columns]}}]},
        "files": {"changes.csv": csvfiles.render(columns, rows)}}


def apply_changeset(runner: Runner, editor: Editor, rows: Sequence[Mapping[str, str]]
                    ) -> list[Change]:
    """Make the changes of an exported changeset (the rows of its ``changes.csv``) again,
    in order, each through its edit function: validated again, and refused with
    ``CONFLICT`` where the record no longer holds the value the change was made on.

    Each new change keeps the exported one's source and reason; its editor is ``editor``.
    """
    made: dict[str, str] = {}
    done: list[Change] = []
    for row in sorted(rows, key=lambda r: int(r["sequence"])):
        new, old = json.loads(row["new_values"] or "{}"), json.loads(row["old_values"] or "{}")
        sources = [part for part in (row.get("sources") or "").split(LIST_SEPARATOR) if part]
        source, reason, record_id = (sources[0] if sources else "changeset"), row["reason"], \
            row["record_id"]
        action, dataset = row["action"], row["dataset"]
        if action == "appoint":
            change = appoint(runner, editor, new["person_id"], new["body_id"], new["role"],
                             _day(new.get("start_date")), _day(new.get("end_date")), source,
                             reason, member_category=new.get("member_category"),
                             label=new.get("label"),
                             membership_id=record_id.removeprefix(f"{dataset}/"))
        elif action == "add_body":
            change = add_body(runner, editor, dataset, record_id.removeprefix(f"{dataset}/"),
                              {k: csvfiles.cell(_cell_value(v)) for k, v in new.items()},
                              source, reason)
        elif action == "revert":
            if row["reverts"] not in made:
                raise ConflictError(f"change {row['id']} reverts {row['reverts']}, which is "
                                    "not in this changeset")
            change = revert(runner, editor, made[row["reverts"]], source, reason)
        else:
            current = record(runner, record_id)
            held = {k: current.values.get(k) for k in old}
            if held != old:
                raise ConflictError(f"change {row['id']}: {record_id} holds {held}, the change "
                                    f"was made on {old}")
            if action == "end_membership":
                change = end_membership(runner, editor, record_id, current.version,
                                        date.fromisoformat(new["end_date"]), source, reason)
            elif action == "change_role":
                change = change_role(runner, editor, record_id, current.version, new["role"],
                                     source, reason)
            else:
                change = correct(runner, editor, record_id, current.version,
                                 {k: csvfiles.cell(_cell_value(v)) for k, v in new.items()},
                                 source, reason)
        made[row["id"]] = change.id
        done.append(change)
    return done


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# -- helpers ---------------------------------------------------------------------------------


def _require(runner: Runner, kind: str, record_id: str) -> Record:
    rows = runner.read(_ROW_STATEMENT[kind], {"id": record_id})
    if not rows:
        raise NotFoundError(f"no {'person' if kind == PERSON else 'body'} has the id "
                            f"{record_id!r}")
    return _record(kind, rows[0])


def _membership(runner: Runner, membership_id: str) -> Record | None:
    rows = [r for r in runner.read("edit_membership_rows",
                                   {"id": membership_id, "person": "", "body": ""})
            if r["id"] == membership_id]
    return _record(MEMBERSHIP, rows[0]) if rows else None


def _memberships_between(runner: Runner, person_id: str, body_id: str) -> list[Record]:
    return [_record(MEMBERSHIP, r) for r in runner.read(
        "edit_membership_rows", {"id": "", "person": person_id, "body": body_id})]


def _check_version(current: Record, version: str) -> None:
    if version != current.version:
        raise ConflictError(f"{current.id} has changed since version {version!r} (it is now "
                            f"{current.version!r}); read it again and redo the edit")


def _fields_allowed(values: Mapping[str, Any], allowed: Sequence[str], kind: str) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise InvalidArgumentError(f"{', '.join(unknown)}: not a field of a {kind.lower()} an "
                                   f"editor may set (one of {', '.join(allowed)})")
    if not values:
        raise InvalidArgumentError("give at least one field to set")


def _editable(kind: str) -> tuple[str, ...]:
    return {PERSON: PERSON_FIELDS, BODY: BODY_FIELDS}.get(kind, MEMBERSHIP_FIELDS)


def _cell_value(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _merge_sources(held: Sequence[str] | None, source: str) -> list[str]:
    sources = list(held or [])
    if source and source not in sources:
        sources.append(source)
    return sources


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=10).hexdigest()


def _new_local_id(prefix: str, *parts: Any) -> str:
    stamp = datetime.now(UTC).isoformat()
    return f"{prefix}-{_digest(stamp, *map(str, parts))}"

