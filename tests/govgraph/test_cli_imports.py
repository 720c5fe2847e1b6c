"""``govgraph ingest`` imports what ingesting needs, not the web stack or the analyses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEODAEMUN
from tests.ingest.conftest import TINY, write_dataset

ROOT = Path(__file__).resolve().parents[2]
NOT_FOR_INGEST = ("fastapi", "starlette", "strawberry", "uvicorn", "networkx", "rustworkx",
                  "networkit", "igraph", "scipy", "pympler", "openpyxl", "frictionless")
"""The server, the analyses, workbooks, and Frictionless (only when a table is refused)."""

_RUN = """
import json, sys
sys.argv = ["govgraph", "ingest", *sys.argv[1:]]
from govgraph.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def _ingest(tmp_path: Path, *paths: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")}
    env.update(GOVGRAPH_DB=str(tmp_path / "db"), GOVGRAPH_BACKEND="ladybug")
    done = subprocess.run([sys.executable, "-c", _RUN, *map(str, paths)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=True)
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_ingesting_a_dataset_loads_no_server_analysis_or_workbook_module(
        tmp_path: Path) -> None:
    found = _ingest(tmp_path, SEODAEMUN, write_dataset(tmp_path / "tiny", TINY))
    assert found["code"] == 0
    modules = found["modules"]
    assert isinstance(modules, list)
    assert "ladybug" in modules  # it did write
    assert [name for name in NOT_FOR_INGEST if name in modules] == []


def test_a_refused_dataset_is_reported_by_frictionless_loaded_only_then(
        tmp_path: Path) -> None:
    bad = write_dataset(tmp_path / "bad", {
        **TINY, "memberships.csv": TINY["memberships.csv"].replace("2021-12-31",
                                                                   "the end of 2021")})
    found = _ingest(tmp_path, bad)
    assert found["code"] == 4
    modules = found["modules"]
    assert isinstance(modules, list)
    assert "frictionless" in modules
    assert [name for name in NOT_FOR_INGEST if name in modules] == ["frictionless"]
