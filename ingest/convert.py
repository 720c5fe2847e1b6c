"""Turn a roster as people keep it (a CSV file or an Excel workbook) into a govgraph dataset.

A roster is one table, a row per seat, with a header row. Its columns are
recognised by name (case, spaces and ``-`` do not matter; synonyms in
:data:`COLUMNS`):

========================  ==================================================
``person`` (required)     the member's name as printed
``body`` (required)       the body's name as printed
``role``                  chair, vice chair, member, ... (others: ``member``,
                          with the printed role kept as the seat's label)
``start``, ``end``        the seat's dates: ``2023-01-05``, or partial as in
                          Popolo: ``2023-01`` or ``2024`` (a start is its
                          first day, an end its last day)
``classification``        the body's kind (council, committee, working group,
                          legislature, ...; the same for every row of a body)
``parent``                the body it belongs to (by name; a parent that has no
                          rows of its own becomes a body classified ``other``)
``member_category``       how the seat is held (ex officio, appointed, ...)
``category``              the person's category (public official, expert, ...)
``notes``                 kept in the body's notes
========================  ==================================================

Any other column is refused, naming it, so nothing in the roster is dropped
without a word. ``.xlsx`` workbooks are read with openpyxl (their first sheet,
or the one named with ``sheet``); dates typed as dates there are dates.

The dataset written has three tables and nothing invented per row: people and
bodies get opaque ids in order of first appearance (a person's id never
reveals the name), and the source is given once, in ``datapackage.json``, for
every row (see :func:`ingest.package.row_defaults`). People are not public
figures unless the result is edited: a safe default for privacy.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ingest.csvfiles import write
from ingest.issues import DatasetInvalidError, Issue
from ingest.package import DESCRIPTOR, read_table
from ingest.popolo import window
from ingest.tables import BODY_CLASSIFICATIONS, ROLES, text

COLUMNS: dict[str, tuple[str, ...]] = {
    "person": ("person", "name", "member", "member_name", "person_name"),
    "body": ("body", "body_name", "committee", "organisation", "organization", "board"),
    "role": ("role", "position", "seat"),
    "start": ("start", "start_date", "from", "since"),
    "end": ("end", "end_date", "to", "until"),
    "classification": ("classification", "body_classification", "body_type", "kind"),
    "parent": ("parent", "parent_body", "part_of"),
    "member_category": ("member_category", "membership_category", "seat_category"),
    "category": ("category", "person_category"),
    "notes": ("notes", "note", "body_notes"),
}
"""Each recognised column and the header names that mean it."""
ROSTER_FIELDS = [text(name) for name in COLUMNS]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _key(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lower())


def convert_roster(roster: Path, folder: Path, name: str, source: str,
                   sheet: str | None = None) -> Path:
    """Write the dataset of ``roster`` (``.csv`` or ``.xlsx``) into ``folder`` (created).

    Raises
    ------
    DatasetInvalidError
        Naming the roster file, the row and the column: a missing ``person`` or
        ``body`` column or value, a column govgraph does not know, a bad date, a
        classification govgraph does not know or two for one body; or if
        ``folder`` already holds a dataset.
    """
    if (folder / DESCRIPTOR).exists():
        raise DatasetInvalidError(folder, [Issue(DESCRIPTOR, None, None,
                                                 "a dataset is already here; choose a new folder")])
    header, rows = _read(roster, sheet)
    columns, issues = _columns(roster.name, header)
    if issues:
        raise DatasetInvalidError(roster, issues)
    seats: list[dict[str, Any]] = [
        {key: (row.get(column) or "").strip() for key, column in columns.items()}
        | {"_row": row["_row"]} for row in rows]
    people: dict[str, str] = {}
    categories: dict[str, str] = {}
    bodies: dict[str, dict[str, Any]] = {}
    memberships: list[dict[str, Any]] = []
    for seat in seats:
        issues += _seat_issues(roster.name, seat, columns)
        person = people.setdefault(seat["person"], f"person-{len(people) + 1:03d}")
        if seat.get("category"):
            categories.setdefault(person, _snake(seat["category"]))
        body = _body(bodies, seat["body"])
        for field, value in (("classification", _snake(seat.get("classification", ""))),
                             ("parent", seat.get("parent", "")),
                             ("notes", seat.get("notes", ""))):
            if not value:
                continue
            if body.get(field) and body[field] != value:
                issues.append(Issue(roster.name, seat["_row"], columns[field],
                                    f"{seat['body']!r} has {field} {body[field]!r} in an "
                                    f"earlier row and {value!r} here"))
            body[field] = value
        printed = seat.get("role", "")
        role = _snake(printed) or "member"
        memberships.append({"person_id": person, "body_id": body["id"],
                            "role": role if role in ROLES else "member",
                            "label": None if role in ROLES else printed,
                            "member_category": _snake(seat.get("member_category", "")) or None,
                            "start_date": window(seat.get("start") or None, end=False),
                            "end_date": window(seat.get("end") or None, end=True)})
    for body in list(bodies.values()):
        if body.get("parent"):
            body["parent_id"] = _body(bodies, body["parent"])["id"]
            if body["parent_id"] == body["id"]:
                issues.append(Issue(roster.name, None, columns["parent"],
                                    f"{body['name']!r} is its own parent"))
    if issues:
        raise DatasetInvalidError(roster, issues)
    _write(folder, name, source, people, categories, bodies, memberships)
    return folder


def _body(bodies: dict[str, dict[str, Any]], printed: str) -> dict[str, Any]:
    if printed not in bodies:
        bodies[printed] = {"id": f"body-{len(bodies) + 1:03d}", "name": printed}
    return bodies[printed]


def _snake(value: str) -> str:
    return re.sub(r"[\s\-]+", "_", value.strip().lower())


def _columns(file: str, header: list[str]) -> tuple[dict[str, str], list[Issue]]:
    """Each recognised column's header in the roster; problems with the header."""
    synonyms = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, str] = {}
    issues = []
    for column in header:
        key = synonyms.get(_key(column))
        if key is None:
            known = ", ".join(COLUMNS)
            issues.append(Issue(file, 1, column or "(blank)",
                                f"a column govgraph does not know; rename it to one of {known}, "
                                "or remove it (nothing is dropped silently)"))
        elif key in found:
            issues.append(Issue(file, 1, column, f"means {key}, like {found[key]!r}"))
        else:
            found[key] = column
    issues += [Issue(file, 1, key, "required column is missing") for key in ("person", "body")
               if key not in found]
    return found, issues


def _seat_issues(file: str, seat: dict[str, Any], columns: dict[str, str]) -> list[Issue]:
    issues = [Issue(file, seat["_row"], columns[key], "a value is required")
              for key in ("person", "body") if not seat.get(key)]
    for key in ("start", "end"):
        value = seat.get(key)
        if value and not (_DATE.match(value) and _valid(value)):
            issues.append(Issue(file, seat["_row"], columns[key],
                                f"{value!r} is not a date (YYYY-MM-DD, or YYYY-MM, or YYYY)"))
    start, end = window(seat.get("start") or None, end=False), window(seat.get("end") or None,
                                                                     end=True)
    if start and end and _DATE.match(start) and _DATE.match(end) and end < start:
        issues.append(Issue(file, seat["_row"], columns["end"],
                            f"{seat['end']} is before the start {seat['start']}"))
    kind = _snake(seat.get("classification") or "")
    if kind and kind not in BODY_CLASSIFICATIONS:
        issues.append(Issue(file, seat["_row"], columns["classification"],
                            f"{seat['classification']!r} is not a classification govgraph "
                            f"knows: {', '.join(BODY_CLASSIFICATIONS)}"))
    return issues


def _valid(value: str) -> bool:
    try:
        date.fromisoformat(window(value, end=False) or "")
    except ValueError:
        return False
    return True


def _read(roster: Path, sheet: str | None) -> tuple[list[str], list[dict[str, Any]]]:
    """The roster's header and rows (each with ``_row``, as a spreadsheet numbers it)."""
    if not roster.is_file():
        raise DatasetInvalidError(roster, [Issue(roster.name, None, None, "no such file")])
    if roster.suffix.lower() == ".xlsx":
        return _read_workbook(roster, sheet)
    if sheet is not None:
        raise DatasetInvalidError(roster, [Issue(roster.name, None, None,
                                                 "--sheet applies to .xlsx workbooks only")])
    try:
        rows = read_table(roster.parent, roster.name, ROSTER_FIELDS, extra=True)
    except DatasetInvalidError as exc:
        raise DatasetInvalidError(roster, exc.issues) from exc
    with roster.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    return header, rows


def _read_workbook(roster: Path, sheet: str | None) -> tuple[list[str], list[dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(roster, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DatasetInvalidError(roster, [Issue(roster.name, None, None,
                                                 f"not a readable .xlsx workbook: {exc}")]) from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DatasetInvalidError(roster, [Issue(
                roster.name, None, None, f"no sheet {sheet!r}; the workbook has "
                                         f"{', '.join(book.sheetnames)}")])
        table = book[sheet] if sheet is not None else book.worksheets[0]
        values = [[_cell(v) for v in row] for row in table.iter_rows(values_only=True)]
    finally:
        book.close()
    while values and not any(values[-1]):
        values.pop()
    if not values:
        raise DatasetInvalidError(roster, [Issue(roster.name, 1, None, "the sheet is empty; it "
                                                                       "needs a header row")])
    header = values[0]
    while header and not header[-1]:
        header.pop()
    # Checked like a CSV roster: through a CSV copy read with the same rules.
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "roster.csv"
        with copy.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(
                [header, *[row[:len(header)] for row in values[1:] if any(row)]])
        try:
            rows = read_table(copy.parent, copy.name, ROSTER_FIELDS, extra=True)
        except DatasetInvalidError as exc:
            raise DatasetInvalidError(roster, [Issue(roster.name, i.row, i.column, i.reason)
                                               for i in exc.issues]) from exc
    numbers = [n for n, row in enumerate(values[1:], start=2) if any(row)]
    for row in rows:  # the sheet's own row numbers (blank rows skipped)
        row["_row"] = numbers[row["_row"] - 2]
    return header, rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _write(folder: Path, name: str, source: str, people: dict[str, str],
           categories: dict[str, str], bodies: dict[str, dict[str, Any]],
           memberships: list[dict[str, Any]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write(folder / "people.csv", ["id", "name", "category"],
          [{"id": i, "name": n, "category": categories.get(i)} for n, i in people.items()])
    write(folder / "bodies.csv", ["id", "name", "classification", "parent_id", "notes"],
          [{**b, "classification": b.get("classification") or "other"}
           for b in bodies.values()])
    write(folder / "memberships.csv",
          ["person_id", "body_id", "role", "member_category", "label", "start_date",
           "end_date"], memberships)
    descriptor = {
        "name": name, "title": name, "sources": [{"title": source}],
        "resources": [{"name": t, "path": f"{t}.csv"}
                      for t in ("people", "bodies", "memberships")],
    }
    (folder / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                                     encoding="utf-8")
