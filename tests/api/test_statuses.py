"""Errors answered outside GraphQL (exports) carry the HTTP status their kind means."""

from __future__ import annotations

import pytest

from api.errors import http_status
from api.security.auth import ForbiddenError
from graph.errors import (
    AnalysisTimeoutError,
    CallerShareError,
    GovgraphError,
    InvalidArgumentError,
    NotFoundError,
    OverloadedError,
    StoreLockedError,
)


@pytest.mark.parametrize(("error", "status", "headers"), [
    (OverloadedError("full", retry_after=7), 503, {"Retry-After": "7"}),
    (CallerShareError("your share", retry_after=3), 429, {"Retry-After": "3"}),
    (StoreLockedError("locked"), 503, {}),
    (AnalysisTimeoutError("slow"), 504, {}),
    (NotFoundError("none"), 404, {}),
    (ForbiddenError("no"), 403, {}),
    (InvalidArgumentError("bad"), 400, {}),
])
def test_each_error_has_its_status(error: GovgraphError, status: int,
                                   headers: dict[str, str]) -> None:
    assert http_status(error) == (status, headers)


def test_an_overloaded_pool_is_not_the_callers_mistake() -> None:
    """Exports answered OVERLOADED with 400, which tells a client not to try again."""
    status, headers = http_status(OverloadedError("full", retry_after=5))
    assert status >= 500 and "Retry-After" in headers


def test_a_graphql_refusal_says_when_to_try_again() -> None:
    from graphql import GraphQLError

    from schema.errors import classify

    refused = classify(GraphQLError("full", original_error=OverloadedError("full",
                                                                           retry_after=5)))
    assert refused.extensions == {"code": "OVERLOADED", "retryAfter": 5}
    shared = classify(GraphQLError("share", original_error=CallerShareError("share",
                                                                            retry_after=2)))
    assert shared.extensions == {"code": "RATE_LIMITED", "retryAfter": 2}
