"""Limits on what one GraphQL request may ask: tokens, aliases, depth and cost.

Each refusal comes before any resolver runs, within milliseconds, as a
GraphQL error whose class (:mod:`schema.errors`) decides its code:
``TOKEN_LIMIT``, ``ALIAS_LIMIT``, ``DEPTH_LIMIT`` or ``QUERY_TOO_COMPLEX``.
Tokens, aliases and depth are strawberry's own limiter extensions
(``MaxTokensLimiter``, ``MaxAliasesLimiter``, ``QueryDepthLimiter``) with
their errors given a type. The cost of an operation
(:func:`operation_cost`) counts every field selected, multiplies what a list
field selects by the page it may return (``first``, or ``maxNodes`` for a
network), and charges analyses more: :data:`HEAVY_COST` for the graph
algorithms that run in worker processes, :data:`ANALYSIS_COST` for the
aggregations. Parsed and validated documents are cached by their text
(:class:`ParseCache`, strawberry's ``ValidationCache``), so a repeated
dashboard query is neither parsed nor validated twice.
"""

from __future__ import annotations

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
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
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
    parse,
)
from graphql.execution import ExecutionResult as GraphQLExecutionResult
from graphql.language import Lexer
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
    max_aliases,
    query_depth_limiter,
)

from schema.errors import AliasLimitError, CostLimitError, DepthLimitError, TokenLimitError
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
    aliases = _typed(max_aliases.create_validator(limits.max_aliases), AliasLimitError)
    depth = _typed(query_depth_limiter.create_validator(limits.max_depth, None),
                   DepthLimitError)
    return [
        lambda: TokenLimiter(limits.max_tokens),
        lambda: ParseCache(limits.document_cache),
        lambda: AliasLimiter(aliases),
        lambda: DepthLimiter(depth),
        lambda: ValidationCache(limits.document_cache),
        lambda: CostLimiter(limits.max_cost, {"first": limits.max_page_size,
                                                     "maxNodes": limits.max_nodes}),
    ]


def _typed(rule: type[ValidationRule], error: type[GraphQLError]) -> type[ValidationRule]:
    """``rule``, reporting its errors as instances of ``error`` (which carry the code)."""

    class Typed(rule):  # type: ignore[valid-type,misc]
        def __init__(self, context: ValidationContext) -> None:
            report = context.report_error

            def typed(found: GraphQLError) -> None:
                report(error(found.message, found.nodes))

            context.report_error = typed  # type: ignore[method-assign,assignment]
            try:
                super().__init__(context)
            finally:
                del context.report_error

    Typed.__name__ = rule.__name__
    return Typed


class TokenLimiter(MaxTokensLimiter):
    """strawberry's token limit (parsing stops past ``max_token_count`` tokens)."""


class AliasLimiter(MaxAliasesLimiter):
    """strawberry's alias limit, its rule built once so validation results can be cached."""

    def __init__(self, rule: type[ValidationRule]) -> None:
        AddValidationRules.__init__(self, [rule])


class DepthLimiter(QueryDepthLimiter):
    """strawberry's depth limit, its rule built once so validation results can be cached."""

    def __init__(self, rule: type[ValidationRule]) -> None:
        AddValidationRules.__init__(self, [rule])


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
    """Refuse an operation costing more than ``budget``; record the cost for the audit log."""

    def __init__(self, budget: int, caps: Mapping[str, int] | None = None) -> None:
        self.budget = budget
        self.caps = caps or {}

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.result is None:
            cost = operation_cost(context.schema._schema, document, context.variables or {},
                                  context.operation_name, self.caps)
            access = getattr(context.context, "access", None)
            if access is not None:
                access.audit.cost = cost
            if cost > self.budget:
                context.result = GraphQLExecutionResult(data=None, errors=[CostLimitError(
                    f"the query costs {cost}, more than the {self.budget} allowed "
                    f"(GOVGRAPH_MAX_COST): ask for fewer analyses ({HEAVY_COST} each for "
                    f"graph algorithms, {ANALYSIS_COST} for aggregations) or smaller pages")])
        yield


def operation_cost(schema: GraphQLSchema, document: DocumentNode,
                   variables: Mapping[str, Any], operation_name: str | None = None,
                   caps: Mapping[str, int] | None = None) -> int:
    """The cost of the operation ``operation_name`` of ``document`` (0 if there is none).

    Every field costs 1 (analyses :data:`ANALYSIS_COST` or :data:`HEAVY_COST`);
    the object fields (``nodes``, ``edges``: the items) that a field with a page
    argument (``first``, ``maxNodes``) selects cost as many times as the page it
    asks for (at most its cap in ``caps``), or the argument's default; its scalar
    fields (``totalCount``) and ``pageInfo`` count once.
    """
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    root = (schema.query_type if operation.operation.value == "query"
            else schema.mutation_type if operation.operation.value == "mutation"
            else schema.subscription_type)
    return _Costing(schema, fragments, variables, caps or {}).selection(operation, root,
                                                                       frozenset())


@dataclass
class _Costing:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    caps: Mapping[str, int]

    def selection(self, owner: OperationDefinitionNode | FieldNode | InlineFragmentNode
                  | FragmentDefinitionNode, parent: GraphQLNamedType | None,
                  seen: frozenset[str], times: int = 1) -> int:
        """The cost of ``owner``'s selections; ``times`` multiplies those of the items."""
        selections: SelectionSetNode | None = owner.selection_set
        if selections is None:
            return 0
        total = 0
        for node in selections.selections:
            if isinstance(node, FieldNode):
                per_item = node.selection_set is not None and node.name.value not in PER_PAGE
                total += (times if per_item else 1) * self.field(node, parent, seen)
            elif isinstance(node, InlineFragmentNode):
                condition = (self.schema.get_type(node.type_condition.name.value)
                             if node.type_condition else parent)
                total += self.selection(node, condition, seen, times)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    condition = self.schema.get_type(fragment.type_condition.name.value)
                    total += self.selection(fragment, condition, seen | {name}, times)
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType | None,
              seen: frozenset[str]) -> int:
        name = node.name.value
        definition = (parent.fields.get(name)
                      if isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType))
                      else None)
        if definition is None:  # introspection, or a type without fields
            return 1 + self.selection(node, None, seen)
        own = 1
        if parent is self.schema.query_type:
            own = (HEAVY_COST if name in HEAVY_FIELDS else ANALYSIS_COST
                   if name in ANALYSIS_FIELDS else 1)
        times = 1
        for argument in PAGE_ARGUMENTS:
            if argument in definition.args:
                times = self._page(node, argument, definition.args[argument].default_value)
                break
        return own + self.selection(node, get_named_type(definition.type), seen, times)

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
