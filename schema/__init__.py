"""The GraphQL schema: strawberry types, inputs and the query root."""

from schema.root import schema

__all__ = ["schema"]
