"""Real published Popolo (EveryPolitician's 2016 files) goes in unmodified and comes out whole.

Every expected figure is computed here from the raw JSON, never copied from
govgraph's answers. The files and the official Popolo JSON Schemas are found
as ``tests/fixtures/popolo/SOURCE.md`` says (checked by their SHA-256); the
tests needing them are skipped, with the reason, where they are absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from api.execute import execute
from graph.privacy import Namer
from graph.runner import Runner
from ingest.popolo import export_popolo, load_popolo
from ingest.writer import ingest
from tests.conftest import ROOT, any_store, close_store, neo4j_holding, open_store

SOURCE = ROOT / "tests" / "fixtures" / "popolo" / "SOURCE.md"
ESTONIA = "estonia-riigikogu-ep-popolo-v1.0.json"
WALES = "welsh-assembly-ep-popolo-v1.0.json"
SCHEMA_OF = {"persons": "person", "organizations": "organization", "memberships": "membership",
             "posts": "post", "areas": "area", "events": "event"}


def _checksums() -> dict[str, str]:
    return dict(re.findall(r"`([\w./-]+\.json)`[^|]*\|[^\n]*?`([0-9a-f]{64})`",
                           SOURCE.read_text(encoding="utf-8")))


def _folders() -> list[Path]:
    return [Path(p) for p in (os.environ.get("GOVGRAPH_POPOLO_FIXTURES"),
                              SOURCE.parent, ROOT.parent / "shared" / "popolo") if p]


def fixture(name: str) -> Path:
    """The published file ``name``, byte for byte as SOURCE.md records it."""
    expected = _checksums()[name]
    for folder in _folders():
        path = folder / name
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() == expected, (
                f"{path} is not the published file SOURCE.md records")
            return path
    pytest.skip(f"{name} not found (see tests/fixtures/popolo/SOURCE.md)")


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft3Validator]:
    """The official Popolo schemas, their $refs resolved from the files (never the network)."""
    schemas = {name: json.loads(fixture(f"schemas/{name}.json").read_text(encoding="utf-8"))
               for name in {*SCHEMA_OF.values(), "contact_detail", "identifier", "link",
                            "other_name", "count", "group_result", "motion", "vote",
                            "vote_event", "speech", "address"}
               if name != "address"}
    registry: Registry[Any] = Registry().with_resources(
        (schema["id"], Resource(contents=schema, specification=DRAFT3))
        for schema in schemas.values())
    return {key: Draft3Validator(schemas[name], registry=registry)
            for key, name in SCHEMA_OF.items()}


def schema_errors(document: dict[str, Any], validators: dict[str, Draft3Validator]) -> list[str]:
    return [f"{key}[{i}]: {error.message}" for key, validator in validators.items()
            for i, record in enumerate(document.get(key) or [])
            for error in validator.iter_errors(record)]


@pytest.fixture(scope="module", params=[ESTONIA, WALES])
def published(request: pytest.FixtureRequest, backend: str,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], str,
                                                                          Runner]]:
    """The raw document, its dataset name and a store holding it, imported as published,
    on each backend."""
    path = fixture(request.param)
    dataset = load_popolo(path)
    if backend == "neo4j":
        yield json.loads(path.read_text(encoding="utf-8")), dataset.name, neo4j_holding(
            request, (path,))
        return
    runner = open_store(tmp_path_factory.mktemp("popolo") / "db")
    ingest(runner, dataset)
    yield json.loads(path.read_text(encoding="utf-8")), dataset.name, runner
    runner.close()


def gql(runner: Runner, document: str, **variables: Any) -> dict[str, Any]:
    response = execute(runner, document, variables or None)
    assert "errors" not in response, response["errors"]
    data: dict[str, Any] = response["data"]
    return data


def legislature(raw: dict[str, Any]) -> dict[str, Any]:
    return next(o for o in raw["organizations"] if o["classification"] == "legislature")


def seated_on(raw: dict[str, Any], day: str) -> set[str]:
    """People holding a legislature seat on ``day``: own dates, else their term's (inclusive)."""
    terms = {e["id"]: e for e in raw["events"] if e["classification"] == "legislative period"}
    people = set()
    for m in raw["memberships"]:
        term = terms.get(m.get("legislative_period_id"), {})
        start = m.get("start_date") or term.get("start_date") or "0000"
        end = m.get("end_date") or term.get("end_date") or "9999"
        if start <= day <= end and start <= end:
            people.add(m["person_id"])
    return people


def test_the_files_validate_against_the_official_schemas_as_published(
        published: tuple[dict[str, Any], str, Runner],
        validators: dict[str, Draft3Validator]) -> None:
    raw, _, _ = published
    assert schema_errors(raw, validators) == []


def test_people_organisations_and_memberships_are_all_there(
        published: tuple[dict[str, Any], str, Runner]) -> None:
    raw, name, runner = published
    house = legislature(raw)
    # Records of one person in one term without dates of their own (a change of party whose
    # date was not published) are one seat.
    seats = {(m["person_id"], m["legislative_period_id"], m.get("start_date"), m.get("end_date"))
             for m in raw["memberships"] if m["organization_id"] == house["id"]}
    data = gql(runner, """query ($dataset: String!, $body: ID!) {
        people(filter: {dataset: $dataset}) { totalCount }
        bodies(filter: {dataset: $dataset}) { totalCount }
        organizations(filter: {dataset: $dataset}) { totalCount }
        body(id: $body) { classification capacity members { totalCount } }
    }""", dataset=name, body=f"{name}/{house['id']}")
    assert data["people"]["totalCount"] == len(raw["persons"])
    assert (data["bodies"]["totalCount"] + data["organizations"]["totalCount"]
            == len(raw["organizations"]))
    assert data["organizations"]["totalCount"] == sum(
        o["classification"] == "party" for o in raw["organizations"])
    assert data["body"]["classification"] == "legislature"
    assert data["body"]["capacity"] == house["seats"]
    assert data["body"]["members"]["totalCount"] == len(seats)


@pytest.mark.parametrize("day", ["2012-06-01", "2015-06-01", "2016-06-01"])
def test_people_seated_on_a_day_are_as_many_as_the_raw_file_says(
        published: tuple[dict[str, Any], str, Runner], day: str) -> None:
    raw, name, runner = published
    house = legislature(raw)
    data = gql(runner, "query ($id: ID!, $day: Date) { body(id: $id) { memberCount(asOf: $day) } }",
               id=f"{name}/{house['id']}", day=day)
    assert data["body"]["memberCount"] == len(seated_on(raw, day))


@pytest.mark.parametrize(("file", "day"), [(ESTONIA, "2015-06-01"), (WALES, "2012-06-01"),
                                           (WALES, "2016-06-01")])
def test_a_full_term_seats_exactly_the_legislature_s_size(tmp_path: Path, file: str, day: str,
                                                          backend: str,
                                                          request: pytest.FixtureRequest) -> None:
    path = fixture(file)
    raw = json.loads(path.read_text(encoding="utf-8"))
    house = legislature(raw)
    assert len(seated_on(raw, day)) == house["seats"]  # the raw file itself: 101 or 60
    runner = any_store(backend, request, tmp_path / "db")
    try:
        dataset = load_popolo(path)
        ingest(runner, dataset)
        data = gql(runner, "query ($id: ID!, $day: Date) { body(id: $id) { memberCount(asOf: "
                           "$day) } }", id=f"{dataset.name}/{house['id']}", day=day)
    finally:
        close_store(runner)
    assert data["body"]["memberCount"] == house["seats"]


def test_party_is_an_affiliation_not_a_seat(
        published: tuple[dict[str, Any], str, Runner]) -> None:
    raw, name, runner = published
    m = raw["memberships"][0]
    data = gql(runner, """query ($id: ID!) { person(id: $id) {
        bodyCount affiliations { organization { localId classification } } } }""",
               id=f"{name}/{m['person_id']}")
    person = data["person"]
    assert person["bodyCount"] == 1
    assert {"localId": m["on_behalf_of_id"], "classification": "party"} in [
        a["organization"] for a in person["affiliations"]]


def test_import_export_import_export_is_identical_and_keeps_every_published_field(
        published: tuple[dict[str, Any], str, Runner], tmp_path: Path,
        validators: dict[str, Draft3Validator]) -> None:
    raw, name, runner = published
    first = export_popolo(runner, name)
    for key in ("persons", "organizations", "memberships", "areas", "events", "posts"):
        assert len(first.get(key, [])) == len(raw.get(key) or []), key
        exported = first.get(key, [])
        for record in raw.get(key) or []:  # every field as published, extensions beside it
            assert any(all(e.get(k) == v for k, v in record.items()) for e in exported), record
    assert first["meta"]["sources"] == raw["meta"]["sources"]
    assert schema_errors(first, validators) == []
    urls = [s["url"] for p in first["persons"] for s in p.get("sources", [])]
    assert urls and all(u.startswith(("http://", "https://", name, "ep-", "estonia", "welsh"))
                        for u in urls)
    again = tmp_path / "again.json"
    again.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    copy = open_store(tmp_path / "db")  # the copy on LadybugDB: it checks the export
    try:
        ingest(copy, load_popolo(again, name))
        assert export_popolo(copy, name) == first
    finally:
        copy.close()


def test_private_people_stay_pseudonymous_in_the_export(
        published: tuple[dict[str, Any], str, Runner]) -> None:
    raw, name, runner = published
    document = export_popolo(runner, name)
    document["persons"][0]["public_figure"] = False  # as if this person were a private citizen
    shown = Namer(b"secret", reveal=False).popolo(name, document)["persons"][0]
    real = raw["persons"][0] if raw["persons"][0]["id"] == shown["id"] else next(
        p for p in raw["persons"] if p["id"] == shown["id"])
    assert shown["pseudonymous"] is True
    assert real["name"] not in json.dumps(shown, ensure_ascii=False)
    assert set(shown) <= {"id", "name", "pseudonymous", "public_figure", "category",
                          "confidence", "govgraph_type"}
