"""The guide and the API docs in a real browser: they render from the server alone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from api.routers import guide
from tests.browser.conftest import Server, Visit

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def built_guide(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The guide built by MkDocs into a temporary folder, served by the app under test."""
    site = tmp_path_factory.mktemp("guide") / "site"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir",
         str(site)], cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(guide, "GUIDE", site)
        yield site


def test_the_guide_renders_and_its_search_finds_a_setting(server: Server, visit: Visit) -> None:
    visit.open("/guide/")
    visit.page.locator("h1", has_text="govgraph").first.wait_for()
    visit.page.locator("a", has_text="Analysts (GraphQL)").first.click()
    visit.page.locator("h1", has_text="Tutorial: an analyst in GraphQL").wait_for()
    visit.open("/guide/guide/reference/settings/")
    visit.page.locator("td", has_text="GOVGRAPH_MAX_PAGE_SIZE").wait_for()
    visit.page.locator("label.md-search__icon, .md-search__input").first.click()
    # The search index is built by a web worker after the page loads; a query typed before
    # it is ready finds nothing until typed again, as a reader would.
    results = visit.page.locator(".md-search-result__item")
    deadline = time.monotonic() + 90
    while True:
        visit.page.fill(".md-search__input", "")
        visit.page.locator(".md-search__input").press_sequentially("overcommitted")
        try:
            results.first.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            assert time.monotonic() < deadline, "the guide's search found nothing in 90 s"


def test_the_api_docs_offer_bearer_authorisation(server: Server, visit: Visit) -> None:
    visit.open("/docs")
    visit.page.locator(".opblock").first.wait_for()
    assert visit.page.locator(".opblock-summary-description",
                              has_text="Run a GraphQL operation").count() == 1
    visit.page.locator("button.authorize").first.click()
    visit.page.locator(".modal-ux", has_text="bearer").wait_for()
