"""A real headless Chromium against uvicorn serving a temporary store with the bundled data.

Chromium is Debian's (``CHROMIUM`` or ``chromium`` on the PATH), driven by Playwright
through its executable path. Without it these tests are skipped with the reason shown,
except when ``CI=true``: there they fail. Every request the page makes is routed; one that
leaves 127.0.0.1 is refused and fails the test.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from api.app import create_app
from api.routers import dashboard
from api.security.keys import KeyStore
from benchmarks.server import free_port
from govgraph.settings import Settings
from graph.backends.ladybug import LadybugRunner
from graph.privacy import Role
from tests.conftest import ROOT

SCREENSHOTS = ROOT / "docs" / "screenshots"
AXE = ROOT / "dashboard" / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core (npm, a dev dependency of the dashboard), injected into pages to check them."""
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless=new", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
    # Without these Chromium reaches for Google's services, which the tests refuse.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-default-apps", "--disable-domain-reliability",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which(
        "chromium-browser")


@dataclass
class Server:
    url: str
    analyst_key: str

    def graphql(self, query: str, **variables: Any) -> dict[str, Any]:
        """The data of a GraphQL answer from the same API the page talks to."""
        body = httpx.post(f"{self.url}/graphql", json={"query": query, "variables": variables},
                          timeout=60).json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data


@contextlib.contextmanager
def uvicorn_serving(store: LadybugRunner, keys: Path) -> Iterator[str]:
    """uvicorn in a thread on a free 127.0.0.1 port, serving ``store`` with the key store
    ``keys``; yields its base URL. Fails when the dashboard is not built."""
    if not (dashboard.STATIC / "index.html").is_file():
        pytest.fail(f"the dashboard is not built in {dashboard.STATIC}: run `make assets`")
    port = free_port()
    config = uvicorn.Config(create_app(store, Settings(keys=keys)), host="127.0.0.1",
                            port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server(seoul_store: LadybugRunner,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """uvicorn on a free 127.0.0.1 port, serving both bundled datasets, with one analyst key."""
    keys = tmp_path_factory.mktemp("keys") / "keys.sqlite3"
    _, analyst_key = KeyStore(keys).create("browser tests", Role.ANALYST)
    with uvicorn_serving(seoul_store, keys) as url:
        yield Server(url, analyst_key)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium through Playwright's sync API, for one module: the API runs an event loop
    that must be stopped before other tests call ``asyncio.run``."""
    executable = chromium_path()
    if executable is None:
        reason = "chromium is not installed (apt-get install chromium, or set CHROMIUM)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@dataclass
class Visit:
    """One page and everything it asked for."""

    page: Any
    server: Server
    requests: list[Any] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(f"{self.server.url}{path}")

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def axe(self, impacts: tuple[str, ...] = ("critical", "serious"),
            exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        """axe-core's violations of the page as it is now, of the given impacts."""
        if not AXE.is_file():
            pytest.fail(f"axe-core is missing ({AXE}): run `make install`")
        self.page.add_script_tag(path=str(AXE))
        found: list[dict[str, Any]] = self.page.evaluate(
            """async (exclude) => (await axe.run({ exclude: exclude.map((s) => [s]) },
                 { resultTypes: ['violations'] })).violations.map((v) => ({ id: v.id,
                 impact: v.impact, help: v.help,
                 nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))""",
            list(exclude))
        return [v for v in found if v["impact"] in impacts]

    def wait_drawn(self) -> dict[str, str]:
        """Wait until the network is drawn and its layout has stopped; the status's data."""
        status = self.page.locator("#network-status[data-state=drawn][data-layout=stopped]")
        status.wait_for(timeout=60_000)
        data: dict[str, str] = status.evaluate("el => ({...el.dataset})")
        return data


@pytest.fixture
def visit(browser: Any, server: Server) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True,
                                  locale="ko-KR")
    page = context.new_page()
    seen = Visit(page, server)

    def route(route: Any) -> None:
        url: str = route.request.url
        if url.startswith(server.url + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            seen.outside.append(url)
            route.abort()

    context.route("**/*", route)
    page.on("request", lambda request: seen.requests.append(request))
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("console", lambda message: seen.errors.append(message.text)
            if message.type == "error" else None)
    yield seen
    context.close()
    assert seen.outside == [], f"requests left the machine: {seen.outside}"
    assert seen.errors == [], f"errors in the page: {seen.errors}"
