"""Schema statements for each backend, generated from :mod:`graph.model`.

This is the only place where backend-specific Cypher is written: Ladybug needs
declared node and relationship tables, Neo4j needs uniqueness constraints and
indexes. Everything else runs the portable statements in ``queries/``.
"""

from __future__ import annotations

from graph.model import ALL_TYPES, NODES, RELATIONSHIPS, NodeType, PropertyType, RelType


def _columns(properties: dict[str, PropertyType]) -> str:
    return ", ".join(f"{name} {ptype.value}" for name, ptype in properties.items())


def ladybug_node_table(node: NodeType) -> str:
    """``CREATE NODE TABLE`` for one label, keyed on its global ``id``."""
    return (
        f"CREATE NODE TABLE IF NOT EXISTS {node.label}"
        f"({_columns(node.properties)}, PRIMARY KEY(id))"
    )


def ladybug_rel_table(rel: RelType) -> str:
    """``CREATE REL TABLE`` for one relationship type."""
    return (
        f"CREATE REL TABLE IF NOT EXISTS {rel.type}"
        f"(FROM {rel.source} TO {rel.target}, {_columns(rel.properties)})"
    )


def ladybug_add_column(table: str, name: str, ptype: PropertyType) -> str:
    """``ALTER TABLE`` that adds a property the model gained since the store was made."""
    return f"ALTER TABLE {table} ADD {name} {ptype.value}"


def ladybug_copy(table: str) -> str:
    """``COPY`` of the Arrow table passed as ``$rows`` into a node or relationship table.

    The Arrow table's columns are the table's own, in its order (``table_info``);
    a relationship table's rows start with the ``from`` and ``to`` node ids.
    """
    return f"COPY {table} FROM $rows"


def ladybug_schema() -> list[str]:
    """All Ladybug DDL, node tables first (relationship tables refer to them)."""
    return [ladybug_node_table(n) for n in NODES] + [ladybug_rel_table(r) for r in RELATIONSHIPS]


def neo4j_schema() -> list[str]:
    """Neo4j 5 constraints and indexes: unique ``id`` per label, indexed ``dataset`` (and
    ``canonical_id`` where a label has it)."""
    statements: list[str] = []
    for node in NODES:
        low = node.label.lower()
        statements.append(
            f"CREATE CONSTRAINT {low}_id IF NOT EXISTS FOR (n:{node.label}) REQUIRE n.id IS UNIQUE"
        )
        statements.append(
            f"CREATE INDEX {low}_dataset IF NOT EXISTS FOR (n:{node.label}) ON (n.dataset)"
        )
        if "canonical_id" in node.properties:  # `sameAs` finds a record's others by it
            statements.append(f"CREATE INDEX {low}_canonical IF NOT EXISTS "
                              f"FOR (n:{node.label}) ON (n.canonical_id)")
    for rel in RELATIONSHIPS:
        low = rel.type.lower()
        statements.append(
            f"CREATE INDEX {low}_id IF NOT EXISTS FOR ()-[r:{rel.type}]-() ON (r.id)"
        )
    return statements


ROW_KEYS = ("source", "target")
"""Keys of the ``$rows`` maps that write statements read but do not store as properties."""


def lint_schema() -> dict[str, list[str]]:
    """Labels, relationship types and property keys, for the Neo4j linter's ``DbSchema``.

    Map keys read with the property syntax (``row.source``) count as property
    keys for the linter, so :data:`ROW_KEYS` are listed too.
    """
    keys: set[str] = set(ROW_KEYS)
    for item in ALL_TYPES:
        keys.update(item.properties)
    return {
        "labels": [n.label for n in NODES],
        "relationshipTypes": [r.type for r in RELATIONSHIPS],
        "propertyKeys": sorted(keys),
    }
