"""Popolo JSON export and import round-trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.backends.ladybug import LadybugRunner
from ingest.package import DatasetInvalidError, load_dataset
from ingest.popolo import export_popolo, load_popolo
from ingest.writer import ingest
from tests.conftest import SEODAEMUN


def test_export_import_export_is_the_same_document(store: LadybugRunner, tiny: Path,
                                                   tmp_path: Path) -> None:
    ingest(store, load_dataset(tiny))
    first = export_popolo(store, "riverton")
    assert {k: len(v) for k, v in first.items()} == {"persons": 3, "organizations": 4,
                                                     "memberships": 4}
    path = tmp_path / "riverton.json"
    path.write_text(json.dumps(first))
    ingest(store, load_popolo(path, "riverton-copy"))
    assert export_popolo(store, "riverton-copy") == first


def test_seodaemun_round_trips_with_sources(store: LadybugRunner, tmp_path: Path) -> None:
    ingest(store, load_dataset(SEODAEMUN))
    first = export_popolo(store, "seodaemun-2021")
    coordinator = next(p for p in first["persons"] if p["id"] == "seo-jeongsun")
    # a Popolo link object needs a url: the source reference as stored
    assert coordinator["sources"][0] == {"url": "003_738550add0f3e293.txt:339"}
    path = tmp_path / "s.json"
    path.write_text(json.dumps(first, ensure_ascii=False))
    ingest(store, load_popolo(path, "seodaemun-copy"))
    assert export_popolo(store, "seodaemun-copy") == first


def test_plain_popolo_without_extensions_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "plain.json"
    path.write_text(json.dumps({
        "persons": [{"id": "p1", "name": "Kim", "sources": [{"url": "https://x.org/a"}],
                     "confidence": "stated"}],
        "organizations": [{"id": "o1", "name": "Board", "classification": "committee",
                           "sources": [{"url": "https://x.org/a"}], "confidence": "stated"}],
        "memberships": [{"id": "m1", "person_id": "p1", "organization_id": "o1",
                         "sources": [{"url": "https://x.org/a"}], "confidence": "stated"}],
    }))
    dataset = load_popolo(path, "plain")
    assert dataset.rows["bodies"][0]["id"] == "o1"  # it has members: a body
    assert dataset.rows["memberships"][0]["role"] == "member"


def test_a_broken_record_is_named_by_its_place_in_the_popolo_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({
        "persons": [{"id": "p1", "name": "Kim", "sources": [{"note": "a:1"}],
                     "confidence": "stated"}],
        "organizations": [{"id": "o1", "name": "Board", "classification": "committee",
                           "sources": [{"note": "a:1"}], "confidence": "stated"}],
        "memberships": [{"id": "m1", "person_id": "p1", "organization_id": "o1",
                         "sources": [{"note": "a:1"}], "confidence": "stated"},
                        {"id": "m2", "person_id": "p9", "organization_id": "o1",
                         "sources": [{"note": "a:1"}], "confidence": "stated"}],
    }))
    with pytest.raises(DatasetInvalidError, match=r"bad\.json memberships, row 2, column "
                                                  r"person_id: 'p9' does not match"):
        load_popolo(path, "bad")


PUBLISHED_STYLE = {
    "persons": [
        {"id": "p1", "name": "Ana Roe", "given_name": "Ana", "birth_date": "1970",
         "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}],
         "other_names": [{"name": "Ана Роу", "lang": "ru", "start_date": "2001-05"}],
         "sources": [{"url": "https://example.org/ana"}]},
        {"id": "p2", "name": "Ben Poe"},
    ],
    "organizations": [
        {"id": "house", "name": "House", "classification": "legislature", "seats": 2},
        {"id": "cttee", "name": "Budget Committee", "classification": "committee"},
        {"id": "red", "name": "Red Party", "classification": "party"},
        {"id": "guild", "name": "Guild", "classification": "trade union"},
    ],
    "memberships": [
        {"person_id": "p1", "organization_id": "house", "on_behalf_of_id": "red",
         "legislative_period_id": "term/1", "role": "member"},
        {"person_id": "p2", "organization_id": "house", "legislative_period_id": "term/1",
         "start_date": "2020-03"},
        {"person_id": "p1", "organization_id": "cttee", "role": "Chair", "start_date": "2020",
         "end_date": "2021-06"},
        {"person_id": "p2", "organization_id": "guild", "role": "Treasurer"},
    ],
    "events": [{"id": "term/1", "classification": "legislative period", "name": "First",
                "organization_id": "house", "start_date": "2019-01-10",
                "end_date": "2022-12-31"}],
}


def test_popolo_as_published_is_read_without_govgraph_fields(tmp_path: Path) -> None:
    path = tmp_path / "ep-popolo-v1.0.json"
    path.write_text(json.dumps(PUBLISHED_STYLE, ensure_ascii=False), encoding="utf-8")
    dataset = load_popolo(path)
    assert dataset.name == "house"  # a generic file name gives way to the legislature's
    rows = dataset.rows
    # an unknown classification with members is a body, stored as "other", kept verbatim
    assert {b["id"]: b["classification"] for b in rows["bodies"]} == {
        "house": "legislature", "cttee": "committee", "guild": "other"}
    assert {o["id"]: o["classification"] for o in rows["organizations"]} == {"red": "party"}
    seats = {(m["person_id"], m["body_id"]): m for m in rows["memberships"]}
    bounded = seats[("p1", "house")]  # no dates of its own: its legislative period's
    assert (str(bounded["start_date"]), str(bounded["end_date"])) == ("2019-01-10", "2022-12-31")
    assert str(seats[("p2", "house")]["start_date"]) == "2020-03-01"
    chair = seats[("p1", "cttee")]
    assert chair["role"] == "chair"
    assert (str(chair["start_date"]), str(chair["end_date"])) == ("2020-01-01", "2021-06-30")
    affiliations = {(a["person_id"], a["organization_id"]): a for a in rows["affiliations"]}
    assert affiliations[("p1", "red")]["membership_id"] == bounded["id"]
    assert seats[("p2", "guild")]["role"] == "member"  # "Treasurer" is kept in the record
    people = {p["id"]: p for p in rows["people"]}
    assert people["p1"]["sources"] == ["https://example.org/ana"]
    assert people["p2"]["sources"] == ["ep-popolo-v1.0.json#/persons/1"]
    assert people["p2"]["confidence"] == "stated"
    assert people["p1"]["identifiers"] == ["wikidata:Q1"]
    assert people["p1"]["public_figure"] is True  # holds a seat in a legislature
    assert load_popolo(path).rows["memberships"][0]["id"] == bounded["id"]  # stable ids


def test_published_fields_come_back_as_written(store: LadybugRunner, tmp_path: Path) -> None:
    path = tmp_path / "house.json"
    path.write_text(json.dumps(PUBLISHED_STYLE, ensure_ascii=False), encoding="utf-8")
    ingest(store, load_popolo(path, "house"))
    first = export_popolo(store, "house")
    for key in ("persons", "organizations", "memberships", "events"):
        for record in PUBLISHED_STYLE[key]:
            assert any(all(e.get(k) == v for k, v in record.items()) for e in first[key])
    again = tmp_path / "again.json"
    again.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    ingest(store, load_popolo(again, "house-copy"))
    assert export_popolo(store, "house-copy") == first


def _doc(meta: object = None) -> dict[str, object]:
    document: dict[str, object] = {
        "persons": [{"id": "mp", "name": "An MP"}, {"id": "chair", "name": "A Chair"}],
        "organizations": [{"id": "house", "name": "House", "classification": "legislature"},
                          {"id": "board", "name": "Board", "classification": "council"}],
        "memberships": [{"person_id": "mp", "organization_id": "house"},
                        {"person_id": "chair", "organization_id": "board", "role": "chair"}]}
    if meta is not None:
        document["meta"] = meta
    return document


def _public(tmp_path: Path, document: dict[str, object]) -> dict[str, bool]:
    path = tmp_path / "rule.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return {row["id"]: row["public_figure"] for row in load_popolo(path).rows["people"]}


def test_the_public_figure_rule_names_office_holders_and_a_dataset_may_set_its_own(
        tmp_path: Path) -> None:
    assert _public(tmp_path, _doc()) == {"mp": True, "chair": False}
    rule = "govgraph:public_figure_classifications"
    assert _public(tmp_path, _doc({rule: ["legislature", "Council"]})) == {"mp": True,
                                                                           "chair": True}
    assert _public(tmp_path, _doc({rule: []})) == {"mp": False, "chair": False}
    with pytest.raises(DatasetInvalidError, match="must be a list of organisation"):
        _public(tmp_path, _doc({rule: "council"}))
