"""Write govgraph's canonical Table Schemas into a dataset's ``datapackage.json``.

``python -m ingest.describe data/NAME`` keeps a dataset self-describing: each
resource gets the schema ingest validates it with (for the columns its CSV
file has), so other Frictionless tools read the same types and keys.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ingest.issues import DatasetInvalidError
from ingest.package import DESCRIPTOR, _header, load_dataset, table_schema
from ingest.tables import TABLE_BY_RESOURCE


def described(folder: Path) -> dict[str, Any]:
    """The dataset's descriptor with every known resource's canonical schema filled in."""
    descriptor: dict[str, Any] = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    present = {r["name"] for r in descriptor["resources"]}
    for resource in descriptor["resources"]:
        table = TABLE_BY_RESOURCE[resource["name"]]
        header = _header(folder / resource["path"])
        resource["profile"] = "tabular-data-resource"
        resource["format"] = "csv"
        resource["encoding"] = "utf-8"
        resource["schema"] = table_schema(table, header, present)
    return descriptor


def render(descriptor: dict[str, Any]) -> str:
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    """Describe each dataset folder in ``argv``; a dataset that does not validate is left
    as it is, its problems printed (exit code 4)."""
    status = 0
    for name in argv:
        folder = Path(name)
        try:
            load_dataset(folder)
        except DatasetInvalidError as exc:
            print(exc, file=sys.stderr)
            status = 4
            continue
        (folder / DESCRIPTOR).write_text(render(described(folder)), encoding="utf-8")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
