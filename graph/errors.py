"""The exceptions ``graph`` raises; the API turns each into a GraphQL error code."""

from __future__ import annotations


class GovgraphError(Exception):
    """Base class for every error govgraph reports to a user."""

    code = "INTERNAL_SERVER_ERROR"


class StoreLockedError(GovgraphError):
    """The embedded database is held read-write by another process."""

    code = "STORE_LOCKED"


class StoreUnavailableError(GovgraphError):
    """The configured store cannot be opened or reached."""

    code = "STORE_UNAVAILABLE"


class StatementNotFoundError(GovgraphError):
    """No ``queries/<name>.cypher`` exists for a requested statement name."""

    code = "INTERNAL_SERVER_ERROR"


class QueryFailedError(GovgraphError):
    """The store rejected a statement; the message names the statement."""

    code = "STORE_ERROR"


class NotFoundError(GovgraphError):
    """A requested entity does not exist."""

    code = "NOT_FOUND"


class InvalidArgumentError(GovgraphError):
    """An argument is out of range or malformed (e.g. ``first`` above the cap)."""

    code = "BAD_USER_INPUT"


class AnalysisTimeoutError(GovgraphError):
    """An analysis ran (or waited) longer than the server allows; its worker was stopped."""

    code = "TIMEOUT"


class OverloadedError(GovgraphError):
    """As many analyses as the server allows are running or waiting; try again later."""

    code = "OVERLOADED"

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        """Seconds after which trying again may well succeed (None: unknown)."""


class CallerShareError(OverloadedError):
    """The caller already has its share of the analyses running or waiting."""

    code = "RATE_LIMITED"


class StoredValueError(GovgraphError):
    """A stored value is not one the schema allows (a store written outside ingest's rules):
    reported for the item that holds it, the rest of the answer stands."""

    code = "STORED_VALUE_INVALID"
