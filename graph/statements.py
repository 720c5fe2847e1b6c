"""Named Cypher statements, one per ``queries/<name>.cypher`` file."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from graph.errors import StatementNotFoundError

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@cache
def statement(name: str) -> str:
    """Return the text of ``queries/<name>.cypher``.

    Raises
    ------
    StatementNotFoundError
        If the name is malformed or no such file exists.
    """
    if not _NAME.match(name):
        raise StatementNotFoundError(f"invalid statement name {name!r}")
    path = resources.files("queries").joinpath(f"{name}.cypher")
    if not path.is_file():
        raise StatementNotFoundError(f"no statement queries/{name}.cypher")
    return path.read_text(encoding="utf-8").strip()


def statement_names() -> list[str]:
    """Names of every statement shipped in ``queries/``."""
    return sorted(
        entry.name.removesuffix(".cypher")
        for entry in resources.files("queries").iterdir()
        if entry.name.endswith(".cypher")
    )
