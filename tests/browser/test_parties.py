"""The parties view in a real headless Chromium: a real legislature's composition per date.

The store holds the Estonian Riigikogu as EveryPolitician published it; every figure the
page must show is computed here from the raw JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from ingest.popolo import load_popolo
from ingest.writer import ingest
from tests.browser.conftest import Server, Visit, uvicorn_serving
from tests.conftest import open_store
from tests.ingest.test_popolo_published import ESTONIA, fixture, legislature
from tests.schema.test_popolo_fields import raw_changes, raw_composition

RAW: dict[str, object] = {}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """uvicorn on a free 127.0.0.1 port serving a store holding only the Riigikogu."""
    path = fixture(ESTONIA)
    RAW.update(json.loads(path.read_text(encoding="utf-8")))
    runner = open_store(tmp_path_factory.mktemp("riigikogu") / "db")
    ingest(runner, load_popolo(path))
    keys = tmp_path_factory.mktemp("keys") / "keys.sqlite3"
    with uvicorn_serving(runner, keys) as url:
        yield Server(url, "")
    runner.close()


def _seats(figure: object) -> dict[str, int]:
    seats: dict[str, int] = json.loads(figure.get_attribute("data-seats"))  # type: ignore[attr-defined]
    return seats


def test_a_composition_chart_per_date_equals_the_raw_counts(visit: Visit) -> None:
    house = legislature(RAW)
    terms = sorted({e["start_date"] for e in RAW["events"]  # type: ignore[attr-defined]
                    if e["classification"] == "legislative period"})
    visit.open("/dashboard#/parties")
    view = visit.page.locator(f'#parties-view[data-body="estonia-riigikogu/{house["id"]}"]')
    view.wait_for(timeout=60_000)
    figures = visit.page.locator("figure.composition")
    assert figures.count() == len(terms) + 1  # each term's first day, and the chosen day
    for i, day in enumerate(terms):
        figure = visit.page.locator(f"#composition-term-{i}")
        assert figure.get_attribute("data-day") == day
        assert _seats(figure) == {f"estonia-riigikogu/{party}": n
                                  for party, n in raw_composition(RAW, day).items()}
        assert figure.locator("svg rect.bar").count() == len(raw_composition(RAW, day))
    changes = visit.page.locator("#party-changes tbody tr")
    assert changes.count() == len(raw_changes(RAW))
    visit.page.fill("#parties-day", "2016-06-01")
    visit.page.dispatch_event("#parties-day", "change")
    chosen = visit.page.locator('#composition-chosen[data-day="2016-06-01"]')
    chosen.wait_for(timeout=30_000)
    expected = raw_composition(RAW, "2016-06-01")
    assert _seats(chosen) == {f"estonia-riigikogu/{p}": n for p, n in expected.items()}
    assert chosen.get_attribute("data-total") == str(sum(expected.values())) == str(house["seats"])
    visit.screenshot("parties")


def test_parties_sitting_together_are_every_pair_of_the_days_parties(visit: Visit) -> None:
    house = legislature(RAW)
    day = "2016-06-01"
    visit.open(f"/dashboard#/parties?lang=en&asOf={day}")
    overlaps = visit.page.locator(f'#party-overlaps[data-day="{day}"]')
    overlaps.wait_for(timeout=60_000)
    seats = raw_composition(RAW, day)
    parties = sorted(f"estonia-riigikogu/{party}" for party in seats)
    expected = {(a, b): (seats[a.split("/", 1)[1]], seats[b.split("/", 1)[1]])
                for i, a in enumerate(parties) for b in parties[i + 1:]}
    rows = overlaps.locator("tbody tr")
    found: dict[tuple[str, str], tuple[int, int]] = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        assert row.get_attribute("data-body") == f"estonia-riigikogu/{house['id']}"
        a, b = row.get_attribute("data-parties").split("|")
        cells = row.locator("td").all_inner_texts()
        found[(a, b)] = (int(cells[2]), int(cells[4]))
    assert found == expected and len(found) == len(seats) * (len(seats) - 1) // 2
    first = rows.first.locator("td").all_inner_texts()
    for cell, party in ((first[1], parties[0]), (first[3], parties[1])):
        named = visit.server.graphql("query ($id: ID!) { organization(id: $id) { name nameEn } }",
                                     id=party)["organization"]
        assert cell == (named["nameEn"] or named["name"])  # English names where published
    assert overlaps.locator("h2").inner_text() == "Parties sitting together"
    visit.page.click("#lang-ko")
    visit.page.locator("#party-overlaps h2", has_text="함께 앉은 정당").wait_for(timeout=30_000)
    overlaps.scroll_into_view_if_needed()
    violations = visit.axe()
    assert violations == [], violations
    visit.screenshot("party-overlaps")
