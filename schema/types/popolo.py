"""Popolo's smaller objects (identifiers, contact details, links) and ``Area``; the party a
seat is held for; a legislature's parties over time."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.records import (
    AreaRecord,
    ContactRecord,
    IdentifierRecord,
    LinkRecord,
    PartyChangeRecord,
    PartyOverlapRecord,
    PartySeatsRecord,
)
from schema.context import Info
from schema.types.common import Confidence, load_one, stored_confidence

if TYPE_CHECKING:
    from schema.types.body import Body
    from schema.types.organization import Organization
    from schema.types.person import Person

OrganizationRef = Annotated["Organization", strawberry.lazy("schema.types.organization")]
PersonRef = Annotated["Person", strawberry.lazy("schema.types.person")]
BodyRef = Annotated["Body", strawberry.lazy("schema.types.body")]


@strawberry.type(description="An identifier in some scheme: a global registry (wikidata, viaf, "
                             "isni, ...) or one of a legislature or file "
                             "(everypolitician_legacy, ...).")
class Identifier:
    scheme: str | None
    identifier: str

    @classmethod
    def of_record(cls, record: IdentifierRecord) -> Identifier:
        return cls(scheme=record.scheme, identifier=record.identifier)


@strawberry.type(description="A means of contacting a person (Popolo contact detail).")
class ContactDetail:
    type: str | None = strawberry.field(description="email, phone, fax, twitter, ...")
    value: str
    label: str | None
    note: str | None

    @classmethod
    def of_record(cls, record: ContactRecord) -> ContactDetail:
        return cls(type=record.type, value=record.value, label=record.label, note=record.note)


@strawberry.type(description="A URL about a record, or of an image of it.")
class Link:
    url: str
    note: str | None

    @classmethod
    def of_record(cls, record: LinkRecord) -> Link:
        return cls(url=record.url, note=record.note)


@strawberry.input(description="An identifier to look a person up by.")
class IdentifierInput:
    scheme: str
    identifier: str


@strawberry.type(description="A geographic area a seat is held for: a constituency, district "
                             "or region (Popolo Area).")
class Area:
    id: strawberry.ID
    local_id: str
    dataset: str
    name: str
    classification: str | None = strawberry.field(description="constituency, region, ... as "
                                                              "published.")
    identifiers: list[Identifier]
    sources: list[str]
    stored_confidence: strawberry.Private[str]
    parent_id: strawberry.Private[str | None]

    @classmethod
    def of_record(cls, record: AreaRecord) -> Area:
        return cls(id=strawberry.ID(record.id), local_id=record.local_id, dataset=record.dataset,
                   name=record.name, classification=record.classification,
                   identifiers=[Identifier.of_record(i) for i in record.identifiers],
                   sources=record.sources, stored_confidence=record.confidence,
                   parent_id=record.parent_id)

    @strawberry.field(description="Whether the source states the fact or it was inferred.")
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "area", self.id)

    @strawberry.field(description="The area this one is part of, where published.")
    async def parent(self, info: Info) -> Area | None:
        return await load_one(info.context.loaders.area, Area, self.parent_id)


@strawberry.type(description="The party (or group) a seat was held for, over the seat's days.")
class OnBehalfOf:
    party_id: strawberry.ID = strawberry.field(description="The party's global id, as the "
                                                           "dataset names it.")
    start_date: date | None
    end_date: date | None

    @strawberry.field(description="The party, where the dataset describes it.")
    async def party(self, info: Info) -> OrganizationRef | None:
        from schema.types.organization import Organization

        return await load_one(info.context.loaders.organization, Organization, self.party_id)


@strawberry.type(description="Members of a body on a day sitting for one party.")
class PartySeats:
    party_id: strawberry.ID | None = strawberry.field(
        description="Null for seats held for no party.")
    seats: int = strawberry.field(description="Members (a person counts once).")

    @classmethod
    def of_record(cls, record: PartySeatsRecord) -> PartySeats:
        return cls(party_id=strawberry.ID(record.party_id) if record.party_id else None,
                   seats=record.seats)

    @strawberry.field(description="The party, where the dataset describes it.")
    async def party(self, info: Info) -> OrganizationRef | None:
        from schema.types.organization import Organization

        return await load_one(info.context.loaders.organization, Organization, self.party_id)


@strawberry.type(description="A body's members by party on one day.")
class PartyComposition:
    body_id: strawberry.ID
    as_of: date
    total: int = strawberry.field(description="Members on that day.")
    parties: list[PartySeats] = strawberry.field(description="Most seats first, then by id.")


@strawberry.type(description="A member who sat for one party, then for another.")
class PartyChange:
    from_party_id: strawberry.ID
    to_party_id: strawberry.ID
    left_on: date | None = strawberry.field(description="Last day for the first party.")
    joined_on: date | None = strawberry.field(description="First day for the next party.")
    person_id: strawberry.Private[str]
    body_id: strawberry.Private[str]

    @classmethod
    def of_record(cls, record: PartyChangeRecord) -> PartyChange:
        return cls(from_party_id=strawberry.ID(record.from_party_id),
                   to_party_id=strawberry.ID(record.to_party_id), left_on=record.left_on,
                   joined_on=record.joined_on, person_id=record.person_id,
                   body_id=record.body_id)

    @strawberry.field
    async def person(self, info: Info) -> PersonRef | None:
        from schema.types.person import Person

        return await load_one(info.context.loaders.person, Person, self.person_id)

    @strawberry.field
    async def body(self, info: Info) -> BodyRef | None:
        from schema.types.body import Body

        return await load_one(info.context.loaders.body, Body, self.body_id)

    @strawberry.field
    async def from_party(self, info: Info) -> OrganizationRef | None:
        from schema.types.organization import Organization

        return await load_one(info.context.loaders.organization, Organization,
                              self.from_party_id)

    @strawberry.field
    async def to_party(self, info: Info) -> OrganizationRef | None:
        from schema.types.organization import Organization

        return await load_one(info.context.loaders.organization, Organization,
                              self.to_party_id)


@strawberry.type(description="Two parties whose members sit together on one body.")
class PartyOverlap:
    party_id: strawberry.ID
    other_party_id: strawberry.ID
    members: int = strawberry.field(description="Members of the first party on the body.")
    other_members: int = strawberry.field(description="Members of the other party on it.")
    body_id: strawberry.Private[str]

    @classmethod
    def of_record(cls, record: PartyOverlapRecord) -> PartyOverlap:
        return cls(party_id=strawberry.ID(record.party_id),
                   other_party_id=strawberry.ID(record.other_party_id), members=record.members,
                   other_members=record.other_members, body_id=record.body_id)

    @strawberry.field
    async def body(self, info: Info) -> BodyRef | None:
        from schema.types.body import Body

        return await load_one(info.context.loaders.body, Body, self.body_id)
