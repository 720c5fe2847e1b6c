"""Configuration from ``GOVGRAPH_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

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
    neo4j_uri: str = "bolt://localhost:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    neo4j_max_pool_size: int = Field(100, ge=1)
    """Connections to Neo4j one API process may hold open."""
    neo4j_acquire_timeout: float = Field(60.0, gt=0)
    """Seconds a statement waits for a free Neo4j connection before failing."""
    data: Path = PROJECT_ROOT / "data"
    graphiql: bool = True

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
    oidc_jwks_url: str = ""
    """The issuer's published keys (``jwks_uri`` of its discovery document)."""
    oidc_role_claim: str = "govgraph_role"
    """The claim naming the caller's role; missing or unknown: ``public``."""

    # Dashboard and CORS
    cors_origins: str = ""
    """Origins (comma-separated) whose pages may call the API from a browser; none by default."""
    network_max_nodes: int = 2000
    """The largest ``maxNodes`` a ``network`` answer (and its export) may have."""

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
