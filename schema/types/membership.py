"""``Membership``: a person's seat on a body (Popolo Membership)."""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from graph.records import MembershipRecord, PersonRecord
from schema.context import Info
from schema.types.appearance import Post
from schema.types.common import Confidence, filled, load_one, stored_confidence
from schema.types.popolo import Area, OnBehalfOf

if TYPE_CHECKING:
    from schema.types.body import Body
    from schema.types.person import Person


@functools.cache
def _person_type() -> type[Person]:
    """``Person``, imported on first use (its module imports this one). An import inside a
    resolver costs about 1.4 µs on every call, and a large answer makes thousands."""
    from schema.types.person import Person

    return Person


@functools.cache
def _body_type() -> type[Body]:
    """``Body``, imported on first use (its module imports this one). An import inside a
    resolver costs about 1.4 µs on every call, and a large answer makes thousands."""
    from schema.types.body import Body

    return Body


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
    stored_confidence: strawberry.Private[str]
    person_id: strawberry.Private[str]
    body_id: strawberry.Private[str]
    party_id: strawberry.Private[str | None] = None
    post_id: strawberry.Private[str | None] = None
    area_id: strawberry.Private[str | None] = None
    person_record: strawberry.Private[PersonRecord | None] = None
    """The person, where the seat was read with it (a body's members): no lookup then."""
    body_found: strawberry.Private[Body | None] = None
    """The body, where the seat was reached from it (a body's members)."""

    @classmethod
    def of_record(cls, record: MembershipRecord, body: Body | None = None) -> Membership:
        """The seat of ``record`` (``body``: the body it is on, where the caller has it)."""
        return filled(cls, {
            "id": record.id, "role": record.role, "member_category": record.member_category,
            "label": record.label, "start_date": record.start_date,
            "end_date": record.end_date, "sources": record.sources,
            "stored_confidence": record.confidence, "person_id": record.person_id,
            "body_id": record.body_id, "party_id": record.on_behalf_of_id,
            "post_id": record.post_id, "area_id": record.area_id,
            "person_record": record.person_record, "body_found": body})

    @strawberry.field(description="Whether the source states the fact or it was inferred; "
                                  "null, with an error for this item, where the store holds "
                                  "another value.")
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "membership", self.id)

    @strawberry.field(description="The party (or group) the seat was held for, with the "
                                  "seat's days; null where none is given.")
    def on_behalf_of(self) -> OnBehalfOf | None:
        if not self.party_id:
            return None
        return OnBehalfOf(party_id=strawberry.ID(self.party_id), start_date=self.start_date,
                          end_date=self.end_date)

    @strawberry.field(description="The area (constituency) the seat was held for.")
    async def area(self, info: Info) -> Area | None:
        return await load_one(info.context.loaders.area, Area, self.area_id)

    @strawberry.field(description="The post (office) the seat is, where the dataset has posts.")
    async def post(self, info: Info) -> Post | None:
        return await load_one(info.context.loaders.post, Post, self.post_id)

    @strawberry.field
    def person(
        self, info: Info
    ) -> Annotated[Person, strawberry.lazy("schema.types.person")] | None:
        person_type = _person_type()
        if self.person_record is not None:
            return person_type.of_record(self.person_record)
        # Not read with the seat: the loader finds it. A resolver that is not a coroutine
        # function may return an awaitable (graphql-core awaits it), which keeps the common
        # case above free of the event loop's per-item scheduling.
        return cast("Person | None", load_one(info.context.loaders.person, person_type,
                                              self.person_id))

    @strawberry.field
    def body(
        self, info: Info
    ) -> Annotated[Body, strawberry.lazy("schema.types.body")] | None:
        if self.body_found is not None:
            return self.body_found
        return cast("Body | None", load_one(info.context.loaders.body, _body_type(),
                                            self.body_id))
