"""The tables a govgraph dataset may contain, and how each becomes nodes and relationships.

Each table is one resource of a Frictionless Data Package [1]_. govgraph owns
the canonical schema of every table it knows (field types, required fields,
allowed values, primary and foreign keys); a dataset's CSV files are validated
against these, whatever ``datapackage.json`` declares. Optional columns may be
left out of a CSV file; required ones may not.

Identifiers in a dataset are local (``council``); in the store they are
prefixed with the dataset name (``seodaemun-2021/council``) so that datasets
never collide.

References
----------
.. [1] Frictionless Data, "Data Package" and "Table Schema" specifications,
   https://specs.frictionlessdata.io/
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.bulk import column

Field = dict[str, Any]

CONFIDENCE = ("stated", "inferred")
BODY_CLASSIFICATIONS = (
    "council", "steering_committee", "subcommittee", "working_group", "task_force",
    "committee", "advisory_board", "legislature", "chamber", "executive", "other",
)
ORGANIZATION_CLASSIFICATIONS = (
    "government", "bureau", "department", "team", "support_centre", "ngo", "institute",
    "association", "cooperative", "company", "university", "legislature", "party", "other",
)
ROLES = (
    "chair", "co_chair", "vice_chair", "leader", "member", "expert", "official",
    "facilitator", "secretary", "advisor", "coordinator", "observer",
)
APPEARANCE_ROLES = (
    "presenter", "moderator", "panelist", "discussant", "speaker", "host", "lecturer",
    "keynote", "greeting", "author", "participant", "facilitator", "guide", "expert", "member",
    "organizer",
)
MEETING_MODES = ("offline", "online", "hybrid")
ATTENDANCE_STATUSES = ("present", "absent", "excused")
LIST_SEPARATOR = ";"


def text(name: str, *, required: bool = False, enum: tuple[str, ...] | None = None) -> Field:
    constraints: dict[str, Any] = {"required": True} if required else {}
    if enum:
        constraints["enum"] = list(enum)
    return {"name": name, "type": "string", **({"constraints": constraints} if constraints else {})}


def integer(name: str, *, required: bool = False) -> Field:
    constraints: dict[str, Any] = {"minimum": 0}
    if required:
        constraints["required"] = True
    return {"name": name, "type": "integer", "constraints": constraints}


def day(name: str, *, required: bool = False) -> Field:
    base: Field = {"name": name, "type": "date"}
    if required:
        base["constraints"] = {"required": True}
    return base


def flag(name: str) -> Field:
    return {"name": name, "type": "boolean"}


def names(name: str) -> Field:
    """A list of strings written as one cell, separated by ``;``."""
    return {"name": name, "type": "string", "govgraph:list": True}


@dataclass(frozen=True)
class Reference:
    """A column holding the local id of a row in another table, stored as a relationship."""

    column: str
    table: str
    rel_type: str | None
    """Relationship created from this row to the referenced one (None: kept as endpoint)."""


@dataclass(frozen=True)
class Table:
    """One known resource of a dataset.

    ``label`` is the node label each row becomes; for a relationship table
    (memberships, attendance) ``rel_type`` is set instead and the two
    ``endpoints`` references give its source and target.
    """

    resource: str
    fields: tuple[Field, ...]
    label: str | None = None
    rel_type: str | None = None
    references: tuple[Reference, ...] = ()
    endpoints: tuple[str, str] | None = None
    date_order: tuple[str, str] | None = None
    one_of: tuple[str, ...] = ()
    """Columns of which exactly one must have a value in every row."""
    at_most: tuple[tuple[str, str], ...] = ()
    """Pairs of integer columns (count, bound): the count may not exceed the bound."""
    unique_together: tuple[str, ...] = ()
    """Columns no two rows may share all values of (the same tie twice)."""
    distinct: tuple[str, str] | None = None
    """Two columns that may not hold the same value in one row (a tie to itself)."""
    unique_over_time: tuple[tuple[str, ...], tuple[str, str]] | None = None
    """Columns that identify one seat, and its date columns: no two rows with the same
    values may overlap in time."""

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.all_fields]

    @property
    def required(self) -> list[str]:
        return [f["name"] for f in self.all_fields if f.get("constraints", {}).get("required")]

    @property
    def all_fields(self) -> list[Field]:
        return [
            {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
            *self.fields,
            text("sources", required=True),
            text("confidence", required=True, enum=CONFIDENCE),
        ]

    @property
    def upsert_statement(self) -> str:
        if self.label:
            return f"upsert_{_snake(self.label)}"
        assert self.rel_type
        return f"upsert_{self.rel_type.lower()}"

    def field(self, name: str) -> Field:
        return next(f for f in self.all_fields if f["name"] == name)


def _snake(label: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(label))


TABLES: tuple[Table, ...] = (
    Table(
        "organizations",
        (text("name", required=True), text("name_en"),
         text("classification", required=True, enum=ORGANIZATION_CLASSIFICATIONS),
         text("parent_id"), text("popolo")),
        label="Organization",
        references=(Reference("parent_id", "organizations", "SUBORGANIZATION_OF"),),
    ),
    Table(
        "bodies",
        (text("name", required=True), text("name_en"),
         text("classification", required=True, enum=BODY_CLASSIFICATIONS),
         text("parent_id"), text("lead_organization_id"), integer("capacity"),
         text("meeting_cadence"), day("founding_date"), day("dissolution_date"), text("notes"),
         text("popolo")),
        label="Body",
        references=(Reference("parent_id", "bodies", "PART_OF"),
                    Reference("lead_organization_id", "organizations", "LED_BY")),
        date_order=("founding_date", "dissolution_date"),
    ),
    Table(
        "people",
        (text("name", required=True), names("other_names"), text("category"),
         flag("public_figure"), flag("pseudonymous"), text("given_name"), text("family_name"),
         text("gender"), text("birth_date"), text("death_date"), names("identifiers"),
         text("popolo")),
        label="Person",
    ),
    Table(
        "memberships",
        (text("person_id", required=True), text("body_id", required=True),
         text("role", required=True, enum=ROLES), text("member_category"), text("label"),
         day("start_date"), day("end_date"), text("on_behalf_of_id"), text("post_id"),
         text("area_id"), text("term_id"), text("popolo")),
        rel_type="MEMBER_OF",
        references=(Reference("person_id", "people", None), Reference("body_id", "bodies", None)),
        endpoints=("person_id", "body_id"),
        date_order=("start_date", "end_date"),
        unique_over_time=(("person_id", "body_id", "role"), ("start_date", "end_date")),
    ),
    Table(
        "projects",
        (text("name", required=True), text("name_en"), text("kind", required=True),
         integer("year"), integer("budget_krw"), text("status"), day("start_date"),
         day("end_date"), text("location"), text("lead_organization_id"), text("body_id"),
         text("parent_id"), integer("participants")),
        label="Project",
        references=(Reference("lead_organization_id", "organizations", "PROJECT_LED_BY"),
                    Reference("body_id", "bodies", "RUN_BY"),
                    Reference("parent_id", "projects", "SUBPROJECT_OF")),
        date_order=("start_date", "end_date"),
    ),
    Table(
        "posts",
        (text("label", required=True), text("role"), text("body_id"), text("organization_id"),
         text("popolo")),
        label="Post",
        references=(Reference("body_id", "bodies", "POST_OF"),
                    Reference("organization_id", "organizations", "POST_IN")),
    ),
    Table(
        "appearances",
        (text("person_id"), text("post_id"), text("project_id", required=True),
         text("role", required=True, enum=APPEARANCE_ROLES), text("affiliation"),
         text("organization_id"), text("title"), day("date")),
        label="Appearance",
        references=(Reference("person_id", "people", "BY_PERSON"),
                    Reference("post_id", "posts", "BY_POST"),
                    Reference("project_id", "projects", "AT"),
                    Reference("organization_id", "organizations", "ON_BEHALF_OF")),
        one_of=("person_id", "post_id"),
    ),
    Table(
        "affiliations",
        (text("person_id", required=True), text("organization_id", required=True),
         text("title"), day("start_date"), day("end_date"), text("membership_id"),
         text("popolo")),
        rel_type="AFFILIATED_WITH",
        references=(Reference("person_id", "people", None),
                    Reference("organization_id", "organizations", None)),
        endpoints=("person_id", "organization_id"),
        date_order=("start_date", "end_date"),
    ),
    Table(
        "project_partners",
        (text("organization_id", required=True), text("project_id", required=True),
         text("role")),
        rel_type="PARTNER_IN",
        references=(Reference("organization_id", "organizations", None),
                    Reference("project_id", "projects", None)),
        endpoints=("organization_id", "project_id"),
    ),
    Table(
        "possible_matches",
        (text("person_id", required=True), text("other_person_id", required=True),
         text("reason", required=True)),
        rel_type="POSSIBLY_SAME_AS",
        references=(Reference("person_id", "people", None),
                    Reference("other_person_id", "people", None)),
        endpoints=("person_id", "other_person_id"),
        unique_together=("person_id", "other_person_id"),
        distinct=("person_id", "other_person_id"),
    ),
    Table(
        "terms",
        (text("body_id", required=True), integer("number"), text("name"),
         day("start_date", required=True), day("end_date"), integer("seats"), text("popolo")),
        label="Term",
        references=(Reference("body_id", "bodies", "TERM_OF"),),
        date_order=("start_date", "end_date"),
    ),
    Table(
        "quotas",
        (text("term_id", required=True), text("member_category", required=True),
         integer("seats", required=True)),
        label="Quota",
        references=(Reference("term_id", "terms", "QUOTA_OF"),),
    ),
    Table(
        "meetings",
        (text("body_id", required=True), integer("number"), day("date", required=True),
         text("mode", enum=MEETING_MODES), integer("seats"), integer("attendees")),
        label="Meeting",
        references=(Reference("body_id", "bodies", "MEETING_OF"),),
        at_most=(("attendees", "seats"),),
    ),
    Table(
        "attendance_tallies",
        (text("meeting_id", required=True), text("member_category", required=True),
         integer("seats", required=True), integer("present", required=True)),
        label="Tally",
        references=(Reference("meeting_id", "meetings", "TALLY_OF"),),
        at_most=(("present", "seats"),),
    ),
    Table(
        "attendance",
        (text("person_id", required=True), text("meeting_id", required=True),
         text("status", required=True, enum=ATTENDANCE_STATUSES),
         text("mode", enum=MEETING_MODES)),
        rel_type="ATTENDED",
        references=(Reference("person_id", "people", None),
                    Reference("meeting_id", "meetings", None)),
        endpoints=("person_id", "meeting_id"),
        unique_together=("person_id", "meeting_id"),
    ),
    Table(
        "allowance_rates",
        (text("body_classification", required=True, enum=BODY_CLASSIFICATIONS),
         text("member_group", required=True), text("mode", required=True, enum=MEETING_MODES),
         integer("amount_krw", required=True), day("valid_from"), day("valid_to")),
        label="AllowanceRate",
        date_order=("valid_from", "valid_to"),
    ),
    # Popolo areas and events other than legislative periods (those are terms). The ids of
    # areas and organisations they name are kept as text, not relationships.
    Table(
        "areas",
        (text("name", required=True), text("classification"), text("parent_id"),
         text("popolo")),
        label="Area",
    ),
    Table(
        "events",
        (text("name", required=True), text("classification"), day("start_date"),
         day("end_date"), text("organization_id"), text("popolo")),
        label="Event",
        date_order=("start_date", "end_date"),
    ),
)

TABLE_BY_RESOURCE: dict[str, Table] = {t.resource: t for t in TABLES}


@dataclass
class StoreRows:
    """What one dataset becomes: rows per upsert statement, and every id it keeps.

    The rows of a statement are dicts or :class:`graph.bulk.Columns`.
    """

    nodes: dict[str, Sequence[dict[str, Any]]] = field(default_factory=dict)
    relationships: dict[str, Sequence[dict[str, Any]]] = field(default_factory=dict)

    @property
    def node_ids(self) -> list[str]:
        return [key for rows in self.nodes.values() for key in column(rows, "id")]

    @property
    def relationship_count(self) -> int:
        return sum(len(rows) for rows in self.relationships.values())
