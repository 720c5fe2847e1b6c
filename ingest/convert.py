"""Turn a plain CSV roster (person, body, role, start, end) into a minimal govgraph dataset.

The roster needs only ``person`` and ``body`` columns (names as printed);
``role``, ``start`` and ``end`` are optional. The dataset written has three
tables and nothing invented per row: people and bodies get opaque ids in order
of first appearance (a person's id never reveals the name), roles govgraph
knows are kept (``Vice chair`` becomes ``vice_chair``), any other role is
stored as ``member`` with the printed role as its label, and the source is
given once, in ``datapackage.json``, for every row (see
:func:`ingest.package.row_defaults`). People are not public figures unless
the result is edited: a safe default for privacy.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ingest.csvfiles import write
from ingest.issues import DatasetInvalidError, Issue
from ingest.package import DESCRIPTOR, read_table
from ingest.tables import ROLES, text

ROSTER_FIELDS = [text("person", required=True), text("body", required=True), text("role"),
                 {"name": "start", "type": "date"}, {"name": "end", "type": "date"}]


def convert_roster(roster: Path, folder: Path, name: str, source: str) -> Path:
    """Write the dataset of ``roster`` into ``folder`` (created) and return the folder.

    Raises
    ------
    DatasetInvalidError
        If the roster lacks ``person`` or ``body``, has a bad date, or ``folder``
        already holds a dataset.
    """
    rows = read_table(roster.parent, roster.name, ROSTER_FIELDS, extra=True)
    if (folder / DESCRIPTOR).exists():
        raise DatasetInvalidError(folder, [Issue(DESCRIPTOR, None, None,
                                                 "a dataset is already here; choose a new folder")])
    people: dict[str, str] = {}
    bodies: dict[str, str] = {}
    memberships: list[dict[str, Any]] = []
    for row in rows:
        person = people.setdefault(row["person"].strip(), f"person-{len(people) + 1:03d}")
        body = bodies.setdefault(row["body"].strip(), f"body-{len(bodies) + 1:03d}")
        printed = (row.get("role") or "").strip()
        role = re.sub(r"[\s-]+", "_", printed.lower()) or "member"
        memberships.append({"person_id": person, "body_id": body,
                            "role": role if role in ROLES else "member",
                            "label": None if role in ROLES else printed,
                            "start_date": row.get("start"), "end_date": row.get("end")})
    folder.mkdir(parents=True, exist_ok=True)
    write(folder / "people.csv", ["id", "name"],
          [{"id": i, "name": n} for n, i in people.items()])
    write(folder / "bodies.csv", ["id", "name", "classification"],
          [{"id": i, "name": n, "classification": "other"} for n, i in bodies.items()])
    write(folder / "memberships.csv",
          ["person_id", "body_id", "role", "label", "start_date", "end_date"], memberships)
    descriptor = {
        "name": name, "title": name, "sources": [{"title": source}],
        "resources": [{"name": t, "path": f"{t}.csv"}
                      for t in ("people", "bodies", "memberships")],
    }
    (folder / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                                     encoding="utf-8")
    return folder
