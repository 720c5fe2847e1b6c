"""The Table Schema a dataset declares for a resource, enforced on top of govgraph's own.

govgraph validates every table against its own schema (:mod:`ingest.tables`).
A ``datapackage.json`` may also declare a ``schema`` for a resource (inline,
or the path of a JSON file inside the dataset folder), as the Table Schema
specification [1]_ allows. Whatever such a schema promises is enforced too,
so a dataset is never stored in a state its own description says is wrong:

- field constraints ``required``, ``unique``, ``enum``, ``pattern``,
  ``minimum``, ``maximum``, ``minLength`` and ``maxLength``;
- ``primaryKey`` (the columns together are unique and present);
- ``foreignKeys`` towards a resource of the same package (or the same one).

A declared constraint govgraph does not know is refused, never ignored. A
column the declared schema requires is never given a generated value: an
``id`` left blank in a relationship table whose schema requires it is an
error, not a generated id.

References
----------
.. [1] Frictionless Data, "Table Schema", https://specs.frictionlessdata.io/table-schema/
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ingest.issues import Issue

DESCRIPTOR = "datapackage.json"
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum", "minLength",
               "maxLength")
"""The field constraints of Table Schema; all are enforced."""
TYPES: dict[str, re.Pattern[str]] = {
    "string": re.compile(r".*", re.S),
    "any": re.compile(r".*", re.S),
    "integer": re.compile(r"[+-]?\d+"),
    "number": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|NaN|INF|-INF"),
    "boolean": re.compile(r"true|false|True|False|TRUE|FALSE|1|0"),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "datetime": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?"),
    "year": re.compile(r"[+-]?\d{4}"),
}
"""Declared field types govgraph checks values against (in their default formats); a
field declared of another type is refused, never taken on trust."""

Rows = Sequence[dict[str, Any]]


@dataclass(frozen=True)
class Declared:
    """A resource's declared Table Schema, checked for shape."""

    fields: dict[str, dict[str, Any]]
    """Constraints per column name."""
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    """(columns, referenced resource ('' for this one), referenced columns)."""

    def requires(self, column: str) -> bool:
        """Whether the declared schema requires a value in ``column``."""
        return bool(self.fields.get(column, {}).get("required")) or column in self.primary_key


def read_declared(folder: Path, index: int, resource: Mapping[str, Any]
                  ) -> tuple[Declared | None, list[Issue]]:
    """The schema resource ``index`` declares (None if none), or the problems of its shape."""
    where = f"resources[{index}].schema"
    schema = resource.get("schema")
    if schema is None:
        return None, []
    if isinstance(schema, str):
        file = folder / schema
        try:
            inside = file.resolve().is_relative_to(folder.resolve())
        except (OSError, RuntimeError):
            inside = False
        if not inside or not file.is_file():
            return None, [Issue(DESCRIPTOR, None, where,
                                f"{schema!r} names no schema file inside the dataset folder")]
        try:
            schema = json.loads(file.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            return None, [Issue(DESCRIPTOR, None, where,
                                f"the schema file {file.name} is not readable JSON: {exc}")]
    if not isinstance(schema, dict):
        return None, [Issue(DESCRIPTOR, None, where, "must be a Table Schema object (with "
                                                     "fields) or the path of one")]
    issues: list[Issue] = []
    fields: dict[str, dict[str, Any]] = {}
    listed = schema.get("fields", [])
    if not isinstance(listed, list):
        return None, [Issue(DESCRIPTOR, None, f"{where}.fields", "must be a list of fields")]
    for i, spec in enumerate(listed):
        at = f"{where}.fields[{i}]"
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            issues.append(Issue(DESCRIPTOR, None, at, "must be an object with a name"))
            continue
        constraints = spec.get("constraints", {})
        if not isinstance(constraints, dict):
            issues.append(Issue(DESCRIPTOR, None, f"{at}.constraints", "must be an object"))
            continue
        issues += _constraint_shapes(f"{at}.constraints", constraints)
        kind = spec.get("type", "string")
        if kind not in TYPES:
            issues.append(Issue(DESCRIPTOR, None, f"{at}.type",
                                f"govgraph does not check values of type {kind!r}; declare "
                                f"one of {', '.join(TYPES)}"))
            continue
        fields[spec["name"]] = {**constraints, "type": kind}
    primary = schema.get("primaryKey", [])
    primary = [primary] if isinstance(primary, str) else primary
    if not isinstance(primary, list) or not all(isinstance(c, str) for c in primary):
        issues.append(Issue(DESCRIPTOR, None, f"{where}.primaryKey",
                            "must be a column name or a list of them"))
        primary = []
    keys = []
    for i, key in enumerate(schema.get("foreignKeys", []) or []):
        at = f"{where}.foreignKeys[{i}]"
        parsed = _foreign_key(key)
        if parsed is None:
            issues.append(Issue(DESCRIPTOR, None, at, "must name fields and a reference "
                                                      "{resource, fields} of as many columns"))
        else:
            keys.append(parsed)
    if issues:
        return None, issues
    return Declared(fields, tuple(primary), tuple(keys)), []


def _constraint_shapes(where: str, constraints: dict[str, Any]) -> list[Issue]:
    issues = []
    for name, value in constraints.items():
        at = f"{where}.{name}"
        if name not in CONSTRAINTS:
            issues.append(Issue(DESCRIPTOR, None, at, f"unknown constraint {name!r}; govgraph "
                                                      f"enforces {', '.join(CONSTRAINTS)}"))
        elif name in ("required", "unique") and not isinstance(value, bool):
            issues.append(Issue(DESCRIPTOR, None, at, "must be true or false"))
        elif name == "enum" and not isinstance(value, list):
            issues.append(Issue(DESCRIPTOR, None, at, "must be a list of values"))
        elif name == "pattern":
            try:
                re.compile(value)
            except (re.error, TypeError) as exc:
                issues.append(Issue(DESCRIPTOR, None, at, f"not a regular expression: {exc}"))
        elif name in ("minLength", "maxLength") and (not isinstance(value, int)
                                                     or isinstance(value, bool)):
            issues.append(Issue(DESCRIPTOR, None, at, "must be a whole number"))
        elif name in ("minimum", "maximum") and (isinstance(value, bool)
                                                 or not isinstance(value, int | float | str)):
            issues.append(Issue(DESCRIPTOR, None, at, "must be a number or a date"))
    return issues


def _foreign_key(key: Any) -> tuple[tuple[str, ...], str, tuple[str, ...]] | None:
    if not isinstance(key, dict) or not isinstance(key.get("reference"), dict):
        return None
    fields, reference = key.get("fields"), key["reference"]
    target = reference.get("fields")
    fields = [fields] if isinstance(fields, str) else fields
    target = [target] if isinstance(target, str) else target
    resource = reference.get("resource", "")
    if (not isinstance(fields, list) or not isinstance(target, list) or not fields
            or len(fields) != len(target) or not isinstance(resource, str)
            or not all(isinstance(c, str) for c in [*fields, *target])):
        return None
    return tuple(fields), resource, tuple(target)


def check_declared(file: str, resource: str, declared: Declared, header: list[str],
                   rows: Rows, tables: Mapping[str, Rows],
                   headers: Mapping[str, list[str]]) -> list[Issue]:
    """Every row of ``rows`` that breaks what ``declared`` says, with file, row and column.

    ``tables`` and ``headers`` hold every readable table of the package (for
    foreign keys).
    """
    issues = [Issue(file, 1, column, "required column is missing (the dataset's schema "
                                     "requires it)")
              for column in [*declared.fields, *declared.primary_key]
              if declared.requires(column) and column not in header]
    for column, constraints in declared.fields.items():
        if column not in header:
            continue
        issues += _field_issues(file, column, {k: v for k, v in constraints.items()
                                               if k != "type"}, rows,
                                constraints.get("type", "string"))
    if declared.primary_key and all(c in header for c in declared.primary_key):
        issues += _unique_issues(file, declared.primary_key, rows, "primary key")
    for columns, target, target_columns in declared.foreign_keys:
        issues += _reference_issues(file, resource, columns, target or resource, target_columns,
                                    rows, tables, headers)
    return issues


def _field_issues(file: str, column: str, constraints: dict[str, Any],
                  rows: Rows, kind: str = "string") -> list[Issue]:
    issues = []
    for row in rows:
        value = row.get(column)
        if _blank(value):
            if constraints.get("required"):
                issues.append(Issue(file, row["_row"], column, "a value is required (the "
                                                               "dataset's schema requires it)"))
            continue
        for item in value if isinstance(value, list) else [value]:
            reason = (_broken(_typed(item, kind), constraints)
                      if TYPES[kind].fullmatch(_shown(item))
                      else f"not a value of the declared type {kind}")
            if reason:
                issues.append(Issue(file, row["_row"], column,
                                    f"{_shown(item)!r} breaks the dataset's schema: {reason}"))
                break
    if constraints.get("unique"):
        issues += _unique_issues(file, (column,), rows, "unique")
    return issues


def _typed(value: Any, kind: str) -> Any:
    """``value`` (valid for ``kind``) as the declared type, for comparisons with bounds."""
    if not isinstance(value, str):
        return value
    if kind in ("integer", "year"):
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "date":
        return date.fromisoformat(value)
    return value


def _broken(value: Any, constraints: dict[str, Any]) -> str | None:
    """Why ``value`` breaks ``constraints``, or None."""
    text = _shown(value)
    enum = constraints.get("enum")
    if enum is not None and value not in enum and text not in [_shown(e) for e in enum]:
        return f"not one of {', '.join(map(_shown, enum))}"
    pattern = constraints.get("pattern")
    if pattern is not None and not re.fullmatch(pattern, text):
        return f"does not match the pattern {pattern}"
    for name, limit in (("minLength", constraints.get("minLength")),
                        ("maxLength", constraints.get("maxLength"))):
        short = limit is not None and (len(text) < limit if name == "minLength"
                                       else len(text) > limit)
        if short and not isinstance(value, int | float | date):
            return f"{name} is {limit}"
    for name in ("minimum", "maximum"):
        if name not in constraints:
            continue
        bound = _comparable(constraints[name], value)
        if bound is None:
            return f"cannot be compared with the {name} {constraints[name]!r}"
        if (value < bound) if name == "minimum" else (value > bound):
            return f"the {name} is {_shown(constraints[name])}"
    return None


def _comparable(bound: Any, value: Any) -> Any:
    """``bound`` in the type of ``value`` (numbers, dates, text), or None."""
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            return float(bound) if not isinstance(bound, bool) else None
        if isinstance(value, date):
            return bound if isinstance(bound, date) else date.fromisoformat(str(bound))
        if isinstance(value, str):
            return str(bound)
    except (TypeError, ValueError):
        return None
    return None


def _unique_issues(file: str, columns: tuple[str, ...], rows: Rows, what: str) -> list[Issue]:
    seen: dict[tuple[str, ...], int] = {}
    issues = []
    for row in rows:
        key = tuple(_shown(row.get(c)) for c in columns)
        if any(_blank(row.get(c)) for c in columns):
            if what == "primary key":
                issues.append(Issue(file, row["_row"], columns[0], "a value is required (part "
                                                                   "of the declared primary "
                                                                   "key)"))
            continue
        if key in seen:
            issues.append(Issue(file, row["_row"], columns[0],
                                f"{', '.join(key)!r} repeats row {seen[key]} (the dataset's "
                                f"schema declares it {what})"))
        else:
            seen[key] = row["_row"]
    return issues


def _reference_issues(file: str, resource: str, columns: tuple[str, ...], target: str,
                      target_columns: tuple[str, ...], rows: Rows,
                      tables: Mapping[str, Rows], headers: Mapping[str, list[str]]
                      ) -> list[Issue]:
    where = ", ".join(columns)
    if target not in tables:
        return [Issue(file, None, where, f"the dataset's schema declares a reference to "
                                         f"{target!r}, which the package lacks")]
    if not all(c in headers[target] for c in target_columns):
        return [Issue(file, None, where, f"the dataset's schema declares a reference to "
                                         f"{target}.{', '.join(target_columns)}, a column the "
                                         "table lacks")]
    known = {tuple(_shown(r.get(c)) for c in target_columns) for r in tables[target]}
    issues = []
    for row in rows:
        values = [row.get(c) for c in columns]
        if any(_blank(v) for v in values):
            continue
        key = tuple(_shown(v) for v in values)
        if key not in known:
            issues.append(Issue(file, row["_row"], where,
                                f"{', '.join(key)!r} matches no {', '.join(target_columns)} in "
                                f"{target} (a reference the dataset's schema declares)"))
    del resource
    return issues


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == []


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
