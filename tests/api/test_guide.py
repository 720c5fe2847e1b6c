"""The guide at /guide: the built site when there is one, a 503 saying how otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers import guide
from graph.backends.ladybug import LadybugRunner


def _client(runner: LadybugRunner, site: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setattr(guide, "GUIDE", site)
    return TestClient(create_app(runner))


def test_without_a_build_the_guide_says_how_to_make_one(
    store: LadybugRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    response = _client(store, tmp_path / "missing", monkeypatch).get("/guide/")
    assert response.status_code == 503
    assert "make docs" in response.text


def test_a_built_guide_is_served_with_its_pages(
    store: LadybugRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    (site / "guide" / "reference").mkdir(parents=True)
    (site / "index.html").write_text("<h1>govgraph guide</h1>")
    (site / "guide" / "reference" / "index.html").write_text("<h1>Reference</h1>")
    client = _client(store, site, monkeypatch)
    assert client.get("/guide/").text == "<h1>govgraph guide</h1>"
    assert client.get("/guide/guide/reference/").text == "<h1>Reference</h1>"
    assert client.get("/guide/nothing/").status_code == 404
    assert client.get("/guide/../pyproject.toml").status_code == 404
    redirected = client.get("/guide", follow_redirects=False)
    assert redirected.status_code in {307, 308}
    assert redirected.headers["location"].endswith("/guide/")
