"""The production backend: a Neo4j 5 server through the official driver."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, CypherSyntaxError, Neo4jError, ServiceUnavailable

from graph import ddl
from graph.bulk import BulkWrite, Progress, as_statements
from graph.errors import QueryFailedError, StoreUnavailableError
from graph.recovery import RecoveryReport
from graph.runner import Params, Row, WriteBatch, check_params
from graph.statements import statement

_TEMPORAL = frozenset({neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time})
_PLAIN = frozenset({str, int, float, bool, type(None)})
T = TypeVar("T")


def _native(value: Any) -> Any:
    """A driver value as Python's own: temporal values (the only driver types the
    statements return, alone or in lists) converted, anything else as it is."""
    kind = type(value)
    if kind is list:
        return [_native(v) for v in value]
    return value.to_native() if kind in _TEMPORAL else value


def _rows(result: neo4j.Result) -> list[Row]:
    """Every record of ``result`` as a dict of Python values.

    The records are taken as lists of values (``Result.values``): a ``Record`` per row,
    then ``Record.data()``, costs more than the row's own values.
    """
    return _as_dicts(result.keys(), result.values())


def _as_dicts(keys: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[Row]:
    return [dict(zip(keys, [v if type(v) in _PLAIN else _native(v) for v in row], strict=True))
            for row in rows]


@dataclass(frozen=True)
class Columns:
    """The columns of a statement's result, and which of them hold dates."""

    names: tuple[str, ...]
    dates: frozenset[str]

    @classmethod
    def of(cls, keys: Sequence[str], rows: Sequence[Row]) -> Columns:
        """The columns of ``rows``; a column holds dates if it held a date and nothing else."""
        kinds = {key: {type(row[key]) for row in rows} - {type(None)} for key in keys}
        return cls(tuple(keys), frozenset(key for key, seen in kinds.items() if seen == {date}))

    def decode(self, rows: Sequence[Sequence[Any]]) -> list[Row]:
        """Collected rows as dicts of Python values (dates sent as text read back)."""
        found = _as_dicts(self.names, rows)
        for key in self.dates:
            for row in found:
                value = row[key]
                if type(value) is str:
                    with contextlib.suppress(ValueError):  # text stored as such stays text
                        row[key] = date.fromisoformat(value)
        return found


def collected(text: str, columns: Columns) -> str:
    """``text`` as one record: its rows collected, in order, into one list of lists.

    The driver spends far more on each record it receives (a message, its chunks, a
    ``Record``) than on the values in it: ten thousand rows of five values cost several
    times the same values in one list. Likewise a date costs the driver several times
    its ISO text, so the columns that held dates travel as text (only values that are
    dates; anything else as it is). The statement runs unchanged inside a subquery;
    ``collect`` keeps the order of the rows it is given.
    """
    def value(name: str) -> str:
        quoted = f"`{name.replace('`', '``')}`"
        return (f"CASE WHEN {quoted} IS :: DATE THEN toString({quoted}) ELSE {quoted} END"
                if name in columns.dates else quoted)

    values = ", ".join(value(name) for name in columns.names)
    return f"CALL () {{\n{text}\n}}\nRETURN collect([{values}]) AS `rows`"


class Neo4jRunner:
    """Runs named statements on a Neo4j database.

    Parameters
    ----------
    uri, user, password, database :
        Connection settings (``GOVGRAPH_NEO4J_URI``, ``_USER``, ``_PASSWORD``, ``_DATABASE``).
        A ``neo4j://`` URI routes: writes go to the cluster's leader, and every read (each
        runs with ``RoutingControl.READ``) to a follower or read replica.
    max_pool_size : int
        Connections this process may hold open (``GOVGRAPH_NEO4J_MAX_POOL_SIZE``).
    acquire_timeout : float
        Seconds a statement waits for a free connection before failing
        (``GOVGRAPH_NEO4J_ACQUIRE_TIMEOUT``).
    """

    backend = "neo4j"
    read_only = False
    recovery: RecoveryReport | None = None

    def __init__(self, uri: str, user: str, password: str, database: str, *,
                 max_pool_size: int = 100, acquire_timeout: float = 60.0) -> None:
        self.round_trips = 0
        self.writes = 0
        self._database = database
        self._columns: dict[str, Columns | None] = {}
        """The columns of each statement read so far; None for one that cannot be collected."""
        self._driver = GraphDatabase.driver(uri, auth=(user, password),
                                            max_connection_pool_size=max_pool_size,
                                            connection_acquisition_timeout=acquire_timeout,
                                            # Statements are checked by the Cypher linter;
                                            # the server's hints would only fill the log.
                                            notifications_min_severity="OFF")
        try:
            self._driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, ValueError) as exc:
            self._driver.close()
            raise StoreUnavailableError(f"cannot reach Neo4j at {uri}: {exc}") from exc

    def read(self, name: str, params: Params | None = None) -> list[Row]:
        """Run statement ``name`` in read mode.

        Its first run that returns rows learns the statement's columns from them; later
        runs receive every row in one record (:func:`collected`). A statement Neo4j will
        not run that way (it refuses the wrapping) is read row by row from then on.
        """
        values = dict(params or {})
        check_params(name, values)
        columns = self._columns.get(name, Columns((), frozenset()))
        if columns is not None and columns.names:
            try:
                return self._query(name, collected(statement(name), columns), values,
                                   lambda result: columns.decode(result.single(strict=True)[0]))
            except QueryFailedError as exc:
                if not isinstance(exc.__cause__, CypherSyntaxError):
                    raise
                self._columns[name] = None
        rows, keys = self._query(name, statement(name), values,
                                 lambda result: (_rows(result), tuple(result.keys())))
        if name not in self._columns and rows:  # an empty result tells nothing of dates
            self._columns[name] = Columns.of(keys, rows)
        return rows

    def _query(self, name: str, text: str, values: dict[str, Any],
               transform: Callable[[neo4j.Result], T]) -> T:
        self.round_trips += 1
        try:
            answer: T = self._driver.execute_query(
                text, values, database_=self._database, routing_=RoutingControl.READ,
                result_transformer_=transform)
        except Neo4jError as exc:
            raise QueryFailedError(f"statement {name} failed: {exc}") from exc
        return answer

    def write(self, batch: WriteBatch) -> None:
        self._write(list(batch))

    def write_rows(self, rows: BulkWrite, progress: Progress | None = None) -> None:
        """Deletions, then batched ``UNWIND $rows`` upserts, in one managed transaction."""
        statements = list(as_statements(rows))
        creates = range(len(rows.deletes), len(statements) - len(rows.after))

        def written(i: int, values: Params) -> None:
            if progress and i in creates:
                progress(len(values["rows"]))

        self._write(statements, written)

    def _write(self, statements: Sequence[tuple[str, Params]],
               written: Callable[[int, Params], None] | None = None) -> None:
        """Run ``statements`` in one managed transaction; ``written(i, params)`` after each."""
        def work(tx: neo4j.ManagedTransaction) -> None:
            for i, (name, params) in enumerate(statements):
                values = dict(params)
                check_params(name, values)
                self.round_trips += 1
                tx.run(statement(name), values).consume()
                if written:
                    written(i, values)

        try:
            with self._driver.session(database=self._database) as session:
                session.execute_write(work)
        except Neo4jError as exc:
            raise QueryFailedError(f"write failed: {exc}") from exc
        self.writes += 1

    def apply_schema(self) -> None:
        with self._driver.session(database=self._database) as session:
            for text in ddl.neo4j_schema():
                self.round_trips += 1
                session.run(text).consume()

    def close(self) -> None:
        self._driver.close()
