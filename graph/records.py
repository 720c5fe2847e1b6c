"""Typed rows that the repository returns; field names match the statements' columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Provenance:
    sources: list[str]
    confidence: str


@dataclass(frozen=True, slots=True)
class DatasetRecord:
    id: str
    title: str
    description: str
    licence: str
    content_hash: str
    pseudonymous_tables: list[str]


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class OrganizationRecord(Provenance):
    id: str
    local_id: str
    dataset: str
    name: str
    name_en: str | None
    classification: str
    parent_id: str | None
    canonical_id: str


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class TallyRecord(Provenance):
    id: str
    meeting_id: str
    member_category: str
    seats: int
    present: int


@dataclass(frozen=True, slots=True)
class TermRecord(Provenance):
    id: str
    body_id: str
    number: int | None
    start_date: date
    end_date: date | None
    seats: int | None


@dataclass(frozen=True, slots=True)
class QuotaRecord(Provenance):
    id: str
    term_id: str
    member_category: str
    seats: int


@dataclass(frozen=True, slots=True)
class MembershipRecord(Provenance):
    id: str
    person_id: str
    body_id: str
    role: str
    member_category: str | None
    label: str | None
    start_date: date | None
    end_date: date | None
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


@dataclass(frozen=True, slots=True)
class BucketRecord:
    bodies: int
    people: int


@dataclass(frozen=True, slots=True)
class ConcentrationRecord:
    total_people: int
    total_seats: int
    buckets: list[BucketRecord]


@dataclass(frozen=True, slots=True)
class LoadRecord:
    person_id: str
    bodies: int


@dataclass(frozen=True, slots=True)
class PostRecord(Provenance):
    id: str
    local_id: str
    dataset: str
    label: str
    role: str | None
    body_id: str | None
    organization_id: str | None


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class AffiliationRecord(Provenance):
    id: str
    person_id: str
    organization_id: str
    title: str | None
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True, slots=True)
class PossibleMatchRecord(Provenance):
    person_id: str
    other_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class PartnerRecord(Provenance):
    project_id: str
    organization_id: str
    role: str | None
