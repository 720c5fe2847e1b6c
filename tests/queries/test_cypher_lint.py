"""Every statement in queries/ passes Neo4j's own Cypher linter and stays in the portable subset.

The linter (npm @neo4j-cypher/language-support, Neo4j 5 grammar and semantic analysis,
against the model's labels and properties) checks every statement, including those
no test runs on the real Neo4j the contract tests start.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.statements import statement_names
from tests.conftest import EARLY_LINT
from tests.queries import linter
from tests.queries.linter import QUERIES, Report

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


def lint(files: list[Path]) -> Report:
    return linter.report_of(linter.start(files))


def test_every_statement_passes_the_neo4j_linter(
        request: pytest.FixtureRequest) -> None:
    files = linter.every_statement()
    started = request.config.stash.get(EARLY_LINT, None)  # started with the session
    report = linter.report_of(started) if started is not None else lint(files)
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
    messages = " | ".join(str(d["message"]) for d in lint([bad])[str(bad)])
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
