"""Resolvers called directly, without strawberry's per-call wrapping, where it adds nothing;
leaf fields completed without graphql-core's general completion.

Strawberry wraps every resolver in layers that convert arguments, apply field
extensions and permission classes, and handle exceptions by type. A field with
none of these (a plain attribute, or a method taking only ``self`` and ``info``)
pays for them on every call all the same: in a page of a thousand bodies with
their members that is tens of thousands of calls, each several times the cost of
the resolver itself. :func:`lean_resolvers` replaces the resolve function of
such fields in the built schema with one that calls the method, or reads the
attribute, as the wrapping would have in the end. Fields with arguments,
extensions or permissions keep strawberry's resolver.

:class:`LeanExecution` then completes the fields so resolved whose type is a
scalar or an enum (``role``, ``name``: most fields of a large answer) in one
step: resolve, serialize. Anything else (an awaitable, a null where the type
forbids it, a value the type refuses, an error) takes graphql-core's own path,
which reports it as it always does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from inspect import Parameter
from typing import Any, cast
from weakref import WeakKeyDictionary

import strawberry
from graphql import (
    GraphQLField,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    Undefined,
    is_leaf_type,
)
from graphql.execution.values import get_argument_values
from graphql.language import FieldNode
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.arguments import convert_arguments
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
        if named is schema._schema.subscription_type:  # its fields subscribe, not resolve
            continue
        for graphql_field in named.fields.values():
            field = (graphql_field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if isinstance(field, StrawberryField):
                lean = _direct(field, graphql_field, config.info_class,
                               partial(convert_arguments, arguments=field.arguments,
                                       scalar_registry=schema.schema_converter.scalar_registry,
                                       config=config))
                if lean is not None:
                    graphql_field.resolve = lean
                    leaf = _leaf(graphql_field.type)
                    _leaf_types[lean] = (None if leaf is None
                                         else (*leaf, lean.__name__ != "attribute"))
                    replaced += 1
    return replaced


_leaf_types: dict[Resolve, tuple[GraphQLLeafType, bool, bool] | None] = {}
"""For each direct resolver, its field's scalar or enum type, whether it is non-null and
whether the resolver reads ``info`` (None for other types)."""


@dataclass(frozen=True, slots=True)
class Direct:
    """How a direct resolver without arguments reaches its value: an attribute of the
    source (``method`` None), or a method called with the source and, under
    ``info_name``, an ``info_class`` of ``field`` (``info_positional``: the method's second
    parameter, which may be passed by position)."""

    attribute: str
    method: Callable[..., Any] | None
    info_name: str | None
    field: StrawberryField
    info_class: type[strawberry.Info[Any, Any]]
    info_positional: bool = False


directs: dict[Resolve, Direct] = {}
"""The direct resolvers without arguments, by the resolve function they replaced."""


def _leaf(output: GraphQLOutputType) -> tuple[GraphQLLeafType, bool] | None:
    non_null = isinstance(output, GraphQLNonNull)
    inner = output.of_type if isinstance(output, GraphQLNonNull) else output
    return (inner, non_null) if is_leaf_type(inner) else None


class LeanExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution, with leaf fields of direct resolvers completed in one step."""

    def execute_field(self, parent_type: GraphQLObjectType, source: Any,
                      field_details_list: Any, path: Any, position_context: Any) -> Any:
        node: FieldNode = field_details_list[0].node
        field_def = parent_type.fields.get(node.name.value)
        manager = self.middleware_manager  # strawberry passes one, empty without hooks
        leaf = (_leaf_types.get(field_def.resolve)
                if field_def is not None and field_def.resolve is not None
                and not node.arguments and not (manager and manager.middlewares) else None)
        if leaf is not None:
            leaf_type, non_null, reads_info = leaf
            info = (self.build_resolve_info(field_def, [d.node for d in field_details_list],
                                            parent_type, path) if reads_info else None)
            try:
                value = field_def.resolve(source, info)
            except Exception:  # the general path below reports it
                value = Undefined
            if value is None and not non_null:
                return None
            if value is not None and value is not Undefined and not self.is_awaitable(value):
                try:
                    completed = leaf_type.coerce_output_value(value)
                except Exception:  # likewise
                    completed = None
                if completed is not None and completed is not Undefined:
                    return completed
            elif self.is_awaitable(value):
                if info is None:
                    info = self.build_resolve_info(field_def,
                                                   [d.node for d in field_details_list],
                                                   parent_type, path)
                return self.complete_awaitable_value(field_def.type,
                                                     field_details_list, info, path, value,
                                                     position_context)
        if (field_def is not None and field_def.resolve in _argument_resolvers
                and not (manager and manager.middlewares)):
            return self._execute_with_arguments(parent_type, field_def, source,
                                                field_details_list, path, position_context)
        return super().execute_field(parent_type, source, field_details_list, path,
                                     position_context)

    def _execute_with_arguments(self, parent_type: GraphQLObjectType, field_def: GraphQLField,
                                source: Any, field_details_list: Any, path: Any,
                                position_context: Any) -> Any:
        """graphql-core's ``execute_field``, with the field node's arguments coerced once per
        request: a thousand bodies' ``members(first: 1000)`` have the same ones (the
        variables do not change within a request), and coercing them again for each
        body cost more than the resolver's own work."""
        details = field_details_list[0]
        return_type = field_def.type
        info = self.build_resolve_info(field_def, [d.node for d in field_details_list],
                                       parent_type, path)
        try:
            known = self.__dict__.setdefault("_lean_arguments", {})
            arguments = known.get(id(details))
            if arguments is None:  # kept with its details, so that their id is not reused
                values = get_argument_values(
                    field_def, details.node, self.variable_values,
                    getattr(details, "fragment_variable_values", None), self.hide_suggestions)
                arguments = known[id(details)] = (details, values)
            resolve = cast(Resolve, field_def.resolve)  # one of _argument_resolvers
            result = resolve(source, info, **arguments[1])
            if self.is_awaitable(result):
                return self.complete_awaitable_value(return_type, field_details_list, info,
                                                     path, result, position_context)
            completed = self.complete_value(return_type, field_details_list, info, path,
                                            result, position_context)
            if self.is_awaitable(completed):
                return self._completed_later(completed, return_type, field_details_list, path)
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None
        return completed

    async def _completed_later(self, completed: Any, return_type: GraphQLOutputType,
                               field_details_list: Any, path: Any) -> Any:
        try:
            return await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None



def _direct(field: StrawberryField, graphql_field: GraphQLField,
            info_class: type[strawberry.Info[Any, Any]],
            convert: Callable[..., dict[str, Any]]) -> Resolve | None:
    """A resolver doing what strawberry's would for ``field``, or None if it may not."""
    if field.extensions or graphql_field.resolve is None:
        return None
    if graphql_field.args:
        return _with_arguments(field, info_class, convert)
    resolver = field.base_resolver
    if resolver is None:
        name = field.python_name

        def attribute(source: Any, info: GraphQLResolveInfo[Any]) -> Any:
            return getattr(source, name)

        directs[attribute] = Direct(name, None, None, field, info_class)
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

        directs[without_info] = Direct(field.python_name, method, None, field, info_class)
        return without_info
    info_name = resolver.info_parameter.name
    ordered = list(resolver.signature.parameters.values())
    positional = (len(ordered) == 2 and ordered[1] is resolver.info_parameter
                  and ordered[1].kind in (Parameter.POSITIONAL_ONLY,
                                          Parameter.POSITIONAL_OR_KEYWORD))

    def with_info(source: Any, info: GraphQLResolveInfo[Any]) -> Any:
        return method(source, **{info_name: info_class(_raw_info=info, _field=field)})

    directs[with_info] = Direct(field.python_name, method, info_name, field, info_class,
                                positional)
    return with_info


_converted: WeakKeyDictionary[Any, dict[tuple[int, int], tuple[dict[str, Any], dict[str, Any]]]]
_converted = WeakKeyDictionary()
"""Per request context: each field node's arguments as given and as converted."""


def _with_arguments(field: StrawberryField, info_class: type[strawberry.Info[Any, Any]],
                    convert: Callable[..., dict[str, Any]]) -> Resolve | None:
    """A direct resolver for a method taking ``self``, arguments and perhaps ``info``.

    The same field node gives the same arguments throughout a request (a thousand
    bodies' ``members(first: 1000)``): they are converted to their Python types once
    per request and node, and handed to each call as they are (resolvers only read
    their arguments).
    """
    resolver = field.base_resolver
    if resolver is None or resolver.self_parameter is None:
        return None
    reserved = {p for p in (resolver.self_parameter, resolver.info_parameter) if p is not None}
    names = {a.python_name for a in field.arguments}
    if any(p not in reserved and p.name not in names
           for p in resolver.signature.parameters.values()):
        return None
    method = cast(Callable[..., Any], resolver.wrapped_func)
    info_name = resolver.info_parameter.name if resolver.info_parameter is not None else None
    field_key = id(field)

    def with_arguments(source: Any, info: GraphQLResolveInfo[Any], /, **given: Any) -> Any:
        strawberry_info = info_class(_raw_info=info, _field=field)
        try:
            memo = _converted.setdefault(info.context, {})
        except TypeError:  # a context that cannot be referenced weakly: no memo
            memo = {}
        key = (id(info.field_nodes[0]), field_key)
        known = memo.get(key)
        if known is not None and known[0] == given:
            arguments = known[1]
        else:
            arguments = convert(given, info=strawberry_info)
            memo[key] = (given, arguments)
        if info_name is None:
            return method(source, **arguments)
        return method(source, **arguments, **{info_name: strawberry_info})

    _argument_resolvers.add(with_arguments)
    return with_arguments


_argument_resolvers: set[Resolve] = set()
"""The direct resolvers taking arguments (:meth:`LeanExecution.execute_field` coerces a
field node's arguments once per request for them)."""
