"""The dashboard, GraphiQL and the OpenAPI docs are served from the package's own assets;
CORS origins and the network cap are settings.

The pages are built by ``make assets`` (``make test`` and ``make run`` do it first).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers import dashboard
from govgraph.settings import Settings
from graph.backends.ladybug import LadybugRunner

PAGES = {"/dashboard": "index.html", "/graphql": "graphiql.html", "/docs": "docs.html"}
NETWORK = """query ($max: Int!) { network(dataset: "seodaemun-2021", maxNodes: $max) {
  totalNodes nodes { id } } }"""


@pytest.fixture(scope="module")
def client(seodaemun_store: LadybugRunner) -> Iterator[TestClient]:
    if not (dashboard.STATIC / "index.html").is_file():
        pytest.fail(f"the dashboard is not built in {dashboard.STATIC}: run `make assets`")
    with TestClient(create_app(seodaemun_store, Settings())) as test_client:
        yield test_client


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


def links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.urls


@pytest.mark.parametrize("path", PAGES)
def test_each_page_loads_only_assets_the_app_serves(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    urls = links(response.text)
    assert any(url.endswith(".js") for url in urls)
    for url in urls:
        if url.startswith("data:"):
            continue
        assert url.startswith("/static/"), url
        assert client.get(url).status_code == 200, url


def test_no_built_script_names_a_cdn() -> None:
    for script in (dashboard.STATIC / "assets").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"https?://(unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.)", text), script.name


def test_the_root_opens_the_dashboard(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (302, 307) and response.headers["location"] == "/dashboard"


def test_redoc_from_a_cdn_is_not_served_but_the_openapi_document_is(client: TestClient) -> None:
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "govgraph"


def test_without_a_build_the_pages_say_how_to_make_one(
        client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dashboard, "STATIC", tmp_path)
    response = client.get("/dashboard")
    assert response.status_code == 503 and "make assets" in response.text


def test_no_cross_origin_access_by_default(client: TestClient) -> None:
    response = client.options("/graphql", headers={
        "Origin": "https://dash.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in response.headers


def test_configured_origins_may_call_the_api(seodaemun_store: LadybugRunner) -> None:
    settings = Settings(cors_origins="https://dash.example, https://other.example")
    with TestClient(create_app(seodaemun_store, settings)) as client:
        allowed = client.options("/graphql", headers={
            "Origin": "https://other.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type"})
        refused = client.options("/graphql", headers={
            "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"})
        answer = client.post("/graphql", headers={"Origin": "https://dash.example"},
                             json={"query": "{ datasets { id } }"})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://other.example"
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-origin" not in refused.headers
    assert answer.headers["access-control-allow-origin"] == "https://dash.example"


def test_the_network_cap_is_a_setting(seodaemun_store: LadybugRunner, client: TestClient) -> None:
    refused = client.post("/graphql", json={"query": NETWORK, "variables": {"max": 3000}})
    assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "[1, 2000]" in refused.json()["errors"][0]["message"]
    with TestClient(create_app(seodaemun_store, Settings(network_max_nodes=5000))) as raised:
        answer = raised.post("/graphql", json={"query": NETWORK, "variables": {"max": 3000}})
        exported = raised.get("/export/network.csv", params={
            "dataset": "seodaemun-2021", "maxNodes": 3000, "part": "nodes"})
    network = answer.json()["data"]["network"]
    assert len(network["nodes"]) == network["totalNodes"]
    assert exported.status_code == 200
    assert len(exported.text.strip().splitlines()) == network["totalNodes"] + 1


def test_the_config_states_the_node_cap_and_what_the_caller_may_do(
        seodaemun_store: LadybugRunner, tmp_path: Path) -> None:
    from api.security.keys import KeyStore
    from graph.privacy import PERMISSIONS, Role

    keys = tmp_path / "keys.sqlite3"
    _, analyst = KeyStore(keys).create("config", Role.ANALYST)
    with TestClient(create_app(seodaemun_store, Settings(keys=keys,
                                                         network_max_nodes=1234))) as app:
        anonymous = app.get("/dashboard/config").json()
        known = app.get("/dashboard/config",
                        headers={"Authorization": f"Bearer {analyst}"}).json()
    assert anonymous == {"networkMaxNodes": 1234, "role": "public",
                         "permissions": sorted(p.value for p in PERMISSIONS[Role.PUBLIC])}
    assert known["role"] == "analyst" and "export_dataset" in known["permissions"]
    assert "export_dataset" not in anonymous["permissions"]
