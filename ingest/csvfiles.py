"""Writing CSV tables the way govgraph reads them: UTF-8, ``\\n`` line ends, empty for null."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any


def cell(value: Any) -> str:
    """A value as a CSV cell: '' for None, true/false for booleans, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def render(columns: list[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """The text of a CSV table with ``columns`` (other keys of the rows are left out)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def write(path: Path, columns: list[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """Write :func:`render`'s text to ``path``."""
    path.write_text(render(columns, rows), encoding="utf-8")
