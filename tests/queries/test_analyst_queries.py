"""The saved analyst documents in queries/analyst/ run and answer without errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.execute import execute
from graph.runner import Runner

ANALYST = Path(__file__).resolve().parents[2] / "queries" / "analyst"


@pytest.mark.parametrize("document", sorted(ANALYST.glob("*.graphql")), ids=lambda p: p.stem)
def test_saved_document_runs(contract_seoul: Runner, document: Path) -> None:
    response = execute(contract_seoul, document.read_text(encoding="utf-8"))
    assert "errors" not in response, response.get("errors")
    assert all(value is not None for value in response["data"].values())
