"""Configuration from ``GOVGRAPH_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Where the store is and how to reach it.

    ``backend`` is ``ladybug`` (embedded, a directory on disk; the default) or
    ``neo4j`` (a Neo4j 5 server reached through the official driver).
    """

    model_config = SettingsConfigDict(env_prefix="GOVGRAPH_", extra="ignore")

    backend: Literal["ladybug", "neo4j"] = "ladybug"
    db: Path = Path("var/govgraph")
    neo4j_uri: str = "bolt://localhost:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    data: Path = PROJECT_ROOT / "data"
    graphiql: bool = True

    # Access and privacy
    keys: Path = Path("var/keys.sqlite3")
    """SQLite file of API keys (hashed) and the generated pseudonym secret."""
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
