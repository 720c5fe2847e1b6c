"""The embedded backend: LadybugDB, an on-disk graph database in this process.

Ladybug lacks Neo4j's ``toInteger``/``toFloat``; they are registered here as
functions so that the one set of portable statements runs unchanged on both
backends (a column that is null in every row of a batch otherwise binds as a
string and cannot be stored in an integer property).
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import re
import shutil
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import ladybug
import pyarrow as pa

from graph import ddl
from graph.bulk import BulkWrite, Columns, Progress, as_statements, chunks, column
from graph.errors import (
    GovgraphError,
    QueryFailedError,
    StoreLockedError,
    StoreUnavailableError,
)
from graph.model import ALL_TYPES, NODE_BY_LABEL, REL_BY_TYPE, PropertyType
from graph.recovery import RecoveryReport
from graph.runner import Params, Row, WriteBatch, check_params
from graph.statements import statement

DB_FILE = "govgraph.lbug"
WAL_FILE = DB_FILE + ".wal"
CHECKPOINT_WAL_FILE = DB_FILE + ".wal.checkpoint"
RECOVERY_DIR = "recovery"
"""Where logs that recovery dropped or set aside are kept, inside the store's directory."""
COPY_CHUNK = 100_000
"""Rows per ``COPY FROM`` (several per table, so that progress can be shown)."""
_LOCK_PID = re.compile(r"Lock is held by PID (\d+)")
_ARROW: dict[PropertyType, pa.DataType] = {
    PropertyType.STRING: pa.string(), PropertyType.INT: pa.int64(),
    PropertyType.FLOAT: pa.float64(), PropertyType.BOOL: pa.bool_(),
    PropertyType.DATE: pa.date32(), PropertyType.STRING_LIST: pa.list_(pa.string()),
}
_log = logging.getLogger(__name__)


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

    Every write is one transaction followed by a checkpoint, so the
    write-ahead log never holds more than the write in flight. If a process
    died while writing, opening read-write recovers (see :attr:`recovery`):
    a committed write is replayed, an uncommitted or torn tail of the log is
    dropped (the engine's strict default would refuse to open the store at
    all), and the store holds exactly the state before or after that write.

    Parameters
    ----------
    directory : Path
        Folder holding the database file; created if missing.
    read_only : bool
        Open without taking the write lock (several readers may coexist).
        A read-only open recovers nothing on disk: it reads the last
        committed state.
    keep_recovered : int
        How many logs that recovery dropped or set aside to keep in
        ``directory/recovery`` (the oldest are deleted beyond that).
    read_connections : int
        Connections that run reads, each in its own thread, at once (the engine
        runs a statement without holding the GIL); a write waits for the reads
        in flight and holds new ones back until it is done.
    read_threads : int
        Engine threads one read may use (0: the engine's default, every core). Given,
        the engine gets enough threads for every read connection at once: its threads
        are shared first come, first served, and a long read using all of them holds
        a light one back until it ends.
    """

    backend = "ladybug"

    def __init__(self, directory: Path, *, read_only: bool = False,
                 keep_recovered: int = 5, read_connections: int = 4,
                 read_threads: int = 0) -> None:
        if read_connections < 1 or read_threads < 0:
            raise ValueError("read_connections must be at least 1, read_threads at least 0")
        self._read_threads = read_threads
        threads = (max(os.cpu_count() or 1, read_connections * read_threads + 1)
                   if read_threads else 0)
        self.directory = directory
        self.read_only = read_only
        self.round_trips = 0
        self.writes = 0
        self.recovery: RecoveryReport | None = None
        self._lock = threading.RLock()
        self._table_columns: dict[str, list[str]] = {}
        _prepare_directory(directory, read_only=read_only)
        if read_only:
            self._db = _database(directory, read_only=True, threads=threads)
        else:
            self._db, self.recovery = _open_recovering(directory, keep_recovered, threads)
        self._conn = ladybug.Connection(self._db)
        _register_functions(self._conn)
        self._gate = _ReadWriteGate()
        self._readers: queue.LifoQueue[ladybug.Connection] = queue.LifoQueue()
        self._reader_slots = threading.BoundedSemaphore(read_connections)
        self._all_readers: list[ladybug.Connection] = []
        if self.recovery:
            self._checkpoint()

    def read(self, name: str, params: Params | None = None) -> list[Row]:
        params = dict(params or {})
        check_params(name, params)
        if self._gate.writer_is_me():  # a read inside this thread's write sees the write
            return self._execute(name, statement(name), params)
        with self._reader_slots, self._gate.reading():
            try:
                conn = self._readers.get_nowait()
            except queue.Empty:
                # the functions are the database's
                conn = ladybug.Connection(self._db, self._read_threads)
                with self._lock:
                    self._all_readers.append(conn)
            try:
                return self._run(conn, name, statement(name), params)
            finally:
                self._readers.put(conn)

    def write(self, batch: WriteBatch) -> None:
        with self._gate.writing(), self._lock:
            self._raw("BEGIN TRANSACTION")
            try:
                for name, params in batch:
                    self._execute(name, statement(name), dict(params))
            except BaseException:
                self._rollback()
                raise
            self._raw("COMMIT")
            self.writes += 1
            self._checkpoint()

    def write_rows(self, rows: BulkWrite, progress: Progress | None = None) -> None:
        """``COPY FROM`` Arrow tables in one transaction; with deletions, the statements.

        A transaction holding ``COPY`` is rolled back whole on failure, and its
        commit folds it into the database file at once (no log is left). But
        when it also deleted rows, a kill during that commit was seen to leave
        the deletions replayed from the log without the copied rows (2 of 20
        kills, ``benchmarks/crash.py``). So a write that deletes anything (a
        new version of a stored dataset, where only the changes are written)
        goes through the portable statements, which the log replays whole; so
        does a write with ``after`` statements (updates of rows already stored).

        On the ``COPY`` path the rows of each label or type are removed from
        ``rows`` once copied: the engine holds their Arrow tables until the
        commit, and a large write should not hold its Python rows as well.
        """
        if rows.deletes or rows.after:
            self.write(list(as_statements(rows)))
            if progress:
                progress(rows.rows)
            return
        with self._gate.writing(), self._lock:
            self._raw("BEGIN TRANSACTION")
            try:
                for group in (rows.nodes, rows.relationships):
                    for kind in list(group):
                        for batch in chunks(group[kind], COPY_CHUNK):
                            self._copy(kind, batch)
                            if progress:
                                progress(len(batch))
                        del group[kind]
            except BaseException:
                self._rollback()
                raise
            self._raw("COMMIT")
            self.writes += 1
            self._checkpoint()

    def apply_schema(self) -> None:
        with self._gate.writing(), self._lock:
            self._table_columns.clear()
            for text in ddl.ladybug_schema():
                self._raw(text)
            for item in ALL_TYPES:
                present = [row[1] for row in self._raw(f"CALL table_info('{item.name}') RETURN *")]
                for prop, ptype in item.properties.items():
                    if prop not in present:
                        self._raw(ddl.ladybug_add_column(item.name, prop, ptype))
                        present.append(prop)  # ALTER appends
                self._table_columns[item.name] = present
            self._checkpoint()

    def _copy(self, kind: str, rows: Sequence[Row]) -> None:
        """``COPY`` ``rows`` into the node or relationship table ``kind``."""
        table = arrow_table(kind, rows, self._columns(kind))
        self._execute(f"copy {kind}", ddl.ladybug_copy(kind), {"rows": table})

    def _columns(self, table: str) -> list[str]:
        """The table's properties in its own column order (``ALTER`` appends)."""
        if table not in self._table_columns:
            self._table_columns[table] = [
                row[1] for row in self._raw(f"CALL table_info('{table}') RETURN *")]
        return self._table_columns[table]

    def _rollback(self) -> None:
        """End the failed transaction; the engine may already have rolled it back."""
        try:
            self._raw("ROLLBACK")
        except RuntimeError as exc:
            if "no active transaction" not in str(exc).lower():
                raise

    def close(self) -> None:
        with self._gate.writing(), self._lock:
            for conn in self._all_readers:
                conn.close()
            self._conn.close()
            self._db.close()

    def _execute(self, name: str, text: str, params: dict[str, Any]) -> list[Row]:
        check_params(name, params)
        with self._lock:
            return self._run(self._conn, name, text, params)

    def _run(self, conn: ladybug.Connection, name: str, text: str,
             params: dict[str, Any]) -> list[Row]:
        self.round_trips += 1
        try:
            result = conn.execute(text, params)
        except RuntimeError as exc:
            raise QueryFailedError(f"statement {name} failed: {exc}") from exc
        assert not isinstance(result, list)
        columns = result.get_column_names()
        summed = [i for i, kind in enumerate(result.get_column_data_types())
                  if kind == "INT128" or kind.startswith("DECIMAL")]
        rows = cast("list[list[Any]]", result.get_all())
        if summed:  # other columns cannot hold a decimal
            for values in rows:
                for i in summed:
                    values[i] = _plain(values[i])
        return [dict(zip(columns, values, strict=True)) for values in rows]

    def _checkpoint(self) -> None:
        """Fold the log into the database file, so that it holds no committed write.

        A committed write is durable in the log whatever happens here, so a
        failed checkpoint is logged, not raised; the engine retries at close.
        """
        try:
            self._raw("CHECKPOINT")
        except RuntimeError as exc:
            _log.warning("checkpoint of %s failed: %s", self.directory, exc)

    def _raw(self, text: str) -> list[list[Any]]:
        self.round_trips += 1
        result = self._conn.execute(text)
        assert not isinstance(result, list)
        return [list(row) for row in result.get_all()]


def arrow_table(kind: str, rows: Sequence[Row], columns: Sequence[str]) -> pa.Table:
    """Rows of a node label or relationship type as the Arrow table ``COPY`` takes.

    ``rows`` are dicts or :class:`graph.bulk.Columns`; ``columns`` are the
    table's properties in its column order; a relationship table's rows
    start with ``from`` and ``to`` (their ``source`` and ``target``).
    """
    item = NODE_BY_LABEL.get(kind) or REL_BY_TYPE[kind]
    arrays: dict[str, pa.Array] = {}
    if kind in REL_BY_TYPE:
        arrays["from"] = _array(rows, "source", pa.string())
        arrays["to"] = _array(rows, "target", pa.string())
    for name in columns:
        ptype = item.properties[name]
        if ptype is PropertyType.DATE:
            arrays[name] = _array(rows, name, pa.string()).cast(pa.date32())
        else:
            arrays[name] = _array(rows, name, _ARROW[ptype])
    return pa.table(arrays)


def _array(rows: Sequence[Row], name: str, kind: pa.DataType) -> pa.Array:
    """Property ``name`` of ``rows`` as an Arrow array of ``kind``: the one the rows hold if
    they are :class:`graph.bulk.Columns` of Arrow arrays, else made from the values."""
    held = rows.arrow(name) if isinstance(rows, Columns) else None
    if held is not None:
        return held if held.type == kind else held.cast(kind)
    return pa.array(column(rows, name), kind)


def _register_functions(conn: ladybug.Connection) -> None:
    conn.create_function("toInteger", _to_integer, ["STRING"], "INT64")
    conn.create_function("toFloat", _to_float, ["STRING"], "DOUBLE")


class _ReadWriteGate:
    """Many readers at once, or one writer; a waiting writer holds new readers back."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer: int | None = None
        self._depth = 0
        self._writers_waiting = 0

    def writer_is_me(self) -> bool:
        return self._writer == threading.get_ident()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writer is not None or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            if self._writer != me:
                self._writers_waiting += 1
                try:
                    while self._writer is not None or self._readers:
                        self._cond.wait()
                finally:
                    self._writers_waiting -= 1
                self._writer = me
            self._depth += 1
        try:
            yield
        finally:
            with self._cond:
                self._depth -= 1
                if not self._depth:
                    self._writer = None
                    self._cond.notify_all()


def _prepare_directory(directory: Path, *, read_only: bool) -> None:
    """Create the store's directory, or say clearly why it cannot be used."""
    if directory.exists() and not directory.is_dir():
        raise StoreUnavailableError(
            f"cannot open the embedded database at {directory}: it is a file, not a directory "
            "(GOVGRAPH_DB names the directory that holds the database)")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnavailableError(
            f"cannot create the embedded database directory {directory}: "
            f"{exc.strerror or exc}") from exc
    needed = os.R_OK | os.X_OK | (0 if read_only else os.W_OK)
    if not os.access(directory, needed):
        raise StoreUnavailableError(
            f"cannot open the embedded database at {directory}: permission denied")


def _database(directory: Path, *, read_only: bool = False, threads: int = 0) -> ladybug.Database:
    """Open the database, dropping a log tail that holds no committed transaction.

    The binding's default (``throw_on_wal_replay_failure=True``) refuses to
    open a store whose log ends in a record torn by a hard kill, although
    everything committed before it is intact (a defect reported upstream, LadybugDB #714).
    """
    try:
        return ladybug.Database(str(directory / DB_FILE), read_only=read_only,
                                max_num_threads=threads, throw_on_wal_replay_failure=False)
    except RuntimeError as exc:
        raise _open_error(directory, exc) from exc


def _open_recovering(directory: Path, keep: int,
                     threads: int = 0) -> tuple[ladybug.Database, RecoveryReport | None]:
    """Open read-write; if a process died while writing, recover and say what was done.

    A log left behind is copied aside first, because the engine truncates a
    torn tail in place; the copy is kept only if something of it was dropped.
    """
    wal, checkpoint_wal = directory / WAL_FILE, directory / CHECKPOINT_WAL_FILE
    wal_bytes, checkpoint_bytes = _size(wal), _size(checkpoint_wal)
    if not wal_bytes and not checkpoint_bytes:
        return _database(directory, threads=threads), None
    copy = _copy_aside(directory, wal) if wal_bytes else None
    set_aside = False
    try:
        try:
            db = _database(directory, threads=threads)
        except StoreUnavailableError as exc:
            if copy is None:
                raise
            db = _open_without_log(directory, wal, copy, exc, threads)
            set_aside = True
    except BaseException:
        if copy is not None:
            copy.unlink(missing_ok=True)
        raise
    discarded = max(0, wal_bytes - _size(wal)) if wal.exists() else 0
    if copy is not None and not (discarded or set_aside):
        copy.unlink()
        copy = None
    report = RecoveryReport(directory, wal_bytes + checkpoint_bytes, discarded,
                            checkpoint_completed=bool(checkpoint_bytes), set_aside=set_aside,
                            kept=_prune(directory, keep, copy))
    return db, report


def _open_without_log(directory: Path, wal: Path, copy: Path,
                      first: StoreUnavailableError, threads: int = 0) -> ladybug.Database:
    """The last resort when a log cannot be replayed at all: move it aside and open.

    The log only ever holds the write in flight (every write checkpoints),
    so the store without it is the state before that write. If the store
    does not open without it either, the log is put back and ``first`` stands.
    """
    wal.replace(copy)
    try:
        return _database(directory, threads=threads)
    except GovgraphError:
        copy.replace(wal)
        raise first from None


def _copy_aside(directory: Path, wal: Path) -> Path:
    folder = directory / RECOVERY_DIR
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{stamp}-{os.getpid()}.wal"
    try:
        folder.mkdir(exist_ok=True)
        shutil.copyfile(wal, target)
    except OSError as exc:
        raise StoreUnavailableError(
            f"cannot keep a copy of the write-ahead log of {directory} before recovering it: "
            f"{exc.strerror or exc}") from exc
    return target


def _prune(directory: Path, keep: int, newest: Path | None) -> Path | None:
    """Keep the ``keep`` most recent logs in the recovery folder; return ``newest`` if kept."""
    kept = sorted((directory / RECOVERY_DIR).glob("*.wal"))
    for old in kept[:max(0, len(kept) - keep)]:
        old.unlink()
    return newest if newest is not None and newest.exists() else None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _open_error(directory: Path, exc: RuntimeError) -> GovgraphError:
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
