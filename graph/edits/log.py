"""Who edits, one entry of the change log, a record as an editor sees it, and reading them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.errors import GovgraphError, NotFoundError
from graph.runner import Row, Runner

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


def record(runner: Runner, record_id: str) -> Record:
    """The person, body or membership ``record_id`` with its version.

    Parameters
    ----------
    runner : Runner
        The store.
    record_id : str
        The global id of a person, a body or a membership.

    Returns
    -------
    Record
        The record, its kind and version, and every stored value.

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
    """Every change of ``record_id`` (or the change with that id), oldest first.

    Parameters
    ----------
    runner : Runner
        The store.
    record_id : str
        The id of a record, or of a change.

    Returns
    -------
    list of Change
        The changes, oldest first (empty if there are none).
    """
    return [Change.of(row) for row in runner.read("changes_of_record", {"id": record_id})]


def change_log(runner: Runner, dataset: str = "", after: int = -1) -> list[Change]:
    """The changes of ``dataset`` with a sequence number above ``after``.

    Parameters
    ----------
    runner : Runner
        The store.
    dataset : str, optional
        The dataset's name (``''``: every dataset).
    after : int, optional
        Only changes with a greater sequence number (``-1``: all).

    Returns
    -------
    list of Change
        The changes in the order of the log.
    """
    return [Change.of(row) for row in runner.read("changes_of_dataset",
                                                  {"dataset": dataset, "after": after})]


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
