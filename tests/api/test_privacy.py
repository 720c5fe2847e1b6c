"""Privacy tiers through the HTTP app: no private citizen's name reaches an anonymous caller.

Every request below is made at each tier. The private names are collected from
the store (people who are not public figures, minus names a public figure also
carries); each anonymous response body is searched for each of them, byte for
byte. Analysts and admins see them.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.security.keys import KeyStore
from govgraph.settings import Settings
from graph.filters import PeopleFilter
from graph.privacy import PERMISSIONS, PSEUDONYM_PREFIX, Namer, Permission, Role, pseudonym
from graph.records import PersonRecord
from graph.repository import Repository
from graph.runner import Runner
from ingest.popolo import export_popolo
from tests.conftest import ROOT

SECRET = "test-pseudonym-secret"
SEOUL, SEODAEMUN = "seoul-2017", "seodaemun-2021"
TIERS = ("anonymous", "analyst", "admin")

PERSON = "id localId name otherNames pseudonymous publicFigure category"
SEAT = f"id role label person {{ {PERSON} }} body {{ name }}"
APPEARANCE = f"id role affiliation title person {{ {PERSON} }} project {{ name }}"
NODE = "id kind label person { name otherNames }"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    keys = tmp_path_factory.mktemp("privacy") / "keys.sqlite3"
    # These tests ask for every field a name can reach in one request, far above the
    # default cost budget (tests/api/test_limits.py covers the budget).
    return Settings(keys=keys, pseudonym_secret=SecretStr(SECRET), max_cost=10_000_000)


@pytest.fixture(scope="module")
def tokens(settings: Settings) -> dict[str, dict[str, str]]:
    store = KeyStore(settings.keys)
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for role in (Role.ANALYST, Role.ADMIN):
        _, token = store.create(f"{role.value} of the privacy tests", role)
        headers[role.value] = {"Authorization": f"Bearer {token}"}
    return headers


@pytest.fixture(scope="module")
def client(contract_seoul: Runner, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(contract_seoul, settings)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def people(contract_seoul: Runner) -> list[PersonRecord]:
    repository = Repository(contract_seoul)
    return repository.people_page(PeopleFilter())


@pytest.fixture(scope="module")
def private_names(people: list[PersonRecord]) -> set[str]:
    """Names (and other names) of people who are not public figures, as stored; a name that
    a public figure also carries (two people printed alike) is not secret and left out."""
    public = [n for p in people if p.public_figure for n in (p.name, *p.other_names)]
    private = {n for p in people if not p.public_figure for n in (p.name, *p.other_names)}
    return {n for n in private if not any(n in shown for shown in public)}


@pytest.fixture(scope="module")
def private(people: list[PersonRecord]) -> list[PersonRecord]:
    return [p for p in people if not p.public_figure and not p.pseudonymous]


def graphql(client: TestClient, headers: dict[str, str], document: str,
            **variables: Any) -> bytes:
    response = client.post("/graphql", json={"query": document, "variables": variables},
                           headers=headers)
    assert response.status_code == 200, response.text
    assert "errors" not in response.json(), response.json()["errors"]
    return response.content


def every_person(client: TestClient, headers: dict[str, str], dataset: str) -> list[bytes]:
    """Every person of ``dataset`` with every field a name can reach, page by page."""
    bodies, after = [], None
    while True:
        body = graphql(client, headers, """
            query ($dataset: String, $after: String) {
              people(filter: {dataset: $dataset}, first: 100, after: $after) {
                pageInfo { hasNextPage endCursor }
                nodes { """ + PERSON + """
                  memberships { nodes { """ + SEAT + """ } }
                  appearances { nodes { """ + APPEARANCE + """ } }
                  affiliations { title organization { name } }
                  possibleMatches { reason person { """ + PERSON + """ } }
                  trail { kind role appearance { affiliation person { name } }
                          membership { label person { name } } affiliation { title } }
                } } }""", dataset=dataset, after=after)
        bodies.append(body)
        page = json.loads(body)["data"]["people"]["pageInfo"]
        if not page["hasNextPage"]:
            return bodies
        after = page["endCursor"]


def every_other_type(client: TestClient, headers: dict[str, str], dataset: str) -> bytes:
    return graphql(client, headers, """
        query ($dataset: String) {
          datasets { id title description }
          bodies(filter: {dataset: $dataset}, first: 100) { nodes { name
            members(first: 100) { nodes { """ + SEAT + """ } } } }
          projects(filter: {dataset: $dataset}, first: 100) { nodes { name
            appearances(first: 100) { nodes { """ + APPEARANCE + """ } } } }
          posts(filter: {dataset: $dataset}) { nodes { label
            appearances { """ + APPEARANCE + """ } } }
          organizations(filter: {dataset: $dataset}, first: 100) { nodes { name } }
          meetings(filter: {dataset: $dataset}, first: 100) { nodes { date } }
        }""", dataset=dataset)


ANALYSES = """
query ($dataset: String!, $someone: ID!, $other: ID!) {
  overcommittedMembers(dataset: $dataset, minBodies: 1, first: 100) {
    nodes { person { name otherNames } memberships { label person { name } } } }
  memberLoads(dataset: $dataset, first: 100) {
    nodes { reasons person { name } seats { bodyName membership { person { name } } } } }
  actorConcentration(dataset: $dataset, first: 100) { nodes { person { name otherNames } } }
  personOverlaps(dataset: $dataset, minShared: 1, first: 100) {
    nodes { personA { name } personB { name } } }
  brokers(projection: PERSONS, dataset: $dataset, first: 100) { nodes { node { NODE } } }
  personCuts: cutPoints(projection: PERSONS, dataset: $dataset) {
    node { NODE } explanation path { NODE } groups { nodes { NODE } } }
  bodyCuts: cutPoints(projection: BODIES, dataset: $dataset) {
    node { NODE } explanation path { NODE } groups { nodes { NODE } } }
  personBridges: bridges(projection: PERSONS, dataset: $dataset) {
    a { NODE } b { NODE } explanation path { NODE } groups { nodes { NODE } } }
  bodyBridges: bridges(projection: BODIES, dataset: $dataset) {
    a { NODE } b { NODE } explanation path { NODE } groups { nodes { NODE } } }
  communities(projection: PERSONS, dataset: $dataset) { communities { nodes { NODE } } }
  twoMode: network(dataset: $dataset, maxNodes: 2000) { nodes { NODE } }
  persons: network(dataset: $dataset, mode: PERSONS, maxNodes: 2000) { nodes { NODE } }
  egoNetwork(id: $someone, depth: 2) { nodes { NODE } }
  path(from: $someone, to: $other) { nodes { NODE } steps { source { NODE } target { NODE } } }
  churn(dataset: $dataset, from: "2016-01-01", to: "2021-12-31") {
    joined { person { name } } left { person { name } }
    roleChanged { before { person { name } } after { person { name } } } }
  attendance(dataset: $dataset) { byPerson { person { name } } }
  allowances(dataset: $dataset) { byPerson { key } }
}""".replace("NODE", NODE)


def analyses(client: TestClient, headers: dict[str, str], dataset: str, someone: str,
             other: str) -> bytes:
    return graphql(client, headers, ANALYSES, dataset=dataset, someone=someone, other=other)


def exports(client: TestClient, headers: dict[str, str], dataset: str,
            someone: str) -> list[bytes]:
    found = []
    for fmt in ("graphml", "gexf", "csv"):
        for mode in ("two_mode", "persons"):
            for part in ("nodes", "edges"):
                response = client.get(f"/export/network.{fmt}", headers=headers, params={
                    "dataset": dataset, "mode": mode, "maxNodes": 2000, "part": part})
                assert response.status_code == 200, response.text
                found.append(response.content)
        response = client.get(f"/export/ego.{fmt}", headers=headers,
                              params={"id": someone, "depth": 2, "part": "nodes"})
        assert response.status_code == 200, response.text
        found.append(response.content)
    response = client.get(f"/export/popolo/{dataset}.json", headers=headers)
    if not headers:  # whole datasets only for analysts and admins
        assert response.status_code == 403
        assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    else:
        assert response.status_code == 200, response.text
    found.append(response.content)
    return found


def responses(client: TestClient, headers: dict[str, str],
              private: list[PersonRecord]) -> list[bytes]:
    """Every answer a name can surface in, for both datasets."""
    someone = {SEOUL: (private[0].id, private[1].id),
               SEODAEMUN: ("seodaemun-2021/m001", "seodaemun-2021/m002")}
    found = []
    for dataset, (one, other) in someone.items():
        found += [*every_person(client, headers, dataset),
                  every_other_type(client, headers, dataset),
                  analyses(client, headers, dataset, one, other),
                  *exports(client, headers, dataset, one)]
    return found


def encodings(name: str) -> list[bytes]:
    """``name`` as it may stand in a response: UTF-8, JSON escapes (GraphQL answers are
    ASCII-only JSON), XML character references."""
    return [name.encode(), json.dumps(name)[1:-1].encode(),
            "".join(f"&#{ord(c)};" for c in name).encode(),
            "".join(f"&#x{ord(c):x};" for c in name).encode()]


def leaked(bodies: list[bytes], names: set[str]) -> set[str]:
    """The names that stand in any of ``bodies``, byte for byte, in any encoding."""
    forms = {n: encodings(n) for n in names}
    return {n for n in names for body in bodies if any(f in body for f in forms[n])}


@pytest.fixture(scope="module")
def answers(client: TestClient, tokens: dict[str, dict[str, str]],
            private: list[PersonRecord]) -> dict[str, list[bytes]]:
    return {tier: responses(client, tokens[tier], private) for tier in TIERS}


def test_the_bundled_data_has_private_people_to_protect(private_names: set[str]) -> None:
    assert len(private_names) > 90


def test_no_private_name_reaches_an_anonymous_caller(
    answers: dict[str, list[bytes]], private_names: set[str],
) -> None:
    assert leaked(answers["anonymous"], private_names) == set()


@pytest.mark.parametrize("tier", ["analyst", "admin"])
def test_analysts_and_admins_see_every_private_name(
    answers: dict[str, list[bytes]], private_names: set[str], tier: str,
) -> None:
    assert leaked(answers[tier], private_names) == private_names


def test_anonymous_callers_see_public_figures_by_name(
    answers: dict[str, list[bytes]], people: list[PersonRecord],
) -> None:
    named = {p.name for p in people if p.public_figure and p.dataset == SEOUL}
    assert leaked(answers["anonymous"], named) == named


def test_pseudonyms_are_stable_across_requests_and_exports(
    client: TestClient, private: list[PersonRecord], contract_seoul: Runner,
) -> None:
    store = contract_seoul
    someone = private[0]
    expected = pseudonym(SECRET.encode(), someone.id)
    assert expected.startswith(PSEUDONYM_PREFIX) and someone.name not in expected
    ask = "query ($id: ID!) { person(id: $id) { name otherNames pseudonymous publicFigure } }"
    for _ in range(2):
        person = json.loads(graphql(client, {}, ask, id=someone.id))["data"]["person"]
        assert person == {"name": expected, "otherNames": [], "pseudonymous": True,
                          "publicFigure": False}
    nodes = client.get("/export/ego.csv", params={"id": someone.id, "part": "nodes"}).text
    labels = {row["id"]: row["label"] for row in csv.DictReader(io.StringIO(nodes))}
    assert labels[someone.id] == expected
    # a whole dataset reaches analysts and admins only, but names in it follow the same rule
    document = Namer(SECRET.encode(), reveal=False).popolo(SEOUL, export_popolo(store, SEOUL))
    by_id = {p["id"]: p for p in document["persons"]}
    assert by_id[someone.local_id]["name"] == expected
    assert "other_names" not in by_id[someone.local_id]
    assert by_id[someone.local_id]["pseudonymous"] is True


def test_a_pseudonym_depends_on_the_server_secret(
    contract_seoul: Runner, private: list[PersonRecord], tmp_path: Path,
) -> None:
    someone = private[0]
    other = Settings(keys=tmp_path / "keys.sqlite3")  # secret generated and kept there
    ask = {"query": "query ($id: ID!) { person(id: $id) { name } }",
           "variables": {"id": someone.id}}
    with TestClient(create_app(contract_seoul, other)) as first:
        shown = first.post("/graphql", json=ask).json()["data"]["person"]["name"]
    with TestClient(create_app(contract_seoul, other)) as again:
        assert again.post("/graphql", json=ask).json()["data"]["person"]["name"] == shown
    assert shown != pseudonym(SECRET.encode(), someone.id) and someone.name not in shown


def test_a_name_search_cannot_confirm_a_private_name(
    client: TestClient, tokens: dict[str, dict[str, str]], private: list[PersonRecord],
    private_names: set[str],
) -> None:
    searched = [p for p in private if p.name in private_names][:30]
    aliases = " ".join(
        f'p{i}: people(filter: {{nameContains: "{p.name}"}}) {{ totalCount nodes {{ id }} }}'
        for i, p in enumerate(searched))
    anonymous = json.loads(graphql(client, {}, "{ " + aliases + " }"))["data"]
    analyst = json.loads(graphql(client, tokens["analyst"], "{ " + aliases + " }"))
    for i, person in enumerate(searched):
        assert person.id not in {n["id"] for n in anonymous[f"p{i}"]["nodes"]}
        assert anonymous[f"p{i}"]["totalCount"] == 0, person.id
        assert person.id in {n["id"] for n in analyst["data"][f"p{i}"]["nodes"]}


def test_a_pseudonym_finds_its_person(client: TestClient, private: list[PersonRecord]) -> None:
    someone = private[0]
    shown = pseudonym(SECRET.encode(), someone.id)
    found = json.loads(graphql(
        client, {}, "query ($q: String) { people(filter: {nameContains: $q}) { nodes { id name "
        "} } }", q=shown.removeprefix(PSEUDONYM_PREFIX).lower()))["data"]["people"]["nodes"]
    assert found == [{"id": someone.id, "name": shown}]


def test_aggregates_are_computed_on_the_full_data(
    client: TestClient, tokens: dict[str, dict[str, str]],
) -> None:
    ask = ('{ multiRoleConcentration(dataset: "seodaemun-2021") { totalPeople totalSeats } '
           'people(filter: {dataset: "seoul-2017"}) { totalCount } }')
    assert graphql(client, {}, ask) == graphql(client, tokens["analyst"], ask)


def test_the_audit_log_names_no_one_and_keeps_no_secret(
    client: TestClient, tokens: dict[str, dict[str, str]], private: list[PersonRecord],
    private_names: set[str], caplog: pytest.LogCaptureFixture,
) -> None:
    someone = private[0]
    with caplog.at_level(logging.INFO, logger="govgraph.audit"):
        graphql(client, {}, "query Lookup($id: ID!) { person(id: $id) { name } }",
                id=someone.id)
        graphql(client, {}, "query ($q: String) { people(filter: {nameContains: $q}) { "
                "totalCount } }", q=someone.name)
        client.get("/export/ego.csv", params={"id": someone.id})
        graphql(client, tokens["analyst"], "{ datasets { id } }")
    lines = [r.getMessage() for r in caplog.records if r.name == "govgraph.audit"]
    assert len(lines) == 4
    assert lines[0].startswith("key=- role=public op=query Lookup status=200 ms=")
    assert lines[1].startswith("key=- role=public op=query {people} status=200")  # no $q
    assert lines[2].startswith("key=- role=public op=GET /export/ego.{fmt} status=200")
    token = tokens["analyst"]["Authorization"].removeprefix("Bearer ")
    key_id = token.split("_")[1]
    assert lines[3].startswith(f"key={key_id} role=analyst op=query {{datasets}} status=200")
    # GraphQL requests log their computed cost (schema/limits.py); an export has none
    assert [line.rsplit("cost=", 1)[1] for line in lines] == ["2", "2", "-", "2"]
    text = "\n".join(lines)
    assert token not in text and token.split("_", 2)[2] not in text
    assert not {n for n in private_names if n in text} and someone.id not in text


def test_the_guide_reproduces_the_permissions_table() -> None:
    readme = (ROOT / "docs" / "guide" / "access.md").read_text(encoding="utf-8")
    for role, permissions in PERMISSIONS.items():
        row = f"| `{role.value}` | " + ", ".join(
            f"`{p.value}`" for p in sorted(permissions, key=list(Permission).index)) + " |"
        assert row in readme, row


def test_lists_are_not_ordered_by_withheld_names(client: TestClient) -> None:
    data = json.loads(graphql(client, {}, """{
      body(id: "seoul-2017/diagnosis") { members(first: 100) { nodes { person { id } } } }
      overcommittedMembers(dataset: "seoul-2017", minBodies: 1, first: 100) {
        nodes { bodyCount person { id } } } }"""))["data"]
    members = [n["person"]["id"] for n in data["body"]["members"]["nodes"]]
    assert len(members) > 5 and members == sorted(members)
    ranked = [(-n["bodyCount"], n["person"]["id"])
              for n in data["overcommittedMembers"]["nodes"]]
    assert ranked == sorted(ranked)


@pytest.mark.parametrize("secret", [b"", b"k", SECRET.encode(), bytes(range(200))])
def test_a_namer_gives_the_pseudonym_the_definition_gives(secret: bytes) -> None:
    namer = Namer(secret, reveal=False)
    for person_id in ["seoul-2017/p1", "seodaemun-2021/위원 7", "x", "", "d/" + "p" * 300]:
        assert namer.pseudonym(person_id) == pseudonym(secret, person_id)
