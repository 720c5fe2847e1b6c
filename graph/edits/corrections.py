"""Edits of people and bodies: correct their fields, add a body."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.edits.feed import _edit_lock
from graph.edits.log import (
    BODY,
    BODY_FIELDS,
    PERSON,
    PERSON_FIELDS,
    Change,
    ConflictError,
    Editor,
    _check_version,
    _require,
    record,
)
from graph.edits.validation import _cell_value, _merge_sources, _validated
from graph.edits.write import _commit
from graph.errors import InvalidArgumentError, NotFoundError
from graph.runner import Runner
from ingest import csvfiles


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


def _fields_allowed(values: Mapping[str, Any], allowed: Sequence[str], kind: str) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise InvalidArgumentError(f"{', '.join(unknown)}: not a field of a {kind.lower()} an "
                                   f"editor may set (one of {', '.join(allowed)})")
    if not values:
        raise InvalidArgumentError("give at least one field to set")
