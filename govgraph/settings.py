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

    # Dashboard and CORS
    cors_origins: str = ""
    """Origins (comma-separated) whose pages may call the API from a browser; none by default."""
    network_max_nodes: int = 2000
    """The largest ``maxNodes`` a ``network`` answer (and its export) may have."""
