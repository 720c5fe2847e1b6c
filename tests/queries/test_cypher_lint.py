"""Every statement in queries/ passes Neo4j's own Cypher linter and stays in the portable subset.

No Neo4j server runs here; the linter (npm @neo4j-cypher/language-support, Neo4j 5
grammar and semantic analysis) is the check of the Neo4j dialect. Ladybug runs
every statement in the other tests.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.ddl import lint_schema
from graph.statements import statement_names

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "queries"
LINTER = Path(__file__).with_name("lint_cypher.mjs")
UNDEFINED_PARAMETER = re.compile(r"^Parameter \$\w+ is not defined\.$")
NOT_PORTABLE = {
    "map projection": re.compile(r"\w\s*\{\s*\.\w"),
    "SET +=": re.compile(r"\+="),
    "type()": re.compile(r"\btype\s*\(", re.IGNORECASE),
    "shortestPath": re.compile(r"shortestPath", re.IGNORECASE),
    "APOC": re.compile(r"\bapoc\.", re.IGNORECASE),
    "multi-label node": re.compile(r"\(\w*:\w+:\w+"),
    "literal value instead of a $parameter": re.compile(r"['\"]|\b\d{2,}\b"),
}


def lint(files: list[Path], tmp_path: Path) -> dict[str, list[dict[str, object]]]:
    if shutil.which("node") is None or not (ROOT / "node_modules").is_dir():
        pytest.fail("the Cypher linter is not installed: run `make test` (it runs `npm ci`)")
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps(lint_schema()))
    done = subprocess.run(["node", str(LINTER), str(schema_file), *map(str, files)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    report: dict[str, list[dict[str, object]]] = json.loads(done.stdout)
    return report


def test_every_statement_passes_the_neo4j_linter(tmp_path: Path) -> None:
    files = sorted(QUERIES.glob("*.cypher"))
    report = lint(files, tmp_path)
    problems = {
        Path(name).name: [d["message"] for d in diagnostics
                          if not UNDEFINED_PARAMETER.match(str(d["message"]))]
        for name, diagnostics in report.items()
    }
    assert {name: found for name, found in problems.items() if found} == {}
    assert len(report) == len(files) == len(statement_names())


def test_the_linter_reports_what_neo4j_would_reject(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text("MATCH (p:Persn) RETURN p.nam, toInt(p.id), q")
    messages = " | ".join(str(d["message"]) for d in lint([bad], tmp_path)[str(bad)])
    assert "Label Persn is not present" in messages
    assert "nam is not present" in messages
    assert "Function toInt is not present" in messages
    assert "Variable `q` not defined" in messages


@pytest.mark.parametrize("name", statement_names())
def test_statement_stays_in_the_portable_subset(name: str) -> None:
    # '' means "no filter"; 'Word' is a constant (a kind or status name), not a value
    text = re.sub(r"'[A-Za-z_]*'", "", (QUERIES / f"{name}.cypher").read_text())
    found = [what for what, pattern in NOT_PORTABLE.items() if pattern.search(text)]
    assert found == [], f"{name}.cypher uses {found}"


def test_one_statement_per_file() -> None:
    for path in QUERIES.glob("*.cypher"):
        assert ";" not in path.read_text().strip().rstrip(";"), path.name
