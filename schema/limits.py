"""Limits on what one GraphQL request may ask: tokens, aliases, depth and cost.

Each refusal comes before any resolver runs, within milliseconds, as a
GraphQL error whose class (:mod:`schema.errors`) decides its code:
``TOKEN_LIMIT``, ``ALIAS_LIMIT``, ``DEPTH_LIMIT`` or ``QUERY_TOO_COMPLEX``.
Tokens are strawberry's own limiter (``MaxTokensLimiter``). Aliases, depth and
cost are counted here over the operation as it would run, every fragment
spread expanded, but each fragment is walked once (:class:`_Fragments` and
:class:`_Costing` remember what they counted): a document whose fragments
spread each other twice, twenty levels deep, is refused in milliseconds
instead of being walked millions of times. The cost of an operation
(:func:`operation_cost`) counts every field selected, multiplies what a list
field selects by the page it may return (``first``, or ``maxNodes`` for a
network), and charges analyses more: :data:`HEAVY_COST` for the graph
algorithms that run in worker processes, :data:`ANALYSIS_COST` for the
aggregations. An ``Int`` variable must be sent as a JSON integer: ``1000.0`` is
refused (``BAD_USER_INPUT``), as GraphQL's ``Int`` says, rather than coerced
after the cost was reckoned. Parsed and validated documents are cached by
their text (:class:`ParseCache`, strawberry's ``ValidationCache``), so a
repeated dashboard query is neither parsed nor validated twice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInt,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLSyntaxError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Source,
    TokenKind,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_operation_ast,
    is_input_type,
    parse,
    type_from_ast,
    value_from_ast_untyped,
)
from graphql.execution import ExecutionResult as GraphQLExecutionResult
from graphql.language import Lexer
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    SchemaExtension,
    ValidationCache,
)

from schema.errors import (
    AliasLimitError,
    CostLimitError,
    DepthLimitError,
    StrictIntError,
    TokenLimitError,
)
from schema.pagination import DEFAULT_FIRST, DEFAULT_MAX_PAGE_SIZE

HEAVY_COST = 10_000
"""Cost of one graph-algorithm analysis (computed in a worker process)."""
ANALYSIS_COST = 100
"""Cost of one aggregation analysis."""
HEAVY_FIELDS = frozenset({"brokers", "cutPoints", "bridges", "communities", "network",
                          "egoNetwork"})
ANALYSIS_FIELDS = frozenset({
    "actorConcentration", "seatConcentration", "memberLoads", "bodyOverlaps", "personOverlaps",
    "bodyOverlapMatrix", "interlocks", "path", "churn", "attendance", "allowances",
    "multiRoleConcentration", "overcommittedMembers"})
PAGE_ARGUMENTS = ("first", "maxNodes")
"""Arguments bounding how many items a field returns; what it selects of each item (its
object fields: ``nodes``, ``edges``...) costs that many times."""
NETWORK_COST_NODES = 2000
"""A network answer up to the node cap (``GOVGRAPH_NETWORK_MAX_NODES``) costs as a page of at
most this many items: the cap is the network's own bound (on the work and on the answer),
so raising it is one setting and needs no larger ``GOVGRAPH_MAX_COST``."""
PER_PAGE = frozenset({"pageInfo"})
"""Object fields of a page that come once per page, not once per item."""


@dataclass(frozen=True)
class Limits:
    """What one request may ask (``GOVGRAPH_MAX_*`` settings; these are the defaults)."""

    max_tokens: int = 2000
    max_aliases: int = 30
    max_depth: int = 12
    max_cost: int = 200_000
    document_cache: int = 256
    """Parsed and validated documents kept (least recently used dropped)."""
    max_nodes: int = 2000
    """The largest ``maxNodes`` a network may ask (``GOVGRAPH_NETWORK_MAX_NODES``): a page
    argument counts up to its cap, beyond which the field refuses it anyway."""
    max_page_size: int = DEFAULT_MAX_PAGE_SIZE
    """The largest ``first`` (``GOVGRAPH_MAX_PAGE_SIZE``), likewise."""


def extensions(limits: Limits) -> list[Callable[[], SchemaExtension]]:
    """The schema extensions enforcing ``limits`` (factories: one instance per request)."""
    shape = shape_rule(limits.max_aliases, limits.max_depth)
    return [
        lambda: TokenLimiter(limits.max_tokens),
        lambda: ParseCache(limits.document_cache),
        lambda: ShapeLimiter(shape),
        lambda: ValidationCache(limits.document_cache),
        lambda: CostLimiter(limits.max_cost, {"first": limits.max_page_size,
                                                     "maxNodes": limits.max_nodes}),
    ]


class TokenLimiter(MaxTokensLimiter):
    """strawberry's token limit (parsing stops past ``max_token_count`` tokens)."""


class ShapeLimiter(AddValidationRules):
    """The alias and depth limits (:func:`shape_rule`), the rule built once so validation
    results can be cached."""

    def __init__(self, rule: type[ValidationRule]) -> None:
        super().__init__([rule])


class _Fragments:
    """The fragments of a document, what each one holds counted once.

    :meth:`counts` gives ``(aliases, height)`` of a fragment's selections with
    their spreads expanded, ``height`` being how many fields deep its deepest
    selection sits below its own level. A fragment met again while it is being
    counted (a cycle, which validation refuses anyway) counts 0.
    """

    def __init__(self, document: DocumentNode) -> None:
        self.definitions = {d.name.value: d for d in document.definitions
                            if isinstance(d, FragmentDefinitionNode)}
        self._counts: dict[str, tuple[int, int]] = {}
        self._open: set[str] = set()

    def counts(self, name: str) -> tuple[int, int]:
        found = self._counts.get(name)
        if found is not None:
            return found
        fragment = self.definitions.get(name)
        if fragment is None or name in self._open:
            return 0, 0
        self._open.add(name)
        try:
            found = self.selections(fragment.selection_set)
        finally:
            self._open.discard(name)
        self._counts[name] = found
        return found

    def selections(self, selections: SelectionSetNode | None) -> tuple[int, int]:
        """``(aliases, height)`` of ``selections``, spreads expanded."""
        aliases = height = 0
        for node in selections.selections if selections else ():
            if isinstance(node, FieldNode):
                aliases += node.alias is not None
                # An introspection field counts at its own level, not below (as strawberry's
                # depth limiter did).
                if node.selection_set is not None and not node.name.value.startswith("__"):
                    inner, below = self.selections(node.selection_set)
                    aliases, height = aliases + inner, max(height, below + 1)
            elif isinstance(node, InlineFragmentNode):
                inner, below = self.selections(node.selection_set)
                aliases, height = aliases + inner, max(height, below)
            elif isinstance(node, FragmentSpreadNode):
                inner, below = self.counts(node.name.value)
                aliases, height = aliases + inner, max(height, below)
        return aliases, height


def shape_rule(max_aliases: int, max_depth: int) -> type[ValidationRule]:
    """A validation rule refusing a document with more than ``max_aliases`` aliases in
    all (``ALIAS_LIMIT``; a fragment's count where it is spread) or an operation whose
    fields nest more than ``max_depth`` levels below its root fields (``DEPTH_LIMIT``)."""

    class ShapeRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            fragments = _Fragments(context.document)
            total = 0
            for operation in context.document.definitions:
                if not isinstance(operation, OperationDefinitionNode):
                    continue
                aliases, height = fragments.selections(operation.selection_set)
                total += aliases
                if height > max_depth:
                    name = operation.name.value if operation.name else "anonymous"
                    context.report_error(DepthLimitError(
                        f"'{name}' exceeds maximum operation depth of {max_depth} "
                        "(GOVGRAPH_MAX_DEPTH)", [operation]))
            if total > max_aliases:
                context.report_error(AliasLimitError(
                    f"{total} aliases found. Allowed: {max_aliases} (GOVGRAPH_MAX_ALIASES)"))

    return ShapeRule


@lru_cache(maxsize=8)
def _parser(size: int) -> Callable[..., DocumentNode]:
    return lru_cache(maxsize=size)(parse)


class ParseCache(SchemaExtension):
    """Parse each document text once (an LRU cache of ``size``), within the token limit.

    A document beyond the token limit is refused with :class:`TokenLimitError`;
    one that does not parse for another reason is left to strawberry's own parse,
    which reports the syntax error.
    """

    def __init__(self, size: int) -> None:
        self.parse = _parser(size)

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        options = context.parse_options
        if context.query and context.graphql_document is None:
            try:
                context.graphql_document = self.parse(context.query, **options)
            except GraphQLSyntaxError:
                limit = options.get("max_tokens")
                if limit is not None and _more_tokens_than(context.query, limit):
                    raise TokenLimitError(
                        f"the document has more than {limit} tokens "
                        "(GOVGRAPH_MAX_TOKENS)") from None
        yield


def _more_tokens_than(text: str, limit: int) -> bool:
    lexer = Lexer(Source(text))
    try:
        for _ in range(limit + 1):
            if lexer.advance().kind is TokenKind.EOF:
                return False
    except GraphQLSyntaxError:
        return False
    return True


class CostLimiter(SchemaExtension):
    """Refuse an operation costing more than ``budget``, or sending a float for an ``Int``;
    record the cost for the audit log."""

    def __init__(self, budget: int, caps: Mapping[str, int] | None = None) -> None:
        self.budget = budget
        self.caps = caps or {}

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.result is None:
            schema = context.schema._schema
            variables = context.variables or {}
            operation = get_operation_ast(document, context.operation_name)
            refused: list[GraphQLError] = (
                strict_int_errors(schema, operation, variables) if operation else [])
            if not refused:
                cost = operation_cost(schema, document, variables, context.operation_name,
                                      self.caps)
                access = getattr(context.context, "access", None)
                if access is not None:
                    access.audit.cost = cost
                if cost > self.budget:
                    refused = [CostLimitError(
                        f"the query costs {cost}, more than the {self.budget} allowed "
                        f"(GOVGRAPH_MAX_COST): ask for fewer analyses ({HEAVY_COST} each for "
                        f"graph algorithms, {ANALYSIS_COST} for aggregations) or smaller "
                        "pages")]
            if refused:
                context.result = GraphQLExecutionResult(data=None, errors=refused)
        yield


def strict_int_errors(schema: GraphQLSchema, operation: OperationDefinitionNode,
                      variables: Mapping[str, Any]) -> list[GraphQLError]:
    """One error for each variable of ``operation`` holding a float where an ``Int`` is
    expected (at any depth of a list or input object); GraphQL would take ``1000.0``
    as 1000, after the cost was reckoned on the argument's default."""
    errors: list[GraphQLError] = []
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name not in variables:
            continue
        kind = type_from_ast(schema, definition.type)
        if kind is not None and is_input_type(kind):
            where = _float_for_int(kind, variables[name], f"${name}")
            if where is not None:
                errors.append(StrictIntError(
                    f"Variable '{where}' got invalid value {_value_at(variables[name])}: an "
                    "Int must be sent as a JSON integer, not a float", [definition]))
    return errors


def _value_at(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "..."


def _float_for_int(kind: GraphQLInputType, value: Any, path: str, depth: int = 0) -> str | None:
    """Where in ``value`` a float stands for an ``Int`` of ``kind`` (None if nowhere)."""
    if depth > 64 or value is None:  # deeper than any input type of the schema
        return None
    if isinstance(kind, GraphQLNonNull):
        return _float_for_int(kind.of_type, value, path, depth)
    if isinstance(kind, GraphQLList):
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            found = _float_for_int(kind.of_type, item, f"{path}[{index}]", depth + 1)
            if found is not None:
                return found
        return None
    if isinstance(kind, GraphQLInputObjectType):
        if not isinstance(value, dict):
            return None
        for field_name, field in kind.fields.items():
            if field_name in value:
                found = _float_for_int(field.type, value[field_name], f"{path}.{field_name}",
                                       depth + 1)
                if found is not None:
                    return found
        return None
    if isinstance(kind, GraphQLScalarType) and kind.name == GraphQLInt.name \
            and isinstance(value, float):
        return path
    return None


def operation_cost(schema: GraphQLSchema, document: DocumentNode,
                   variables: Mapping[str, Any], operation_name: str | None = None,
                   caps: Mapping[str, int] | None = None) -> int:
    """The cost of the operation ``operation_name`` of ``document`` (0 if there is none).

    Every field costs 1 (analyses :data:`ANALYSIS_COST` or :data:`HEAVY_COST`);
    the object fields (``nodes``, ``edges``: the items) that a field with a page
    argument (``first``, ``maxNodes``) selects cost as many times as the page it
    asks for (at most its cap in ``caps``): its value, or the variable's default, or
    the argument's default; its scalar fields (``totalCount``) and ``pageInfo``
    count once. A fragment is costed once per type it is spread on, however often
    it is spread (the cost is linear in how many times its items repeat).
    """
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    defaults = {d.variable.name.value: value_from_ast_untyped(d.default_value)
                for d in operation.variable_definitions or () if d.default_value is not None}
    root = (schema.query_type if operation.operation.value == "query"
            else schema.mutation_type if operation.operation.value == "mutation"
            else schema.subscription_type)
    costing = _Costing(schema, fragments, {**defaults, **variables}, caps or {})
    per_item, once = costing.selection(operation.selection_set, root)
    return per_item + once


@dataclass
class _Costing:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    caps: Mapping[str, int]
    _fragment_costs: dict[tuple[str, str | None], tuple[int, int]] = dataclasses.field(
        default_factory=dict)
    _open: set[tuple[str, str | None]] = dataclasses.field(default_factory=set)

    def selection(self, selections: SelectionSetNode | None,
                  parent: GraphQLNamedType | None) -> tuple[int, int]:
        """The cost of ``selections`` on ``parent`` as ``(per_item, once)``: selected by a
        field returning ``times`` items, they cost ``times * per_item + once``."""
        per_item = once = 0
        for node in selections.selections if selections else ():
            if isinstance(node, FieldNode):
                cost = self.field(node, parent)
                if node.selection_set is not None and node.name.value not in PER_PAGE:
                    per_item += cost
                else:
                    once += cost
            elif isinstance(node, InlineFragmentNode):
                condition = (self.schema.get_type(node.type_condition.name.value)
                             if node.type_condition else parent)
                inner = self.selection(node.selection_set, condition)
                per_item, once = per_item + inner[0], once + inner[1]
            elif isinstance(node, FragmentSpreadNode):
                inner = self.spread(node.name.value)
                per_item, once = per_item + inner[0], once + inner[1]
        return per_item, once

    def spread(self, name: str) -> tuple[int, int]:
        fragment = self.fragments.get(name)
        if fragment is None:
            return 0, 0
        condition = self.schema.get_type(fragment.type_condition.name.value)
        key = (name, condition.name if condition else None)
        found = self._fragment_costs.get(key)
        if found is not None:
            return found
        if key in self._open:  # a cycle: validation refuses it
            return 0, 0
        self._open.add(key)
        try:
            found = self.selection(fragment.selection_set, condition)
        finally:
            self._open.discard(key)
        self._fragment_costs[key] = found
        return found

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> int:
        name = node.name.value
        definition = (parent.fields.get(name)
                      if isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType))
                      else None)
        if definition is None:  # introspection, or a type without fields
            return 1 + sum(self.selection(node.selection_set, None))
        own = 1
        if parent is self.schema.query_type:
            own = (HEAVY_COST if name in HEAVY_FIELDS else ANALYSIS_COST
                   if name in ANALYSIS_FIELDS else 1)
        times = 1
        for argument in PAGE_ARGUMENTS:
            if argument in definition.args:
                times = self._page(node, argument, definition.args[argument].default_value)
                break
        per_item, once = self.selection(node.selection_set, get_named_type(definition.type))
        return own + times * per_item + once

    def _page(self, node: FieldNode, argument: str, default: Any) -> int:
        cap = self.caps.get(argument, 10**9)
        value: Any = (default if isinstance(default, int)
                      else cap if argument == "maxNodes" and argument in self.caps
                      else DEFAULT_FIRST)
        for given in node.arguments or ():
            if given.name.value != argument:
                continue
            if isinstance(given.value, IntValueNode):
                value = int(given.value.value)
            elif isinstance(given.value, VariableNode):
                found = self.variables.get(given.value.name.value)
                value = found if isinstance(found, int) else value
        items = max(1, min(int(value), cap))
        if argument == "maxNodes" and cap > NETWORK_COST_NODES:
            items = max(1, -(-items * NETWORK_COST_NODES // cap))
        return items
