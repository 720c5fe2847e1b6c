"""The README, the guide and the code describe the product, not how it was made."""

from __future__ import annotations

import re
from pathlib import Path

from tests.docs.examples import ROOT, documents

PACKAGES = ("api", "govgraph", "graph", "ingest", "schema", "queries", "benchmarks",
            "dashboard/src")
PROCESS = re.compile(r"\bissues?\s+#?\d+|\bthis session|\bthe session's|\bwork in progress\b"
                     r"|\bbefore this work\b|\bthis work\b", re.IGNORECASE)
README_LINES = 250


def _texts() -> list[Path]:
    code = [p for package in PACKAGES for p in (ROOT / package).rglob("*")
            if p.suffix in {".py", ".ts", ".cypher", ".graphql"} and "node_modules" not in p.parts]
    return [*documents(), ROOT / "Makefile", *code]


def test_nothing_speaks_of_issues_sessions_or_work_in_progress() -> None:
    found = [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: {m[0]!r}"
             for path in _texts()
             for text in [path.read_text(encoding="utf-8")]
             for m in PROCESS.finditer(text)]
    assert not found, "\n".join(found)


def test_the_readme_is_a_front_door() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= README_LINES
    for needed in ("make run", "make test", "docs/guide/", "docs/screenshots/"):
        assert needed in text
    for target in re.findall(r"\]\(([^)#\s]+)\)", text):
        if not target.startswith(("http://", "https://")):
            assert (ROOT / target).exists(), target
