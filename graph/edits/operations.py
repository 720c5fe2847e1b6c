"""The edits: appoint, end a membership, change a role, correct, add a body, revert."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

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
    _membership,
    _require,
    history,
    record,
)
from graph.edits.validation import (
    _appointment_row,
    _cell_value,
    _membership_row,
    _merge_sources,
    _validated,
)
from graph.edits.write import _commit, _commit_removal, _new_local_id
from graph.errors import InvalidArgumentError, NotFoundError
from graph.runner import Runner
from ingest import csvfiles


def appoint(runner: Runner, editor: Editor, person_id: str, body_id: str, role: str,
            start: date | None, end: date | None, source: str, reason: str, *,
            member_category: str | None = None, label: str | None = None,
            membership_id: str | None = None) -> Change:
    """Add a membership of ``person_id`` in ``body_id``.

    Parameters
    ----------
    runner : Runner
        The store.
    editor : Editor
        Who makes the edit.
    person_id, body_id : str
        The person and the body, of one dataset.
    role : str
        The membership's role.
    start, end : date or None
        The membership's dates (``None``: open).
    source, reason : str
        Where the edit comes from, and why it is made.
    member_category, label : str, optional
        The membership's category and label.
    membership_id : str, optional
        The membership's local id (by default, one is made).

    Returns
    -------
    Change
        The change that did it.

    Raises
    ------
    NotFoundError
        If there is no such person or body.
    ConflictError
        If a membership with that id exists already, or a concurrent edit stored first.
    InvalidArgumentError
        If the person and the body are in different datasets, or source or reason is empty.
    DatasetInvalidError
        If ingest's rules refuse the edited record.
    """
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
    """Set the end date of a membership.

    Parameters
    ----------
    runner : Runner
        The store.
    editor : Editor
        Who makes the edit.
    membership_id : str
        The membership.
    version : str
        The membership's version the edit was made against.
    end : date
        The new end date.
    source, reason : str
        Where the edit comes from, and why it is made.

    Returns
    -------
    Change
        The change that did it.

    Raises
    ------
    NotFoundError
        If there is no such membership.
    ConflictError
        If the membership is no longer at ``version``.
    InvalidArgumentError
        If the edit changes nothing, or source or reason is empty.
    DatasetInvalidError
        If ingest's rules refuse the edited record.
    """
    return _edit_membership(runner, editor, membership_id, version, "end_membership",
                            {"end_date": end.isoformat()}, source, reason)


def change_role(runner: Runner, editor: Editor, membership_id: str, version: str, role: str,
                source: str, reason: str) -> Change:
    """Change the role of a membership.

    Parameters
    ----------
    runner : Runner
        The store.
    editor : Editor
        Who makes the edit.
    membership_id : str
        The membership.
    version : str
        The membership's version the edit was made against.
    role : str
        The new role.
    source, reason : str
        Where the edit comes from, and why it is made.

    Returns
    -------
    Change
        The change that did it.

    Raises
    ------
    NotFoundError
        If there is no such membership.
    ConflictError
        If the membership is no longer at ``version``.
    InvalidArgumentError
        If the edit changes nothing, or source or reason is empty.
    DatasetInvalidError
        If ingest's rules refuse the edited record.
    """
    return _edit_membership(runner, editor, membership_id, version, "change_role",
                            {"role": role}, source, reason)


def correct(runner: Runner, editor: Editor, record_id: str, version: str,
            values: Mapping[str, str | None], source: str, reason: str) -> Change:
    """Correct fields of a person or a body.

    Parameters
    ----------
    runner : Runner
        The store.
    editor : Editor
        Who makes the edit.
    record_id : str
        The person or the body.
    version : str
        The record's version the edit was made against.
    values : mapping of str to str or None
        The fields to set, as cells of a dataset file (``None``: empty).
    source, reason : str
        Where the edit comes from, and why it is made.

    Returns
    -------
    Change
        The change that did it.

    Raises
    ------
    NotFoundError
        If there is no such record.
    ConflictError
        If the record is no longer at ``version``.
    InvalidArgumentError
        If the record is a membership, a field may not be set, the edit changes nothing,
        or source or reason is empty.
    DatasetInvalidError
        If ingest's rules refuse the edited record.
    """
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
    """Correct fields of a person; refused for another kind of record.

    Takes and returns what :func:`correct` does.

    Raises
    ------
    NotFoundError
        If no person has the id ``record_id``.
    """
    _require(runner, PERSON, record_id)
    return correct(runner, editor, record_id, version, values, source, reason)


def correct_body(runner: Runner, editor: Editor, record_id: str, version: str,
                 values: Mapping[str, str | None], source: str, reason: str) -> Change:
    """Correct fields of a body; refused for another kind of record.

    Takes and returns what :func:`correct` does.

    Raises
    ------
    NotFoundError
        If no body has the id ``record_id``.
    """
    _require(runner, BODY, record_id)
    return correct(runner, editor, record_id, version, values, source, reason)


def add_body(runner: Runner, editor: Editor, dataset: str, local_id: str,
             values: Mapping[str, str | None], source: str, reason: str) -> Change:
    """Add a body to ``dataset``.

    Parameters
    ----------
    runner : Runner
        The store.
    editor : Editor
        Who makes the edit.
    dataset : str
        The dataset's name.
    local_id : str
        The body's id within the dataset.
    values : mapping of str to str or None
        The body's fields, as cells of a dataset file (``None``: empty).
    source, reason : str
        Where the edit comes from, and why it is made.

    Returns
    -------
    Change
        The change that did it.

    Raises
    ------
    NotFoundError
        If there is no such dataset.
    ConflictError
        If a body with that id exists already, or a concurrent edit stored first.
    InvalidArgumentError
        If a field may not be set, no field is given, or source or reason is empty.
    DatasetInvalidError
        If ingest's rules refuse the edited record.
    """
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
