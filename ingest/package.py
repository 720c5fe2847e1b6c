"""Read a dataset (a Frictionless Data Package) and validate all of it before anything is written.

Validation is complete: every problem in every file is collected, each with
the file, the row (as a text editor counts lines: the header is row 1), the
column and the reason, and the dataset is refused whole if there is any.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.bulk import Columns
from ingest import fastread, guards
from ingest.checks import absent_tables, check_rows
from ingest.columns import Columns as Cells
from ingest.declared import Declared, check_declared, read_declared
from ingest.issues import DatasetInvalidError, Issue
from ingest.tables import CONFIDENCE, LIST_SEPARATOR, TABLE_BY_RESOURCE, Table

if TYPE_CHECKING:
    import frictionless

# Frictionless (and what it imports: about a quarter of a second) is imported only where a
# table needs it: when the fast reader (ingest.fastread) gives up and the problems are reported.

DESCRIPTOR = "datapackage.json"
Rows = Sequence[dict[str, Any]]
"""A table's rows: a list of dicts, or :class:`graph.bulk.Columns`."""
_PACKAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NO_LIMIT = 2**31 - 1
_REASONS = {
    "blank-row": "the row is blank",
    "extra-cell": "the row has more cells than the header",
    "missing-cell": "the row has fewer cells than the header",
    "blank-label": "a column has no name",
    "duplicate-label": "column appears twice",
    "incorrect-label": "the column does not match the schema",
}

__all__ = ["DESCRIPTOR", "Dataset", "DatasetInvalidError", "Issue", "load_dataset",
           "read_table", "table_schema"]


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
    rows: dict[str, Rows]
    """Per table, its rows: a list of dicts, or :class:`graph.bulk.Columns` (which reads
    as one), each with ``_row``, its row number in the file."""
    path: Path


@dataclass(frozen=True)
class _Resource:
    """A listed resource whose file is inside the package and reads as UTF-8 CSV."""

    file: str
    header: list[str]
    readable: bool
    """False if its header makes the rows unreadable (a column twice or without a name)."""
    defaults: dict[str, str] = field(default_factory=dict)
    """Values of columns the file may leave out or leave empty (see :func:`row_defaults`)."""
    declared: Declared | None = None
    """The Table Schema the descriptor declares for the resource, if any."""


def load_dataset(path: Path) -> Dataset:
    """Read and validate the dataset at ``path`` (its folder or its ``datapackage.json``).

    Every problem is collected in one pass: the descriptor, every file and every row.

    Raises
    ------
    DatasetInvalidError
        With every problem found, if there is any.
    """
    folder = path.parent if path.name == DESCRIPTOR else path
    descriptor, issues = _read_descriptor(folder)
    if descriptor is None:
        raise DatasetInvalidError(folder, issues)
    resources, listed, found = _check_resources(folder, descriptor)
    issues += found
    readable = {name: r for name, r in resources.items() if r.readable}
    rows: dict[str, Rows] | None = None if issues else _fast_rows(folder, readable)
    if rows is None:
        issues += _validate_tables(folder, readable)
        rows = {name: _read_rows(folder, r, TABLE_BY_RESOURCE[name])
                for name, r in readable.items()}
    rows = {name: _fill_defaults(name, table_rows, readable[name].defaults)
            for name, table_rows in rows.items()}
    issues += absent_tables(resources, rows, listed)
    cells = {name: Cells(table_rows) for name, table_rows in rows.items()}
    issues += [issue for name, table_rows in rows.items()
               for issue in check_rows(resources[name].file, TABLE_BY_RESOURCE[name],
                                       table_rows, cells[name])]
    issues += guards.table_cell_issues(  # control characters, oversize cells (ingest/guards)
        {name: resources[name].file for name in rows}, rows,
        {name: ("id", *(ref.column for ref in TABLE_BY_RESOURCE[name].references))
         for name in rows}, cells)
    del cells
    headers = {name: r.header for name, r in readable.items()}
    issues += [issue for name, table_rows in rows.items()
               if (declared := readable[name].declared) is not None
               for issue in check_declared(readable[name].file, name, declared,
                                           readable[name].header, table_rows, rows, headers)]
    if issues:
        raise DatasetInvalidError(folder, list(dict.fromkeys(issues)))
    rows = {name: _split_column(table_rows, "sources") for name, table_rows in rows.items()}
    return Dataset(
        name=descriptor["name"],
        title=str(descriptor.get("title", descriptor["name"])),
        description=str(descriptor.get("description", "")),
        licence=_licence(descriptor),
        pseudonymous_tables=[r["name"] for r in descriptor["resources"] if r.get("pseudonymous")],
        sources=[str(s.get("path") or s.get("title")) for s in descriptor.get("sources", [])],
        content_hash=_content_hash(folder, [r.file for r in resources.values()]),
        rows=rows,
        path=folder,
    )


def _read_descriptor(folder: Path) -> tuple[dict[str, Any] | None, list[Issue]]:
    file = folder / DESCRIPTOR
    if not file.is_file():
        return None, [Issue(str(file), None, None, "no datapackage.json here")]
    if not _inside(folder, DESCRIPTOR):
        return None, [Issue(DESCRIPTOR, None, None, "the descriptor is a link to a file outside "
                                                   "the dataset folder; it was not read")]
    text, issue = _text(folder, DESCRIPTOR)
    if text is None:
        return None, [issue] if issue else []
    try:
        descriptor = guards.parse_json(text, DESCRIPTOR)
    except guards.JsonRefusedError as exc:
        return None, [exc.issue]
    if not isinstance(descriptor, dict):
        return None, [Issue(DESCRIPTOR, None, None, "expected a JSON object with a name and "
                                                    "resources")]
    issues = _check_descriptor(descriptor)
    return (None if issues else descriptor), issues


def _check_descriptor(descriptor: dict[str, Any]) -> list[Issue]:
    """The descriptor's fields have the shapes the Data Package specification gives them."""
    issues: list[Issue] = []

    def problem(column: str, reason: str) -> None:
        issues.append(Issue(DESCRIPTOR, None, column, reason))

    name = descriptor.get("name")
    if not isinstance(name, str) or not _PACKAGE_NAME.match(name):
        problem("name", "the package needs a name of lowercase letters, digits, '-', '.', '_'")
    for key in ("title", "description"):
        if key in descriptor and not isinstance(descriptor[key], str):
            problem(key, f"{key} must be a string")
    for key, fields in (("licenses", ("name", "path", "title")),
                        ("sources", ("path", "title"))):
        items = descriptor.get(key, [])
        if not isinstance(items, list):
            problem(key, f"{key} must be a list of objects")
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                problem(f"{key}[{i}]", "must be an object")
            else:
                issues += [Issue(DESCRIPTOR, None, f"{key}[{i}].{f}", "must be a string")
                           for f in fields if f in item and not isinstance(item[f], str)]
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        problem("resources", "the package lists no resources")
        return issues
    for i, resource in enumerate(resources):
        if not isinstance(resource, dict):
            problem(f"resources[{i}]", "must be an object with a name and a path")
            continue
        for key in ("name", "path"):
            if not isinstance(resource.get(key), str) or not resource[key].strip():
                problem(f"resources[{i}].{key}", f"the resource needs a {key} (a string)")
        if not isinstance(resource.get("pseudonymous", False), bool):
            problem(f"resources[{i}].pseudonymous", "must be true or false")
        issues += _given_values(resource, f"resources[{i}].")
    issues += _given_values(descriptor, "")
    return issues


def _given_values(owner: dict[str, Any], where: str) -> list[Issue]:
    """Values a package or resource gives every row of its tables, checked like cells.

    ``govgraph:confidence`` must be one of the confidences a cell may hold; the
    ``sources`` of a resource (a package's are checked with its other fields)
    must be objects with text, and name at least one source without control
    characters (a source is kept as a cell of text).
    """
    issues: list[Issue] = []
    if "govgraph:confidence" in owner:
        value = owner["govgraph:confidence"]
        if value not in CONFIDENCE:
            issues.append(Issue(DESCRIPTOR, None, f"{where}govgraph:confidence",
                                f"{value!r} is not one of {', '.join(CONFIDENCE)}"))
    listed = owner.get("sources")
    if listed is None:
        return issues
    if not isinstance(listed, list):
        return [*issues, Issue(DESCRIPTOR, None, f"{where}sources",
                               "sources must be a list of objects")]
    for i, item in enumerate(listed):
        at = f"{where}sources[{i}]"
        if not isinstance(item, dict):
            if where:
                issues.append(Issue(DESCRIPTOR, None, at, "must be an object"))
            continue
        bad = [f for f in ("path", "title") if f in item and not isinstance(item[f], str)]
        if where:
            issues += [Issue(DESCRIPTOR, None, f"{at}.{f}", "must be a string") for f in bad]
        if bad:
            continue
        text = str(item.get("path") or item.get("title") or "")
        if not text.strip():
            issues.append(Issue(DESCRIPTOR, None, at, "a source needs a path or a title"))
        elif _CONTROL.search(text) or LIST_SEPARATOR in text:
            issues.append(Issue(DESCRIPTOR, None, at,
                                f"{text!r} holds a control character or "
                                f"'{LIST_SEPARATOR}' (which separates sources)"))
    return issues


def _check_resources(
    folder: Path, descriptor: dict[str, Any]
) -> tuple[dict[str, _Resource], set[str], list[Issue]]:
    """Map each resource to its file and CSV header; report unknown or broken resources.

    Also returns the names of every known resource listed (readable or not).
    """
    issues: list[Issue] = []
    resources: dict[str, _Resource] = {}
    listed: set[str] = set()
    for i, resource in enumerate(descriptor["resources"]):
        name, file = resource["name"], resource["path"]
        where = f"resources[{i}]"
        if name not in TABLE_BY_RESOURCE:
            known = ", ".join(TABLE_BY_RESOURCE)
            issues.append(Issue(DESCRIPTOR, None, where,
                                f"unknown resource {name!r}; govgraph knows {known}"))
            continue
        if name in listed:
            issues.append(Issue(DESCRIPTOR, None, where, f"resource {name!r} listed twice"))
            continue
        listed.add(name)
        problem = _path_problem(folder, file)
        if problem:
            issues.append(Issue(DESCRIPTOR, None, f"{where}.path",
                                f"path {file!r} of resource {name!r} {problem}"))
            continue
        header, found = _read_header(folder, file)
        issues += found
        if header is None:
            continue
        declared, found = read_declared(folder, i, resource)
        issues += found
        defaults = row_defaults(descriptor, resource, TABLE_BY_RESOURCE[name], declared)
        found = _check_header(file, TABLE_BY_RESOURCE[name], header, set(defaults))
        issues += found
        unreadable = any(issue.reason in (_REASONS["duplicate-label"], _REASONS["blank-label"])
                         for issue in found)
        resources[name] = _Resource(file, header, not unreadable, defaults, declared)
    return resources, listed, issues


def _inside(folder: Path, file: str) -> bool:
    """Whether ``file`` (followed through links) lies inside ``folder``."""
    try:
        (folder / file).resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _path_problem(folder: Path, file: str) -> str | None:
    """Why the resource file at ``file`` may not be read, or None if it may."""
    if _URL.match(file) or Path(file).is_absolute():
        return "is not a file path inside the dataset folder"
    if not _inside(folder, file):
        return "points outside the dataset folder; it was not read"
    if not file.lower().endswith(".csv"):
        return "does not name a .csv file"
    if not (folder / file).is_file():
        return "names no file"
    return None


def _text(folder: Path, file: str) -> tuple[str | None, Issue | None]:
    """The file's text if it is UTF-8, else the problem (with the line of the first bad byte)."""
    try:
        data = (folder / file).read_bytes()
    except OSError as exc:
        return None, Issue(file, None, None, f"cannot be read: {exc.strerror or exc}")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return None, Issue(file, line, None, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                                             "save the file as UTF-8")


def _read_header(folder: Path, file: str) -> tuple[list[str] | None, list[Issue]]:
    text, issue = _text(folder, file)
    if text is None:
        return None, [issue] if issue else []
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        return None, [Issue(file, line, None, "holds a NUL character; not a CSV text file")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, [])
        if '"' in text or max(map(len, text.split("\n"))) > csv.field_size_limit():
            for _ in reader:  # without quotes and long lines, every line reads
                pass
    except csv.Error as exc:
        return None, [Issue(file, reader.line_num, None, f"not readable as CSV: {exc}")]
    return header, []


def _header(file: Path) -> list[str]:
    """The header of a CSV file (for :mod:`ingest.describe`, on datasets already valid)."""
    with file.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def row_defaults(descriptor: dict[str, Any], resource: dict[str, Any],
                 table: Table, declared: Declared | None = None) -> dict[str, str]:
    """Columns a resource's file may leave out (or leave empty), with the value each row gets.

    * ``sources``: the resource's ``sources`` (a Data Package property, a list of
      ``{title, path}``), else the package's; each source's ``path``, else its
      ``title``, ``;``-separated. Without either, every row needs its own.
    * ``confidence``: ``govgraph:confidence`` of the resource, else of the
      package, else ``stated``.
    * ``id`` of a relationship table (memberships, affiliations, ...): the
      resource name and the row number (``memberships-2``), unless the
      resource's declared schema (``declared``) requires the column: then every
      row needs its own.
    """
    defaults: dict[str, str] = {}
    for owner in (resource, descriptor):
        listed = owner.get("sources")
        if isinstance(listed, list) and listed:
            names = [str(s.get("path") or s.get("title") or "") for s in listed
                     if isinstance(s, dict)]
            if any(names):
                defaults["sources"] = LIST_SEPARATOR.join(n for n in names if n)
                break
    confidence = resource.get("govgraph:confidence", descriptor.get("govgraph:confidence"))
    defaults["confidence"] = confidence if isinstance(confidence, str) else "stated"
    if table.endpoints and not (declared and declared.requires("id")):
        defaults["id"] = ""  # made per row: see _fill_defaults
    return defaults


def _fill_defaults(resource: str, rows: Rows, defaults: dict[str, str]) -> Rows:
    """``rows`` with each empty cell of a column of ``defaults`` given its default (an ``id``:
    the resource and the row number)."""
    if isinstance(rows, Columns):
        return _filled_columns(resource, rows, defaults)
    for values in rows:
        for column, value in defaults.items():
            if values.get(column) in (None, ""):
                values[column] = f"{resource}-{values['_row']}" if column == "id" else value
    return rows


def _filled_columns(resource: str, rows: Columns, defaults: dict[str, str]) -> Columns:
    """:func:`_fill_defaults` of rows kept as columns."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for column, value in defaults.items():
        given = rows.arrow(column) if column in rows.names else pa.nulls(len(rows), pa.string())
        if given is None or given.type != pa.string():  # a list: cell by cell
            filled = [(f"{resource}-{number}" if column == "id" else value)
                      if cell in (None, "") else cell
                      for cell, number in zip(rows.column(column), rows.column("_row"),
                                              strict=True)]
            rows = rows.with_column(column, filled)
            continue
        empty = pc.fill_null(pc.equal(given, ""), True)
        if not len(rows) or not pc.any(empty).as_py():
            continue
        fill = (pc.binary_join_element_wise(
                    f"{resource}-", pa.array(rows.column("_row"), pa.int64()).cast(pa.string()), "")
                if column == "id" else pa.scalar(value, pa.string()))
        rows = rows.with_column(column, pc.if_else(empty, fill, given))
    return rows


def _split_cells(rows: Columns, column: str) -> Columns:
    """:func:`_split_column` of rows kept as columns."""
    given = rows.arrow(column)
    if given is not None and given.type == "string":
        import pyarrow as pa
        import pyarrow.compute as pc

        distinct = pc.unique(given)
        lists = pa.array([_split(cell) for cell in distinct.to_pylist()], pa.list_(pa.string()))
        return rows.with_column(column, lists.take(pc.index_in(given, distinct)))
    split: dict[Any, list[str]] = {}
    return rows.with_column(column, [
        split[cell] if cell in split else split.setdefault(cell, _split(cell))
        for cell in rows.column(column)])


def _split_column(rows: Rows, column: str) -> Rows:
    """``rows`` with the cells of ``column`` (``a; b``) as lists of strings (:func:`_split`).

    The lists are shared by equal cells: rows are not changed later.
    """
    if isinstance(rows, Columns):
        return _split_cells(rows, column)
    shared: dict[Any, list[str]] = {}
    for values in rows:
        cell = values.get(column)
        if cell not in shared:
            shared[cell] = _split(cell)
        values[column] = shared[cell]
    return rows


def _check_header(file: str, table: Table, header: list[str],
                  optional: set[str] = frozenset()) -> list[Issue]:  # type: ignore[assignment]
    if not header:
        return [Issue(file, 1, None, "the file is empty; it needs a header row")]
    issues = [Issue(file, 1, column, "required column is missing")
              for column in table.required if column not in header and column not in optional]
    known = set(table.field_names)
    issues += [Issue(file, 1, column, f"unknown column; {table.resource} has "
                     f"{', '.join(table.field_names)}")
               for column in header if column and column not in known]
    issues += [Issue(file, 1, column, _REASONS["duplicate-label"])
               for i, column in enumerate(header) if column and column in header[:i]]
    issues += [Issue(file, 1, f"#{i + 1}", _REASONS["blank-label"])
               for i, column in enumerate(header) if not column.strip()]
    return issues


def table_schema(table: Table, header: list[str], present: set[str],
                 optional: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    """The Table Schema govgraph validates ``table`` with, for the columns in ``header``.

    Foreign keys are declared towards the tables in ``present``. Columns the
    table does not know are read as text (they are reported separately).
    Columns in ``optional`` have a default (:func:`row_defaults`): an empty
    cell is allowed there.
    """
    known = set(table.field_names)
    fields = []
    for column in header:
        spec: dict[str, Any] = (table.field(column) if column in known
                                else {"name": column, "type": "string"})
        spec = {k: v for k, v in spec.items() if not k.startswith("govgraph:")}
        if column in optional and "constraints" in spec:
            constraints = {k: v for k, v in spec["constraints"].items() if k != "required"}
            spec = {**{k: v for k, v in spec.items() if k != "constraints"},
                    **({"constraints": constraints} if constraints else {})}
        fields.append(spec)
    schema: dict[str, Any] = {"fields": fields}
    if "id" in header:
        schema["primaryKey"] = ["id"]
    schema["foreignKeys"] = [
        {"fields": [ref.column], "reference": {"resource": ref.table, "fields": ["id"]}}
        for ref in table.references
        if ref.column in header and ref.table in present
    ]
    return schema


def _validate_tables(folder: Path, tables: dict[str, _Resource]) -> list[Issue]:
    """Types, required and allowed values, unique ids and references, by Frictionless."""
    import frictionless
    from frictionless.resources import TableResource

    with_ids = {name for name, r in tables.items() if "id" in r.header}
    package = frictionless.Package(
        resources=[
            TableResource(
                name=name, path=r.file, format="csv", encoding="utf-8-sig", dialect=_dialect(),
                schema=frictionless.Schema.from_descriptor(
                    table_schema(TABLE_BY_RESOURCE[name], r.header, with_ids,
                                 set(r.defaults))),
            )
            for name, r in tables.items()
        ],
        basepath=str(folder),
    )
    try:
        report = package.validate(limit_errors=_NO_LIMIT)
    except frictionless.FrictionlessException as exc:
        return [Issue(DESCRIPTOR, None, None, f"the tables cannot be read: {exc.error.message}")]
    issues: list[Issue] = []
    seen: set[tuple[str, int | None, str | None]] = set()
    for task in report.tasks:
        file = tables[task.name].file if task.name in tables else str(task.name)
        for error in task.errors:
            issue = _issue(file, error)
            key = (issue.file, issue.row, issue.column)
            if key not in seen:
                seen.add(key)
                issues.append(issue)
    return issues


def _dialect() -> frictionless.Dialect:
    """Plain comma-separated CSV: never sniffed, so a ``;`` in a quoted cell stays a cell."""
    import frictionless
    from frictionless import formats

    return frictionless.Dialect(controls=[formats.CsvControl(delimiter=",")])


def _issue(file: str, error: Any) -> Issue:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or None
    reason = error.note or _REASONS.get(error.type) or error.message or error.title
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
    return Issue(file, row, column, reason or error.type)


def _fast_rows(folder: Path, tables: dict[str, _Resource]) -> dict[str, Rows] | None:
    """Every table's typed rows, as columns, by :mod:`ingest.fastread`; None if Frictionless
    must look."""
    with_ids = {name for name, r in tables.items() if "id" in r.header}
    read = fastread.typed_columns(folder, {
        name: (r.file, table_schema(TABLE_BY_RESOURCE[name], r.header, with_ids,
                                     set(r.defaults)))
        for name, r in tables.items()})
    if read is None:
        return None
    return {name: _split_lists(TABLE_BY_RESOURCE[name], table_rows)
            for name, table_rows in read.items()}


def _read_rows(folder: Path, resource: _Resource, table: Table) -> Rows:
    """The typed rows of a table (cells that fail their type are None)."""
    import frictionless

    rows = _typed_rows(folder, resource.file, frictionless.Schema.from_descriptor(
        table_schema(table, resource.header, set(), set(resource.defaults))))
    return _split_lists(table, rows)


def _split_lists(table: Table, rows: Rows) -> Rows:
    """Cells of list columns (``a; b``) as lists of strings."""
    lists = [f["name"] for f in table.all_fields if f.get("govgraph:list")]
    if isinstance(rows, Columns):
        columns = rows
        for name in lists:
            if name in columns.names:
                columns = _split_cells(columns, name)
        return columns
    for values in rows:
        for name in set(lists) & values.keys():
            values[name] = _split(values[name])
    return rows


def _typed_rows(folder: Path, file: str, schema: frictionless.Schema) -> list[dict[str, Any]]:
    import frictionless
    from frictionless.resources import TableResource

    resource = TableResource(path=file, basepath=str(folder), format="csv",
                             encoding="utf-8-sig", dialect=_dialect(), schema=schema)
    rows = []
    try:
        for row in resource.read_rows():
            values = row.to_dict()
            values["_row"] = row.row_number
            rows.append(values)
    except frictionless.FrictionlessException:
        pass  # the validation of the same file has reported why
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
        If the file is missing or unreadable, lacks a required column or has a bad cell.
    """
    problem = _path_problem(folder, file)
    if problem:
        raise DatasetInvalidError(folder, [Issue(file, None, None, f"the path {problem}")])
    header, issues = _read_header(folder, file)
    if header is None:
        raise DatasetInvalidError(folder, issues)
    by_name = {f["name"]: f for f in fields}
    issues = [Issue(file, 1, f["name"], "required column is missing") for f in fields
              if f.get("constraints", {}).get("required") and f["name"] not in header]
    if not extra:
        issues += [Issue(file, 1, c, "unknown column") for c in header if c not in by_name]
    issues += [Issue(file, 1, c, _REASONS["duplicate-label"])
               for i, c in enumerate(header) if c in header[:i]]
    if issues:
        raise DatasetInvalidError(folder, issues)
    descriptor = {"fields": [
        {k: v for k, v in by_name.get(c, {"name": c, "type": "string"}).items()
         if not k.startswith("govgraph:")}
        for c in header
    ]}
    fast = fastread.typed_tables(folder, {file: (file, descriptor)})
    if fast is not None:  # every cell plainly valid: what Frictionless would give
        return fast[file]
    import frictionless
    from frictionless.resources import TableResource

    schema = frictionless.Schema.from_descriptor(descriptor)
    resource = TableResource(path=file, basepath=str(folder), format="csv",
                             encoding="utf-8-sig", dialect=_dialect(), schema=schema)
    report = resource.validate(limit_errors=_NO_LIMIT)
    if not report.valid:
        raise DatasetInvalidError(folder, [_issue(file, e) for t in report.tasks
                                           for e in t.errors])
    return _typed_rows(folder, file, schema)


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def _licence(descriptor: dict[str, Any]) -> str:
    licences = descriptor.get("licenses") or []
    return ", ".join(str(item.get("name") or item.get("path") or "") for item in licences)


def _content_hash(folder: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for name in [DESCRIPTOR, *sorted(files)]:
        digest.update(name.encode())
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()
