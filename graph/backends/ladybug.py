"""The embedded backend: LadybugDB, an on-disk graph database in this process.

Ladybug lacks Neo4j's ``toInteger``/``toFloat``; they are registered here as
functions so that the one set of portable statements runs unchanged on both
backends (a column that is null in every row of a batch otherwise binds as a
string and cannot be stored in an integer property).
"""

from __future__ import annotations

import re
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import ladybug

from graph import ddl
from graph.errors import QueryFailedError, StoreLockedError, StoreUnavailableError
from graph.model import ALL_TYPES
from graph.runner import Params, Row, WriteBatch, check_params
from graph.statements import statement

DB_FILE = "govgraph.lbug"
_LOCK_PID = re.compile(r"Lock is held by PID (\d+)")


def _plain(value: Any) -> Any:
    """Ladybug sums integers into 128-bit decimals; return them as Neo4j does, as int."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _to_integer(value: str) -> int:
    # Ladybug passes nulls through without calling (default null handling).
    return int(float(value))


def _to_float(value: str) -> float:
    return float(value)


class LadybugRunner:
    """Runs named statements on a Ladybug database kept in ``directory``.

    Parameters
    ----------
    directory : Path
        Folder holding the database file; created if missing.
    read_only : bool
        Open without taking the write lock (several readers may coexist).
    """

    backend = "ladybug"

    def __init__(self, directory: Path, *, read_only: bool = False) -> None:
        self.directory = directory
        self.read_only = read_only
        self.round_trips = 0
        self.writes = 0
        self._lock = threading.RLock()
        directory.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(str(directory / DB_FILE), read_only=read_only)
        except RuntimeError as exc:
            raise _open_error(directory, exc) from exc
        self._conn = ladybug.Connection(self._db)
        self._conn.create_function("toInteger", _to_integer, ["STRING"], "INT64")
        self._conn.create_function("toFloat", _to_float, ["STRING"], "DOUBLE")

    def read(self, name: str, params: Params | None = None) -> list[Row]:
        return self._execute(name, statement(name), dict(params or {}))

    def write(self, batch: WriteBatch) -> None:
        with self._lock:
            self._raw("BEGIN TRANSACTION")
            try:
                for name, params in batch:
                    self._execute(name, statement(name), dict(params))
            except BaseException:
                self._raw("ROLLBACK")
                raise
            self._raw("COMMIT")
            self.writes += 1

    def apply_schema(self) -> None:
        with self._lock:
            for text in ddl.ladybug_schema():
                self._raw(text)
            for item in ALL_TYPES:
                present = {row[1] for row in self._raw(f"CALL table_info('{item.name}') RETURN *")}
                for prop, ptype in item.properties.items():
                    if prop not in present:
                        self._raw(ddl.ladybug_add_column(item.name, prop, ptype))

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            self._db.close()

    def _execute(self, name: str, text: str, params: dict[str, Any]) -> list[Row]:
        check_params(name, params)
        with self._lock:
            self.round_trips += 1
            try:
                result = self._conn.execute(text, params)
            except RuntimeError as exc:
                raise QueryFailedError(f"statement {name} failed: {exc}") from exc
            assert not isinstance(result, list)
            columns = result.get_column_names()
            return [dict(zip(columns, map(_plain, values), strict=True))
                    for values in result.get_all()]

    def _raw(self, text: str) -> list[list[Any]]:
        self.round_trips += 1
        result = self._conn.execute(text)
        assert not isinstance(result, list)
        return [list(row) for row in result.get_all()]


def _open_error(directory: Path, exc: RuntimeError) -> Exception:
    message = str(exc)
    if "lock" in message.lower():
        match = _LOCK_PID.search(message)
        holder = f" (process {match.group(1)})" if match else ""
        return StoreLockedError(
            f"the embedded database at {directory} is in use by another process{holder}. "
            "Only one process may open it read-write: stop `govgraph serve` before running "
            "`govgraph ingest` or `govgraph reset`, or point GOVGRAPH_DB at another directory."
        )
    return StoreUnavailableError(f"cannot open the embedded database at {directory}: {message}")
