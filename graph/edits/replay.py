"""Re-ingest: replaying a dataset's changes on the rows of its new file."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.edits.log import (
    _UPSERT,
    APPLIED,
    BODY,
    BODY_FIELDS,
    CONFLICT,
    MEMBERSHIP,
    PERSON,
    Change,
    change_log,
)
from graph.edits.validation import _merge_sources
from graph.edits.write import _upsert_row
from graph.runner import Params, Row, Runner


@dataclass(frozen=True)
class Replay:
    """What replaying a dataset's changes on a new version of its file does."""

    statements: list[tuple[str, Params]]
    applied: list[str]
    conflicts: list[tuple[str, str]]
    """(change id, why) for every change the new file conflicts with."""


def reapply(runner: Runner, dataset: str, file_rows: Mapping[str, Sequence[Row]]) -> Replay:
    """The statements that replay ``dataset``'s changes on the rows of its new file.

    The statements run after the file's own writes, in the same transaction.

    Parameters
    ----------
    runner : Runner
        The store, holding the dataset's change log.
    dataset : str
        The dataset's name.
    file_rows : mapping of str to sequence of Row
        The store rows of the new version per upsert statement (as
        :func:`ingest.writer.to_store_rows` makes them).

    Returns
    -------
    Replay
        The statements, and which changes apply and which conflict.
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
    """Apply ``change`` to ``state``.

    Parameters
    ----------
    change : Change
        The change to replay.
    state : dict
        The file's rows of the changed records by id, updated in place.
    kinds : dict
        The kind of each record of ``state``, updated in place.
    people, bodies : set of str
        The ids of the file's people and bodies (an added body joins ``bodies``).
    made : dict
        The records that replayed changes created (and a revert may remove).

    Returns
    -------
    str
        Why the change conflicts with the file (``''`` if it applies).
    """
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
