"""``Person``: an individual actor (Popolo Person)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.pagination import Connection, connection
from schema.types.common import Confidence, build
from schema.types.inputs import MembershipFilterInput, membership_filter

if TYPE_CHECKING:
    from schema.types.membership import Membership

MembershipType = Annotated["Membership", strawberry.lazy("schema.types.membership")]


@strawberry.type(description="A person: public official, councillor, citizen, expert...")
class Person:
    id: strawberry.ID = strawberry.field(description="Global id: dataset/local id.")
    local_id: str
    dataset: str
    name: str = strawberry.field(description="Name; a pseudonym where `pseudonymous` is true.")
    other_names: list[str]
    category: str | None
    public_figure: bool
    pseudonymous: bool = strawberry.field(
        description="True where the name is not the person's real name (generated roster, or "
                    "a post whose holder is not named).")
    sources: list[str]
    confidence: Confidence

    @strawberry.field(description="Seats this person holds, optionally as of a date.")
    async def memberships(
        self, info: Info, as_of: date | None = None, filter: MembershipFilterInput | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[MembershipType]:
        from schema.types.membership import Membership

        records = await info.context.loaders.memberships_of_person.load(
            (self.id, membership_filter(as_of, filter)))
        return connection([build(Membership, r) for r in records], first, after)

    @strawberry.field(description="Number of distinct bodies this person sits in.")
    async def body_count(self, info: Info, as_of: date | None = None) -> int:
        records = await info.context.loaders.memberships_of_person.load(
            (self.id, membership_filter(as_of, None)))
        return len({r.body_id for r in records})
