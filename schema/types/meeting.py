"""``Meeting``: a sitting of a body, with its attendance."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.types.common import CONFIDENCE_DOC, Confidence, build, load_one, stored_confidence

if TYPE_CHECKING:
    from schema.types.body import Body


@strawberry.type(description="Seats and attendees of one member category at one meeting.")
class AttendanceTally:
    id: strawberry.ID
    member_category: str
    seats: int
    present: int
    sources: list[str]
    stored_confidence: strawberry.Private[str]

    @strawberry.field(description=CONFIDENCE_DOC)
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "attendance tally", self.id)


@strawberry.type(description="A sitting of a body.")
class Meeting:
    id: strawberry.ID
    local_id: str
    dataset: str
    number: int | None = strawberry.field(description="Sequence number of the sitting.")
    date: date
    mode: str | None
    seats: int | None = strawberry.field(description="Members expected (seats filled).")
    attendees: int | None
    sources: list[str]
    stored_confidence: strawberry.Private[str]
    body_id: strawberry.Private[str]

    @strawberry.field(description=CONFIDENCE_DOC)
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "meeting", self.id)

    @strawberry.field(description="The body that met.")
    async def body(
        self, info: Info
    ) -> Annotated[Body, strawberry.lazy("schema.types.body")] | None:
        from schema.types.body import Body

        return await load_one(info.context.loaders.body, Body, self.body_id)

    @strawberry.field(description="Seats and attendees per member category, where published.")
    async def tallies(self, info: Info) -> list[AttendanceTally]:
        return [build(AttendanceTally, r) for r in await info.context.loaders.tallies.load(self.id)]

