"""The one definition of what the store holds.

Node labels, relationship types and their typed properties are declared here
once; the Ladybug DDL, the Neo4j constraints and indexes, and the schema that
the Cypher linter checks labels and properties against are all generated from
it (see :mod:`graph.ddl`).

Every node and relationship carries ``id``, ``dataset``, ``sources`` (where in
which document the fact comes from, ``<file>:<line>``) and ``confidence``
(``stated`` or ``inferred``). People, bodies and organisations also carry
``canonical_id``: the id shared by every record judged to be the same one
(``data/judgements.csv``; its own id when unmerged; see :mod:`ingest.identity`).
The model follows Popolo where it fits (Person, Organization, Membership, Post,
Area, Event) [1]_. ``popolo`` holds, as JSON text, the record a Popolo import
read (every field as published, for a lossless export); analyses read only the
typed properties.

References
----------
.. [1] Popolo Project, "Data specifications", https://www.popoloproject.com/specs/
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class PropertyType(StrEnum):
    """The portable property types: each maps to one Ladybug column type."""

    STRING = "STRING"
    INT = "INT64"
    FLOAT = "DOUBLE"
    BOOL = "BOOLEAN"
    DATE = "DATE"
    STRING_LIST = "STRING[]"


TEXT, INT, BOOL, DAY, TEXTS = (
    PropertyType.STRING,
    PropertyType.INT,
    PropertyType.BOOL,
    PropertyType.DATE,
    PropertyType.STRING_LIST,
)

PROVENANCE: dict[str, PropertyType] = {"sources": TEXTS, "confidence": TEXT}
IDENTITY: dict[str, PropertyType] = {"id": TEXT, "dataset": TEXT, "local_id": TEXT}
ROW_HASH: dict[str, PropertyType] = {"row_hash": TEXT}
"""A digest of everything ingest wrote for a node or relationship: re-ingest compares it
to write only what changed. Last, so that stores made before it gain it at the end."""


@dataclass(frozen=True)
class NodeType:
    """A node label and its own properties (identity and provenance are added)."""

    label: str
    own: dict[str, PropertyType]

    @property
    def name(self) -> str:
        return self.label

    @property
    def properties(self) -> dict[str, PropertyType]:
        return {**IDENTITY, **self.own, **PROVENANCE, **ROW_HASH}


@dataclass(frozen=True)
class RelType:
    """A relationship type between two labels, with its own properties."""

    type: str
    source: str
    target: str
    own: dict[str, PropertyType] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.type

    @property
    def properties(self) -> dict[str, PropertyType]:
        return {"id": TEXT, "dataset": TEXT, **self.own, **PROVENANCE, **ROW_HASH}


NODES: tuple[NodeType, ...] = (
    NodeType("Dataset", {"title": TEXT, "description": TEXT, "licence": TEXT, "content_hash": TEXT,
                         "pseudonymous_tables": TEXTS}),
    NodeType("Person", {"name": TEXT, "other_names": TEXTS, "category": TEXT, "public_figure": BOOL,
                        "pseudonymous": BOOL, "given_name": TEXT, "family_name": TEXT,
                        "gender": TEXT, "birth_date": TEXT, "death_date": TEXT,
                        "identifiers": TEXTS, "popolo": TEXT, "canonical_id": TEXT}),
    NodeType("Body", {"name": TEXT, "name_en": TEXT, "classification": TEXT, "capacity": INT,
                      "meeting_cadence": TEXT, "founding_date": DAY, "dissolution_date": DAY,
                      "notes": TEXT, "popolo": TEXT, "canonical_id": TEXT}),
    NodeType("Organization", {"name": TEXT, "name_en": TEXT, "classification": TEXT,
                              "popolo": TEXT, "canonical_id": TEXT}),
    NodeType("Project", {"name": TEXT, "name_en": TEXT, "kind": TEXT, "year": INT,
                         "budget_krw": INT, "status": TEXT, "start_date": DAY, "end_date": DAY,
                         "location": TEXT, "participants": INT}),
    NodeType("Term", {"number": INT, "name": TEXT, "start_date": DAY, "end_date": DAY,
                      "seats": INT, "popolo": TEXT}),
    NodeType("Quota", {"member_category": TEXT, "seats": INT}),
    NodeType("Meeting", {"number": INT, "date": DAY, "mode": TEXT, "seats": INT, "attendees": INT}),
    NodeType("Tally", {"member_category": TEXT, "seats": INT, "present": INT}),
    NodeType("AllowanceRate", {"body_classification": TEXT, "member_group": TEXT, "mode": TEXT,
                               "amount_krw": INT, "valid_from": DAY, "valid_to": DAY}),
    NodeType("Post", {"label": TEXT, "role": TEXT, "popolo": TEXT}),
    NodeType("Appearance", {"role": TEXT, "affiliation": TEXT, "title": TEXT, "date": DAY}),
    NodeType("Area", {"name": TEXT, "classification": TEXT, "parent_id": TEXT, "popolo": TEXT}),
    NodeType("Event", {"name": TEXT, "classification": TEXT, "start_date": DAY, "end_date": DAY,
                       "organization_id": TEXT, "popolo": TEXT}),
    # An edit made through the API (graph.edits): append-only, never updated but for
    # ``status``. Its ``id`` is derived from the record and the version it was made against,
    # so two edits against one version cannot both be stored.
    NodeType("Change", {"sequence": INT, "record_id": TEXT, "record_kind": TEXT, "action": TEXT,
                        "editor": TEXT, "editor_role": TEXT, "at": TEXT, "fields": TEXTS,
                        "old_values": TEXT, "new_values": TEXT, "reason": TEXT,
                        "base_version": TEXT, "version": TEXT, "reverts": TEXT,
                        "status": TEXT, "person_id": TEXT}),
)

RELATIONSHIPS: tuple[RelType, ...] = (
    RelType("MEMBER_OF", "Person", "Body", {"role": TEXT, "member_category": TEXT, "label": TEXT,
                                            "start_date": DAY, "end_date": DAY,
                                            "on_behalf_of_id": TEXT, "post_id": TEXT,
                                            "area_id": TEXT, "term_id": TEXT, "popolo": TEXT}),
    RelType("PART_OF", "Body", "Body"),
    RelType("SUBORGANIZATION_OF", "Organization", "Organization"),
    RelType("LED_BY", "Body", "Organization"),
    RelType("PROJECT_LED_BY", "Project", "Organization"),
    RelType("RUN_BY", "Project", "Body"),
    RelType("TERM_OF", "Term", "Body"),
    RelType("QUOTA_OF", "Quota", "Term"),
    RelType("MEETING_OF", "Meeting", "Body"),
    RelType("TALLY_OF", "Tally", "Meeting"),
    RelType("ATTENDED", "Person", "Meeting", {"status": TEXT, "mode": TEXT}),
    RelType("SUBPROJECT_OF", "Project", "Project"),
    RelType("POST_OF", "Post", "Body"),
    RelType("POST_IN", "Post", "Organization"),
    RelType("BY_PERSON", "Appearance", "Person"),
    RelType("BY_POST", "Appearance", "Post"),
    RelType("AT", "Appearance", "Project"),
    RelType("ON_BEHALF_OF", "Appearance", "Organization"),
    RelType("AFFILIATED_WITH", "Person", "Organization", {"title": TEXT, "start_date": DAY,
                                                          "end_date": DAY, "membership_id": TEXT,
                                                          "popolo": TEXT}),
    RelType("PARTNER_IN", "Organization", "Project", {"role": TEXT}),
    RelType("POSSIBLY_SAME_AS", "Person", "Person", {"reason": TEXT}),
)

ALL_TYPES: tuple[NodeType | RelType, ...] = (*NODES, *RELATIONSHIPS)
NODE_BY_LABEL: dict[str, NodeType] = {n.label: n for n in NODES}
REL_BY_TYPE: dict[str, RelType] = {r.type: r for r in RELATIONSHIPS}
