"""The dashboard in a real headless Chromium: every view draws what the API answers.

Each test saves a screenshot in docs/screenshots (shown in the README).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import networkx as nx

from tests.browser.conftest import Server, Visit

DATASET = "seodaemun-2021"
NETWORK = """query ($asOf: Date) { network(dataset: "seodaemun-2021", maxNodes: 2000, asOf: $asOf) {
  nodes { id } edges { source } betweennessMethod { method } } }"""


def drawn_counts(server: Server, as_of: str | None = None) -> tuple[int, int]:
    network = server.graphql(NETWORK, asOf=as_of)["network"]
    return len(network["nodes"]), len(network["edges"])


def test_the_network_map_draws_the_seodaemun_network(visit: Visit) -> None:
    visit.open("/dashboard")
    status = visit.wait_drawn()
    assert (int(status["nodes"]), int(status["edges"])) == drawn_counts(visit.server)
    method = visit.server.graphql(NETWORK)["network"]["betweennessMethod"]["method"]
    assert status["betweenness"] == method == "exact"  # a small network: said in the status
    first = visit.page.evaluate("window.govgraph.timings[0]")
    assert first["firstFrame"] >= first["dataArrived"] > 0
    visit.screenshot("network")


def test_search_finds_a_person_and_opens_the_panel(visit: Visit) -> None:
    heaviest = visit.server.graphql("""{ memberLoads(dataset: "seodaemun-2021", first: 1) {
        nodes { person { id name memberships { totalCount } } } } }""")["memberLoads"]["nodes"][0]
    person = heaviest["person"]
    visit.open("/dashboard")
    visit.wait_drawn()
    visit.page.fill("#search", person["name"])
    visit.page.locator(f'#search-results li[data-id="{person["id"]}"]').first.click()
    panel = visit.page.locator("#node-panel")
    panel.locator("h2", has_text=person["name"]).wait_for()
    rows = panel.locator("table tbody tr")
    assert rows.count() == min(100, person["memberships"]["totalCount"])
    assert panel.locator(".badge.stated, .badge.inferred").count() == rows.count()
    visit.screenshot("search")


def test_hover_highlights_neighbours_and_a_click_opens_the_panel(visit: Visit) -> None:
    body = visit.server.graphql('{ body(id: "seodaemun-2021/council") { id name } }')["body"]
    visit.open("/dashboard")
    visit.wait_drawn()
    box = visit.page.locator("#sigma").bounding_box()
    point = visit.page.evaluate("""id => { const s = window.govgraph.sigma;
        return s.graphToViewport(s.getGraph().getNodeAttributes(id)); }""", body["id"])
    visit.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    visit.page.wait_for_function("id => window.govgraph.settings.hovered === id", arg=body["id"])
    visit.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    panel = visit.page.locator("#node-panel")
    panel.locator("h2", has_text=body["name"]).wait_for()
    assert panel.locator("table tbody tr").count() > 0
    visit.screenshot("node-panel")


def test_the_date_slider_changes_the_drawn_network(visit: Visit) -> None:
    visit.open("/dashboard")
    everything = visit.wait_drawn()
    later = "2022-06-01"
    expected = drawn_counts(visit.server, later)
    assert expected != drawn_counts(visit.server)
    day = (date.fromisoformat(later) - date(2015, 1, 1)).days
    visit.page.uncheck("#all-dates")
    visit.page.locator("#as-of").evaluate("""(el, day) => { el.value = String(day);
        el.dispatchEvent(new Event('input')); el.dispatchEvent(new Event('change')); }""", day)
    visit.page.wait_for_function("""([nodes, edges]) => {
        const s = document.querySelector('#network-status');
        return s.dataset.state === 'drawn' && s.dataset.layout === 'stopped'
          && Number(s.dataset.nodes) === nodes && Number(s.dataset.edges) === edges; }""",
                                 arg=list(expected), timeout=60_000)
    assert visit.page.locator("#as-of-value").inner_text() == later
    assert int(everything["edges"]) != expected[1]
    visit.screenshot("network-as-of")


def test_an_export_downloads_a_file_networkx_reads(visit: Visit, tmp_path: Path) -> None:
    visit.open("/dashboard")
    status = visit.wait_drawn()
    graphs = {}
    for label, reader in (("GraphML", nx.read_graphml), ("GEXF", nx.read_gexf)):
        with visit.page.expect_download() as event:
            visit.page.click(f'button.export[data-format="{label}"]')
        target = tmp_path / event.value.suggested_filename
        event.value.save_as(target)
        graphs[label] = reader(target)
    for graph in graphs.values():
        assert graph.number_of_nodes() == int(status["nodes"])
        assert graph.number_of_edges() == int(status["edges"])
    visit.screenshot("exports")


def test_the_concentration_view_charts_people_by_number_of_bodies(visit: Visit) -> None:
    answer = visit.server.graphql("""{ multiRoleConcentration(dataset: "seodaemun-2021") {
        totalPeople buckets { bodies people } }
        seatConcentration(dataset: "seodaemun-2021") { byBodyType { classification } } }""")
    visit.open("/dashboard#/concentration")
    bars = visit.page.locator("#buckets-chart rect.bar")
    bars.first.wait_for()
    assert bars.count() == len(answer["multiRoleConcentration"]["buckets"])
    total = answer["multiRoleConcentration"]["totalPeople"]
    assert visit.page.inner_text("#total-people") == f"{total:,}"
    rows = visit.page.locator("#inequality tbody tr")
    assert rows.count() == 1 + len(answer["seatConcentration"]["byBodyType"])
    visit.screenshot("concentration")


def test_the_coordinators_view_lists_flagged_members_with_their_reasons(visit: Visit) -> None:
    query = """query ($minBodies: Int!) { memberLoads(dataset: "seodaemun-2021",
        minBodies: $minBodies, onlyFlagged: true) { totalCount } }"""
    visit.open("/dashboard#/coordinators")
    rows = visit.page.locator("#loads tbody tr")
    rows.first.wait_for()
    assert rows.count() == visit.server.graphql(query, minBodies=5)["memberLoads"]["totalCount"]
    assert visit.page.locator("#loads tbody tr").first.locator("ul.reasons li").count() > 0
    visit.page.fill("#min-bodies", "3")
    visit.page.click("#apply-loads")
    wider = visit.server.graphql(query, minBodies=3)["memberLoads"]["totalCount"]
    visit.page.wait_for_function("n => document.querySelectorAll('#loads tbody tr').length === n",
                                 arg=wider)
    visit.page.click('th[data-column="bodies"]')
    cells = visit.page.locator("#loads tbody tr td:nth-child(3)")
    bodies = [int(text) for text in cells.all_inner_texts()]
    assert bodies == sorted(bodies) or bodies == sorted(bodies, reverse=True)
    with visit.page.expect_download() as event:
        visit.page.click("#download-csv")
    rows_csv = list(csv.DictReader(io.StringIO(Path(event.value.path()).read_text("utf-8-sig"))))
    assert len(rows_csv) == wider and all(row["reasons"] for row in rows_csv)
    visit.screenshot("coordinators")


def test_the_body_view_shows_members_structure_and_attendance(visit: Visit) -> None:
    answer = visit.server.graphql("""{ body(id: "seodaemun-2021/council") {
        name members { totalCount } }
        attendance(bodies: ["seodaemun-2021/council"]) {
          byMeeting { date } byCategory { memberCategory } } }""")
    visit.open("/dashboard#/body/seodaemun-2021%2Fcouncil")
    visit.page.locator("#body-title", has_text=answer["body"]["name"]).wait_for()
    meetings = visit.page.locator("#attendance-meetings rect.bar")
    assert meetings.count() == len(answer["attendance"]["byMeeting"]) > 0
    categories = visit.page.locator("#attendance-categories rect.bar")
    assert categories.count() == len(answer["attendance"]["byCategory"])
    members = visit.page.locator("#body-members tbody tr")
    assert members.count() == min(100, answer["body"]["members"]["totalCount"])
    assert visit.page.inner_text("#body-chair") != "–"
    visit.screenshot("body")


def test_labels_switch_to_english_names(visit: Visit) -> None:
    body = visit.server.graphql('{ body(id: "seodaemun-2021/council") { id name nameEn } }')["body"]
    assert body["nameEn"]
    visit.open("/dashboard")
    visit.wait_drawn()
    label = "id => window.govgraph.sigma.getGraph().getNodeAttribute(id, 'label')"
    assert visit.page.evaluate(label, body["id"]) == body["name"]
    visit.page.click("#lang-en")
    visit.wait_drawn()
    assert visit.page.evaluate(label, body["id"]) == body["nameEn"]
    assert visit.page.inner_text("#tab-network") == "Network map"
    visit.screenshot("network-en")


def test_the_api_key_is_sent_as_a_bearer_token(visit: Visit) -> None:
    visit.open("/dashboard#/concentration")
    visit.page.locator("#buckets-chart rect.bar").first.wait_for()
    visit.page.fill("#api-key", visit.server.analyst_key)
    visit.page.press("#api-key", "Enter")
    visit.page.locator("#buckets-chart rect.bar").first.wait_for()
    sent = [r.headers.get("authorization") for r in visit.requests if r.url.endswith("/graphql")]
    assert sent[0] is None and sent[-1] == f"Bearer {visit.server.analyst_key}"


def test_graphiql_runs_a_query_from_local_assets(visit: Visit) -> None:
    visit.open("/graphql")
    # The editor loads its CodeMirror parts lazily: run once the example query is in it.
    visit.page.locator(".graphiql-query-editor .CodeMirror",
                       has_text="multiRoleConcentration").wait_for(timeout=60_000)
    visit.page.locator(".graphiql-execute-button").click()
    visit.page.locator(".result-window", has_text="totalPeople").wait_for(timeout=60_000)
    assert "281" in visit.page.inner_text(".result-window")
    visit.screenshot("graphiql")


def test_the_openapi_docs_render_from_local_assets(visit: Visit) -> None:
    visit.open("/docs")
    visit.page.locator(".opblock").first.wait_for()
    assert visit.page.locator(".opblock-summary-path", has_text="/export/network").count() > 0
    visit.screenshot("docs")
