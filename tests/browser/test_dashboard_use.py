"""The dashboard as people use it, in a real headless Chromium: cut networks that say so,
the ego view, search that explains itself, true legends, shareable state, both languages,
clear errors, pictures, small screens, keyboard use and axe-core's accessibility checks.

Each test saves a screenshot in docs/screenshots (shown in docs/guide/dashboard.md).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest

from govgraph.settings import Settings
from tests.browser.conftest import Server, Visit

DATASET = "seodaemun-2021"
CAP = Settings().network_max_nodes
CUT = """query ($n: Int!, $mode: Projection!) { network(dataset: "seodaemun-2021", maxNodes: $n,
  projection: $mode) { totalNodes totalEdges truncated cutRule metricsNodes
  nodes { id kind label community } edges { source target weight } } }"""


def network(server: Server, n: int = CAP, mode: str = "TWO_MODE") -> dict[str, Any]:
    answer: dict[str, Any] = server.graphql(CUT, n=n, mode=mode)["network"]
    return answer


def wait_status(visit: Visit, condition: str, arg: Any = None) -> dict[str, str]:
    """Wait until the drawn, settled status meets ``condition`` (a JS expression of ``s``,
    the status element's dataset, and ``arg``); the status's data."""
    visit.page.wait_for_function(f"""(arg) => {{
        const el = document.querySelector('#network-status'); const s = el && el.dataset;
        return !!s && s.state === 'drawn' && s.layout === 'stopped'
        && ({condition}); }}""", arg=arg, timeout=60_000)
    status = visit.page.locator("#network-status")
    data: dict[str, str] = status.evaluate("el => ({...el.dataset})")
    return data


def serious(visit: Visit, impacts: tuple[str, ...] = ("critical", "serious")) -> None:
    violations = visit.axe(impacts)
    assert violations == [], violations


# 1. Large networks first-class


def test_a_cut_network_says_so_and_shows_more_up_to_the_cap(visit: Visit) -> None:
    cut = network(visit.server, 40)
    assert cut["truncated"] and cut["cutRule"] == "highest_degree"
    visit.open("/dashboard#/network?maxNodes=40")
    status = visit.wait_drawn()
    assert status["truncated"] == "true" and status["cutRule"] == "highest_degree"
    assert int(status["nodes"]) == 40 and int(status["totalNodes"]) == cut["totalNodes"]
    statement = visit.page.inner_text("#cut-statement")
    assert "40" in statement and f"{cut['totalNodes']:,}" in statement
    # metrics say what they were computed on
    assert f"{cut['metricsNodes']:,}" in visit.page.inner_text("#metrics-scope")
    visit.screenshot("network-cut")
    visit.page.click("#show-more")
    status = wait_status(visit, "Number(s.nodes) === arg", 80)
    assert status["maxNodes"] == "80" and "maxNodes=80" in visit.page.url


def test_max_nodes_out_of_range_is_a_localized_message_over_a_drawn_map(visit: Visit) -> None:
    visit.open(f"/dashboard#/network?maxNodes={CAP * 15}")
    status = visit.wait_drawn()
    warning = visit.page.locator("#max-nodes-warning")
    assert "허용 범위" in warning.inner_text() and "BAD_USER_INPUT" in warning.inner_text()
    assert int(status["nodes"]) == len(network(visit.server)["nodes"]) > 0  # not a blank map
    visit.screenshot("network-max-nodes")


# 2. Ego view


def test_a_body_outside_the_cut_view_is_drawn_as_its_neighbourhood_from_search(
        visit: Visit) -> None:
    drawn = {n["id"] for n in network(visit.server, 20)["nodes"]}
    bodies = visit.server.graphql("""{ bodies(filter: {dataset: "seodaemun-2021"}, first: 100) {
        nodes { id name } } }""")["bodies"]["nodes"]
    body = next(b for b in bodies if b["id"] not in drawn)
    ego = visit.server.graphql("""query ($id: ID!) { egoNetwork(id: $id, depth: 1) {
        nodes { id } } }""", id=body["id"])["egoNetwork"]
    visit.open("/dashboard#/network?maxNodes=20")
    visit.wait_drawn()
    visit.page.fill("#search", body["name"])
    option = visit.page.locator(f'#search-results li[data-id="{body["id"]}"]')
    option.wait_for()
    assert "지도 밖" in option.inner_text()  # said to be outside the drawn view
    option.click()
    status = wait_status(visit, "s.ego === arg", body["id"])
    assert int(status["nodes"]) == len(ego["nodes"])
    assert f"ego={body['id'].replace('/', '%2F')}" in visit.page.url
    visit.page.locator("#node-panel h2").wait_for()
    visit.screenshot("ego")
    # depth 2 from the panel, then back to the whole network
    visit.page.click('#node-panel button.ego[data-depth="2"]')
    wait_status(visit, "s.ego === arg[0] && Number(s.nodes) >= arg[1]",
                [body["id"], len(ego["nodes"])])
    visit.page.click("#back-whole")
    wait_status(visit, "s.ego === ''")


# 3. Search that explains itself


def test_search_says_no_results_and_why_names_are_hidden(visit: Visit) -> None:
    visit.open("/dashboard")
    visit.wait_drawn()
    visit.page.fill("#search", "zzqx-no-such-name")
    note = visit.page.locator("#search-note")
    note.locator("text=검색 결과 없음").wait_for()
    assert "가려집니다" in note.inner_text()  # anonymous: non-public names are hidden
    visit.screenshot("search-no-results")


def test_arrow_keys_move_through_suggestions_and_a_choice_closes_them(visit: Visit) -> None:
    visit.open("/dashboard")
    visit.wait_drawn()
    visit.page.fill("#search", "Person")
    options = visit.page.locator("#search-results li[role=option]")
    visit.page.wait_for_function(
        "() => document.querySelectorAll('#search-results li[role=option]').length > 2")
    visit.page.wait_for_timeout(400)  # the API's suggestions have arrived
    visit.page.press("#search", "ArrowDown")
    visit.page.press("#search", "ArrowDown")
    assert visit.page.get_attribute("#search", "aria-activedescendant") == "search-option-1"
    chosen = options.nth(1).get_attribute("data-id")
    visit.page.press("#search", "Enter")
    visit.page.wait_for_timeout(600)  # late answers must not reopen the list
    assert visit.page.locator("#search-results").is_hidden()
    assert visit.page.get_attribute("#search", "aria-expanded") == "false"
    assert visit.page.evaluate("window.govgraph.settings.selected") == chosen


# 4. Legends, fit, stable positions, people projection


def test_the_legends_follow_colour_and_size_and_a_community_can_be_focused(
        visit: Visit) -> None:
    whole = network(visit.server)
    communities: dict[int, int] = {}
    for node in whole["nodes"]:
        communities[node["community"]] = communities.get(node["community"], 0) + 1
    visit.open("/dashboard")
    visit.wait_drawn()
    types = visit.page.locator("#colour-legend li[data-type]")
    assert types.count() >= 2 and visit.page.locator("#size-legend li").count() >= 2
    visit.page.select_option("#colour-by", "community")
    legend = visit.page.locator("#colour-legend[data-by=community] button[data-community]")
    legend.first.wait_for()
    assert legend.count() == min(12, len([c for c in communities if c >= 0]))
    biggest = max((c for c in communities if c >= 0), key=lambda c: (communities[c], -c))
    visit.page.click(f'#colour-legend button[data-community="{biggest}"]')
    wait_status(visit, "Number(s.nodes) === arg", communities[biggest])
    assert "community=" in visit.page.url
    visit.page.select_option("#size-by", "betweenness")
    visit.page.locator("#size-legend[data-by=betweenness]").wait_for()
    visit.page.wait_for_timeout(500)  # the fit's animation
    # fitted: every drawn node lies within the map
    outside = visit.page.evaluate("""() => { const s = window.govgraph.sigma;
        const { width, height } = s.getDimensions(); let out = 0;
        s.getGraph().forEachNode((id, a) => { if (!window.govgraph.settings.isVisible(id)) return;
          const p = s.graphToViewport(a);
          if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) out++; });
        return out; }""")
    assert outside == 0
    visit.screenshot("legend-community")


def test_positions_stay_when_the_date_moves(visit: Visit) -> None:
    visit.open("/dashboard")
    visit.wait_drawn()
    positions = "() => { const g = window.govgraph.sigma.getGraph(); const out = {}; " \
                "g.forEachNode((id, a) => out[id] = [a.x, a.y]); return out; }"
    before = visit.page.evaluate(positions)
    visit.page.fill("#as-of-date", "2021-06-01")
    visit.page.dispatch_event("#as-of-date", "change")
    wait_status(visit, "true")
    visit.page.wait_for_function("() => document.querySelector('#network-status')"
                                 ".dataset.nodes !== undefined")
    after = visit.page.evaluate(positions)
    common = [n for n in before if n in after]
    assert len(common) > 10
    xs = [p[0] for p in before.values()]
    ys = [p[1] for p in before.values()]
    extent = math.hypot(max(xs) - min(xs), max(ys) - min(ys))
    moved = sorted(math.dist(before[n], after[n]) for n in common)
    # a fresh layout would move the median node about half the extent
    assert moved[len(moved) // 2] < 0.15 * extent
    assert "asOf=2021-06-01" in visit.page.url


def test_the_people_projection_is_coloured_by_community_with_a_weight_threshold(
        visit: Visit) -> None:
    persons = network(visit.server, mode="PERSONS")
    heavy = sum(1 for e in persons["edges"] if e["weight"] >= 2)
    visit.open("/dashboard#/network?mode=persons")
    status = visit.wait_drawn()
    assert int(status["edges"]) == len(persons["edges"])
    assert visit.page.locator("#colour-legend[data-by=community]").count() == 1
    visit.page.fill("#min-weight", "2")
    visit.page.dispatch_event("#min-weight", "change")
    wait_status(visit, "Number(s.edges) === arg", heavy)
    visit.screenshot("network-persons")


# 5. Responsive


def _box(visit: Visit, selector: str) -> dict[str, float]:
    box: dict[str, float] | None = visit.page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not displayed"
    return box


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def _nothing_covered(visit: Visit, width: int) -> None:
    """Legends, status and the filters toggle lie on the map, inside the window, clear of the
    side panel and of each other; the page does not scroll sideways."""
    panel = _box(visit, "#node-panel")
    shown = {name: _box(visit, name) for name in ("#legends", "#network-status",
                                                  "#toggle-filters")}
    for name, box in shown.items():
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, name
        assert not _overlap(box, panel), f"{name} lies under the side panel"
    assert not _overlap(shown["#legends"], shown["#toggle-filters"])
    assert not _overlap(shown["#legends"], shown["#network-status"])
    assert visit.page.locator("#legends .legend").count() == 2
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [800, 1024, 1280, 1920])
def test_the_map_keeps_a_usable_width_and_nothing_lies_under_the_panel(visit: Visit,
                                                                       width: int) -> None:
    visit.page.set_viewport_size({"width": width, "height": 800})
    visit.open("/dashboard#/network?select=seodaemun-2021%2Fcouncil")
    visit.wait_drawn()
    visit.page.locator("#node-panel h2").wait_for()
    map_box = _box(visit, "#sigma")
    panel = _box(visit, "#node-panel")
    assert map_box["width"] >= 0.5 * width
    # The part of the map beside the open panel stays usable.
    assert panel["x"] - map_box["x"] >= 0.3 * width
    # Below 1,100 px the filters start collapsed; the toggle shows them and hides them.
    narrow = width < 1100
    assert visit.page.locator("#filters-panel").is_hidden() == narrow
    _nothing_covered(visit, width)
    serious(visit)
    if width == 800:
        visit.screenshot("network-800")
    visit.page.click("#toggle-filters")
    assert visit.page.locator("#filters-panel").is_hidden() != narrow
    visit.page.wait_for_timeout(100)
    toggled = _box(visit, "#sigma")["width"]
    assert toggled > map_box["width"] if not narrow else toggled < map_box["width"]
    assert toggled >= 0.5 * width
    _nothing_covered(visit, width)


# 6. Accessible


@pytest.mark.parametrize("path", ["/dashboard", "/dashboard#/concentration",
                                  "/dashboard#/coordinators",
                                  "/dashboard#/body/seodaemun-2021%2Fcouncil"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_serious_accessibility_violation_on_any_view(visit: Visit, path: str,
                                                        lang: str) -> None:
    visit.open(f"{path}{'&' if '?' in path else '?'}lang={lang}")
    visit.page.wait_for_function("() => document.querySelector('h1') && !document.querySelector("
                                 "'main .muted:only-child') && (!document.querySelector("
                                 "'#network-status') || document.querySelector("
                                 "'#network-status').dataset.state === 'drawn')",
                                 timeout=60_000)
    visit.page.wait_for_timeout(300)
    serious(visit)


def test_no_serious_violation_with_the_panel_search_and_table_open(visit: Visit) -> None:
    visit.open("/dashboard#/network?select=seodaemun-2021%2Fcouncil")
    visit.wait_drawn()
    visit.page.locator("#node-panel h2").wait_for()
    visit.page.click("#node-table-details summary")
    visit.page.fill("#search", "위원")
    visit.page.locator("#search-results li").first.wait_for()
    serious(visit)


@pytest.mark.parametrize("path, ready", [("/graphql", ".graphiql-query-editor .CodeMirror"),
                                         ("/docs", ".opblock")])
def test_graphiql_and_the_api_docs_have_no_critical_violation(visit: Visit, path: str,
                                                               ready: str) -> None:
    visit.open(path)
    visit.page.locator(ready).first.wait_for(timeout=60_000)
    serious(visit, ("critical",))


def test_keyboard_escape_closes_the_panel_and_the_table_lists_the_drawn_nodes(
        visit: Visit) -> None:
    visit.open("/dashboard")
    status = visit.wait_drawn()
    visit.page.click("#node-table-details summary")
    rows = visit.page.locator("#node-table tbody tr")
    rows.first.wait_for()
    assert rows.count() == min(500, int(status["nodes"]))
    rows.first.locator("button").focus()
    visit.page.keyboard.press("Enter")
    panel = visit.page.locator("#node-panel")
    panel.locator("h2").wait_for()
    visit.page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    assert visit.page.evaluate("window.govgraph.settings.selected") is None
    visit.screenshot("node-table")


def test_sortable_headers_are_buttons_that_announce_the_order(visit: Visit) -> None:
    visit.open("/dashboard#/coordinators")
    visit.page.locator("#loads tbody tr").first.wait_for()
    header = visit.page.locator('#loads th[data-column="bodies"]')
    assert header.get_attribute("aria-sort") == "none"
    header.locator("button").focus()
    visit.page.keyboard.press("Enter")
    assert visit.page.locator('#loads th[data-column="bodies"]').get_attribute(
        "aria-sort") == "descending"
    assert visit.page.locator('#loads th[data-column="score"]').get_attribute(
        "aria-sort") == "none"


# 7. Both languages


def test_reasons_roles_and_shares_are_in_the_chosen_language(visit: Visit) -> None:
    visit.open("/dashboard#/coordinators")
    first = visit.page.locator("#loads tbody tr").first.locator("ul.reasons li").first
    first.wait_for()
    assert "부하 점수" in first.inner_text() and "load score" not in first.inner_text()
    visit.page.click("#lang-en")
    first = visit.page.locator("#loads tbody tr").first.locator("ul.reasons li").first
    first.wait_for()
    assert first.inner_text().startswith("load score")
    visit.open("/dashboard#/concentration?lang=ko")
    visit.page.locator("#inequality thead th", has_text="상위 1%").wait_for()
    visit.open("/dashboard#/body/seodaemun-2021%2Fcouncil?lang=ko")
    roles = visit.page.locator("#body-members tbody td:nth-child(2)")
    roles.first.wait_for()
    assert "member" not in " ".join(roles.all_inner_texts())
    visit.screenshot("body-ko")


# 8. State you can share


def test_a_reload_restores_dataset_view_filters_date_and_selection(visit: Visit) -> None:
    visit.open("/dashboard#/network?mode=bodies&asOf=2021-06-01&select=seodaemun-2021%2Fcouncil"
               "&colour=community&minSeats=2")
    status = visit.wait_drawn()
    visit.page.locator("#node-panel h2").wait_for()
    visit.page.reload()
    again = visit.wait_drawn()
    assert (again["nodes"], again["edges"]) == (status["nodes"], status["edges"])
    assert visit.page.input_value("#mode") == "BODIES"
    assert visit.page.input_value("#colour-by") == "community"
    assert visit.page.input_value("#as-of-date") == "2021-06-01"
    assert visit.page.input_value("#min-seats") == "2"
    assert visit.page.evaluate("window.govgraph.settings.selected") == "seodaemun-2021/council"
    visit.page.locator("#node-panel h2").wait_for()


def test_the_date_control_is_on_every_view_and_changes_its_answer(visit: Visit) -> None:
    query = """query ($asOf: Date) { multiRoleConcentration(dataset: "seodaemun-2021",
        asOf: $asOf) { totalPeople } }"""
    later = visit.server.graphql(query, asOf="2022-06-01")["multiRoleConcentration"]
    everyone = visit.server.graphql(query)["multiRoleConcentration"]
    assert later != everyone
    visit.open("/dashboard#/concentration")
    visit.page.locator("#total-people", has_text=str(everyone["totalPeople"])).wait_for()
    visit.page.fill("#as-of-date", "2022-06-01")
    visit.page.dispatch_event("#as-of-date", "change")
    visit.page.locator("#total-people", has_text=str(later["totalPeople"])).wait_for()
    assert "asOf=2022-06-01" in visit.page.url
    visit.page.click("#tab-coordinators")
    assert visit.page.input_value("#as-of-date") == "2022-06-01"


# 9. Clear errors


def test_popolo_is_disabled_with_its_reason_for_anonymous_callers(visit: Visit) -> None:
    visit.open("/dashboard")
    visit.wait_drawn()
    popolo = visit.page.locator('button.export[data-format="Popolo JSON"]')
    popolo.wait_for()
    visit.page.wait_for_function("() => document.querySelector("
                                 "'button.export[data-format=\"Popolo JSON\"]').disabled")
    assert visit.page.locator("#popolo-reason").is_visible()
    visit.page.fill("#api-key", visit.server.analyst_key)
    visit.page.press("#api-key", "Enter")
    visit.wait_drawn()
    assert visit.page.locator('button.export[data-format="Popolo JSON"]').is_enabled()


def test_an_unknown_body_is_a_not_found_state(visit: Visit) -> None:
    visit.open("/dashboard#/body/seodaemun-2021%2Fno-such-body")
    box = visit.page.locator("#body-not-found")
    box.wait_for()
    assert "no-such-body" in box.inner_text() and "NOT_FOUND" in box.inner_text()
    assert visit.page.locator("#body-title").count() == 0
    visit.screenshot("body-not-found")


def test_an_error_is_a_sentence_in_the_chosen_language_with_its_code(visit: Visit) -> None:
    visit.open("/dashboard#/network?ego=seodaemun-2021%2Fno-such-node")
    box = visit.page.locator("#network-status .error")
    box.wait_for(timeout=60_000)
    assert box.get_attribute("data-code") == "NOT_FOUND"
    assert "찾을 수 없습니다" in box.inner_text() and "NOT_FOUND" in box.inner_text()
    visit.page.click("#back-whole")
    visit.wait_drawn()


# 10. Picture export


def test_the_map_downloads_as_svg_and_png(visit: Visit, tmp_path: Path) -> None:
    visit.open("/dashboard")
    status = visit.wait_drawn()
    with visit.page.expect_download() as event:
        visit.page.click('button.export[data-format="SVG"]')
    svg = tmp_path / "map.svg"
    event.value.save_as(svg)
    root = ElementTree.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    circles = root.findall(f".//{ns}circle")
    lines = root.findall(f".//{ns}line")
    assert 0 < len(circles) <= int(status["nodes"]) and 0 < len(lines) <= int(status["edges"])
    assert root.findall(f".//{ns}text")
    with visit.page.expect_download() as event:
        visit.page.click('button.export[data-format="PNG"]')
    png = tmp_path / "map.png"
    event.value.save_as(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
