"""``Meeting``: a sitting of a body, with its attendance."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.loaders import load_all
from schema.pagination import Connection, connection_of_ids
from schema.types.common import Confidence, build

if TYPE_CHECKING:
    from schema.types.body import Body


@strawberry.type(description="Seats and attendees of one member category at one meeting.")
class AttendanceTally:
    id: strawberry.ID
    member_category: str
    seats: int
    present: int
    sources: list[str]
    confidence: Confidence


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
    confidence: Confidence
    body_id: strawberry.Private[str]

    @strawberry.field(description="The body that met.")
    async def body(
        self, info: Info
    ) -> Annotated[Body, strawberry.lazy("schema.types.body")] | None:
        from schema.types.body import Body

        record = await info.context.loaders.body.load(self.body_id)
        return build(Body, record) if record else None

    @strawberry.field(description="Seats and attendees per member category, where published.")
    async def tallies(self, info: Info) -> list[AttendanceTally]:
        return [build(AttendanceTally, r) for r in await info.context.loaders.tallies.load(self.id)]


async def meetings_page(
    info: Info, ids: list[str], first: int | None, after: str | None
) -> Connection[Meeting]:
    """A connection of the meetings with these ids, loading only the page."""
    async def load(page: list[str]) -> list[Meeting]:
        return [build(Meeting, r) for r in await load_all(info.context.loaders.meeting, page)]

    return await connection_of_ids(ids, first, after, load)
