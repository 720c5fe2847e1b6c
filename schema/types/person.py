"""``Person``: an individual actor (Popolo Person)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.filters import DateWindow, MembershipFilter
from graph.records import MembershipRecord, PersonDetailsRecord, PersonRecord
from schema.context import Info
from schema.loaders import let_go, load_all
from schema.pagination import Connection, connection
from schema.types.appearance import Affiliation, Appearance, PossibleMatch
from schema.types.common import Confidence, build, filled, stored_confidence
from schema.types.inputs import MembershipFilterInput, membership_filter
from schema.types.popolo import ContactDetail, Identifier, Link

if TYPE_CHECKING:
    from schema.types.membership import Membership

MembershipType = Annotated["Membership", strawberry.lazy("schema.types.membership")]


@strawberry.enum(description="What kind of position a trail entry is.")
class TrailKind(Enum):
    APPEARANCE = "appearance"
    MEMBERSHIP = "membership"
    AFFILIATION = "affiliation"


@strawberry.type(description="One position of a person, in date order (undated last).")
class TrailEntry:
    kind: TrailKind
    date: date | None
    role: str | None
    sources: list[str]
    appearance: Appearance | None = None
    membership: MembershipType | None = None
    affiliation: Affiliation | None = None


@strawberry.type(description="A person: public official, councillor, citizen, expert...")
class Person:
    id: strawberry.ID = strawberry.field(description="Global id: dataset/local id.")
    local_id: str
    dataset: str
    category: str | None
    public_figure: bool = strawberry.field(
        description="Office holders, elected members, public employees in their role and "
                    "chairs of public bodies; everyone else is named only to callers allowed "
                    "to see private names.")
    sources: list[str]
    stored_confidence: strawberry.Private[str]
    canonical_id: strawberry.ID = strawberry.field(
        description="The id shared by every record judged to be this person "
                    "(data/judgements.csv); this record's own id when it stands alone.")
    stored_name: strawberry.Private[str]
    stored_other_names: strawberry.Private[list[str]]
    stored_pseudonymous: strawberry.Private[bool]

    @classmethod
    def of_record(cls, record: PersonRecord) -> Person:
        return filled(cls, {
            "id": record.id, "local_id": record.local_id, "dataset": record.dataset,
            "category": record.category, "public_figure": record.public_figure,
            "sources": record.sources, "stored_confidence": record.confidence,
            "canonical_id": record.canonical_id, "stored_name": record.name,
            "stored_other_names": record.other_names,
            "stored_pseudonymous": record.pseudonymous})

    @strawberry.field(description="Whether the source states the fact or it was inferred; "
                                  "null, with an error for this item, where the store holds "
                                  "another value.")
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "person", self.id)

    @strawberry.field(description="Name; a pseudonym where `pseudonymous` is true (for a "
                                  "person who is not a public figure, unless the caller may "
                                  "see private names).")
    def name(self, info: Info) -> str:
        return info.context.access.namer.name(self.id, self.stored_name, self.public_figure)

    @strawberry.field(description="Other names; empty where the name is withheld.")
    def other_names(self, info: Info) -> list[str]:
        return info.context.access.namer.other_names(self.stored_other_names,
                                                     self.public_figure)

    @strawberry.field(description="True where `name` is not the person's real name (generated "
                                  "roster, a post whose holder is not named, or a name withheld "
                                  "from this caller).")
    def pseudonymous(self, info: Info) -> bool:
        return self.stored_pseudonymous or not info.context.access.namer.shows(
            self.public_figure)

    async def _details(self, info: Info) -> PersonDetailsRecord | None:
        """What Popolo says of this person, if this caller may see it: a person who is not a
        public figure is shown to callers who may not see private names by pseudonym only,
        so nothing else that could identify them is shown either."""
        if not info.context.access.namer.shows(self.public_figure):
            return None
        return await info.context.loaders.person_details.load(self.id)

    @strawberry.field(description="Identifiers in other registers (scheme and value: "
                                  "wikidata Q12358062, viaf, a legislature's own ids...); "
                                  "empty where the name is withheld.")
    async def identifiers(self, info: Info) -> list[Identifier]:
        details = await self._details(info)
        return [Identifier.of_record(i) for i in details.identifiers] if details else []

    @strawberry.field(description="Gender as published; null where the name is withheld.")
    async def gender(self, info: Info) -> str | None:
        details = await self._details(info)
        return details.gender if details else None

    @strawberry.field(description="Given name as published; null where the name is withheld.")
    async def given_name(self, info: Info) -> str | None:
        details = await self._details(info)
        return details.given_name if details else None

    @strawberry.field(description="Family name as published; null where the name is "
                                  "withheld.")
    async def family_name(self, info: Info) -> str | None:
        details = await self._details(info)
        return details.family_name if details else None

    @strawberry.field(description="Date of birth as written: a year (1951), a month (1951-03) "
                                  "or a day (1951-03-25); null where the name is withheld.")
    async def birth_date(self, info: Info) -> str | None:
        details = await self._details(info)
        return details.birth_date if details else None

    @strawberry.field(description="Date of death as written (partial dates as they are); "
                                  "null where the name is withheld.")
    async def death_date(self, info: Info) -> str | None:
        details = await self._details(info)
        return details.death_date if details else None

    @strawberry.field(description="Email, phone, social accounts... as published (Popolo "
                                  "imports); empty where the name is withheld.")
    async def contact_details(self, info: Info) -> list[ContactDetail]:
        details = await self._details(info)
        return [ContactDetail.of_record(c) for c in details.contact_details] if details else []

    @strawberry.field(description="Web pages about this person (Popolo imports); empty where "
                                  "the name is withheld.")
    async def links(self, info: Info) -> list[Link]:
        details = await self._details(info)
        return [Link.of_record(link) for link in details.links] if details else []

    @strawberry.field(description="Images of this person (Popolo `image` first, then "
                                  "`images`); empty where the name is withheld.")
    async def images(self, info: Info) -> list[Link]:
        details = await self._details(info)
        return [Link.of_record(link) for link in details.images] if details else []

    async def _same(self, info: Info) -> list[Person]:
        """The other records of this person, as this caller may see them linked."""
        loaders = info.context.loaders
        ids = await loaders.same_person.load(self.id)
        if not ids:  # most people
            return []
        records = await load_all(loaders.person, ids)
        # Ingest refuses merging a public figure with a person who is not; should a
        # store hold such a cluster anyway, a caller who may not see private names
        # must not see the link between a name and a pseudonym.
        return [Person.of_record(r) for r in records
                if r.public_figure == self.public_figure
                or info.context.access.namer.reveal]

    @strawberry.field(description="The other records judged to be this person (other "
                                  "datasets, or duplicates within one), in id order.")
    async def same_as(self, info: Info) -> list[Person]:
        return await self._same(info)

    @strawberry.field(description="Every id of this person: this record's and those of "
                                  "`sameAs`, in order.")
    async def ids(self, info: Info) -> list[strawberry.ID]:
        return sorted([self.id, *(p.id for p in await self._same(info))])

    async def _seats(self, info: Info, where: MembershipFilter) -> list[MembershipRecord]:
        # This record's seats are read while the records judged the same are looked up
        # (most people have none): both keys join their loaders' batches before either is
        # awaited, so the two statements go at once, without a task per person to gather.
        seats = info.context.loaders.memberships_of_person
        pending = seats.load((self.id, where))
        try:
            same = await self._same(info)
        except BaseException:
            let_go(pending)
            raise
        own = await pending
        if not same:
            return own
        others = await seats.load_many([(p.id, where) for p in same])
        return [*own, *(r for records in others for r in records)]

    @strawberry.field(description="Seats this person holds, optionally as of a date: those "
                                  "of every record judged to be this person (`sameAs`), "
                                  "each with its own id and dataset.")
    async def memberships(
        self, info: Info, as_of: date | None = None, filter: MembershipFilterInput | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[MembershipType]:
        from schema.types.membership import Membership  # once per person, not per seat

        records = await self._seats(info, membership_filter(as_of, filter))
        return connection([build(Membership, r) for r in records], first, after)

    @strawberry.field(description="Projects and events this person appeared at, in date order.")
    async def appearances(
        self, info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None, roles: list[str] | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Appearance]:
        records = await info.context.loaders.appearances_of_person.load(
            (self.id, DateWindow.between(from_, to)))
        return connection([build(Appearance, r) for r in records
                           if not roles or r.role in roles], first, after)

    @strawberry.field(description="Organisations this person is affiliated with.")
    async def affiliations(self, info: Info) -> list[Affiliation]:
        records = await info.context.loaders.affiliations.load(self.id)
        return [build(Affiliation, r) for r in records]

    @strawberry.field(description="Other people who may be the same person, kept apart. "
                                  "For a caller who may not see private names, only matches "
                                  "between two public figures (the evidence, a shared name, "
                                  "would name a private person).")
    async def possible_matches(self, info: Info) -> list[PossibleMatch]:
        loaders = info.context.loaders
        records = await loaders.possible_matches.load(self.id)
        if info.context.access.namer.reveal or not records:
            return [build(PossibleMatch, r) for r in records]
        if not self.public_figure:
            return []
        others = await loaders.person.load_many([r.other_id for r in records])
        return [build(PossibleMatch, r) for r, other in zip(records, others, strict=True)
                if other is not None and other.public_figure]

    @strawberry.field(description="Every appearance, seat and affiliation in date order, with "
                                  "sources.")
    async def trail(
        self, info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> list[TrailEntry]:
        from schema.types.membership import Membership

        window = DateWindow.between(from_, to)
        loaders = info.context.loaders
        appearances = await loaders.appearances_of_person.load((self.id, window))
        seats = await loaders.memberships_of_person.load((self.id, MembershipFilter(window)))
        affiliations = await loaders.affiliations.load(self.id)
        entries = [TrailEntry(kind=TrailKind.APPEARANCE, date=r.date, role=r.role,
                              sources=r.sources, appearance=build(Appearance, r))
                   for r in appearances]
        entries += [TrailEntry(kind=TrailKind.MEMBERSHIP, date=r.start_date, role=r.role,
                               sources=r.sources, membership=build(Membership, r))
                    for r in seats]
        entries += [TrailEntry(kind=TrailKind.AFFILIATION, date=r.start_date, role=r.title,
                               sources=r.sources, affiliation=build(Affiliation, r))
                    for r in affiliations if window.overlaps(r.start_date, r.end_date)]
        return sorted(entries, key=lambda e: (e.date is None, e.date or date.min, e.kind.value))

    @strawberry.field(description="Number of distinct bodies this person sits in (over "
                                  "every record judged to be this person).")
    async def body_count(self, info: Info, as_of: date | None = None) -> int:
        records = await self._seats(info, membership_filter(as_of, None))
        return len({r.body_id for r in records})
