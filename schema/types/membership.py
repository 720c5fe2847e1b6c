"""``Membership``: a person's seat on a body (Popolo Membership)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.records import MembershipRecord
from schema.context import Info
from schema.types.common import Confidence, build

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

    @classmethod
    def from_record(cls, record: MembershipRecord) -> Membership:
        return build(cls, record)

    @strawberry.field
    async def person(
        self, info: Info
    ) -> Annotated[Person, strawberry.lazy("schema.types.person")] | None:
        from schema.types.person import Person

        record = await info.context.loaders.person.load(self.person_id)
        return build(Person, record) if record else None

    @strawberry.field
    async def body(
        self, info: Info
    ) -> Annotated[Body, strawberry.lazy("schema.types.body")] | None:
        from schema.types.body import Body

        record = await info.context.loaders.body.load(self.body_id)
        return build(Body, record) if record else None
