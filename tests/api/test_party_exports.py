"""Parties over time: committees' party co-membership, and the CSV downloads of a
legislature's composition and changes of party (real EveryPolitician data)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.execute import execute
from graph.runner import Runner
from ingest.package import load_dataset
from ingest.popolo import load_popolo
from ingest.writer import ingest
from tests.conftest import close_store, neo4j_holding, open_store
from tests.ingest.conftest import write_dataset
from tests.ingest.test_popolo_published import ESTONIA, fixture, legislature
from tests.schema.test_popolo_fields import raw_changes, raw_composition

HOUSE = {
    "organizations.csv": "id,name,classification,sources,confidence\n"
                         "reds,Reds,party,roll.txt:1,stated\n"
                         "blues,Blues,party,roll.txt:2,stated\n",
    "bodies.csv": "id,name,classification,parent_id,sources,confidence\n"
                  "house,House,legislature,,roll.txt:3,stated\n"
                  "budget,Budget Committee,committee,house,roll.txt:4,stated\n"
                  "rules,Rules Committee,committee,house,roll.txt:5,stated\n",
    "people.csv": "id,name,public_figure,sources,confidence\n"
                  "a,Ada,true,roll.txt:6,stated\nb,Bo,true,roll.txt:7,stated\n"
                  "c,Cyd,true,roll.txt:8,stated\n",
    "memberships.csv": "id,person_id,body_id,role,on_behalf_of_id,start_date,end_date,sources,"
                       "confidence\n"
                       "h1,a,house,member,reds,2020-01-01,,roll.txt:9,stated\n"
                       "h2,b,house,member,blues,2020-01-01,,roll.txt:10,stated\n"
                       "h3,c,house,member,reds,2020-01-01,,roll.txt:11,stated\n"
                       "c1,a,budget,chair,,2020-02-01,,roll.txt:12,stated\n"
                       "c2,b,budget,member,,2020-02-01,,roll.txt:13,stated\n"
                       "c3,c,budget,member,,2020-02-01,2020-12-31,roll.txt:14,stated\n"
                       "c4,a,rules,member,,2020-02-01,,roll.txt:15,stated\n"
                       "c5,c,rules,member,,2020-02-01,,roll.txt:16,stated\n",
    "affiliations.csv": "id,person_id,organization_id,start_date,sources,confidence\n"
                        "f1,a,reds,2020-01-01,roll.txt:17,stated\n"
                        "f2,b,blues,2020-01-01,roll.txt:18,stated\n"
                        "f3,c,reds,2020-01-01,roll.txt:19,stated\n",
}


def test_committees_party_co_membership(tmp_path: Path, contract_store: Runner) -> None:
    store = contract_store
    ingest(store, load_dataset(write_dataset(tmp_path / "house", HOUSE, "house")))
    document = """query ($day: Date!) { partyOverlaps(bodies: ["house/budget", "house/rules",
        "house/house"], asOf: $day) { body { localId } partyId otherPartyId members
        otherMembers } }"""
    rows = execute(store, document, {"day": "2020-06-01"})["data"]["partyOverlaps"]
    assert rows == [
        {"body": {"localId": "budget"}, "partyId": "house/blues", "otherPartyId": "house/reds",
         "members": 1, "otherMembers": 2},
        {"body": {"localId": "house"}, "partyId": "house/blues", "otherPartyId": "house/reds",
         "members": 1, "otherMembers": 2}]  # the rules committee seats Reds only
    later = execute(store, document, {"day": "2021-06-01"})["data"]["partyOverlaps"]
    assert later[0]["otherMembers"] == 1  # Cyd left the budget committee
    unknown = execute(store, '{ partyOverlaps(bodies: ["house/none"], asOf: "2020-01-01") '
                             '{ members } }')
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"


@pytest.fixture(scope="module")
def estonia(backend: str, request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, object],
                                                                        str, TestClient]]:
    """Estonia's legislature served by the app, on each backend."""
    path = fixture(ESTONIA)
    dataset = load_popolo(path)
    if backend == "neo4j":
        runner = neo4j_holding(request, (path,))
    else:
        runner = open_store(tmp_path_factory.mktemp("estonia") / "db")
        ingest(runner, dataset)
    with TestClient(create_app(runner)) as client:
        yield json.loads(path.read_text(encoding="utf-8")), dataset.name, client
    close_store(runner)


def test_composition_csv_equals_the_raw_counts(
        estonia: tuple[dict[str, object], str, TestClient]) -> None:
    raw, name, client = estonia
    body = f"{name}/{legislature(raw)['id']}"
    response = client.get("/export/parties.csv", params={"body": body, "asOf": "2015-06-01"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    expected = raw_composition(raw, "2015-06-01")
    assert {r["party_id"]: int(r["seats"]) for r in rows} == {
        f"{name}/{party}": seats for party, seats in expected.items()}
    names = {o["id"]: o["name"] for o in raw["organizations"]}  # type: ignore[attr-defined]
    assert all(r["party"] == names[r["party_id"].split("/", 1)[1]] for r in rows)
    missing = client.get("/export/parties.csv", params={"body": "nope/x", "asOf": "2015-06-01"})
    assert missing.status_code == 404


def test_party_changes_csv_lists_the_raw_changes_with_names(
        estonia: tuple[dict[str, object], str, TestClient]) -> None:
    raw, name, client = estonia
    body = f"{name}/{legislature(raw)['id']}"
    response = client.get("/export/party-changes.csv", params={"body": body})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {(r["person_id"].split("/", 1)[1], r["from_party_id"].split("/", 1)[1],
             r["to_party_id"].split("/", 1)[1], r["joined_on"]) for r in rows} == raw_changes(raw)
    people = {p["id"]: p["name"] for p in raw["persons"]}  # type: ignore[attr-defined]
    assert all(r["person"] == people[r["person_id"].split("/", 1)[1]] for r in rows)
