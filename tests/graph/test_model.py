"""The model is the one source of the DDL, the constraints and the write statements."""

from __future__ import annotations

import re

from graph import ddl
from graph.model import NODES, RELATIONSHIPS
from graph.statements import statement
from ingest.tables import TABLES


def test_every_label_and_type_gets_ladybug_ddl() -> None:
    text = "\n".join(ddl.ladybug_schema())
    for node in NODES:
        assert f"CREATE NODE TABLE IF NOT EXISTS {node.label}(" in text
    for rel in RELATIONSHIPS:
        expected = f"CREATE REL TABLE IF NOT EXISTS {rel.type}(FROM {rel.source} TO {rel.target}"
        assert expected in text


def test_every_label_gets_a_neo4j_uniqueness_constraint_on_id() -> None:
    text = "\n".join(ddl.neo4j_schema())
    for node in NODES:
        assert f"FOR (n:{node.label}) REQUIRE n.id IS UNIQUE" in text


def test_every_node_and_relationship_carries_provenance() -> None:
    for item in (*NODES, *RELATIONSHIPS):
        assert {"id", "dataset", "sources", "confidence"} <= set(item.properties)


def test_upsert_statements_set_exactly_the_model_properties() -> None:
    by_name = {n.label: n for n in NODES} | {r.type: r for r in RELATIONSHIPS}
    for table in TABLES:
        item = by_name[table.label or table.rel_type or ""]
        text = statement(table.upsert_statement)
        assigned = set(re.findall(r"\b[nr]\.(\w+) = ", text))
        assert assigned == set(item.properties) - {"id"}, table.upsert_statement
