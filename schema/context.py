"""The per-request context: the repository, fresh DataLoaders, and who is asking."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field
from typing import TypeAlias

import strawberry
from strawberry.fastapi import BaseContext

from graph.analysis.fast import AUTOMATIC, DEFAULT_EXACT_MAX_NODES, Choice
from graph.analysis.jobs import Analyses
from graph.analysis.lane import Aggregations
from graph.analysis.network import MAX_NODES
from graph.privacy import Caller, Namer, Permission, Role, private_documents, private_people
from graph.repository import Repository
from graph.runner import Runner
from schema.loaders import Loaders
from schema.pagination import DEFAULT_MAX_PAGE_SIZE
from schema.types.table import DEFAULT_MAX_TABLE_ROWS


@dataclass
class Audit:
    """What the audit log line of a request says (written by ``api.security.audit``)."""

    key_id: str = "-"
    role: str = Role.PUBLIC.value
    operation: str = ""
    cost: int | None = None
    """Hook for the query-cost limit: set by whoever computes a request's cost."""


@dataclass
class Access:
    """The caller, how people are named to them, and their request's audit record."""

    caller: Caller
    namer: Namer
    audit: Audit = field(default_factory=Audit)

    @classmethod
    def of(cls, caller: Caller, runner: Runner, secret: bytes) -> Access:
        namer = Namer(secret, caller.can(Permission.PRIVATE_NAMES),
                      lambda: private_people(runner), lambda: private_documents(runner))
        return cls(caller, namer, Audit(caller.key_id, caller.role.value))


@dataclass(frozen=True)
class CentralitySettings:
    """``GOVGRAPH_CENTRALITY_*``: exact up to ``choice.exact_max_nodes`` nodes, else estimated
    from ``choice.default_pivots`` pivots; a caller may ask for at most ``max_pivots``."""

    choice: Choice = AUTOMATIC
    max_pivots: int = DEFAULT_EXACT_MAX_NODES


class Context(BaseContext):
    """What every resolver reaches through ``info.context``.

    ``access`` defaults to the ``public`` tier with a secret of this context's own
    (pseudonyms stable within it only); the app and ``govgraph query`` pass theirs.
    ``analyses`` runs the heavy analyses: the app's process pool, or by default a
    thread of this process. ``aggregations`` runs the aggregations (a whole dataset's
    rows through Python): the app's lane, in the caller's share, or by default a thread
    of the event loop's executor.
    """

    def __init__(self, runner: Runner, access: Access | None = None,
                 network_cap: int = MAX_NODES,
                 max_page_size: int = DEFAULT_MAX_PAGE_SIZE,
                 centrality: CentralitySettings | None = None,
                 max_table_rows: int = DEFAULT_MAX_TABLE_ROWS,
                 analyses: Analyses | None = None,
                 aggregations: Aggregations | None = None) -> None:
        super().__init__()
        self.runner = runner
        self.analyses = analyses or Analyses()
        self.aggregations = aggregations or Aggregations()
        self.network_cap = network_cap
        """The largest ``maxNodes`` the ``network`` field accepts."""
        self.max_page_size = max_page_size
        """The largest ``first`` of any list (``GOVGRAPH_MAX_PAGE_SIZE``)."""
        self.centrality = centrality or CentralitySettings()
        """When centralities are exact, and how many pivots estimate them otherwise."""
        self.max_table_rows = max_table_rows
        """The most rows of a flat table a request may ask for (``GOVGRAPH_MAX_TABLE_ROWS``)."""
        self.repository = Repository(runner)
        self.loaders = Loaders(self.repository)
        self.access = access or Access.of(Caller(), runner, secrets.token_bytes(32))

    def release(self) -> None:
        """Let go of what this request read, once its answer is made.

        graphql-core's executor refers to itself, so an execution is only freed by the
        garbage collector's next pass over it, and with it everything the loaders it
        reached hold: for a large answer, tens of thousands of records. The next request
        on this context (a batch, a WebSocket) reads afresh.
        """
        self.loaders.clear()

    async def namer(self) -> Namer:
        """The caller's namer, ready to label network nodes (its lookup runs off the loop)."""
        await asyncio.to_thread(self.access.namer.private)
        return self.access.namer


Info: TypeAlias = strawberry.Info[Context, None]
