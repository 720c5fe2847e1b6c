"""The one interface through which govgraph talks to a store.

A runner executes named statements from ``queries/``: :meth:`Runner.read` runs
one statement in read mode; :meth:`Runner.write` runs several statements in
one transaction that either commits whole or leaves the store as it was;
:meth:`Runner.write_rows` writes whole rows (ingest) through the backend's
bulk path, with the same guarantee.
Values always travel as ``$parameters``; a runner refuses ``None`` as a
top-level parameter because an untyped null does not bind the same way on
every backend (callers pass ``''`` or ``[]`` for "no filter").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from graph.errors import InvalidArgumentError
from graph.recovery import RecoveryReport

if TYPE_CHECKING:
    from graph.bulk import BulkWrite

Row = dict[str, Any]
Params = Mapping[str, Any]
WriteBatch = Sequence[tuple[str, Params]]


class Runner(Protocol):
    """A store backend. Nothing outside the implementations touches a driver."""

    backend: str
    read_only: bool
    round_trips: int
    """Statements sent to the store since the runner was opened."""
    writes: int
    """Write transactions committed through this runner."""
    recovery: RecoveryReport | None
    """What opening the store did to recover from a process that died writing to it."""

    def read(self, name: str, params: Params | None = None) -> list[Row]:
        """Run statement ``name`` in read mode and return its rows as dicts."""
        ...

    def write(self, batch: WriteBatch) -> None:
        """Run every ``(name, params)`` in one transaction; all or nothing."""
        ...

    def write_rows(self, rows: BulkWrite,
                   progress: Callable[[int], None] | None = None) -> None:
        """Write ``rows`` through the backend's bulk path in one transaction; all or nothing.

        ``progress`` is told how many more rows were written as the write goes on.
        """
        ...

    def apply_schema(self) -> None:
        """Create the tables, constraints and indexes the model needs (idempotent)."""
        ...

    def close(self) -> None:
        """Release the database or driver."""
        ...


def check_params(name: str, params: Params) -> None:
    """Reject ``None`` top-level parameters (see the module docstring), and text that is not
    Unicode (a lone surrogate, in a parameter or a list of them): it never reaches a store.

    Raises
    ------
    InvalidArgumentError
        For text that is not Unicode: the caller sent it (``BAD_USER_INPUT``).
    """
    nulls = [key for key, value in params.items() if value is None]
    if nulls:
        raise ValueError(f"statement {name}: parameters {nulls} are None; pass '' or [] instead")
    for key, value in params.items():
        texts = [value] if isinstance(value, str) else value if isinstance(value, list) else ()
        for text in texts:
            if isinstance(text, str) and not _is_unicode(text):
                raise InvalidArgumentError(f"a {key} argument holds a lone surrogate "
                                           "(U+D800 to U+DFFF), which is not text")


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
