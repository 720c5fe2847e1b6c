"""A fast path for reading tables that are valid: Frictionless's typed rows, or None.

Frictionless validates and types every cell through several Python objects,
which made it most of the time of a large ingest. This reader applies the same
Table Schemas (:func:`ingest.package.table_schema`: types, required and
allowed values, minimums, unique ids, references) and accepts a table only
when every cell is in the canonical form of its type (``12``, ``2021-06-01``,
``true``). Anything else, whether an error or a form Frictionless might accept
(``+12``, ``2021-6-1``), makes it give up: the Frictionless validation then
runs and reports every problem with its message. So it never accepts what
Frictionless would refuse, and when it accepts, its rows are the ones
Frictionless would give.

:func:`typed_columns` reads a table with Arrow's CSV reader and checks and
types its cells with Arrow kernels over whole columns, keeping them as Arrow
arrays (no Python object per cell); a table it is not sure of (a quote in the
file, say) is read by the ``csv`` module, as :func:`typed_tables` reads every
table, with the same result.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

    from graph.bulk import Columns

Converter = Callable[[str], Any]
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "1": True,
             "false": False, "False": False, "FALSE": False, "0": False}


class _UnsureError(Exception):
    """A cell this reader does not accept; Frictionless decides."""


Rows = list[dict[str, Any]]


def typed_tables(folder: Path, tables: dict[str, tuple[str, dict[str, Any]]]
                 ) -> dict[str, Rows] | None:
    """The typed rows of every table if all are valid in canonical form, else None.

    Parameters
    ----------
    folder : Path
        The dataset folder.
    tables : dict
        Per resource name, its file (relative to ``folder``) and Table Schema
        descriptor (fields, primary key, foreign keys).

    Returns
    -------
    dict or None
        Per resource, its rows as dicts of the header's columns plus ``_row``
        (the row number, the header being row 1); None if anything needs
        Frictionless to look.
    """
    rows: dict[str, list[dict[str, Any]]] = {}
    try:
        for name, (file, schema) in tables.items():
            rows[name] = _read(folder / file, schema)
        for name, (_, schema) in tables.items():
            _check_references(rows, name, schema)
    except (_UnsureError, csv.Error, OSError, UnicodeDecodeError):
        return None
    return rows


def typed_columns(folder: Path, tables: dict[str, tuple[str, dict[str, Any]]]
                  ) -> dict[str, Columns] | None:
    """What :func:`typed_tables` gives, each table's rows kept as columns (Arrow arrays).

    A table is read by Arrow's CSV reader, its cells checked and typed by Arrow
    kernels over whole columns (:func:`_arrow_columns`), when it is plainly in
    reach of them; otherwise by the ``csv`` module, as :func:`typed_tables`
    reads it. Either way the rows are the ones :func:`typed_tables` gives.
    """
    from graph.bulk import Columns

    read: dict[str, Columns] = {}
    try:
        for name, (file, schema) in tables.items():
            try:
                read[name] = _arrow_columns(folder / file, schema)
            except _NotForArrowError:
                rows = _read(folder / file, schema)
                read[name] = Columns({column: [row[column] for row in rows]
                                      for column in [*_names(schema), "_row"]})
        for name, (_, schema) in tables.items():
            _check_column_references(read, name, schema)
    except (_UnsureError, csv.Error, OSError, UnicodeDecodeError):
        return None
    return read


class _NotForArrowError(Exception):
    """A table the Arrow path leaves to the ``csv`` module (which may still accept it)."""


def _names(schema: dict[str, Any]) -> list[str]:
    """The table's columns, in the schema's order."""
    return [field["name"] for field in schema["fields"]]


def _arrow_columns(path: Path, schema: dict[str, Any]) -> Columns:
    """The typed columns of a table, or :class:`_NotForArrowError`.

    It reads only files without a quote (so every line is a row and every comma
    ends a cell, as for the ``csv`` module) and accepts a table only when each
    of its cells is, by the kernels, one :func:`_converter` accepts with the
    value it gives; any doubt leaves the table to the ``csv`` module.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    from graph.bulk import Columns

    data = path.read_bytes()
    if b'"' in data or b"\x00" in data:
        raise _NotForArrowError
    names = _names(schema)
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data.removeprefix(b"\xef\xbb\xbf")),
            read_options=pacsv.ReadOptions(use_threads=False),
            parse_options=pacsv.ParseOptions(delimiter=",", quote_char=False,
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                strings_can_be_null=False))
    except (pa.ArrowException, ValueError) as exc:
        raise _NotForArrowError from exc
    if table.column_names != names:
        raise _NotForArrowError
    cells = [table.column(name).combine_chunks() for name in names]
    if len(table):
        widest = pc.max_element_wise(*map(pc.binary_length, cells))  # per row, its longest cell
        if pc.min(widest).as_py() == 0:
            raise _NotForArrowError  # a blank row
        if pc.max(widest).as_py() > csv.field_size_limit():
            raise _NotForArrowError  # the csv module refuses a cell this long
    unique = {field["name"] for field in schema["fields"]
              if field.get("constraints", {}).get("unique")} | set(schema.get("primaryKey", []))
    columns: dict[str, Any] = {}
    for field, text in zip(schema["fields"], cells, strict=True):
        _converter(field)  # a rule this reader does not apply leaves the table to Frictionless
        typed = _typed(field, text)
        if field["name"] in unique and pc.count_distinct(typed, mode="all").as_py() != len(typed):
            raise _UnsureError
        columns[field["name"]] = typed
    columns["_row"] = list(range(2, len(table) + 2))
    return Columns(columns)


_PARTS = {"integer": r"^-?(?:0|[1-9][0-9]*)$", "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
"""What a cell of a type must match whole (the forms :data:`_INTEGER`, :data:`_DATE` take)."""


def _typed(field: dict[str, Any], text: pa.Array) -> pa.Array:
    """A column's cells as their typed values (empty cells null), as :func:`_converter` types
    them; :class:`_NotForArrowError` where in doubt."""
    import pyarrow as pa
    import pyarrow.compute as pc

    constraints = field.get("constraints", {})
    empty = pc.equal(text, "")
    if constraints.get("required") and pc.any(empty).as_py():
        raise _NotForArrowError
    kind = field["type"]
    given = pc.if_else(empty, pa.scalar(None, pa.string()), text)
    if kind in _PARTS and not pc.all(pc.match_substring_regex(given, _PARTS[kind])).as_py():
        raise _NotForArrowError
    try:
        if kind == "string":
            typed = given
        elif kind == "integer":
            typed = given.cast(pa.int64())
        elif kind == "date":
            if pc.any(pc.starts_with(given, "0000")).as_py():
                raise _NotForArrowError  # Python's dates start in year 1
            typed = given.cast(pa.date32())
        elif kind == "boolean":
            if not _all_in(given, pa.array(list(_BOOLEANS))):
                raise _NotForArrowError
            truths = pa.array([cell for cell, value in _BOOLEANS.items() if value])
            typed = pc.if_else(empty, pa.scalar(None, pa.bool_()), pc.is_in(given, truths))
        else:
            raise _NotForArrowError
        if "enum" in constraints and not _all_in(typed, pa.array(constraints["enum"],
                                                                  typed.type)):
            raise _NotForArrowError
        minimum = constraints.get("minimum")
        if minimum is not None and len(typed) and typed.null_count < len(typed) and (
                pc.min(typed).as_py() < minimum):
            raise _NotForArrowError
    except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
        raise _NotForArrowError from exc
    return typed


def _all_in(values: pa.Array, allowed: pa.Array) -> bool:
    """Whether every value that is not null is one of ``allowed``."""
    import pyarrow.compute as pc

    return bool(pc.all(pc.or_(pc.is_null(values), pc.is_in(values, allowed))).as_py())


def _references(schema: dict[str, Any], name: str,
                tables: Collection[str]) -> Iterator[tuple[str, str]]:
    """``(column, target table)`` of each foreign key of table ``name`` onto a table's ``id``
    among ``tables``; any other kind of key is left to the careful reader (``_UnsureError``)."""
    for key in schema.get("foreignKeys", []):
        (column,) = key["fields"]
        target = key["reference"]["resource"] or name
        if target not in tables or key["reference"]["fields"] != ["id"]:
            raise _UnsureError
        yield column, target


def _check_column_references(tables: dict[str, Columns], name: str,
                             schema: dict[str, Any]) -> None:
    """:func:`_check_references` over columns."""
    import pyarrow as pa

    for column, target in _references(schema, name, tables):
        try:
            ids = _text_array(tables[target], "id")
            values = _text_array(tables[name], column)
        except (pa.ArrowException, TypeError, ValueError) as exc:
            missing = ({value for value in tables[name].column(column)}
                       - set(tables[target].column("id")) - {None})
            if missing:
                raise _UnsureError from exc
            continue
        if not _all_in(values, ids):
            raise _UnsureError


def _text_array(table: Columns, column: str) -> pa.Array:
    """A column as Arrow text (an error if its cells are not all text or None)."""
    found = table.arrow(column)
    if found is not None and found.type == "string":
        return found
    import pyarrow as pa

    return pa.array(table.column(column), pa.string())


def _read(path: Path, schema: dict[str, Any]) -> list[dict[str, Any]]:
    fields = schema["fields"]
    names = [field["name"] for field in fields]
    unique = [field["name"] for field in fields
              if field.get("constraints", {}).get("unique")] + list(schema.get("primaryKey", []))
    converters = [_converter(field) if field["name"] in unique else _shared(_converter(field))
                  for field in fields]
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    if next(reader, None) != names:
        raise _UnsureError
    width = len(names)
    rows = []
    for number, cells in enumerate(reader, start=2):
        if len(cells) != width or not any(cells):
            raise _UnsureError
        values = {name: convert(cell) for name, convert, cell in zip(names, converters, cells,
                                                                      strict=True)}
        values["_row"] = number
        rows.append(values)
    for column in set(unique):
        seen = {row[column] for row in rows}
        if len(seen) != len(rows):
            raise _UnsureError
    return rows


def _converter(field: dict[str, Any]) -> Converter:
    """The cell's typed value, or :class:`_UnsureError` if it is not plainly valid."""
    constraints = dict(field.get("constraints", {}))
    required = constraints.pop("required", False)
    constraints.pop("unique", None)
    enum = constraints.pop("enum", None)
    minimum = constraints.pop("minimum", None)
    if constraints or set(field) - {"name", "type", "constraints"}:
        raise _UnsureError  # a rule this reader does not apply
    parse = _PARSERS.get(field["type"])
    if parse is None:
        raise _UnsureError
    allowed = set(enum) if enum is not None else None

    def convert(cell: str) -> Any:
        if cell == "":
            if required:
                raise _UnsureError
            return None
        value = parse(cell)
        if allowed is not None and value not in allowed:
            raise _UnsureError
        if minimum is not None and value < minimum:
            raise _UnsureError
        return value

    return convert


def _shared(convert: Converter) -> Converter:
    """``convert``, giving equal cells one value object (most columns repeat their values:
    a role, a body's id, a date), which keeps a large table's rows small."""
    seen: dict[str, Any] = {}

    def shared(cell: str) -> Any:
        try:
            return seen[cell]
        except KeyError:
            value = seen[cell] = convert(cell)
            return value

    return shared


def _string(cell: str) -> str:
    return cell


def _integer(cell: str) -> int:
    if not _INTEGER.fullmatch(cell):
        raise _UnsureError
    return int(cell)


def _date(cell: str) -> date:
    if not _DATE.fullmatch(cell):
        raise _UnsureError
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise _UnsureError from None


def _boolean(cell: str) -> bool:
    try:
        return _BOOLEANS[cell]
    except KeyError:
        raise _UnsureError from None


_PARSERS: dict[str, Converter] = {"string": _string, "integer": _integer, "date": _date,
                                  "boolean": _boolean}


def _check_references(rows: dict[str, list[dict[str, Any]]], name: str,
                      schema: dict[str, Any]) -> None:
    for column, target in _references(schema, name, rows):
        ids = {row["id"] for row in rows[target]}
        if {row[column] for row in rows[name]} - ids - {None}:
            raise _UnsureError
