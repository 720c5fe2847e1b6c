"""Typed rows that the repository returns; field names match the statements' columns.

Records are read-only by convention and not ``frozen``: a frozen dataclass sets each
field through ``object.__setattr__``, which made a record about three times dearer to
build (4 against 1.5 µs for a person), a third of the time of reading 10,000 seats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


@dataclass(slots=True)
class Provenance:
    sources: list[str]
    confidence: str


@dataclass(slots=True)
class DatasetRecord:
    id: str
    title: str
    description: str
    licence: str
    content_hash: str
    pseudonymous_tables: list[str]


@dataclass(slots=True)
class PersonRecord(Provenance):
    id: str
    local_id: str
    dataset: str
    name: str
    other_names: list[str]
    category: str | None
    public_figure: bool
    pseudonymous: bool
    canonical_id: str


@dataclass(slots=True)
class BodyRecord(Provenance):
    id: str
    local_id: str
    dataset: str
    name: str
    name_en: str | None
    classification: str
    capacity: int | None
    meeting_cadence: str | None
    founding_date: date | None
    dissolution_date: date | None
    notes: str | None
    parent_id: str | None
    lead_organization_id: str | None
    canonical_id: str


@dataclass(slots=True)
class OrganizationRecord(Provenance):
    id: str
    local_id: str
    dataset: str
    name: str
    name_en: str | None
    classification: str
    parent_id: str | None
    canonical_id: str


@dataclass(slots=True)
class ProjectRecord(Provenance):
    id: str
    local_id: str
    dataset: str
    name: str
    name_en: str | None
    kind: str
    year: int | None
    budget_krw: int | None
    status: str | None
    start_date: date | None
    end_date: date | None
    location: str | None
    participants: int | None
    lead_organization_id: str | None
    body_id: str | None
    parent_id: str | None


@dataclass(slots=True)
class MeetingRecord(Provenance):
    id: str
    local_id: str
    dataset: str
    number: int | None
    date: date
    mode: str | None
    seats: int | None
    attendees: int | None
    body_id: str


@dataclass(slots=True)
class TallyRecord(Provenance):
    id: str
    meeting_id: str
    member_category: str
    seats: int
    present: int


@dataclass(slots=True)
class TermRecord(Provenance):
    id: str
    body_id: str
    number: int | None
    start_date: date
    end_date: date | None
    seats: int | None


@dataclass(slots=True)
class QuotaRecord(Provenance):
    id: str
    term_id: str
    member_category: str
    seats: int


@dataclass(slots=True)
class MembershipRecord(Provenance):
    id: str
    person_id: str
    body_id: str
    role: str
    member_category: str | None
    label: str | None
    start_date: date | None
    end_date: date | None
    on_behalf_of_id: str | None = field(default=None, kw_only=True)
    """Global id of the party (or group) the seat is held for, as the dataset names it."""
    post_id: str | None = field(default=None, kw_only=True)
    area_id: str | None = field(default=None, kw_only=True)
    person_record: PersonRecord | None = field(default=None, kw_only=True)
    """The person, where the statement that found the seat returned it too."""


class MembershipRow(NamedTuple):
    """One membership as a flat row, with both names (for bulk readers)."""

    id: str
    role: str
    member_category: str | None
    start_date: date | None
    end_date: date | None
    person_id: str
    person_name: str
    public_figure: bool | None
    pseudonymous: bool | None
    body_id: str
    body_name: str


@dataclass(slots=True)
class BucketRecord:
    bodies: int
    people: int


@dataclass(slots=True)
class ConcentrationRecord:
    total_people: int
    total_seats: int
    buckets: list[BucketRecord]


@dataclass(slots=True)
class LoadRecord:
    person_id: str
    bodies: int


@dataclass(slots=True)
class PostRecord(Provenance):
    id: str
    local_id: str
    dataset: str
    label: str
    role: str | None
    body_id: str | None
    organization_id: str | None


@dataclass(slots=True)
class AppearanceRecord(Provenance):
    """A person or post appearing at a project or event in a role."""

    id: str
    role: str
    affiliation: str | None
    title: str | None
    date: date | None
    project_id: str
    person_id: str
    post_id: str
    organization_id: str | None
    owner_id: str


@dataclass(slots=True)
class AffiliationRecord(Provenance):
    id: str
    person_id: str
    organization_id: str
    title: str | None
    start_date: date | None
    end_date: date | None


@dataclass(slots=True)
class PossibleMatchRecord(Provenance):
    person_id: str
    other_id: str
    reason: str


@dataclass(slots=True)
class PartnerRecord(Provenance):
    project_id: str
    organization_id: str
    role: str | None


@dataclass(slots=True)
class IdentifierRecord:
    """An identifier of a record in some scheme (``wikidata``, ``viaf``, a legislature's own)."""

    scheme: str | None
    identifier: str


@dataclass(slots=True)
class ContactRecord:
    """A means of contact (Popolo contact detail): ``type`` is email, phone, twitter, ..."""

    type: str | None
    value: str
    label: str | None = None
    note: str | None = None


@dataclass(slots=True)
class LinkRecord:
    """A URL about a record (Popolo link), or an image of it."""

    url: str
    note: str | None = None


@dataclass(slots=True)
class PersonDetailsRecord:
    """What Popolo says of a person beyond name and category: read only where asked for."""

    id: str
    given_name: str | None
    family_name: str | None
    gender: str | None
    birth_date: str | None
    """As written: a year, a month or a day (``1951``, ``1951-03``, ``1951-03-25``)."""
    death_date: str | None
    identifiers: list[IdentifierRecord]
    contact_details: list[ContactRecord]
    links: list[LinkRecord]
    images: list[LinkRecord]


@dataclass(slots=True)
class AreaRecord(Provenance):
    """A geographic area (Popolo Area): a constituency, a district, a region."""

    id: str
    local_id: str
    dataset: str
    name: str
    classification: str | None
    parent_id: str | None
    identifiers: list[IdentifierRecord]


@dataclass(slots=True)
class PartySeatsRecord:
    """Seats on a body held for one party on one day (``party_id`` '' for none given)."""

    party_id: str
    seats: int


@dataclass(slots=True)
class PartyChangeRecord:
    """A member who sat for one party and then for another on the same body."""

    person_id: str
    body_id: str
    from_party_id: str
    to_party_id: str
    left_on: date | None
    """The last day of the seat held for the first party (None: open or not published)."""
    joined_on: date | None
    """The first day of the seat held for the next party."""
    membership_id: str
    """The seat held for the next party."""


@dataclass(slots=True)
class PartyOverlapRecord:
    """Members of two parties sitting together on one body on a day."""

    body_id: str
    party_id: str
    other_party_id: str
    members: int
    other_members: int
