"""Queries of coordinators: the appointment check, a record's history, the change log."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from graph import edits
from graph.analysis import load
from graph.privacy import Permission
from schema.context import Info
from schema.pagination import Connection, connection
from schema.types.analysis import RoleWeightInput
from schema.types.change import AppointmentCheck, Change, EditableRecord


@strawberry.type
class EditQuery:
    @strawberry.field(description="What appointing a person to a body would do, without doing "
                                  "it: load before and after with the weights and thresholds of "
                                  "memberLoads, the thresholds crossed, overlapping seats, the "
                                  "body's new overlap with the person's other bodies, and the "
                                  "problems validation would refuse it for.")
    async def appointment_check(
        self, info: Info, person_id: strawberry.ID, body_id: strawberry.ID, role: str,
        from_: Annotated[date | None, strawberry.argument(
            name="from", description="First day of the seat (default: today).")] = None,
        to: date | None = None, weights: list[RoleWeightInput] | None = None,
        min_score: float = load.DEFAULT_MIN_SCORE, min_bodies: int = load.DEFAULT_MIN_BODIES,
    ) -> AppointmentCheck:
        found = await asyncio.to_thread(
            edits.check_appointment, info.context.runner, str(person_id), str(body_id), role,
            from_, to, {w.role: w.weight for w in weights or []}, min_score, min_bodies)
        return AppointmentCheck.of(found)

    @strawberry.field(description="A person, body or membership with its current version, "
                                  "which an edit names.")
    async def editable_record(self, info: Info, id: strawberry.ID) -> EditableRecord:
        found = await asyncio.to_thread(edits.record, info.context.runner, str(id))
        return EditableRecord.of(found, await info.context.namer())

    @strawberry.field(description="Every change of a record (or the change with this id), "
                                  "oldest first.")
    async def history(self, info: Info, id: strawberry.ID) -> list[Change]:
        found = await asyncio.to_thread(edits.history, info.context.runner, str(id))
        namer = await info.context.namer()
        return [Change.of(c, namer) for c in found]

    @strawberry.field(description="The edits in effect on a dataset as a Data Package: "
                                  "`descriptor` (datapackage.json) and `files` (changes.csv's "
                                  "text), which `govgraph apply-changes` makes again on another "
                                  "store. Needs the export_dataset permission (values are not "
                                  "pseudonymised).")
    async def changeset(self, info: Info, dataset: str) -> JSON:
        caller = info.context.access.caller
        if not caller.can(Permission.EXPORT_DATASET):
            raise edits.EditForbiddenError(
                f"the {caller.role.value} role may not export datasets")
        found = await asyncio.to_thread(edits.changeset, info.context.runner, dataset)
        return JSON(found)

    @strawberry.field(description="The change log of a dataset (or of all), in order; "
                                  "`afterSequence` gives only later changes.")
    async def change_log(
        self, info: Info, dataset: str | None = None, after_sequence: int = -1,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Change]:
        found = await asyncio.to_thread(edits.change_log, info.context.runner, dataset or "",
                                        after_sequence)
        namer = await info.context.namer()
        return connection([Change.of(c, namer) for c in found], first, after)
