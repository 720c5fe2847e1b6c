"""A fast path for reading tables that are valid: Frictionless's typed rows, or None.

Frictionless validates and types every cell through several Python objects,
which made it most of the time of a large ingest. This reader applies the same
Table Schemas (:func:`ingest.package.table_schema`: types, required and
allowed values, minimums, unique ids, references) with the ``csv`` module, and
accepts a table only when every cell is in the canonical form of its type
(``12``, ``2021-06-01``, ``true``). Anything else, whether an error or a form
Frictionless might accept (``+12``, ``2021-6-1``), makes it give up: the
Frictionless validation then runs and reports every problem with its message.
So it never accepts what Frictionless would refuse, and when it accepts, its
rows are the ones Frictionless would give.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

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
    for key in schema.get("foreignKeys", []):
        (column,) = key["fields"]
        target = key["reference"]["resource"] or name
        if target not in rows or key["reference"]["fields"] != ["id"]:
            raise _UnsureError
        ids = {row["id"] for row in rows[target]}
        if {row[column] for row in rows[name]} - ids - {None}:
            raise _UnsureError
