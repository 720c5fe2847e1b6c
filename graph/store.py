"""Open the configured store."""

from __future__ import annotations

from govgraph.settings import Settings
from graph.runner import Runner


def open_runner(settings: Settings, *, read_only: bool = False) -> Runner:
    """Open the backend that ``settings`` names and make sure its schema exists.

    Opening an embedded store read-write recovers it if a process died while
    writing to it; ``runner.recovery`` then says what was done.
    """
    runner: Runner
    if settings.backend == "neo4j":
        from graph.backends.neo4j import Neo4jRunner

        runner = Neo4jRunner(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            settings.neo4j_database,
            max_pool_size=settings.neo4j_max_pool_size,
            acquire_timeout=settings.neo4j_acquire_timeout,
        )
    else:
        from graph.backends.ladybug import LadybugRunner

        runner = LadybugRunner(settings.db, read_only=read_only,
                               keep_recovered=settings.recovery_keep,
                               read_connections=settings.read_connections,
                               read_threads=settings.read_threads)
    if not read_only:
        runner.apply_schema()
    return runner
