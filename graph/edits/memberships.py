"""Edits of memberships: appoint, end a membership, change its role."""

from __future__ import annotations

from datetime import date

from graph.edits.feed import _edit_lock
from graph.edits.log import (
    BODY,
    MEMBERSHIP,
    MEMBERSHIP_FIELDS,
    PERSON,
    Change,
    ConflictError,
    Editor,
    _check_version,
    _membership,
    _require,
)
from graph.edits.validation import _appointment_row, _cell_value, _membership_row
from graph.edits.write import _commit, _new_local_id
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
