"""What a field's selection asks for, read from the document before the field resolves.

A resolver may read less from the store when it knows which of its fields will be
asked: :func:`asks_only` tells whether a selection stays within an allowance, a
nested mapping from field names to what may be asked below them (``ANY``: anything).
The reading is deliberately narrow: a fragment, or a directive anywhere in the
selection, counts as asking for more, so the resolver takes its general path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

from graphql.language import FieldNode

Allowance: TypeAlias = "Mapping[str, Allowance] | None"
ANY: Allowance = None
"""Below this field, anything may be asked."""
LEAF: Allowance = {}
"""A field with nothing below it (a scalar)."""


def asks_only(nodes: Iterable[FieldNode], allowed: Mapping[str, Allowance]) -> bool:
    """Whether the selections of ``nodes`` (one field's nodes, e.g. ``info.field_nodes``)
    ask for nothing beyond ``allowed``."""
    for node in nodes:
        if node.selection_set is None:
            continue
        for selection in node.selection_set.selections:
            if not isinstance(selection, FieldNode) or selection.directives:
                return False
            name = selection.name.value
            if name not in allowed:
                return False
            below = allowed[name]
            if below is not None and not asks_only([selection], below):  # None: ANY
                return False
    return True


def page_of(item: Mapping[str, Allowance]) -> Mapping[str, Allowance]:
    """The allowance of a connection (``schema.pagination.Connection``) of ``item``."""
    return {"__typename": LEAF, "totalCount": LEAF, "pageInfo": ANY, "nodes": item,
            "edges": {"__typename": LEAF, "cursor": LEAF, "node": item}}


def field_nodes(info: Any) -> list[FieldNode]:
    """The document's nodes of the field ``info`` (a strawberry ``Info``) resolves.

    strawberry's own ``selected_fields`` converts the whole selection on every call; a
    field resolved for each of a thousand items reads graphql-core's nodes instead.
    """
    nodes: list[FieldNode] = info._raw_info.field_nodes
    return nodes
