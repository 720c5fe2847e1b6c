"""Reverting a change: a new change that undoes it, the log keeping both."""

from __future__ import annotations

from graph.edits.feed import _edit_lock
from graph.edits.log import (
    BODY,
    BODY_FIELDS,
    CONFLICT,
    MEMBERSHIP,
    MEMBERSHIP_FIELDS,
    PERSON,
    PERSON_FIELDS,
    Change,
    ConflictError,
    Editor,
    Record,
    _require,
    history,
    record,
)
from graph.edits.validation import _cell_value, _membership_row, _merge_sources, _validated
from graph.edits.write import _commit, _commit_removal
from graph.errors import NotFoundError
from graph.runner import Runner
from ingest import csvfiles


def revert(runner: Runner, editor: Editor, change_id: str, source: str, reason: str) -> Change:
    """Undo ``change_id`` by a new change (the log keeps both).

    Parameters
    ----------
    runner : Runner
        The store.
    editor : Editor
        Who makes the edit.
    change_id : str
        The change to undo.
    source, reason : str
        Where the edit comes from, and why it is made.

    Returns
    -------
    Change
        The change that undid it.

    Raises
    ------
    NotFoundError
        If there is no such change.
    ConflictError
        If the record has changed since (revert the later change first), the change is
        not in effect, or an added body has members.
    InvalidArgumentError
        If source or reason is empty.
    DatasetInvalidError
        If ingest's rules refuse the record with its old values.
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


def _editable(kind: str) -> tuple[str, ...]:
    return {PERSON: PERSON_FIELDS, BODY: BODY_FIELDS}.get(kind, MEMBERSHIP_FIELDS)
