"""Edits through the GraphQL API: who may edit, versions, validation, history and revert.

Every request goes through the real app on a store of its own holding the bundled
Seodaemun dataset.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.security.keys import KeyStore
from govgraph.settings import Settings
from graph.privacy import Role
from graph.runner import Runner
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.conftest import SEODAEMUN

DATASET = "seodaemun-2021"
PERSON = f"{DATASET}/an-ilsik"
BODY = f"{DATASET}/wg-23"
CHANGE = "id sequence recordId action editor editorRole changes { field old new } reason " \
         "sources version baseVersion reverts status"


@pytest.fixture
def store(contract_store: Runner) -> Runner:
    """Seodaemun in a store of the test's own, on each backend (an edit is one write
    transaction on both: the record and its Change, or nothing)."""
    ingest(contract_store, load_dataset(SEODAEMUN))
    return contract_store


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(keys=tmp_path / "keys.sqlite3", pseudonym_secret=SecretStr("s"))


@pytest.fixture
def headers(settings: Settings) -> dict[str, dict[str, str]]:
    keys = KeyStore(settings.keys)
    out: dict[str, dict[str, str]] = {"public": {}}
    for role in (Role.ANALYST, Role.EDITOR, Role.ADMIN):
        _, token = keys.create(f"{role.value} of the edit tests", role)
        out[role.value] = {"Authorization": f"Bearer {token}"}
    return out


@pytest.fixture
def client(store: Runner, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(store, settings)) as test_client:
        yield test_client


def gql(client: TestClient, headers: dict[str, str], query: str,
        variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables or {}},
                           headers=headers)
    answer: dict[str, Any] = response.json()
    return answer


def codes(answer: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in answer.get("errors", [])]


APPOINT = f"""mutation($person: ID!, $body: ID!, $role: String!, $from: Date) {{
  appoint(personId: $person, bodyId: $body, role: $role, from: $from,
          source: "minutes 2021-05-30 item 2", reason: "vacancy") {{ {CHANGE} }} }}"""


def appoint(client: TestClient, headers: dict[str, str], role: str = "chair"
            ) -> dict[str, Any]:
    return gql(client, headers, APPOINT, {"person": PERSON, "body": BODY, "role": role,
                                          "from": "2021-06-01"})


def members_of(client: TestClient, body: str) -> list[tuple[str, str]]:
    data = gql(client, {}, """query($id: ID!) { body(id: $id) {
      members(first: 100) { nodes { role person { id } } } } }""", {"id": body})["data"]
    return sorted((n["person"]["id"], n["role"]) for n in data["body"]["members"]["nodes"])


def load_of(client: TestClient, person: str) -> float:
    data = gql(client, {}, f"""{{ memberLoads(dataset: "{DATASET}", first: 1000)
      {{ nodes {{ score person {{ id }} }} }} }}""")["data"]
    return next(n["score"] for n in data["memberLoads"]["nodes"]
                if n["person"]["id"] == person)


def test_an_editor_appoints_and_the_analyses_answer_from_the_new_state(
        client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    before = load_of(client, PERSON)
    assert (PERSON, "chair") not in members_of(client, BODY)
    answer = appoint(client, headers["editor"])
    assert "errors" not in answer, answer
    change = answer["data"]["appoint"]
    assert change["action"] == "appoint" and change["editorRole"] == "editor"
    assert change["status"] == "applied" and change["sources"] == ["minutes 2021-05-30 item 2"]
    assert {c["field"]: c["new"] for c in change["changes"]}["role"] == "chair"
    assert (PERSON, "chair") in members_of(client, BODY)
    assert load_of(client, PERSON) == before + 3.0  # a chair weighs 3 in memberLoads


@pytest.mark.parametrize("tier", ["public", "analyst"])
def test_a_caller_who_may_not_edit_is_refused_and_nothing_changes(
        client: TestClient, headers: dict[str, dict[str, str]], tier: str) -> None:
    answer = appoint(client, headers[tier])
    assert codes(answer) == ["FORBIDDEN"]
    assert (PERSON, "chair") not in members_of(client, BODY)
    assert gql(client, headers["admin"], "{ changeLog { totalCount } }")["data"][
        "changeLog"]["totalCount"] == 0


def test_an_admin_may_edit_too(client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    assert "errors" not in appoint(client, headers["admin"])


def test_an_edit_against_a_stale_version_conflicts(
        client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    editor = headers["editor"]
    made = appoint(client, editor)["data"]["appoint"]
    end = """mutation($id: ID!, $version: String!, $on: Date!) {
      endMembership(id: $id, version: $version, on: $on, source: "letter", reason: "resigned")
      { version } }"""
    first = gql(client, editor, end, {"id": made["recordId"], "version": made["version"],
                                      "on": "2021-12-31"})
    assert "errors" not in first, first
    stale = gql(client, editor, end, {"id": made["recordId"], "version": made["version"],
                                      "on": "2021-11-30"})
    assert codes(stale) == ["CONFLICT"]
    record = gql(client, editor, """query($id: ID!) { editableRecord(id: $id) {
      version values { field value } } }""", {"id": made["recordId"]})["data"]["editableRecord"]
    assert record["version"] == first["data"]["endMembership"]["version"]
    assert {v["field"]: v["value"] for v in record["values"]}["end_date"] == "2021-12-31"


def test_an_edit_is_validated_by_the_rules_of_ingest_and_refused_with_their_code(
        client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    editor = headers["editor"]
    bad_role = appoint(client, editor, role="emperor")
    assert codes(bad_role) == ["DATASET_INVALID"]
    assert "memberships.csv" in bad_role["errors"][0]["message"]
    assert "role" in bad_role["errors"][0]["message"]
    made = appoint(client, editor)["data"]["appoint"]
    backwards = gql(client, editor, """mutation($id: ID!, $version: String!) {
      endMembership(id: $id, version: $version, on: "2020-01-01", source: "s", reason: "r")
      { id } }""", {"id": made["recordId"], "version": made["version"]})
    assert codes(backwards) == ["DATASET_INVALID"]
    assert "is before start_date" in backwards["errors"][0]["message"]
    same_seat = appoint(client, editor)  # the same seat again, overlapping in time
    assert codes(same_seat) == ["DATASET_INVALID"]
    assert "the same seat" in same_seat["errors"][0]["message"]
    body = gql(client, editor, """query { editableRecord(id: "seodaemun-2021/wg-23") {
      version } }""")["data"]["editableRecord"]
    no_name = gql(client, editor, """mutation($v: String!) { correctBody(
      id: "seodaemun-2021/wg-23", version: $v, set: [{field: "name", value: "  "}],
      source: "s", reason: "r") { id } }""", {"v": body["version"]})
    assert codes(no_name) == ["DATASET_INVALID"]
    unknown = gql(client, editor, """mutation($v: String!) { correctBody(
      id: "seodaemun-2021/wg-23", version: $v, set: [{field: "dataset", value: "x"}],
      source: "s", reason: "r") { id } }""", {"v": body["version"]})
    assert codes(unknown) == ["BAD_USER_INPUT"]
    no_reason = gql(client, editor, """mutation($v: String!) { correctBody(
      id: "seodaemun-2021/wg-23", version: $v, set: [{field: "notes", value: "x"}],
      source: "s", reason: " ") { id } }""", {"v": body["version"]})
    assert codes(no_reason) == ["BAD_USER_INPUT"]
    log = gql(client, editor, "{ changeLog { totalCount } }")["data"]["changeLog"]
    assert log["totalCount"] == 1  # only the appointment


def test_history_lists_every_change_and_a_revert_is_a_change_of_its_own(
        client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    editor = headers["editor"]
    record = gql(client, editor, f"""{{ editableRecord(id: "{BODY}") {{
      version values {{ field value }} }} }}""")["data"]["editableRecord"]
    held = {v["field"]: v["value"] for v in record["values"]}
    fix = gql(client, editor, f"""mutation($v: String!) {{ correctBody(id: "{BODY}",
      version: $v, set: [{{field: "name_en", value: "Youth gender awareness"}},
                        {{field: "capacity", value: "12"}}],
      source: "letter of 2021-07-01", reason: "English name and seats were missing")
      {{ {CHANGE} }} }}""", {"v": record["version"]})["data"]["correctBody"]
    assert {c["field"]: (c["old"], c["new"]) for c in fix["changes"]} == {
        "capacity": (held["capacity"], 12),
        "name_en": (held["name_en"], "Youth gender awareness")}
    shown = gql(client, {}, f'{{ body(id: "{BODY}") {{ name nameEn capacity sources }} }}')
    assert shown["data"]["body"]["nameEn"] == "Youth gender awareness"
    assert shown["data"]["body"]["capacity"] == 12
    assert "letter of 2021-07-01" in shown["data"]["body"]["sources"]
    undo = gql(client, editor, f"""mutation($id: ID!) {{ revertChange(id: $id,
      source: "letter of 2021-07-02", reason: "the letter was about another group")
      {{ {CHANGE} }} }}""", {"id": fix["id"]})["data"]["revertChange"]
    assert undo["action"] == "revert" and undo["reverts"] == fix["id"]
    history = gql(client, {}, f'{{ history(id: "{BODY}") {{ {CHANGE} }} }}')["data"]["history"]
    assert [h["id"] for h in history] == [fix["id"], undo["id"]]
    assert [h["sequence"] for h in history] == [1, 2]
    after = gql(client, {}, f'{{ body(id: "{BODY}") {{ name nameEn capacity }} }}')
    assert after["data"]["body"] == {"name": held["name"], "nameEn": held["name_en"],
                                     "capacity": held["capacity"]}
    again = gql(client, editor, """mutation($id: ID!) { revertChange(id: $id,
      source: "s", reason: "r") { id } }""", {"id": fix["id"]})
    assert codes(again) == ["CONFLICT"]  # the record has moved on since that change


def test_an_appointment_is_reverted_by_removing_it(
        client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    made = appoint(client, headers["editor"])["data"]["appoint"]
    undo = gql(client, headers["editor"], """mutation($id: ID!) { revertChange(id: $id,
      source: "minutes 2021-06-02", reason: "appointed by mistake") { action changes
      { field old new } } }""", {"id": made["id"]})
    assert "errors" not in undo, undo
    assert (PERSON, "chair") not in members_of(client, BODY)
    assert len(gql(client, {}, f'{{ history(id: "{made["recordId"]}") {{ id }} }}')[
        "data"]["history"]) == 2


def test_the_appointment_check_changes_nothing_and_counts_as_member_loads_does(
        client: TestClient) -> None:
    query = f"""{{ appointmentCheck(personId: "{PERSON}", bodyId: "{BODY}", role: "chair",
      from: "2021-06-01", minScore: 12) {{ asOf acceptable problems
        before {{ score bodyCount flagged }} after {{ score bodyCount flagged reasons }}
        crossed {{ threshold limit before after }}
        overlapping {{ id }} overlaps {{ bodyId sharedBefore sharedAfter }} }} }}"""
    check = gql(client, {}, query)["data"]["appointmentCheck"]
    loads = gql(client, {}, f"""{{ memberLoads(dataset: "{DATASET}",
      asOf: "2021-06-01", minScore: 12, first: 1000) {{ nodes {{ score bodyCount flagged
      person {{ id }} }} }} }}""")["data"]["memberLoads"]["nodes"]
    mine = next(n for n in loads if n["person"]["id"] == PERSON)
    assert check["before"] == {k: mine[k] for k in ("score", "bodyCount", "flagged")}
    assert check["after"]["score"] == mine["score"] + 3.0
    assert check["after"]["bodyCount"] == mine["bodyCount"] + 1
    crossed = {c["threshold"]: c for c in check["crossed"]}
    assert (mine["score"] < 12 <= mine["score"] + 3) == ("minScore" in crossed)
    assert check["acceptable"] and check["problems"] == []
    assert check["overlaps"] and all(o["sharedAfter"] == o["sharedBefore"] + 1
                                     for o in check["overlaps"])
    assert gql(client, {}, query)["data"]["appointmentCheck"] == check  # nothing was written
    assert (PERSON, "chair") not in members_of(client, BODY)


def test_the_check_names_the_seat_an_appointment_would_repeat(
        client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    made = appoint(client, headers["editor"])["data"]["appoint"]
    check = gql(client, {}, f"""{{ appointmentCheck(personId: "{PERSON}", bodyId: "{BODY}",
      role: "chair", from: "2021-07-01") {{ acceptable problems overlapping {{ id }} }} }}""")
    found = check["data"]["appointmentCheck"]
    assert [o["id"] for o in found["overlapping"]] == [made["recordId"]]
    assert not found["acceptable"] and "the same seat" in found["problems"][0]


def test_changes_of_private_people_are_pseudonymous_to_the_public(
        client: TestClient, store: Runner, headers: dict[str, dict[str, str]]) -> None:
    someone = store.read("private_people", {})[0]["id"]
    editor = headers["editor"]
    record = gql(client, editor, """query($id: ID!) { editableRecord(id: $id) {
      version values { field value } } }""", {"id": someone})["data"]["editableRecord"]
    name = {v["field"]: v["value"] for v in record["values"]}["name"]
    fix = gql(client, editor, """mutation($id: ID!, $v: String!, $name: String!) {
      correctPerson(id: $id, version: $v, set: [{field: "name", value: $name}],
      source: "letter", reason: "asked for the initial") { id } }""",
              {"id": someone, "v": record["version"], "name": f"{name} (A)"})
    assert "errors" not in fix, fix
    history = f'query($id: ID!) {{ history(id: $id) {{ {CHANGE} }} }}'
    public = json.dumps(gql(client, {}, history, {"id": someone}), ensure_ascii=False)
    assert name not in public and "Person " in public and "letter" not in public
    public_record = json.dumps(gql(client, {}, """query($id: ID!) { editableRecord(id: $id)
      { values { field value } } }""", {"id": someone}), ensure_ascii=False)
    assert name not in public_record
    shown = gql(client, headers["analyst"], history, {"id": someone})["data"]["history"]
    assert shown[0]["changes"] == [{"field": "name", "old": name, "new": f"{name} (A)"}]
    # A seat of theirs: the reason and the source may name them too.
    seat = gql(client, editor, """mutation($p: ID!, $b: ID!) { appoint(personId: $p,
      bodyId: $b, role: "member", from: "2021-06-01", source: "their letter",
      reason: "asked to join") { recordId } }""", {"p": someone, "b": BODY})
    assert "errors" not in seat, seat
    seat_history = f'query($id: ID!) {{ history(id: $id) {{ {CHANGE} }} }}'
    seat_id = {"id": seat["data"]["appoint"]["recordId"]}
    public_seat = gql(client, {}, seat_history, seat_id)["data"]["history"][0]
    assert public_seat["sources"] == [] and "asked to join" not in public_seat["reason"]
    editor_seat = gql(client, editor, seat_history, seat_id)["data"]["history"][0]
    assert editor_seat["reason"] == "asked to join"


def test_the_changeset_is_exported_to_callers_who_may_export_datasets(
        client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    made = appoint(client, headers["editor"])["data"]["appoint"]
    query = f'{{ changeset(dataset: "{DATASET}") }}'
    assert codes(gql(client, {}, query)) == ["FORBIDDEN"]
    package = gql(client, headers["analyst"], query)["data"]["changeset"]
    assert package["descriptor"]["resources"][0]["path"] == "changes.csv"
    lines = package["files"]["changes.csv"].splitlines()
    assert len(lines) == 2 and lines[1].startswith(made["id"])
