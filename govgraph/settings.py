"""Configuration from ``GOVGRAPH_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from schema.limits import Limits

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_store(root: Path = PROJECT_ROOT) -> Path:
    """Where the embedded store lives when ``GOVGRAPH_DB`` is not set.

    The same directory whatever the working directory: in a source checkout
    (``root`` holds govgraph's ``pyproject.toml``) it is the checkout's
    ``var/govgraph``; in an installed package, the user's data directory
    (e.g. ``~/.local/share/govgraph/govgraph`` on Linux).
    """
    if _is_checkout(root):
        return root / "var" / "govgraph"
    return platformdirs.user_data_path("govgraph") / "govgraph"


def _is_checkout(root: Path) -> bool:
    try:
        text = (root / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return False
    return 'name = "govgraph"' in text


class Settings(BaseSettings):
    """Where the store is and how to reach it.

    ``backend`` is ``ladybug`` (embedded, a directory on disk; the default) or
    ``neo4j`` (a Neo4j 5 server reached through the official driver).
    """

    model_config = SettingsConfigDict(env_prefix="GOVGRAPH_", extra="ignore")

    backend: Literal["ladybug", "neo4j"] = "ladybug"
    """``ladybug`` (embedded, a directory on disk) or ``neo4j`` (a Neo4j 5 server)."""
    neo4j_uri: str = "bolt://localhost:7687"
    """Neo4j address (``neo4j://`` routes reads across a cluster)."""
    neo4j_user: str = "neo4j"
    """Neo4j user."""
    neo4j_password: SecretStr = SecretStr("")
    """Neo4j password."""
    neo4j_database: str = "neo4j"
    """Neo4j database."""
    neo4j_max_pool_size: int = Field(100, ge=1)
    """Connections to Neo4j one API process may hold open."""
    neo4j_acquire_timeout: float = Field(60.0, gt=0)
    """Seconds a statement waits for a free Neo4j connection before failing."""
    data: Path = PROJECT_ROOT / "data"
    """Folder of the bundled datasets, loaded into an empty store."""
    judgements: Path = Field(default_factory=lambda data: data["data"] / "judgements.csv")
    """Reviewed identity judgements applied at every ingest (see :mod:`ingest.identity`)."""
    graphiql: bool = True
    """Serve GraphiQL at ``/graphql`` to browsers."""

    # Store and crash recovery
    db: Path = Field(default_factory=default_store)
    """Directory of the embedded store; a relative path is relative to the working directory."""
    recovery_keep: int = Field(5, ge=0)
    """Write-ahead logs that crash recovery dropped or set aside, kept in ``<db>/recovery``."""

    # Access and privacy
    keys: Path = Field(default_factory=lambda data: data["db"].parent / "keys.sqlite3")
    """SQLite file of API keys (hashed) and the generated pseudonym secret; by default
    beside the embedded store's directory, found the same way from any working directory."""
    anonymous: bool = True
    """Serve callers without credentials at the ``public`` tier (false: answer 401)."""
    pseudonym_secret: SecretStr = SecretStr("")
    """Key of the HMAC that makes pseudonyms; empty: generated once, kept in ``keys``."""
    oidc_issuer: str = ""
    """Accept bearer JWTs from this OpenID Connect issuer (empty: API keys only)."""
    oidc_audience: str = ""
    """Required ``aud`` of those JWTs (empty: not checked)."""
    oidc_jwks_url: str = ""
    """The issuer's published keys (``jwks_uri`` of its discovery document)."""
    oidc_role_claim: str = "govgraph_role"
    """The claim naming the caller's role; missing or unknown: ``public``."""

    # Dashboard and CORS
    cors_origins: str = ""
    """Origins (comma-separated) whose pages may call the API from a browser; none by default."""
    network_max_nodes: int = 2000
    """The node cap of every network answer (``network``, ``egoNetwork``, their exports, the
    dashboard's map): the largest ``maxNodes`` and its default. The query cost of a network is
    derived from it, so raising it needs no other setting."""

    # Limits (see schema/limits.py, api/limits.py, graph/analysis/jobs.py)
    analysis_workers: int = Field(2, ge=1)
    """Worker processes computing graph analyses, and so how many run at once."""
    analysis_queue: int = Field(8, ge=0)
    """Graph analyses that may wait for a worker; beyond that a request gets ``OVERLOADED``."""
    analysis_timeout: float = Field(120.0, gt=0)
    """Seconds a graph analysis may compute in its worker before ``TIMEOUT`` (waiting for a
    worker is bounded by ``analysis_wait``)."""
    read_connections: int = Field(4, ge=1)
    """Embedded store connections reading at once (light queries pass a long read)."""
    max_tokens: int = Field(2000, ge=1)
    """Tokens in a GraphQL document (``TOKEN_LIMIT``)."""
    max_aliases: int = Field(30, ge=0)
    """Aliases in a GraphQL document (``ALIAS_LIMIT``)."""
    max_depth: int = Field(12, ge=1)
    """Nesting depth of an operation (``DEPTH_LIMIT``)."""
    max_cost: int = Field(200_000, ge=1)
    """Cost budget of one operation (``QUERY_TOO_COMPLEX``; see docs/guide/api.md)."""
    document_cache: int = Field(256, ge=0)
    """Parsed and validated GraphQL documents kept, by text."""
    max_body_bytes: int = Field(256 * 1024, ge=1)
    """Request body size (``REQUEST_TOO_LARGE``, HTTP 413)."""
    max_response_bytes: int = Field(10 * 1024 * 1024, ge=1)
    """GraphQL response size (``RESPONSE_TOO_LARGE``)."""
    response_cache_bytes: int = Field(64 * 1024 * 1024, ge=0)
    """Bytes of whole GraphQL answers kept for repeated requests (0: off; see the guide)."""
    max_batch: int = Field(0, ge=0)
    """Operations in one batched request; 0 or 1: batching off (``BATCH_LIMIT``)."""

    def limits(self) -> Limits:
        """The per-request GraphQL limits these settings give."""
        from schema.limits import Limits

        return Limits(max_tokens=self.max_tokens, max_aliases=self.max_aliases,
                      max_depth=self.max_depth, max_cost=self.max_cost,
                      document_cache=self.document_cache, max_nodes=self.network_max_nodes,
                      max_page_size=self.max_page_size)
    # Paging and centrality at scale
    max_page_size: int = Field(1000, ge=1)
    """The largest ``first`` of any list (a page of people, members, analysis rows...)."""
    max_table_rows: int = Field(50_000, ge=1)
    """The most rows of a flat table (``membershipTable``) one request may ask for."""
    centrality_exact_max_nodes: int = Field(5000, ge=0)
    """Betweenness and closeness are exact up to this many nodes, sampled above."""
    centrality_pivots: int = Field(1000, ge=2)
    """Pivots (shortest-path sources) of a sampled estimate when the caller names none."""
    centrality_max_pivots: int = Field(5000, ge=2)
    """The most pivots a caller may ask for (as many as nodes: exact)."""
    centrality_error: float = Field(0.001, ge=0, le=0.5)
    """Above the exact size, betweenness comes from sampled shortest paths (KADABRA) until the
    top nodes' scores are within this of the truth; 0: from pivots instead."""

    # Hostile bytes and slow clients (see docs/guide/hardening.md)
    max_json_depth: int = Field(32, ge=1, le=1000)
    """Nesting of arrays and objects in a JSON body or parameter (``BAD_REQUEST_BODY``)."""
    header_timeout: float = Field(10.0, gt=0)
    """Seconds a client has to send a request's headers (from connecting, or from the previous
    response on a kept-alive connection); then ``govgraph serve`` closes the connection."""
    body_timeout: float = Field(30.0, gt=0)
    """Seconds a request's body may take to arrive whole (``REQUEST_TIMEOUT``, HTTP 408)."""
    max_connections: int = Field(1000, ge=1)
    """Connections and requests ``govgraph serve`` holds at once; beyond: HTTP 503."""
    keep_alive_timeout: float = Field(5.0, gt=0)
    """Seconds an idle kept-alive connection stays open."""
    oidc_jwks_timeout: float = Field(5.0, gt=0)
    """Seconds a fetch of the issuer's keys may take before requests stop waiting for it."""
    oidc_jwks_refresh: float = Field(300.0, gt=0)
    """Seconds the issuer's keys are used before a background fetch renews them."""
    oidc_jwks_retry: float = Field(30.0, ge=0)
    """Seconds between fetches caused by tokens naming a key the issuer does not publish."""
    key_expiry_days: int = Field(90, ge=0)
    """Days a new API key works (``govgraph keys create --expires-in-days``); 0: never expires."""
    max_cell_bytes: int = Field(64 * 1024, ge=1)
    """UTF-8 bytes of one cell of a dataset (a CSV cell, a Popolo value); a larger one refuses
    the dataset at its file, row and column."""
    ingest_spare_bytes: int = Field(16 * 1024 * 1024, ge=0)
    """Room an embedded-store ingest needs beyond four times its files' size before it starts
    writing (``govgraph ingest`` refuses, exit 5, nothing written); 0: no check."""

    # Serving (``govgraph serve``, ``make run``)
    host: str = "127.0.0.1"
    """Interface ``govgraph serve`` listens on (``0.0.0.0``: every interface)."""
    port: int = Field(8000, ge=0, le=65535)
    """Port ``govgraph serve`` listens on."""
    log_level: Literal["debug", "info", "warning", "error", "critical"] = "info"
    """Level of the server's log; the access log (one line per request) is at ``info``,
    so ``warning`` silences it."""

    # Live updates (subscriptions over WebSocket)
    max_subscribers: int = Field(1000, ge=0)
    """Subscriptions to changes open at once in this process; one more is refused with
    ``OVERLOADED`` (0: subscriptions off)."""

    # Fair shares of the analysis pool (see graph/analysis/jobs.py)
    analysis_caller_share: int = Field(4, ge=0)
    """Graph analyses one caller (API key, or client address when anonymous) may have
    running or waiting at once; one more answers ``RATE_LIMITED`` (HTTP 429 on exports).
    0: no per-caller share."""
    analysis_request_share: int = Field(1, ge=0)
    """Graph analyses of one request running or waiting for a worker at once; its others
    wait their turn within the request (at most ``analysis_timeout`` seconds, then
    ``TIMEOUT``). 0: no per-request share."""
    analysis_wait: float = Field(60.0, gt=0)
    """Seconds a graph analysis may wait for a worker before ``OVERLOADED`` (HTTP 503 with
    ``Retry-After`` on exports)."""

    # Memory of the caches (see graph/analysis/cache.py, api/cache.py)
    analysis_cache_bytes: int = Field(256 * 1024 * 1024, ge=0)
    """Bytes of analysis results kept per store, measured (an estimate of each result's
    deep size); 0: none kept."""
    analysis_cache_entries: int = Field(256, ge=0)
    """Analysis results kept per store, whatever their size; 0: none kept."""

    # Fair shares of the aggregations computed in the server (see graph/analysis/lane.py)
    aggregation_threads: int = Field(2, ge=1)
    """Aggregations (concentration, loads, overlaps, party compositions, flat tables)
    computing at once, in threads of their own; keep it below ``read_connections`` so that
    light reads always find a connection."""
    aggregation_caller_share: int = Field(1, ge=0)
    """Aggregations one caller (API key, or client address when anonymous) may have
    computing at once; its others wait their turn without holding a thread. 0: no
    per-caller share."""
    aggregation_caller_waiting: int = Field(32, ge=0)
    """Aggregations one caller may have waiting for its turn; one more answers
    ``RATE_LIMITED``."""
    aggregation_wait: float = Field(60.0, gt=0)
    """Seconds an aggregation may wait for its turn and a thread before ``OVERLOADED``."""
    switch_interval: float = Field(0.001, gt=0, le=0.1)
    """Seconds a Python thread of the server (an aggregation's) runs before it must hand
    the interpreter to another (the event loop answering light requests); Python's own
    default is 0.005."""
    read_threads: int = Field(1, ge=0)
    """Embedded store threads one read may use (0: every core). The engine shares its
    threads first come, first served: a long aggregation using all of them holds a light
    read back until it ends; with 1, the engine keeps a thread for each read connection."""
