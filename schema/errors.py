"""Every GraphQL error gets a code in ``extensions.code``; none carries a stack trace.

Errors that govgraph raises (:class:`graph.errors.GovgraphError`) keep their
message and get their class's code, except the store's own failures
(``STORE_ERROR``), whose message is logged under a short id and answered with
that id only. Anything unexpected is logged on the server and answered with a
generic message and ``INTERNAL_SERVER_ERROR``.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator, Sequence
from typing import ClassVar

from graphql import GraphQLError, Node
from strawberry.extensions import SchemaExtension

from graph.errors import GovgraphError, QueryFailedError, StatementNotFoundError

log = logging.getLogger("govgraph.graphql")

PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL = "INTERNAL_SERVER_ERROR"


class LimitError(GraphQLError):
    """A request refused by one of the server's limits; the subclass decides the code."""

    code: ClassVar[str] = "LIMIT"

    def __init__(self, message: str, nodes: Node | Sequence[Node] | None = None) -> None:
        super().__init__(message, nodes, extensions={"code": self.code})


class TokenLimitError(LimitError):
    """The document has more tokens than ``GOVGRAPH_MAX_TOKENS``."""

    code = "TOKEN_LIMIT"


class AliasLimitError(LimitError):
    """The document has more aliases than ``GOVGRAPH_MAX_ALIASES``."""

    code = "ALIAS_LIMIT"


class DepthLimitError(LimitError):
    """The operation nests deeper than ``GOVGRAPH_MAX_DEPTH``."""

    code = "DEPTH_LIMIT"


class CostLimitError(LimitError):
    """The operation's cost is above ``GOVGRAPH_MAX_COST``."""

    code = "QUERY_TOO_COMPLEX"


class StrictIntError(LimitError):
    """A variable holds a float (``1000.0``) where the operation declares an ``Int``."""

    code = BAD_USER_INPUT


def classify(error: GraphQLError) -> GraphQLError:
    """Return ``error`` with a code, masking unexpected exceptions."""
    if isinstance(error, LimitError):
        return error
    original = error.original_error
    if isinstance(original, (QueryFailedError, StatementNotFoundError)):
        # The store's own words (statement names, the engine's messages) stay in the log.
        error_id = secrets.token_hex(6)
        log.error("error id %s in %s: %s", error_id, error.path, original)
        return _with_code(error, f"the store could not answer this request (error id "
                                 f"{error_id})", original.code)
    if isinstance(original, GovgraphError):
        retry = getattr(original, "retry_after", None)
        return _with_code(error, error.message, original.code,
                          {"retryAfter": retry} if retry else None)
    if original is None:
        return _with_code(error, error.message, _request_error_code(error.message))
    if isinstance(original, GraphQLError):
        code = BAD_USER_INPUT if "invalid value" in error.message else VALIDATION_FAILED
        return _with_code(error, error.message, code)
    if isinstance(original, (ValueError, TypeError)) and error.path is None:
        return _with_code(error, error.message, BAD_USER_INPUT)
    log.error("unexpected error in %s", error.path, exc_info=original)
    return _with_code(error, "Internal server error; the server log has the details.", INTERNAL)


def _request_error_code(message: str) -> str:
    if message.startswith("Syntax Error"):
        return PARSE_FAILED
    if message.startswith("Variable ") or "got invalid value" in message:
        return BAD_USER_INPUT
    return VALIDATION_FAILED


def _with_code(error: GraphQLError, message: str, code: str,
               more: dict[str, object] | None = None) -> GraphQLError:
    return GraphQLError(
        message=message, nodes=error.nodes, source=error.source, positions=error.positions,
        path=error.path, original_error=None,
        extensions={**(error.extensions or {}), "code": code, **(more or {})},
    )


class ErrorCodes(SchemaExtension):
    """Classify the errors of every operation (see :func:`classify`)."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [classify(e) for e in result.errors]
