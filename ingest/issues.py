"""A problem found in a dataset, and the error refusing a dataset with all of its problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.errors import GovgraphError

SHOWN_ISSUES = 50


@dataclass(frozen=True)
class Issue:
    """One problem found in a dataset: where (file, row, column) and why.

    ``row`` counts lines as an editor does (the header is row 1); it and
    ``column`` are None where the problem is the whole file or descriptor.
    """

    file: str
    row: int | None
    column: str | None
    reason: str

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise ValueError("an issue needs a reason")

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
        shown = "\n".join(f"  {issue}" for issue in issues[:SHOWN_ISSUES])
        more = len(issues) - SHOWN_ISSUES
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(
            f"dataset {path} refused, nothing was written ({len(issues)} problem"
            f"{'s' if len(issues) != 1 else ''}):\n{shown}{tail}"
        )
