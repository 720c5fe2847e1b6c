"""Neo4j's own Cypher linter (npm ``@neo4j-cypher/language-support``), run by node.

Linting every statement takes about 45 s of one core. The suite starts it as soon as
the tests are collected (``tests/conftest.py``), so that it runs on the core the tests
leave idle, and the test reads its report when it comes to it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from graph.ddl import lint_schema

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "queries"
SCRIPT = Path(__file__).with_name("lint_cypher.mjs")
Report = dict[str, list[dict[str, object]]]


def start(files: list[Path]) -> subprocess.Popen[str]:
    """The linter, started on ``files``."""
    if shutil.which("node") is None or not (ROOT / "node_modules").is_dir():
        pytest.fail("the Cypher linter is not installed: run `make test` (it runs `npm ci`)")
    schema_file = Path(tempfile.mkdtemp(prefix="govgraph-lint-")) / "schema.json"
    schema_file.write_text(json.dumps(lint_schema()))
    return subprocess.Popen(["node", str(SCRIPT), str(schema_file), *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT)


def report_of(linter: subprocess.Popen[str]) -> Report:
    """What the linter found, per file."""
    out, err = linter.communicate()
    if linter.returncode != 0:
        pytest.fail(f"the Cypher linter failed: {err}")
    report: Report = json.loads(out)
    return report


def every_statement() -> list[Path]:
    return sorted(QUERIES.glob("*.cypher"))
