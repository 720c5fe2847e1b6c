"""Resolvers called directly, without strawberry's per-call wrapping, where it adds nothing.

Strawberry wraps every resolver in layers that convert arguments, apply field
extensions and permission classes, and handle exceptions by type. A field with
none of these (a plain attribute, or a method taking only ``self`` and ``info``)
pays for them on every call all the same: in a page of a thousand bodies with
their members that is tens of thousands of calls, each several times the cost of
the resolver itself. :func:`lean_resolvers` replaces the resolve function of
such fields in the built schema with one that calls the method, or reads the
attribute, as the wrapping would have in the end. Fields with arguments,
extensions or permissions keep strawberry's resolver.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import strawberry
from graphql import GraphQLField, GraphQLObjectType, GraphQLResolveInfo
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

Resolve = Callable[..., Any]


def lean_resolvers(schema: strawberry.Schema) -> int:
    """Give every eligible field of ``schema`` a direct resolver; the number replaced.

    Nothing is replaced when the schema has exception handlers or a default resolver
    other than ``getattr`` (either may apply to any field).
    """
    config = schema.config
    if config.default_resolver is not getattr or getattr(
            schema.schema_converter, "_exception_handler_specs", None):
        return 0
    replaced = 0
    for named in schema._schema.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        for graphql_field in named.fields.values():
            field = (graphql_field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if isinstance(field, StrawberryField):
                lean = _direct(field, graphql_field, config.info_class)
                if lean is not None:
                    graphql_field.resolve = lean
                    replaced += 1
    return replaced


def _direct(field: StrawberryField, graphql_field: GraphQLField,
            info_class: type[strawberry.Info[Any, Any]]) -> Resolve | None:
    """A resolver doing what strawberry's would for ``field``, or None if it may not."""
    if field.extensions or graphql_field.args or graphql_field.resolve is None:
        return None
    resolver = field.base_resolver
    if resolver is None:
        name = field.python_name

        def attribute(source: Any, info: GraphQLResolveInfo[Any]) -> Any:
            return getattr(source, name)

        return attribute
    reserved = {p for p in (resolver.self_parameter, resolver.info_parameter) if p is not None}
    parameters = resolver.signature.parameters.values()
    if (resolver.self_parameter is None or resolver.arguments
            or any(p not in reserved for p in parameters)):
        return None
    method = cast(Callable[..., Any], resolver.wrapped_func)
    if resolver.info_parameter is None:
        def without_info(source: Any, info: GraphQLResolveInfo[Any]) -> Any:
            return method(source)

        return without_info
    info_name = resolver.info_parameter.name

    def with_info(source: Any, info: GraphQLResolveInfo[Any]) -> Any:
        return method(source, **{info_name: info_class(_raw_info=info, _field=field)})

    return with_info
