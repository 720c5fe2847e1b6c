"""Lists of plain objects completed in one loop per list.

A large answer is mostly lists of small objects whose fields need nothing of
GraphQL's general machinery: a thousand bodies' members, each with a role and a
person's name. graphql-core completes every one of those objects field by field,
building a resolve info, checking for awaitables and nulls, and recursing through
its completion functions for each, which costs many times what the resolvers do.

:class:`BulkExecution` completes such a list with a *plan*, made once per request
for each list field of the document: for every field of the item type, how to read
it (an attribute, or a method called with the shared ``Info`` of its field) and how
to complete it (serialize a scalar or enum, or follow the plan of a nested object).
A field is plain when it is a scalar, an enum, ``__typename`` or a single object whose
fields are all plain, read by a direct resolver of :mod:`schema.lean` with no
arguments, under no directive. Every other field of a list's items (arguments, an
awaitable, a list, a directive) is executed by graphql-core, for each item, inside
the same loop, and what it awaits is awaited with the other items'. A selection
with a deferred fragment, a streamed list or middleware is left to graphql-core.

A plain field that cannot be completed as such in some item (its resolver raises or
returns an awaitable, a null where the type forbids it, a value its type refuses)
becomes one graphql-core executes, from that item on: graphql-core resolves it again
and reports it as it always does. Resolvers of plain fields only read, so reading
twice changes nothing.

One rule follows from the shared ``Info``: a resolver completed in bulk sees the
``path`` of its field in the first item that needed it. None reads it (paths are
only reported in errors, and a field that errs is executed by graphql-core, which
gives the item's own path).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLID,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLString,
    Undefined,
    is_leaf_type,
)
from graphql.pyutils import Path
from graphql.pyutils.gather_with_cancel import gather_with_cancel

from schema.lean import Direct, LeanExecution, directs
from schema.loaders import let_go

_BAIL = object()
"""What completing an item in bulk gives where graphql-core must complete it."""

_TYPENAME, _LEAF, _OBJECT, _GENERAL = range(4)

_PLAIN_VALUES = frozenset({type(None), bool, int, float, str, date})
"""Types of values that are never awaitable (checked before the general test)."""
_STANDARD = (GraphQLString, GraphQLID, GraphQLBoolean)
_PASSTHROUGH = {"String": str, "ID": str, "Boolean": bool}


@dataclass(slots=True)
class _Field:
    """One response key of a plan: how its value is read and completed."""

    key: str
    kind: int
    direct: Direct | None = None
    non_null: bool = False
    leaf: GraphQLLeafType | None = None
    plan: Plan | None = None
    typename: str = ""
    passthrough: type | None = None
    """The one type of value a leaf's serialization returns unchanged (``str`` for a
    string or an id, ``bool`` for a boolean): such a value is not serialized."""
    info_of: Callable[[Path], Any] | None = None
    """Builds the field's strawberry ``Info`` at a list's path (for methods reading it)."""
    details: Any = None
    """The field's nodes, should graphql-core execute it (``_GENERAL``)."""


@dataclass(slots=True)
class Plan:
    """How to complete an object of one type under one selection.

    A list's items may have fields that graphql-core executes (``general``: arguments,
    awaitables, lists, anything not plain); a nested object's plan may not.
    """

    object_type: GraphQLObjectType
    fields: list[_Field] = field(default_factory=list)
    general: bool = False


class BulkExecution(LeanExecution):
    """Lean execution, with lists of objects completed by a plan per list field."""

    def complete_iterable_value(self, item_type: GraphQLOutputType, field_details_list: Any,
                                info: GraphQLResolveInfo[Any], path: Path, items: Iterable[Any],
                                position_context: Any) -> Any:
        plan = self._list_plan(item_type, field_details_list, path)
        if plan is None:
            return super().complete_iterable_value(item_type, field_details_list, info, path,
                                                   items, position_context)
        infos: dict[int, Any] = {}
        completed: list[Any] = []
        awaitable_at: list[int] = []
        try:
            for index, item in enumerate(items):
                item_path = path.add_key(index, None)
                if self.is_awaitable(item):  # graphql-core's own path for what is unusual
                    completed.append(self.complete_awaitable_list_item_value(
                        item, item_type, field_details_list, info, item_path,
                        position_context))
                    awaitable_at.append(index)
                    continue
                if item is None:
                    self.complete_list_item_value(item, completed, item_type,
                                                  field_details_list, info, item_path,
                                                  position_context)
                    continue
                value = self._execute_general(
                    plan, item, item_path, self._complete(plan, item, item_path, infos),
                    item_type, field_details_list, position_context)
                if self.is_awaitable(value):
                    awaitable_at.append(index)
                completed.append(value)
        except Exception:  # an item that may not be null is: the list fails, as in graphql-core
            if awaitable_at:
                self.settle_in_background([completed[index] for index in awaitable_at])
            raise
        if not awaitable_at:
            return completed
        return self._awaiting(completed, awaitable_at)

    @staticmethod
    async def _awaiting(completed: list[Any], awaitable_at: list[int]) -> list[Any]:
        """``completed`` once the items completing asynchronously are in (all at once: each
        may wait on a loader, whose batch must see them all)."""
        done = await gather_with_cancel(*(completed[index] for index in awaitable_at))
        for index, value in zip(awaitable_at, done, strict=True):
            completed[index] = value
        return completed

    def _execute_general(self, plan: Plan, source: Any, path: Path, result: dict[str, Any],
                         item_type: GraphQLOutputType, field_details_list: Any,
                         position_context: Any) -> Any:
        """``result`` with the fields graphql-core executes, as its ``execute_fields`` and
        ``complete_list_item_value`` would: an error is the field's, or the item's where the
        field may not be null; awaitables are awaited together."""
        pending: list[str] = []
        try:
            for entry in plan.fields:
                if entry.kind != _GENERAL:
                    continue
                value = self.execute_field(plan.object_type, source, entry.details,
                                           Path(path, entry.key, plan.object_type.name),
                                           position_context)
                if value is Undefined:
                    del result[entry.key]
                    continue
                result[entry.key] = value
                if self.is_awaitable(value):
                    pending.append(entry.key)
        except Exception as raw_error:
            if pending:
                self.settle_in_background([result[key] for key in pending])
            self.handle_field_error(raw_error, item_type, field_details_list, path)
            return None
        if not pending:
            return result
        return self._item_later(result, pending, item_type, field_details_list, path)

    async def _item_later(self, result: dict[str, Any], pending: list[str],
                          item_type: GraphQLOutputType, field_details_list: Any,
                          path: Path) -> Any:
        try:
            if len(pending) == 1:
                result[pending[0]] = await result[pending[0]]
            else:
                values = await gather_with_cancel(*(result[key] for key in pending))
                result.update(zip(pending, values, strict=True))
        except Exception as raw_error:
            self.handle_field_error(raw_error, item_type, field_details_list, path)
            return None
        return result

    def _complete(self, plan: Plan, source: Any, path: Path, infos: dict[int, Any]) -> Any:
        """``source`` completed by ``plan`` (general fields left for later, in place), or
        ``_BAIL``.

        In a list's plan (``plan.general``), a field that cannot be completed here becomes
        one graphql-core executes, for this item and the next: a seat's ``body``, read by a
        loader, is then awaited with the others' rather than sending every seat back.
        """
        result: dict[str, Any] = {}
        for entry in plan.fields:
            kind = entry.kind
            if kind == _TYPENAME:
                result[entry.key] = entry.typename
                continue
            if kind != _GENERAL:
                value = self._plain(entry, source, path, infos)
                if value is not _BAIL:
                    result[entry.key] = value
                    continue
                if not plan.general:
                    return _BAIL
                entry.kind = _GENERAL
            result[entry.key] = None  # keeps the key's place in the answer
        return result

    def _plain(self, entry: _Field, source: Any, path: Path, infos: dict[int, Any]) -> Any:
        """The completed value of a plain field, or ``_BAIL``."""
        value = self._read(entry, source, path, infos)
        if value is _BAIL:
            return _BAIL
        if value is None:
            return _BAIL if entry.non_null else None
        if entry.kind == _LEAF:
            if type(value) is entry.passthrough:  # serializing it would give it back
                return value
            assert entry.leaf is not None
            try:
                value = entry.leaf.coerce_output_value(value)
            except Exception:  # graphql-core reports it
                return _BAIL
            return _BAIL if value is None or value is Undefined else value
        assert entry.plan is not None
        return self._complete(entry.plan, value, path, infos)

    def _read(self, entry: _Field, source: Any, path: Path, infos: dict[int, Any]) -> Any:
        direct = entry.direct
        assert direct is not None
        try:
            if direct.method is None:
                value = getattr(source, direct.attribute)
            elif direct.info_name is None:
                value = direct.method(source)
            else:
                shared = infos.get(id(entry))
                if shared is None:
                    assert entry.info_of is not None
                    shared = infos[id(entry)] = entry.info_of(path)
                value = (direct.method(source, shared) if direct.info_positional
                         else direct.method(source, **{direct.info_name: shared}))
        except Exception:  # graphql-core resolves it again and reports it
            return _BAIL
        if type(value) not in _PLAIN_VALUES and self.is_awaitable(value):
            let_go(value)
            return _BAIL
        return value

    def _list_plan(self, item_type: GraphQLOutputType, field_details_list: Any,
                   path: Path) -> Plan | None:
        """The plan for this list's items, if they may be completed in bulk."""
        inner = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        if not isinstance(inner, GraphQLObjectType):
            return None
        manager = self.middleware_manager
        if (manager and manager.middlewares) or self.get_stream_usage(field_details_list,
                                                                      path) is not None:
            return None
        return self._plan(inner, field_details_list, general=True)

    def _plan(self, object_type: GraphQLObjectType, field_details_list: Any,
              general: bool) -> Plan | None:
        plans = self.__dict__.setdefault("_bulk_plans", {})
        key = (object_type, id(field_details_list), general)
        if key not in plans:  # the list is kept with its plan, so its id is not reused
            plans[key] = (field_details_list,
                          self._make_plan(object_type, field_details_list, general))
        plan: Plan | None = plans[key][1]
        return plan

    def _make_plan(self, object_type: GraphQLObjectType, field_details_list: Any,
                   general: bool) -> Plan | None:
        """A plan, if some fields are plain and (``general`` or not) all of them are."""
        if object_type.is_type_of is not None:
            return None
        grouped, new_defer_usages, _ = self.collect_subfields(object_type, field_details_list)
        if new_defer_usages:
            return None
        plan = Plan(object_type, general=general)
        for key, details in grouped.items():
            entry = self._plan_field(object_type, key, details)
            if entry is None:
                if not general:
                    return None
                entry = _Field(key, _GENERAL, details=details)
            plan.fields.append(entry)
        if all(entry.kind == _GENERAL for entry in plan.fields):
            return None
        return plan

    def _plan_field(self, object_type: GraphQLObjectType, key: str, details: Any
                    ) -> _Field | None:
        """How to read and complete a plain field, or None if it is not plain."""
        if len(details) != 1 or details[0].defer_usage is not None or getattr(
                details[0], "fragment_variable_values", None) is not None:
            return None
        node = details[0].node
        if node.directives or node.arguments:
            return None
        name = node.name.value
        if name == "__typename":
            return _Field(key, _TYPENAME, typename=object_type.name)
        definition = object_type.fields.get(name)
        direct = directs.get(definition.resolve) if definition and definition.resolve else None
        if definition is None or direct is None:
            return None
        output = definition.type
        non_null = isinstance(output, GraphQLNonNull)
        inner = output.of_type if isinstance(output, GraphQLNonNull) else output
        entry = _Field(key, _LEAF, direct, non_null, details=details)
        if direct.info_name is not None:
            entry.info_of = self._info_builder(definition, details, object_type, key, direct)
        if is_leaf_type(inner):
            entry.leaf = inner
            entry.passthrough = _PASSTHROUGH.get(inner.name) if inner in _STANDARD else None
            return entry
        if isinstance(inner, GraphQLList) or not isinstance(inner, GraphQLObjectType):
            return None
        entry.kind, entry.plan = _OBJECT, self._plan(inner, details, general=False)
        return entry if entry.plan is not None else None

    def _info_builder(self, definition: Any, details: Any, object_type: GraphQLObjectType,
                      key: str, direct: Direct) -> Callable[[Path], Any]:
        nodes = [d.node for d in details]

        def info_of(path: Path) -> Any:
            raw = self.build_resolve_info(definition, nodes, object_type,
                                          path.add_key(key, object_type.name))
            return direct.info_class(_raw_info=raw, _field=direct.field)

        return info_of

