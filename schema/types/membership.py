"""``Membership``: a person's seat on a body (Popolo Membership)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.types.common import Confidence, load_one

if TYPE_CHECKING:
    from schema.types.body import Body
    from schema.types.person import Person


@strawberry.type(description="A seat: a person on a body, with role, category and dates.")
class Membership:
    id: strawberry.ID
    role: str = strawberry.field(description="chair, co_chair, vice_chair, leader, member, ...")
    member_category: str | None = strawberry.field(
        description="How the seat is held: ex_officio, appointed_private, official, private...")
    label: str | None = strawberry.field(description="The post as printed, where there is one.")
    start_date: date | None
    end_date: date | None
    sources: list[str]
    confidence: Confidence
    person_id: strawberry.Private[str]
    body_id: strawberry.Private[str]

    @strawberry.field
    async def person(
        self, info: Info
    ) -> Annotated[Person, strawberry.lazy("schema.types.person")] | None:
        from schema.types.person import Person

        return await load_one(info.context.loaders.person, Person, self.person_id)

    @strawberry.field
    async def body(
        self, info: Info
    ) -> Annotated[Body, strawberry.lazy("schema.types.body")] | None:
        from schema.types.body import Body

        return await load_one(info.context.loaders.body, Body, self.body_id)
