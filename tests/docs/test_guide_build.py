"""The guide builds offline with no warning, with reference pages generated from the code."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from govgraph.cli import app as cli
from govgraph.reference import error_codes, setting_docs
from tests.docs.examples import ROOT

MKDOCS = Path(sys.executable).parent / "mkdocs"
REMOTE = re.compile(r"""<(?:script|img|iframe)\b[^>]*\bsrc=["'](?:https?:)?//"""
                    r"""|<link\b[^>]*\bhref=["'](?:https?:)?//|url\(["']?(?:https?:)?//""")
"""A resource the browser would fetch from another host (a link to one is fine)."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("guide") / "site"
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(target)], cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
        timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return target


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_the_settings_reference_gives_every_setting_and_its_default(site: Path) -> None:
    page = _page(site, "guide/reference/settings")
    for setting in setting_docs():
        assert setting.variable in page
    assert "<code>1000</code>" in page  # GOVGRAPH_MAX_PAGE_SIZE's default, from the code


def test_the_cli_reference_gives_every_command(site: Path) -> None:
    page = _page(site, "guide/reference/cli")
    group = typer.main.get_command(cli)
    assert hasattr(group, "commands")
    for name in group.commands:
        assert f"<code>{name}" in page, name
    assert "--log-level" in page


def test_the_schema_reference_is_the_served_schema(site: Path) -> None:
    page = _page(site, "guide/reference/graphql")
    for word in ("enum", "Projection", "overcommittedMembers", "@deprecated"):
        assert word in page


def test_the_error_reference_gives_every_code(site: Path) -> None:
    page = _page(site, "guide/reference/errors")
    for error in error_codes():
        assert error.code in page


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    pages = [*site.rglob("*.html"), *site.rglob("*.css")]
    assert pages
    for page in pages:
        assert not REMOTE.search(page.read_text(encoding="utf-8")), page
