"""The one definition of what the store holds.

Node labels, relationship types and their typed properties are declared here
once; the Ladybug DDL, the Neo4j constraints and indexes, and the schema that
the Cypher linter checks labels and properties against are all generated from
it (see :mod:`graph.ddl`).

Every node and relationship carries ``id``, ``dataset``, ``sources`` (where in
which document the fact comes from, ``<file>:<line>``) and ``confidence``
(``stated`` or ``inferred``). The model follows Popolo where it fits
(Person, Organization, Membership, Post) [1]_.

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


S, I, F, B, D, L = (
    PropertyType.STRING,
    PropertyType.INT,
    PropertyType.FLOAT,
    PropertyType.BOOL,
    PropertyType.DATE,
    PropertyType.STRING_LIST,
)

PROVENANCE: dict[str, PropertyType] = {"sources": L, "confidence": S}
IDENTITY: dict[str, PropertyType] = {"id": S, "dataset": S, "local_id": S}


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
        return {**IDENTITY, **self.own, **PROVENANCE}


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
        return {"id": S, "dataset": S, **self.own, **PROVENANCE}


NODES: tuple[NodeType, ...] = (
    NodeType("Dataset", {"title": S, "description": S, "licence": S, "content_hash": S,
                         "pseudonymous_tables": L}),
    NodeType("Person", {"name": S, "other_names": L, "category": S, "public_figure": B,
                        "pseudonymous": B}),
    NodeType("Body", {"name": S, "name_en": S, "classification": S, "capacity": I,
                      "meeting_cadence": S, "founding_date": D, "dissolution_date": D,
                      "notes": S}),
    NodeType("Organization", {"name": S, "name_en": S, "classification": S}),
    NodeType("Project", {"name": S, "name_en": S, "kind": S, "year": I, "budget_krw": I,
                         "status": S, "start_date": D, "end_date": D, "location": S}),
    NodeType("Term", {"number": I, "start_date": D, "end_date": D, "seats": I}),
    NodeType("Quota", {"member_category": S, "seats": I}),
    NodeType("Meeting", {"number": I, "date": D, "mode": S, "seats": I, "attendees": I}),
    NodeType("Tally", {"member_category": S, "seats": I, "present": I}),
    NodeType("AllowanceRate", {"body_classification": S, "member_group": S, "mode": S,
                               "amount_krw": I, "valid_from": D, "valid_to": D}),
)

RELATIONSHIPS: tuple[RelType, ...] = (
    RelType("MEMBER_OF", "Person", "Body", {"role": S, "member_category": S, "label": S,
                                            "start_date": D, "end_date": D}),
    RelType("PART_OF", "Body", "Body"),
    RelType("SUBORGANIZATION_OF", "Organization", "Organization"),
    RelType("LED_BY", "Body", "Organization"),
    RelType("PROJECT_LED_BY", "Project", "Organization"),
    RelType("RUN_BY", "Project", "Body"),
    RelType("TERM_OF", "Term", "Body"),
    RelType("QUOTA_OF", "Quota", "Term"),
    RelType("MEETING_OF", "Meeting", "Body"),
    RelType("TALLY_OF", "Tally", "Meeting"),
    RelType("ATTENDED", "Person", "Meeting", {"status": S, "mode": S}),
)

NODE_BY_LABEL: dict[str, NodeType] = {n.label: n for n in NODES}
REL_BY_TYPE: dict[str, RelType] = {r.type: r for r in RELATIONSHIPS}
