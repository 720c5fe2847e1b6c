"""Name each GraphQL operation in the request's audit record (see ``schema.context.Audit``).

The name is the operation type and either the client's operation name or the
root fields asked for; GraphQL names are ASCII identifiers, and no argument
value is recorded, so no person's name reaches the log through it.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import FieldNode, OperationDefinitionNode
from strawberry.extensions import SchemaExtension


class AuditOperation(SchemaExtension):
    """Record ``query PeopleSearch`` or ``query {people,network}`` for the audit log."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context.context
        access = getattr(context, "access", None)
        if access is None:
            return
        access.audit.operation = _describe(self.execution_context.graphql_document,
                                           self.execution_context.operation_name)


def _describe(document: object, name: str | None) -> str:
    definitions = getattr(document, "definitions", None) or []
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    chosen = next((o for o in operations if name and o.name and o.name.value == name),
                  operations[0] if len(operations) == 1 else None)
    if chosen is None:
        return "graphql (unparsed)"
    kind = chosen.operation.value
    if chosen.name is not None:
        return f"{kind} {chosen.name.value}"
    fields = [s.name.value for s in chosen.selection_set.selections if isinstance(s, FieldNode)]
    return f"{kind} {{{','.join(fields)}}}"
