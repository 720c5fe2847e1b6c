"""Every Popolo field of a real legislature in GraphQL, and its parties over time.

Each expectation is computed here from the raw EveryPolitician JSON, never
copied from govgraph's answers.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.execute import execute
from graph.privacy import Caller, Namer, Role
from graph.runner import Runner
from ingest.popolo import load_popolo
from ingest.writer import ingest
from schema import schema
from schema.context import Access, Audit, Context
from tests.conftest import HeldStore, neo4j_holding, open_store
from tests.ingest.test_popolo_published import ESTONIA, WALES, fixture, legislature

Raw = dict[str, Any]


@pytest.fixture(scope="module")
def both(backend: str, request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Raw],
                                                                     dict[str, str],
                                                                     Runner]]:
    """Both legislatures in one store, on each backend: raw documents and dataset names by
    file."""
    paths = (fixture(ESTONIA), fixture(WALES))
    raws = {file: json.loads(path.read_text(encoding="utf-8"))
            for file, path in zip((ESTONIA, WALES), paths, strict=True)}
    names = {file: load_popolo(path).name for file, path in zip((ESTONIA, WALES), paths,
                                                                   strict=True)}
    if backend == "neo4j":
        yield raws, names, neo4j_holding(request, paths)
        return
    runner = open_store(tmp_path_factory.mktemp("legislatures") / "db")
    for path in paths:
        ingest(runner, load_popolo(path))
    yield raws, names, runner
    runner.close()


def gql(runner: Runner, document: str, **variables: Any) -> dict[str, Any]:
    response = execute(runner, document, variables or None)
    assert "errors" not in response, response["errors"]
    data: dict[str, Any] = response["data"]
    return data


def public(runner: Runner, document: str, **variables: Any) -> dict[str, Any]:
    """The answer an anonymous caller gets."""
    access = Access(Caller(Role.PUBLIC, "anonymous"), Namer(b"secret", reveal=False),
                    Audit("anonymous", "public"))
    result = asyncio.run(schema.execute(document, variable_values=variables,
                                        context_value=Context(runner, access)))
    assert not result.errors, result.errors
    assert result.data is not None
    return result.data


PERSON = """query ($id: ID!) { person(id: $id) {
    name gender givenName familyName birthDate deathDate
    identifiers { scheme identifier } contactDetails { type value label note }
    links { url note } images { url note }
    memberships { nodes { startDate endDate area { id name classification identifiers {
        scheme identifier } } post { id } onBehalfOf { partyId startDate endDate
        party { name classification } } } } } }"""


def _images(person: Raw) -> list[dict[str, Any]]:
    urls = [i["url"] for i in person.get("images", [])]
    if person.get("image") and person["image"] not in urls:
        urls.insert(0, person["image"])
    notes = {i["url"]: i.get("note") for i in person.get("images", [])}
    return [{"url": u, "note": notes.get(u)} for u in urls]


@pytest.mark.parametrize("file", [ESTONIA, WALES])
def test_every_published_person_field_is_in_graphql(
        both: tuple[dict[str, Raw], dict[str, str], Runner], file: str) -> None:
    raws, names, runner = both
    raw = raws[file]
    for person in raw["persons"][:25]:
        got = gql(runner, PERSON, id=f"{names[file]}/{person['id']}")["person"]
        assert got["name"] == person["name"]
        assert got["gender"] == person.get("gender")
        assert got["givenName"] == person.get("given_name")
        assert got["familyName"] == person.get("family_name")
        assert got["birthDate"] == person.get("birth_date")  # partial dates as written
        assert got["deathDate"] == person.get("death_date")
        assert got["identifiers"] == [{"scheme": i.get("scheme"), "identifier": i["identifier"]}
                                      for i in person.get("identifiers", [])]
        assert got["contactDetails"] == [
            {"type": c.get("type"), "value": c["value"], "label": c.get("label"),
             "note": c.get("note")} for c in person.get("contact_details", [])]
        assert got["links"] == [{"url": link["url"], "note": link.get("note")}
                                for link in person.get("links", [])]
        assert got["images"] == _images(person)


@pytest.mark.parametrize("file", [ESTONIA, WALES])
def test_a_seat_gives_its_area_and_the_party_it_was_held_for(
        both: tuple[dict[str, Raw], dict[str, str], Runner], file: str) -> None:
    raws, names, runner = both
    raw, name = raws[file], names[file]
    areas = {a["id"]: a for a in raw["areas"]}
    parties = {o["id"]: o for o in raw["organizations"]}
    house = legislature(raw)["id"]
    checked = 0
    for person in raw["persons"][:30]:
        published = [m for m in raw["memberships"]
                     if m["person_id"] == person["id"] and m["organization_id"] == house]
        seats = gql(runner, PERSON, id=f"{name}/{person['id']}")["person"]["memberships"]
        for seat in seats["nodes"]:
            party = seat["onBehalfOf"]
            days = (seat["startDate"] or "0000", seat["endDate"] or "9999")
            source = next(m for m in published
                          if f"{name}/{m['on_behalf_of_id']}" == party["partyId"]
                          and _window(raw, m) == days)
            assert party["party"] == {"name": parties[source["on_behalf_of_id"]]["name"],
                                      "classification": "party"}
            assert (party["startDate"], party["endDate"]) == (seat["startDate"],
                                                              seat["endDate"])
            assert seat["post"] is None  # the files publish no posts
            if source.get("area_id"):
                area = areas[source["area_id"]]
                assert seat["area"] == {
                    "id": f"{name}/{area['id']}", "name": area["name"],
                    "classification": area.get("type") or area.get("classification"),
                    "identifiers": [{"scheme": i["scheme"], "identifier": i["identifier"]}
                                    for i in area.get("identifiers", [])]}
                checked += 1
            else:
                assert seat["area"] is None
    assert checked > 0


def test_a_person_is_found_by_a_global_identifier(
        both: tuple[dict[str, Raw], dict[str, str], Runner]) -> None:
    raws, names, runner = both
    for file in (ESTONIA, WALES):
        person = raws[file]["persons"][3]
        wikidata = next(i["identifier"] for i in person["identifiers"]
                        if i["scheme"] == "wikidata")
        data = gql(runner, """query ($v: String!) {
            person(identifier: {scheme: "wikidata", identifier: $v}) { id name }
            people(filter: {identifier: {scheme: "wikidata", identifier: $v}}) { totalCount }
        }""", v=wikidata)
        assert data["person"] == {"id": f"{names[file]}/{person['id']}",
                                  "name": person["name"]}
        assert data["people"]["totalCount"] == 1


def test_an_identifier_several_people_carry_is_refused_with_the_way_to_list_them(
        both: tuple[dict[str, Raw], dict[str, str], Runner], tmp_path: Path) -> None:
    raws, _, runner = both
    if isinstance(runner, HeldStore):  # the session's Neo4j: read back before any reload
        runner = runner.to_add_to()
    # Another legislature numbering its members from 1 as Wales does: the same legacy id.
    shared = next(i["identifier"] for p in raws[WALES]["persons"] for i in p["identifiers"]
                  if i["scheme"] == "everypolitician_legacy")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"persons": [{"id": "p1", "name": "Someone Else",
                                              "identifiers": [{"scheme": "everypolitician_legacy",
                                                               "identifier": shared}]}],
                                 "organizations": [], "memberships": []}), encoding="utf-8")
    ingest(runner, load_popolo(other, "other-legislature"))
    response = execute(runner, """query ($v: String!) { person(identifier: {
        scheme: "everypolitician_legacy", identifier: $v}) { id }
        people(filter: {identifier: {scheme: "everypolitician_legacy", identifier: $v}}) {
        totalCount } }""", {"v": shared})
    assert response["data"]["people"]["totalCount"] == 2
    assert response["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "people(filter: {identifier})" in response["errors"][0]["message"]
    missing = execute(runner, '{ person(identifier: {scheme: "wikidata", identifier: "Q0"}) '
                              '{ id } }')
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    both_given = execute(runner, '{ person(id: "x", identifier: {scheme: "wikidata", '
                                 'identifier: "Q0"}) { id } }')
    assert both_given["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def _window(raw: Raw, m: Raw) -> tuple[str, str]:
    """A seat's first and last day as the file gives them: its own, else its term's."""
    terms = {e["id"]: e for e in raw["events"] if e["classification"] == "legislative period"}
    term = terms.get(m.get("legislative_period_id"), {})
    return (m.get("start_date") or term.get("start_date") or "0000",
            m.get("end_date") or term.get("end_date") or "9999")


def raw_composition(raw: Raw, day: str) -> Counter[str]:
    """Members of the legislature on ``day`` by party, from the raw JSON.

    A person recorded twice over the same days for two parties (a change whose date was not
    published) counts for the first party the file lists.
    """
    house = legislature(raw)["id"]
    party_of: dict[str, str] = {}
    for m in raw["memberships"]:
        start, end = _window(raw, m)
        if m["organization_id"] == house and start <= day <= end:
            party_of.setdefault(m["person_id"], m["on_behalf_of_id"])
    return Counter(party_of.values())


COMPOSITION = """query ($body: ID!, $day: Date!) { partyComposition(body: $body, asOf: $day) {
    total parties { partyId seats party { name } } } }"""


@pytest.mark.parametrize(("file", "day"), [(ESTONIA, "2012-06-01"), (ESTONIA, "2015-06-01"),
                                           (ESTONIA, "2016-06-01"), (WALES, "2012-06-01"),
                                           (WALES, "2016-06-01")])
def test_party_composition_equals_the_counts_of_the_raw_file(
        both: tuple[dict[str, Raw], dict[str, str], Runner], file: str,
        day: str) -> None:
    raws, names, runner = both
    raw, name = raws[file], names[file]
    expected = raw_composition(raw, day)
    data = gql(runner, COMPOSITION, body=f"{name}/{legislature(raw)['id']}",
               day=day)["partyComposition"]
    assert {p["partyId"]: p["seats"] for p in data["parties"]} == {
        f"{name}/{party}": seats for party, seats in expected.items()}
    assert data["total"] == sum(expected.values())
    if (file, day) != (ESTONIA, "2012-06-01"):  # that day the file seats 103 of 101
        assert data["total"] == legislature(raw)["seats"]
    seats = [p["seats"] for p in data["parties"]]
    assert seats == sorted(seats, reverse=True)
    parties = {o["id"]: o["name"] for o in raw["organizations"]}
    assert all(p["party"]["name"] == parties[p["partyId"].split("/", 1)[1]]
               for p in data["parties"])


def raw_changes(raw: Raw) -> set[tuple[str, str, str, str]]:
    """(person, from party, to party, first day for the new one) from the raw JSON: seats of
    one person in date order, where the party differs from the seat before."""
    house = legislature(raw)["id"]
    seats: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for m in raw["memberships"]:
        if m["organization_id"] == house:
            seats[m["person_id"]].append((_window(raw, m)[0], m["on_behalf_of_id"]))
    found = set()
    for person, held in seats.items():
        held.sort()
        for (start_a, party_a), (start_b, party_b) in itertools.pairwise(held):
            if party_a != party_b and start_a < start_b:
                found.add((person, party_a, party_b, start_b))
    return found


def test_members_who_changed_party_are_those_of_the_raw_file(
        both: tuple[dict[str, Raw], dict[str, str], Runner]) -> None:
    raws, names, runner = both
    raw, name = raws[ESTONIA], names[ESTONIA]
    data = gql(runner, """query ($body: ID!) { partyChanges(bodies: [$body]) {
        person { localId name } fromPartyId toPartyId leftOn joinedOn
        fromParty { classification } toParty { name } } }""",
               body=f"{name}/{legislature(raw)['id']}")["partyChanges"]
    expected = raw_changes(raw)
    assert len(expected) >= 7
    assert {(c["person"]["localId"], c["fromPartyId"].split("/", 1)[1],
             c["toPartyId"].split("/", 1)[1], c["joinedOn"]) for c in data} == expected
    assert [c["joinedOn"] for c in data] == sorted(c["joinedOn"] for c in data)
    assert all(c["leftOn"] is None or c["leftOn"] < c["joinedOn"] for c in data)


@pytest.mark.parametrize("file", [ESTONIA, WALES])
def test_people_by_party_and_by_area_on_a_day(
        both: tuple[dict[str, Raw], dict[str, str], Runner], file: str) -> None:
    raws, names, runner = both
    raw, name = raws[file], names[file]
    day = "2016-06-01"
    composition = raw_composition(raw, day)
    party = composition.most_common(1)[0][0]
    seated_for: dict[str, set[str]] = defaultdict(set)
    for m in raw["memberships"]:
        start, end = _window(raw, m)
        if start <= day <= end:
            seated_for[m["on_behalf_of_id"]].add(m["person_id"])
            if m.get("area_id"):
                seated_for[m["area_id"]].add(m["person_id"])
    area = next(a["id"] for a in raw["areas"] if seated_for.get(a["id"]))
    data = gql(runner, """query ($party: ID!, $area: ID!, $day: Date) {
        party: people(filter: {parties: [$party], asOf: $day}, first: 200) {
            totalCount nodes { localId } }
        area: people(filter: {areas: [$area], asOf: $day}) { nodes { localId } }
        ever: people(filter: {parties: [$party]}) { totalCount } }""",
               party=f"{name}/{party}", area=f"{name}/{area}", day=day)
    assert {p["localId"] for p in data["party"]["nodes"]} == seated_for[party]
    assert data["party"]["totalCount"] == len(seated_for[party])
    assert {p["localId"] for p in data["area"]["nodes"]} == seated_for[area]
    ever = {m["person_id"] for m in raw["memberships"] if m["on_behalf_of_id"] == party}
    assert data["ever"]["totalCount"] == len(ever)


def test_a_private_person_s_details_are_withheld_from_anonymous_callers(
        tmp_path: Path) -> None:
    path = fixture(WALES)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["persons"][0]["public_figure"] = False  # as if this member were a private citizen
    copy = tmp_path / "wales.json"
    copy.write_text(json.dumps(raw), encoding="utf-8")
    runner = open_store(tmp_path / "db")
    try:
        dataset = load_popolo(copy, "wales")
        ingest(runner, dataset)
        private, member = (f"wales/{raw['persons'][i]['id']}" for i in (0, 1))
        document = """query ($id: ID!) { person(id: $id) { name pseudonymous gender givenName
            familyName birthDate deathDate identifiers { identifier } contactDetails { value }
            links { url } images { url } } }"""
        hidden = public(runner, document, id=private)["person"]
        assert hidden["pseudonymous"] is True
        assert {k: v for k, v in hidden.items() if k not in ("name", "pseudonymous")} == {
            "gender": None, "givenName": None, "familyName": None, "birthDate": None,
            "deathDate": None, "identifiers": [], "contactDetails": [], "links": [],
            "images": []}
        shown = public(runner, document, id=member)["person"]
        assert shown["identifiers"] and shown["contactDetails"] and shown["gender"]
        assert gql(runner, document, id=private)["person"]["identifiers"]  # an admin sees them
        wikidata = next(i["identifier"] for i in raw["persons"][0]["identifiers"]
                        if i["scheme"] == "wikidata")
        search = """query ($v: String!) { people(filter: {identifier: {scheme: "wikidata",
            identifier: $v}}) { totalCount } }"""
        assert public(runner, search, v=wikidata)["people"]["totalCount"] == 0
        assert gql(runner, search, v=wikidata)["people"]["totalCount"] == 1
    finally:
        runner.close()


def test_round_trips_do_not_grow_with_the_number_of_people(
        both: tuple[dict[str, Raw], dict[str, str], Runner]) -> None:
    _, names, runner = both
    document = """query ($dataset: String, $first: Int) { people(filter: {dataset: $dataset},
        first: $first) { nodes { gender birthDate identifiers { scheme } contactDetails { type }
        links { url } images { url } memberships { nodes { area { name parent { name } }
        post { label } onBehalfOf { party { name } } } } } } }"""

    def trips(first: int) -> int:
        before = runner.round_trips
        gql(runner, document, dataset=names[ESTONIA], first=first)
        return runner.round_trips - before

    assert trips(150) <= trips(3)
