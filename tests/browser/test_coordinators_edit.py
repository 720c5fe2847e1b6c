"""The coordinators' view in real Chromium: an appointment check before anyone appoints, and
the open view updating itself (and saying so) when an editor changes the data."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from api.security.keys import KeyStore
from graph.backends.ladybug import LadybugRunner
from graph.privacy import Role
from tests.browser.conftest import Server, Visit, uvicorn_serving

DATASET = "seodaemun-2021"


class EditingServer(Server):
    editor_key: str = ""

    def edit(self, query: str, **variables: Any) -> dict[str, Any]:
        body = httpx.post(f"{self.url}/graphql", json={"query": query, "variables": variables},
                          headers={"Authorization": f"Bearer {self.editor_key}"},
                          timeout=60).json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data


@pytest.fixture(scope="module")
def server(seoul_store: LadybugRunner,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditingServer]:
    """As tests/browser/conftest.py's server, with an editor's key as well (its own store)."""
    keys = tmp_path_factory.mktemp("keys") / "keys.sqlite3"
    _, analyst_key = KeyStore(keys).create("browser tests", Role.ANALYST)
    _, editor_key = KeyStore(keys).create("browser editor", Role.EDITOR)
    with uvicorn_serving(seoul_store, keys) as url:
        served = EditingServer(url, analyst_key)
        served.editor_key = editor_key
        yield served


def _busiest(server: Server) -> tuple[str, str, str]:
    """A flagged person, a body they do not sit in, and that body's name."""
    loads = server.graphql("""query($d: String!) { memberLoads(dataset: $d, onlyFlagged: true,
      first: 1) { nodes { person { id } seats { membership { body { id } } } } } }""",
                           d=DATASET)["memberLoads"]["nodes"][0]
    held = {s["membership"]["body"]["id"] for s in loads["seats"]}
    bodies = server.graphql("""query($d: String) { bodies(filter: {dataset: $d}, first: 1000)
      { nodes { id name } } }""", d=DATASET)["bodies"]["nodes"]
    body = next(b for b in bodies if b["id"] not in held)
    return loads["person"]["id"], body["id"], body["name"]


def test_the_coordinators_view_shows_an_appointment_check(visit: Visit) -> None:
    person, body, _ = _busiest(visit.server)
    expected = visit.server.graphql("""query($p: ID!, $b: ID!) { appointmentCheck(personId: $p,
      bodyId: $b, role: "chair", from: "2021-06-01") { before { score bodyCount }
      after { score bodyCount } crossed { threshold } acceptable } }""",
                                    p=person, b=body)["appointmentCheck"]
    visit.open("/#/coordinators")
    visit.page.locator("#check-person[data-ready=true]").wait_for(timeout=30_000)
    visit.page.select_option("#check-person", person)
    visit.page.select_option("#check-body", body)
    visit.page.select_option("#check-role", "chair")
    visit.page.fill("#check-from", "2021-06-01")
    visit.page.click("#check-run")
    result = visit.page.locator("#check-result[data-score-after]")
    result.wait_for(timeout=30_000)
    assert float(result.get_attribute("data-score-after") or "nan") == expected["after"]["score"]
    assert float(result.get_attribute("data-score-before") or "nan") == \
        expected["before"]["score"]
    score = visit.page.locator("#check-score").inner_text()
    assert score.replace(".0", "") == \
        f"{expected['before']['score']:g} → {expected['after']['score']:g}"
    bodies = visit.page.locator("#check-bodies").inner_text()
    assert bodies == f"{expected['before']['bodyCount']} → {expected['after']['bodyCount']}"
    assert (result.get_attribute("data-acceptable") == "true") == expected["acceptable"]
    visit.page.locator("#appointment-check").scroll_into_view_if_needed()
    visit.screenshot("coordinators-appointment-check")


def test_an_open_view_updates_itself_and_says_so_when_an_editor_appoints(
        visit: Visit) -> None:
    server = visit.server
    assert isinstance(server, EditingServer)
    person, body, _ = _busiest(server)
    visit.open("/#/coordinators")
    visit.page.locator("#check-person[data-ready=true]").wait_for(timeout=30_000)
    visit.page.select_option("#check-person", person)
    visit.page.select_option("#check-body", body)
    visit.page.select_option("#check-role", "member")
    visit.page.fill("#check-from", "2021-06-01")
    visit.page.click("#check-run")
    visit.page.locator("#check-result[data-score-after]").wait_for(timeout=30_000)
    before = float(visit.page.locator("#check-result").get_attribute("data-score-before") or 0)
    visit.page.wait_for_function("document.documentElement.dataset.live === 'on'")
    time.sleep(0.5)  # the subscription is registered
    made = server.edit("""mutation($p: ID!, $b: ID!) { appoint(personId: $p, bodyId: $b,
      role: "member", from: "2021-06-01", source: "browser test", reason: "live update")
      { id sequence } }""", p=person, b=body)["appoint"]
    notice = visit.page.locator(f"#live-notice[data-change='{made['id']}']")
    notice.wait_for(timeout=5_000)
    assert notice.get_attribute("role") == "status" and notice.inner_text().strip()
    # The view was rendered again and the check asked again: the seat now exists, so the
    # same appointment would repeat it and counts from the new state.
    verdict = visit.page.locator("#check-result[data-acceptable=false]")
    verdict.wait_for(timeout=10_000)
    now_before = float(verdict.get_attribute("data-score-before") or 0)
    assert now_before == before + 1.0
