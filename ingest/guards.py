"""What every reader refuses before a dataset's values go further.

- JSON (a Popolo file, a ``datapackage.json``) with a key twice in one object:
  a parser would keep only the last, silently (``"persons"`` twice: the first
  list of people lost); nested deeper than :data:`MAX_JSON_DEPTH`; or holding a
  lone surrogate escape (``"\\ud800"``), which is not text.
- A cell holding a control character other than tab, line feed and carriage
  return: C0 (NUL, BEL, ESC…), DEL and C1. They corrupt terminals, logs and
  exports and no name needs them.
- A cell larger than ``GOVGRAPH_MAX_CELL_BYTES`` (UTF-8 bytes; 64 KiB by default).
- A write the disk has no room for (:func:`room_problem`), and a write that fails
  half-way all the same (:func:`out_of_space`, :func:`what_was_kept`).

Each problem is an :class:`~ingest.issues.Issue` with the file, the row and the
column, so the dataset is refused whole and the store is untouched.
"""

from __future__ import annotations

import errno
import json
import re
import resource
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from graph.bulk import Columns as BulkColumns
from graph.bulk import column as values_of
from graph.runner import Runner
from ingest.columns import Columns
from ingest.issues import Issue

MAX_CELL_BYTES = 64 * 1024
"""The default of ``GOVGRAPH_MAX_CELL_BYTES``."""
MAX_JSON_DEPTH = 64
"""How deeply arrays and objects may nest in a JSON file a reader takes."""

_limits = {"max_cell_bytes": MAX_CELL_BYTES}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{7f}-\x{9f}]"
"""What :data:`_CONTROL` matches in text Arrow holds (RE2 syntax; Arrow refuses surrogates)."""
_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "backspace", "\x1b": "ESC", "\x7f": "DEL"}


def configure(max_cell_bytes: int) -> None:
    """Set the cell size limit for what is read from now on (``govgraph`` does, from settings)."""
    _limits["max_cell_bytes"] = max_cell_bytes


def max_cell_bytes() -> int:
    """The cell size limit in force."""
    return _limits["max_cell_bytes"]


class JsonRefusedError(ValueError):
    """A JSON text was refused; ``issue`` says where and why."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.reason)
        self.issue = issue


class _DuplicateKeyError(ValueError):
    pass


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKeyError(key)
        seen[key] = value
    return seen


def parse_json(text: str, file: str) -> Any:
    """``text`` parsed, or :class:`JsonRefusedError` (malformed, a key twice, too deep, not text).

    Standard JSON only: ``NaN`` and ``Infinity`` are refused too.
    """
    def refuse(reason: str, line: int | None = None) -> JsonRefusedError:
        return JsonRefusedError(Issue(file, line, None, reason))

    def constant(name: str) -> Any:
        raise ValueError(f"{name} is not a JSON number")

    try:
        value = json.loads(text, object_pairs_hook=_unique, parse_constant=constant)
    except _DuplicateKeyError as exc:
        raise refuse(f"the key {str(exc)!r} appears twice in one object; a reader would keep "
                     "only the last (give each key once)") from None
    except json.JSONDecodeError as exc:
        raise refuse(f"not valid JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise refuse(f"arrays and objects nest more than {MAX_JSON_DEPTH} levels deep") from None
    except ValueError as exc:
        raise refuse(f"not readable JSON: {exc}") from None
    problem = _walk(value)
    if problem:
        raise refuse(problem)
    return value


def _walk(value: Any) -> str | None:
    """Nesting beyond :data:`MAX_JSON_DEPTH`, or a lone surrogate in a key or a string."""
    level = [value]
    depth = 0
    while level:
        depth += 1
        if depth > MAX_JSON_DEPTH + 1:
            return f"arrays and objects nest more than {MAX_JSON_DEPTH} levels deep"
        following: list[Any] = []
        for item in level:
            if isinstance(item, dict):
                following.extend(item.keys())
                following.extend(item.values())
            elif isinstance(item, list):
                following.extend(item)
            elif isinstance(item, str) and _has_surrogate(item):
                return ("a string holds a lone surrogate escape (\\ud800-\\udfff without its "
                        "pair), which is not text")
        level = following
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _describe(character: str) -> str:
    return _NAMES.get(character, f"U+{ord(character):04X}")


def cell_issues(file: str, rows: Sequence[dict[str, Any]], skip: tuple[str, ...] = (),
                limit: int | None = None, cells: Columns | None = None) -> list[Issue]:
    """Control characters and oversize cells among ``rows`` (each with its ``_row``).

    ``skip`` names columns another check already holds to a stricter rule.
    ``limit`` defaults to the configured ``GOVGRAPH_MAX_CELL_BYTES``. ``cells``
    are the same rows as Arrow columns, if made already.
    """
    limit = max_cell_bytes() if limit is None else limit
    cells = cells or Columns(rows)
    if isinstance(rows, BulkColumns):
        keys = rows.names
    else:
        keys = list(dict.fromkeys(key for row in rows[:1] for key in row))
        if len({len(row) for row in rows}) > 1:  # rows of different shapes: every key of any
            keys = list(dict.fromkeys(key for row in rows for key in row))
    columns = [c for c in keys if c not in skip and c != "_row"]
    issues: list[Issue] = []
    for column in columns:
        if cells.within(column, limit, _CONTROL_RE2):  # kernels over the column when all is well
            continue
        for number, value in zip(values_of(rows, "_row"), values_of(rows, column), strict=True):
            if not isinstance(value, str):
                continue
            size = len(value.encode("utf-8", "surrogatepass"))
            if size > limit:
                issues.append(Issue(file, number, column,
                                    f"the cell holds {size} bytes; at most {limit} are allowed "
                                    "(GOVGRAPH_MAX_CELL_BYTES)"))
                continue
            found = _CONTROL.search(value)
            if found:
                issues.append(Issue(file, number, column,
                                    f"holds the control character {_describe(found.group())} "
                                    f"at position {found.start() + 1}; only tab and line breaks "
                                    "may appear in text"))
    return sorted(issues, key=lambda i: (i.row or 0, i.column or ""))


def table_cell_issues(files: Mapping[str, str], rows: Mapping[str, Sequence[dict[str, Any]]],
                      skips: Mapping[str, tuple[str, ...]],
                      cells: Mapping[str, Columns] | None = None) -> list[Issue]:
    """:func:`cell_issues` for every table (``files``: table name to file name).

    ``cells`` holds the tables' rows as Arrow columns where they were made already.
    """
    return [issue for name, table_rows in rows.items()
            for issue in cell_issues(files[name], table_rows, skips.get(name, ()),
                                     cells=(cells or {}).get(name))]


# ---- a write that fails half-way (the disk is full, a file-size limit is reached)

OUT_OF_SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})
_ENGINE_IO = ("IO exception", "No space left", "File too large", "Disk quota")
"""What the embedded engine says when the file system refuses a write: it raises a bare
``RuntimeError``, so its words are all there is to go by."""


def out_of_space(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) is the file system refusing to grow a file."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in OUT_OF_SPACE_ERRNOS:
            return True
        if any(marker in str(current) for marker in _ENGINE_IO):
            return True
        current = current.__cause__ or current.__context__
    return False


def versions(runner: Runner) -> dict[str, str]:
    """Each loaded dataset's content hash, by name."""
    return {row["id"]: row["content_hash"] for row in runner.read("datasets")}


def what_was_kept(before: Mapping[str, str], after: Mapping[str, str] | None) -> str:
    """A true statement of the store's datasets after a failed write, from what it holds.

    ``before`` and ``after`` are :func:`versions` read before the write and after
    reopening the store (None: it could not be read).
    """
    if after is None:
        held = ", ".join(sorted(before)) or "no dataset"
        return ("The store cannot tell yet what it kept: it finishes its recovery the next time "
                "it is opened with room to write, and then holds all of this ingest or none of "
                f"it. Before this ingest it held: {held}. Free some space, then run "
                "`govgraph query '{ datasets { id } }'` to see which.")
    if dict(after) == dict(before):
        held = ", ".join(sorted(after)) or "no dataset"
        return f"Nothing of this ingest was kept: the store holds what it held before ({held})."
    parts = []
    for name in sorted(set(before) | set(after)):
        if name not in after:
            parts.append(f"{name}: gone")
        elif name not in before:
            parts.append(f"{name}: written")
        elif after[name] != before[name]:
            parts.append(f"{name}: the new version")
        else:
            parts.append(f"{name}: as before")
    return "The store now holds " + "; ".join(parts) + "."


GROWTH = 4
"""How many times its files' size an ingest may need on disk: the log, then the database."""


def room_left(directory: Path) -> int:
    """Bytes the store at ``directory`` can still grow by: the disk's free space, or less
    if a file-size limit (``RLIMIT_FSIZE``) stops its largest file sooner."""
    probe = directory
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    room = shutil.disk_usage(probe).free
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    if soft != resource.RLIM_INFINITY:
        files = [f.stat().st_size for f in directory.iterdir() if f.is_file()] if (
            directory.is_dir()) else []
        room = min(room, soft - max(files, default=0))
    return max(room, 0)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    folder = path.parent if path.name.endswith(".json") and not path.is_dir() else path
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def room_problem(directory: Path, paths: list[Path], spare: int) -> str | None:
    """Why the datasets at ``paths`` should not be written to the store at ``directory`` now,
    or None: they need :data:`GROWTH` times their files' size plus ``spare`` bytes."""
    needed = GROWTH * sum(_size(p) for p in paths) + spare
    left = room_left(directory)
    if left >= needed:
        return None
    return (f"not enough room to write safely: the store at {directory} can grow by "
            f"{left / 2**20:.1f} MiB and this ingest needs about {needed / 2**20:.1f} MiB "
            f"({GROWTH} times its files' size and GOVGRAPH_INGEST_SPARE_BYTES); nothing was "
            "written. Free some space and run it again")
