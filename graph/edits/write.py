"""The write of an edit: the record and its change in one transaction."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from graph.edits.feed import feed
from graph.edits.log import (
    _UPSERT,
    APPLIED,
    BODY,
    MEMBERSHIP,
    PERSON,
    Change,
    ConflictError,
    Editor,
    Record,
    record,
)
from graph.errors import InvalidArgumentError, NotFoundError, QueryFailedError
from graph.runner import Params, Runner


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


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=10).hexdigest()


def _new_local_id(prefix: str, *parts: Any) -> str:
    stamp = datetime.now(UTC).isoformat()
    return f"{prefix}-{_digest(stamp, *map(str, parts))}"
