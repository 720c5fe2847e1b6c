"""Multi-role concentration and overcommitted members."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.records import LoadRecord
from schema.context import Info
from schema.pagination import Connection, converted_connection
from schema.types.common import build, load_one
from schema.types.inputs import membership_filter
from schema.types.membership import Membership
from schema.types.person import Person


@strawberry.type(description="How many people sit in exactly `bodies` distinct bodies.")
class ConcentrationBucket:
    bodies: int
    people: int


@strawberry.type(description="People by number of distinct bodies they sit in.")
class MultiRoleConcentration:
    total_people: int = strawberry.field(description="People holding at least one seat.")
    total_seats: int = strawberry.field(description="Seats held: distinct (person, body) pairs.")
    buckets: list[ConcentrationBucket] = strawberry.field(
        description="From the largest number of bodies down to 1, empty buckets included.")


@strawberry.type(description="A person at or above the threshold, with the seats behind it.")
class OvercommittedMember:
    body_count: int
    person_id: strawberry.Private[str]
    as_of: strawberry.Private[date | None]

    @classmethod
    def from_record(cls, record: LoadRecord, as_of: date | None) -> OvercommittedMember:
        return cls(body_count=record.bodies, person_id=record.person_id, as_of=as_of)

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return await load_one(info.context.loaders.person, Person, self.person_id)

    @strawberry.field(description="The seats counted: bodies and roles.")
    async def memberships(self, info: Info) -> list[Membership]:
        records = await info.context.loaders.memberships_of_person.load(
            (self.person_id, membership_filter(self.as_of, None)))
        return [build(Membership, r) for r in records]


def overcommitted_connection(
    records: list[LoadRecord], as_of: date | None, first: int | None, after: str | None
) -> Connection[OvercommittedMember]:
    return converted_connection(records, first, after,
                                lambda r: OvercommittedMember.from_record(r, as_of))
