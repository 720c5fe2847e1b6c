"""Read a dataset (a Frictionless Data Package) and validate all of it before anything is written.

Validation is complete: every problem in every file is collected, each with
the file, the row (as a text editor counts lines: the header is row 1), the
column and the reason, and the dataset is refused whole if there is any.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import frictionless
from frictionless.resources import TableResource

from graph.errors import GovgraphError
from ingest.tables import TABLE_BY_RESOURCE, Table

DESCRIPTOR = "datapackage.json"
_PACKAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_SHOWN_ISSUES = 50


@dataclass(frozen=True)
class Issue:
    """One problem found in a dataset."""

    file: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.reason}"


class DatasetInvalidError(GovgraphError):
    """A dataset was refused; nothing was written. ``issues`` lists every problem."""

    code = "DATASET_INVALID"

    def __init__(self, path: Path, issues: list[Issue]) -> None:
        self.path = path
        self.issues = issues
        shown = "\n".join(f"  {issue}" for issue in issues[:_SHOWN_ISSUES])
        more = len(issues) - _SHOWN_ISSUES
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(
            f"dataset {path} refused, nothing was written ({len(issues)} problem"
            f"{'s' if len(issues) != 1 else ''}):\n{shown}{tail}"
        )


@dataclass(frozen=True)
class Dataset:
    """A validated dataset: its metadata and the typed rows of each table."""

    name: str
    title: str
    description: str
    licence: str
    pseudonymous_tables: list[str]
    sources: list[str]
    content_hash: str
    rows: dict[str, list[dict[str, Any]]]
    path: Path


def load_dataset(path: Path) -> Dataset:
    """Read and validate the dataset at ``path`` (its folder or its ``datapackage.json``).

    Raises
    ------
    DatasetInvalidError
        With every problem found, if there is any.
    """
    folder = path.parent if path.name == DESCRIPTOR else path
    descriptor, issues = _read_descriptor(folder)
    if descriptor is None:
        raise DatasetInvalidError(folder, issues)
    tables, issues = _check_resources(folder, descriptor)
    if not issues:
        issues = _validate_tables(folder, tables)
    if issues:
        raise DatasetInvalidError(folder, issues)
    rows = {resource: _read_rows(folder, file, TABLE_BY_RESOURCE[resource])
            for resource, (file, _) in tables.items()}
    issues = [issue for resource, (file, _) in tables.items()
              for issue in [*_check_dates(file, TABLE_BY_RESOURCE[resource], rows[resource]),
                            *_check_one_of(file, TABLE_BY_RESOURCE[resource], rows[resource]),
                            *_check_absent_tables(file, TABLE_BY_RESOURCE[resource],
                                                  rows[resource], set(tables))]]
    if issues:
        raise DatasetInvalidError(folder, issues)
    return Dataset(
        name=descriptor["name"],
        title=str(descriptor.get("title", descriptor["name"])),
        description=str(descriptor.get("description", "")),
        licence=_licence(descriptor),
        pseudonymous_tables=[r["name"] for r in descriptor["resources"] if r.get("pseudonymous")],
        sources=[str(s.get("path") or s.get("title")) for s in descriptor.get("sources", [])],
        content_hash=_content_hash(folder, [file for file, _ in tables.values()]),
        rows=rows,
        path=folder,
    )


def _read_descriptor(folder: Path) -> tuple[dict[str, Any] | None, list[Issue]]:
    file = folder / DESCRIPTOR
    if not file.is_file():
        return None, [Issue(str(file), None, None, "no datapackage.json here")]
    try:
        descriptor = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return None, [Issue(DESCRIPTOR, exc.lineno, None, f"not valid JSON: {exc.msg}")]
    issues: list[Issue] = []
    name = descriptor.get("name") if isinstance(descriptor, dict) else None
    if not isinstance(name, str) or not _PACKAGE_NAME.match(name):
        issues.append(Issue(DESCRIPTOR, None, "name",
                            "the package needs a name of lowercase letters, digits, '-', '.', '_'"))
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        issues.append(Issue(DESCRIPTOR, None, "resources", "the package lists no resources"))
    return (None if issues else descriptor), issues


def _check_resources(
    folder: Path, descriptor: dict[str, Any]
) -> tuple[dict[str, tuple[str, list[str]]], list[Issue]]:
    """Map each resource to its file and CSV header; report unknown or broken resources."""
    issues: list[Issue] = []
    tables: dict[str, tuple[str, list[str]]] = {}
    for resource in descriptor["resources"]:
        name, file = resource.get("name"), resource.get("path")
        if name not in TABLE_BY_RESOURCE:
            known = ", ".join(TABLE_BY_RESOURCE)
            issues.append(Issue(DESCRIPTOR, None, "resources",
                                f"unknown resource {name!r}; govgraph knows {known}"))
            continue
        if name in tables:
            issues.append(Issue(DESCRIPTOR, None, "resources", f"resource {name!r} listed twice"))
            continue
        if not isinstance(file, str) or not (folder / file).is_file():
            issues.append(Issue(str(file), None, None, f"file of resource {name!r} not found"))
            continue
        header = _header(folder / file)
        issues.extend(_check_header(file, TABLE_BY_RESOURCE[name], header))
        tables[name] = (file, header)
    return tables, issues


def _header(file: Path) -> list[str]:
    with file.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def _check_header(file: str, table: Table, header: list[str]) -> list[Issue]:
    issues = [Issue(file, 1, column, "required column is missing")
              for column in table.required if column not in header]
    known = set(table.field_names)
    issues += [Issue(file, 1, column, f"unknown column; {table.resource} has "
                     f"{', '.join(table.field_names)}")
               for column in header if column not in known]
    issues += [Issue(file, 1, column, "column appears twice")
               for i, column in enumerate(header) if column in header[:i]]
    return issues


def table_schema(table: Table, header: list[str], present: set[str]) -> dict[str, Any]:
    """The Table Schema govgraph validates ``table`` with, for the columns in ``header``.

    Foreign keys are declared towards the tables in ``present``.
    """
    fields = []
    for column in header:
        descriptor = {k: v for k, v in table.field(column).items() if not k.startswith("govgraph:")}
        fields.append(descriptor)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": ["id"]}
    schema["foreignKeys"] = [
        {"fields": [ref.column], "reference": {"resource": ref.table, "fields": ["id"]}}
        for ref in table.references
        if ref.column in header and ref.table in present
    ]
    return schema


def _validate_tables(folder: Path, tables: dict[str, tuple[str, list[str]]]) -> list[Issue]:
    present = set(tables)
    package = frictionless.Package(
        resources=[
            TableResource(
                name=name,
                path=file,
                format="csv",
                encoding="utf-8",
                schema=frictionless.Schema.from_descriptor(
                    table_schema(TABLE_BY_RESOURCE[name], header, present)),
            )
            for name, (file, header) in tables.items()
        ],
        basepath=str(folder),
    )
    report = package.validate()
    issues: list[Issue] = []
    seen: set[tuple[str, int | None, str | None]] = set()
    for task in report.tasks:
        file = tables[task.name][0] if task.name in tables else task.name
        for error in task.errors:
            issue = _issue(file, error)
            key = (issue.file, issue.row, issue.column)
            if key not in seen:
                seen.add(key)
                issues.append(issue)
    return issues


def _issue(file: str, error: Any) -> Issue:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None)
    reason = error.note
    if error.type == "type-error":
        expected = error.note.removeprefix('type is "').split("/")[0]
        reason = f"{error.cell!r} is not a valid {expected}"
    elif error.type == "foreign-key":
        column = ", ".join(error.field_names)
        reason = (f"{', '.join(map(repr, error.field_cells))} does not match any id in "
                  f"{error.reference_name or 'this table'}")
    elif error.type in ("primary-key", "unique-error"):
        column = column or "id"
        reason = f"duplicate id ({error.note})"
    elif error.type == "constraint-error" and '"required"' in error.note:
        reason = "a value is required"
    elif error.type == "constraint-error":
        cell = getattr(error, "cell", "")
        reason = f"{cell!r} breaks the rule: {error.note}"
    return Issue(file, row, column, reason)


def _read_rows(folder: Path, file: str, table: Table) -> list[dict[str, Any]]:
    rows = read_table(folder, file, table.all_fields)
    lists = {f["name"] for f in table.all_fields if f.get("govgraph:list")}
    for values in rows:
        for name in lists & values.keys():
            values[name] = _split(values[name])
        values["sources"] = _split(values["sources"])
    return rows


def read_table(
    folder: Path, file: str, fields: list[dict[str, Any]], *, extra: bool = False
) -> list[dict[str, Any]]:
    """Validate one CSV file against ``fields`` and return its typed rows.

    Each row also carries ``_row``, its row number in the file. With ``extra``,
    columns not in ``fields`` are allowed and read as text.

    Raises
    ------
    DatasetInvalidError
        If the file is missing, lacks a required column or has a bad cell.
    """
    path = folder / file
    if not path.is_file():
        raise DatasetInvalidError(folder, [Issue(file, None, None, "file not found")])
    header = _header(path)
    by_name = {f["name"]: f for f in fields}
    issues = [Issue(file, 1, f["name"], "required column is missing") for f in fields
              if f.get("constraints", {}).get("required") and f["name"] not in header]
    if not extra:
        issues += [Issue(file, 1, c, "unknown column") for c in header if c not in by_name]
    if issues:
        raise DatasetInvalidError(folder, issues)
    schema = frictionless.Schema.from_descriptor({"fields": [
        {k: v for k, v in by_name.get(c, {"name": c, "type": "string"}).items()
         if not k.startswith("govgraph:")}
        for c in header
    ]})
    resource = TableResource(path=file, basepath=str(folder), format="csv",
                                     encoding="utf-8", schema=schema)
    report = resource.validate()
    if not report.valid:
        raise DatasetInvalidError(folder, [_issue(file, e) for t in report.tasks
                                           for e in t.errors])
    rows = []
    for row in resource.read_rows():
        values = row.to_dict()
        values["_row"] = row.row_number
        rows.append(values)
    return rows


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def _check_dates(file: str, table: Table, rows: list[dict[str, Any]]) -> list[Issue]:
    if not table.date_order:
        return []
    first, last = table.date_order
    issues = []
    for row in rows:
        start, end = row.get(first), row.get(last)
        if isinstance(start, date) and isinstance(end, date) and end < start:
            issues.append(Issue(file, row["_row"], last, f"{end} is before {first} {start}"))
    return issues


def _check_one_of(file: str, table: Table, rows: list[dict[str, Any]]) -> list[Issue]:
    if not table.one_of:
        return []
    columns = " or ".join(table.one_of)
    return [Issue(file, row["_row"], table.one_of[0], f"give exactly one of {columns}")
            for row in rows if sum(bool(row.get(c)) for c in table.one_of) != 1]


def _check_absent_tables(file: str, table: Table, rows: list[dict[str, Any]],
                         present: set[str]) -> list[Issue]:
    """A reference to a table the package does not have cannot be satisfied."""
    return [Issue(file, row["_row"], ref.column,
                  f"{row[ref.column]!r} refers to table {ref.table!r}, which the package lacks")
            for ref in table.references if ref.table not in present
            for row in rows if row.get(ref.column)]


def _licence(descriptor: dict[str, Any]) -> str:
    licences = descriptor.get("licenses") or []
    return ", ".join(str(item.get("name") or item.get("path") or "") for item in licences)


def _content_hash(folder: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for name in [DESCRIPTOR, *sorted(files)]:
        digest.update(name.encode())
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()
