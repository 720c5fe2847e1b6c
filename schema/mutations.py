"""Edits through the API: each needs the ``edit`` permission (roles ``editor`` and ``admin``),
a source and a reason, and is validated by the rules of ingest (see :mod:`graph.edits`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import Annotated, Concatenate, ParamSpec

import strawberry

from graph import edits
from graph.privacy import Permission
from graph.runner import Runner
from schema.context import Info
from schema.types.change import Change, FieldValueInput

P = ParamSpec("P")


def _editor(info: Info) -> edits.Editor:
    """The caller as the change log records them; refused unless they may edit."""
    caller = info.context.access.caller
    if not caller.can(Permission.EDIT):
        raise edits.EditForbiddenError(
            f"the {caller.role.value} role may not edit; use a key of the editor or admin role")
    return edits.Editor(caller.key_id, caller.role.value)


async def _edit(info: Info,
                operation: Callable[Concatenate[Runner, edits.Editor, P], edits.Change],
                *args: P.args, **kwargs: P.kwargs) -> Change:
    """Run ``operation(runner, editor, *args, **kwargs)`` off the event loop, once the caller
    may edit; the change it made, as the caller may see it."""
    editor = _editor(info)
    change = await asyncio.to_thread(operation, info.context.runner, editor, *args, **kwargs)
    return Change.of(change, await info.context.namer())


def _values(values: list[FieldValueInput]) -> dict[str, str | None]:
    return {v.field: v.value for v in values}


SOURCE = "Where the edit comes from (e.g. minutes 2024-03-02 item 4); kept as its provenance."
REASON = "Why the edit is made; kept in the change log."
VERSION = "The version of the record the edit is made against (editableRecord, or the last " \
          "change's version); a stale one is refused with CONFLICT."
Source = Annotated[str, strawberry.argument(name="source", description=SOURCE)]
Reason = Annotated[str, strawberry.argument(description=REASON)]
Version = Annotated[str, strawberry.argument(description=VERSION)]


@strawberry.type(description="Edits of people, bodies and memberships (role editor or admin).")
class Mutation:
    @strawberry.mutation(description="Appoint a person to a body: add a membership.")
    async def appoint(
        self, info: Info, person_id: strawberry.ID, body_id: strawberry.ID, role: str,
        source_: Source,
        reason: Reason,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None, member_category: str | None = None,
        label: str | None = None,
        id: Annotated[str | None, strawberry.argument(
            description="The membership's id within its dataset (default: a new one).")] = None,
    ) -> Change:
        return await _edit(info, edits.appoint, str(person_id), str(body_id), role, from_, to,
                           source_, reason, member_category=member_category, label=label,
                           membership_id=id)

    @strawberry.mutation(description="End a membership on a date.")
    async def end_membership(
        self, info: Info, id: strawberry.ID,
        version: Version,
        on: Annotated[date, strawberry.argument(description="The last day of the seat.")],
        source_: Source,
        reason: Reason,
    ) -> Change:
        return await _edit(info, edits.end_membership, str(id), version, on, source_, reason)

    @strawberry.mutation(description="Change the role of a membership.")
    async def change_role(
        self, info: Info, id: strawberry.ID,
        version: Version, role: str,
        source_: Source,
        reason: Reason,
    ) -> Change:
        return await _edit(info, edits.change_role, str(id), version, role, source_, reason)

    @strawberry.mutation(description="Correct fields of a person: "
                                     + ", ".join(edits.PERSON_FIELDS) + ".")
    async def correct_person(
        self, info: Info, id: strawberry.ID,
        version: Version,
        set: Annotated[list[FieldValueInput], strawberry.argument(
            description="The fields to set.")],
        source_: Source,
        reason: Reason,
    ) -> Change:
        return await _edit(info, edits.correct_person, str(id), version, _values(set), source_,
                           reason)

    @strawberry.mutation(description="Correct fields of a body: "
                                     + ", ".join(edits.BODY_FIELDS) + ".")
    async def correct_body(
        self, info: Info, id: strawberry.ID,
        version: Version,
        set: Annotated[list[FieldValueInput], strawberry.argument(
            description="The fields to set.")],
        source_: Source,
        reason: Reason,
    ) -> Change:
        return await _edit(info, edits.correct_body, str(id), version, _values(set), source_,
                           reason)

    @strawberry.mutation(description="Add a body to a dataset (name and classification "
                                     "required, as in a dataset's bodies.csv).")
    async def add_body(
        self, info: Info, dataset: str,
        id: Annotated[str, strawberry.argument(description="The body's id within the dataset.")],
        set: Annotated[list[FieldValueInput], strawberry.argument(description="Its fields.")],
        source_: Source,
        reason: Reason,
    ) -> Change:
        return await _edit(info, edits.add_body, dataset, id, _values(set), source_, reason)

    @strawberry.mutation(description="Undo a change by a new change (an appointment or an "
                                     "added body is removed; fields get their old values).")
    async def revert_change(
        self, info: Info, id: strawberry.ID,
        source_: Source,
        reason: Reason,
    ) -> Change:
        return await _edit(info, edits.revert, str(id), source_, reason)
