"""What the README and the guide say about settings is what the settings are.

A default stated in prose, "`GOVGRAPH_MAX_PAGE_SIZE` (1,000)", or in a table row,
"| `GOVGRAPH_PORT` | `8000` |", must equal the declared default in
``govgraph/settings.py``; every ``GOVGRAPH_*`` name the documentation gives must be a
setting (or a variable the tests or benchmarks read). The settings reference is
generated from the code, so it cannot disagree.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govgraph.reference import setting_docs
from tests.docs.examples import ROOT, documents

PROSE = re.compile(r"`(GOVGRAPH_[A-Z0-9_]+)`\s*\((?:default\s+)?`?(-?[0-9][0-9,]*(?:\.[0-9]+)?|true"
                   r"|false)`?[\s),;]")
TABLE = re.compile(r"\|\s*`(GOVGRAPH_[A-Z0-9_]+)`\s*\|\s*`([^`|]+)`\s*\|")
NAME = re.compile(r"\bGOVGRAPH_[A-Z0-9_]*[A-Z0-9]\b(?!_?\*)")
DEFAULTS = {s.variable: s.default for s in setting_docs()}


def _statements() -> list[tuple[str, str, str]]:
    found = []
    for path in documents():
        text = path.read_text(encoding="utf-8")
        for pattern in (PROSE, TABLE):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append((f"{path.relative_to(ROOT)}:{line}", match[1], match[2]))
    return found


STATEMENTS = _statements()


def _equal(stated: str, default: object) -> bool:
    if default is None:  # computed at start (a path): the settings reference describes it
        return True
    if isinstance(default, Path):
        return stated.removeprefix("./").rstrip("/") == str(default.relative_to(ROOT))
    if isinstance(default, bool):
        return stated == str(default).lower()
    if isinstance(default, int | float):
        try:
            return float(stated.replace(",", "")) == float(default)
        except ValueError:
            return False
    return stated == str(getattr(default, "get_secret_value", lambda: default)())


def test_the_documentation_states_defaults() -> None:
    assert len(STATEMENTS) >= 10


@pytest.mark.parametrize(("where", "variable", "stated"), STATEMENTS,
                         ids=[f"{w} {v}" for w, v, _ in STATEMENTS])
def test_a_stated_default_is_the_settings_default(where: str, variable: str,
                                                  stated: str) -> None:
    assert variable in DEFAULTS, f"{where}: {variable} is not a setting"
    assert _equal(stated, DEFAULTS[variable]), (
        f"{where}: says {variable} is {stated}; its default is {DEFAULTS[variable]!r}")


def _read_by_tests_or_benchmarks() -> set[str]:
    names: set[str] = set()
    for folder in ("tests", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.parent.name != "docs":
                names.update(NAME.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_variable_the_documentation_names_exists() -> None:
    known = set(DEFAULTS) | _read_by_tests_or_benchmarks()
    unknown: dict[str, str] = {}
    for path in documents():
        for name in NAME.findall(path.read_text(encoding="utf-8")):
            if name not in known:
                unknown.setdefault(name, str(path.relative_to(ROOT)))
    assert not unknown, f"not settings: {unknown}"


def test_the_statement_patterns_catch_a_wrong_default(tmp_path: Path) -> None:
    text = "`first` may be up to `GOVGRAPH_MAX_PAGE_SIZE` (100) on every list.\n"
    [match] = PROSE.findall(text)
    assert match == ("GOVGRAPH_MAX_PAGE_SIZE", "100")
    assert not _equal(match[1], DEFAULTS["GOVGRAPH_MAX_PAGE_SIZE"])
    assert _equal("1,000", DEFAULTS["GOVGRAPH_MAX_PAGE_SIZE"])
