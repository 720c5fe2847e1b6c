"""The Neo4j runner, as far as it can be exercised without a Neo4j server on this machine."""

from __future__ import annotations

import pytest

from govgraph.settings import Settings
from graph.errors import StoreUnavailableError
from graph.store import open_runner


def test_an_unreachable_server_is_a_clear_store_error() -> None:
    settings = Settings(backend="neo4j", neo4j_uri="bolt://127.0.0.1:9")
    with pytest.raises(StoreUnavailableError, match=r"cannot reach Neo4j at bolt://127\.0\.0\.1:9"):
        open_runner(settings)
