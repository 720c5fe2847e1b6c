"""Changesets: the changes in effect on a dataset, exported and made again."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from graph.edits.corrections import add_body, correct
from graph.edits.log import APPLIED, Change, ConflictError, Editor, change_log, record
from graph.edits.memberships import appoint, change_role, end_membership
from graph.edits.undo import revert
from graph.edits.validation import _cell_value
from graph.runner import Runner
from ingest import csvfiles
from ingest.tables import LIST_SEPARATOR

CHANGESET_COLUMNS = ["id", "dataset", "sequence", "record_id", "record_kind", "action",
                     "fields", "old_values", "new_values", "reverts", "editor", "at", "reason",
                     "sources"]
"""The columns of ``changes.csv``, the table of an exported changeset."""


def changeset(runner: Runner, dataset: str) -> dict[str, Any]:
    """The changes of ``dataset`` in effect, as a Data Package (``changes.csv``).

    :func:`apply_changeset` replays it on a store holding the same dataset.

    Parameters
    ----------
    runner : Runner
        The store.
    dataset : str
        The dataset's name.

    Returns
    -------
    dict
        ``{"descriptor": datapackage.json's object, "files": {name: text}}``.
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
    """Make the changes of an exported changeset again, in order.

    Each goes through its edit function: validated again, and refused with
    ``CONFLICT`` where the record no longer holds the value the change was made on.
    Each new change keeps the exported one's source and reason.

    Parameters
    ----------
    runner : Runner
        The store.
    editor : Editor
        The editor of every new change.
    rows : sequence of mapping of str to str
        The rows of the changeset's ``changes.csv``.

    Returns
    -------
    list of Change
        The new changes, in order.

    Raises
    ------
    ConflictError
        If a record no longer holds what a change was made on, or a revert's change is
        not in the changeset.
    GovgraphError
        Whatever the edit function of a change raises; the changes before it are kept.
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
