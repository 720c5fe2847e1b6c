"""Nothing bad is stored: values given once for a package or a resource are checked like
cells, and every constraint a dataset's own Table Schema declares is enforced."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.execute import execute
from graph.backends.ladybug import LadybugRunner
from ingest.issues import DatasetInvalidError
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.conftest import snapshot
from tests.ingest.conftest import TINY, write_dataset


def _without(text: str, column: str) -> str:
    """The CSV ``text`` without ``column``."""
    lines = text.splitlines()
    at = lines[0].split(",").index(column)
    return "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != at)
                     for line in lines) + "\n"


def _package(folder: Path, tables: dict[str, str], **extra: Any) -> Path:
    write_dataset(folder, tables)
    descriptor = json.loads((folder / "datapackage.json").read_text())
    resources = {r["name"]: r for r in descriptor["resources"]}
    for key, value in extra.items():
        if key.startswith("resource:"):
            resources[key.split(":", 1)[1]].update(value)
        else:
            descriptor[key] = value
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    return folder


def _refused(folder: Path) -> list[str]:
    with pytest.raises(DatasetInvalidError) as caught:
        load_dataset(folder)
    return [str(issue) for issue in caught.value.issues]


def _no_confidence_column() -> dict[str, str]:
    return {name: _without(text, "confidence") for name, text in TINY.items()}


def test_a_package_confidence_that_is_not_a_confidence_is_refused_and_nothing_is_stored(
        tmp_path: Path, store: LadybugRunner) -> None:
    ingest(store, load_dataset(write_dataset(tmp_path / "good", TINY)))
    before = snapshot(store)
    folder = _package(tmp_path / "bad", _no_confidence_column(),
                      **{"govgraph:confidence": "certain"})
    issues = _refused(folder)
    assert issues == ["datapackage.json, column govgraph:confidence: 'certain' is not one of "
                      "stated, inferred"]
    assert snapshot(store) == before


def test_a_resource_confidence_is_checked_too(tmp_path: Path) -> None:
    folder = _package(tmp_path / "bad", _no_confidence_column(),
                      **{"resource:people": {"govgraph:confidence": 3}})
    assert _refused(folder) == ["datapackage.json, column resources[2].govgraph:confidence: "
                                "3 is not one of stated, inferred"]


def test_resource_sources_must_name_a_source_without_control_characters(tmp_path: Path) -> None:
    tables = {name: _without(text, "sources") for name, text in TINY.items()}
    folder = _package(tmp_path / "bad", tables, sources=[{"path": "memo.txt"}],
                      **{"resource:bodies": {"sources": [{"path": "a\nb"}]},
                         "resource:people": {"sources": [{"title": 5}]}})
    issues = _refused(folder)
    assert any("resources[1].sources[0]" in i and "control character" in i for i in issues)
    assert any("resources[2].sources[0].title: must be a string" in i for i in issues)


def _declare(folder: Path, resource: str, schema: dict[str, Any]) -> None:
    descriptor = json.loads((folder / "datapackage.json").read_text())
    next(r for r in descriptor["resources"] if r["name"] == resource)["schema"] = schema
    (folder / "datapackage.json").write_text(json.dumps(descriptor))


def test_a_blank_id_where_the_declared_schema_requires_one_is_not_replaced(
        tmp_path: Path, store: LadybugRunner) -> None:
    ingest(store, load_dataset(write_dataset(tmp_path / "first", TINY)))
    before = snapshot(store)
    tables = dict(TINY)
    tables["memberships.csv"] = TINY["memberships.csv"].replace("m2,ben", ",ben")
    folder = write_dataset(tmp_path / "d", tables)
    load_dataset(folder)  # without a declared schema, a generated id is fine
    _declare(folder, "memberships", {"fields": [{"name": "id",
                                                 "constraints": {"required": True}}]})
    issues = _refused(folder)
    assert "memberships.csv, row 3, column id: a value is required" in issues[0]
    assert snapshot(store) == before


@pytest.mark.parametrize(("resource", "field", "constraints", "expected"), [
    ("people", "category", {"enum": ["public_official"]},
     "people.csv, row 2, column category: 'private_citizen' breaks the dataset's schema: not "
     "one of public_official"),
    ("people", "id", {"pattern": "[a-z]{3}"},
     "people.csv, row 4, column id: 'cy' breaks the dataset's schema: does not match the "
     "pattern [a-z]{3}"),
    ("bodies", "capacity", {"minimum": 3},
     "bodies.csv, row 3, column capacity: '2' breaks the dataset's schema: the minimum is 3"),
    ("bodies", "capacity", {"maximum": 2},
     "bodies.csv, row 2, column capacity: '3' breaks the dataset's schema: the maximum is 2"),
    ("memberships", "body_id", {"unique": True},
     "memberships.csv, row 3, column body_id: 'board' repeats row 2"),
    ("memberships", "start_date", {"minimum": "2021-01-01"},
     "memberships.csv, row 2, column start_date: '2020-01-01' breaks the dataset's schema: "
     "the minimum is 2021-01-01"),
    ("people", "name", {"maxLength": 2},
     "people.csv, row 2, column name: 'Ana' breaks the dataset's schema: maxLength is 2"),
    ("people", "category", {"required": True, "minLength": 20},
     "people.csv, row 2, column category: 'private_citizen' breaks the dataset's schema"),
])
def test_every_declared_field_constraint_is_enforced(
        tmp_path: Path, resource: str, field: str, constraints: dict[str, Any],
        expected: str) -> None:
    folder = write_dataset(tmp_path / "d", TINY)
    _declare(folder, resource, {"fields": [{"name": field, "constraints": constraints}]})
    issues = _refused(folder)
    assert any(i.startswith(expected) for i in issues), issues


def test_declared_keys_are_enforced(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "d", TINY)
    _declare(folder, "memberships", {
        "fields": [], "primaryKey": ["person_id", "body_id"],
        "foreignKeys": [{"fields": "member_category",
                         "reference": {"resource": "people", "fields": "category"}}]})
    assert _refused(folder) == [
        f"memberships.csv, row {r}, column member_category: {v!r} matches no category in "
        "people (a reference the dataset's schema declares)"
        for r, v in ((2, "appointed"), (3, "ex_officio"), (4, "private"), (5, "private"))]


def test_a_declared_primary_key_is_unique(tmp_path: Path) -> None:
    tables = dict(TINY)
    folder = write_dataset(tmp_path / "d", tables)
    _declare(folder, "memberships", {"fields": [], "primaryKey": ["person_id", "body_id"]})
    load_dataset(folder)  # every (person, body) pair differs
    _declare(folder, "memberships", {"fields": [], "primaryKey": ["body_id"]})
    assert _refused(folder) == [
        "memberships.csv, row 3, column body_id: 'board' repeats row 2 (the dataset's schema "
        "declares it primary key)",
        "memberships.csv, row 5, column body_id: 'green' repeats row 4 (the dataset's schema "
        "declares it primary key)"]


@pytest.mark.parametrize(("schema", "expected"), [
    ({"fields": [{"name": "name", "constraints": {"exclusiveMinimum": 1}}]},
     "unknown constraint 'exclusiveMinimum'"),
    ({"fields": [{"name": "name", "constraints": {"pattern": "("}}]}, "not a regular expression"),
    ({"fields": "name"}, "must be a list of fields"),
    ("schemas/people.json", "names no schema file inside the dataset folder"),
    ({"fields": [], "foreignKeys": [{"fields": ["a", "b"], "reference": {"fields": "id"}}]},
     "must name fields and a reference"),
])
def test_a_declared_schema_govgraph_cannot_enforce_is_refused(
        tmp_path: Path, schema: Any, expected: str) -> None:
    folder = write_dataset(tmp_path / "d", TINY)
    _declare(folder, "people", schema)
    issues = _refused(folder)
    assert len(issues) == 1 and expected in issues[0], issues


def test_a_declared_schema_may_be_a_file_in_the_folder(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "d", TINY)
    (folder / "people.schema.json").write_text(json.dumps(
        {"fields": [{"name": "category", "constraints": {"enum": ["public_official"]}}]}))
    _declare(folder, "people", "people.schema.json")  # type: ignore[arg-type]
    assert len(_refused(folder)) == 2


# --- fuzz: whatever a package or resource gives, it is refused or stored as a valid value ----

_VALUE = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                   st.text(max_size=12), st.sampled_from(["stated", "inferred", "certain", ""]),
                   st.lists(st.text(max_size=4), max_size=2),
                   st.dictionaries(st.sampled_from(["path", "title"]),
                                   st.one_of(st.text(max_size=8), st.integers()), max_size=2))
_SOURCES = st.one_of(_VALUE, st.lists(_VALUE, max_size=3))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(package_confidence=_VALUE, resource_confidence=_VALUE, package_sources=_SOURCES,
       resource_sources=_SOURCES, drop=st.sampled_from(["confidence", "sources", "both"]))
def test_fuzz_values_given_once_are_refused_or_stored_as_valid_cells(
        tmp_path_factory: pytest.TempPathFactory, package_confidence: Any,
        resource_confidence: Any, package_sources: Any, resource_sources: Any,
        drop: str) -> None:
    from tests.conftest import open_store

    folder = tmp_path_factory.mktemp("fuzz") / "d"
    tables = dict(TINY)
    for column in (["confidence", "sources"] if drop == "both" else [drop]):
        tables = {name: _without(text, column) for name, text in tables.items()}
    extra: dict[str, Any] = {"govgraph:confidence": package_confidence,
                             "sources": package_sources,
                             "resource:people": {"govgraph:confidence": resource_confidence,
                                                 "sources": resource_sources}}
    if package_confidence is None:
        del extra["govgraph:confidence"]
    _package(folder, tables, **extra)
    try:
        dataset = load_dataset(folder)
    except DatasetInvalidError as exc:
        assert exc.issues and all(i.reason.strip() for i in exc.issues)
        return
    for rows in dataset.rows.values():
        for row in rows:
            assert row["confidence"] in ("stated", "inferred")
            assert row["sources"] and all(s.strip() and "\n" not in s for s in row["sources"])
    runner = open_store(folder.parent / "db")
    try:
        ingest(runner, dataset)
        response = execute(runner, "{ people { edges { node { confidence sources } } } "
                                   "bodies { edges { node { confidence } } } }")
    finally:
        runner.close()
    assert "errors" not in response, response


# --- a store holding a value ingest would refuse answers per item ----------------------------

def test_an_unexpected_stored_value_is_an_error_for_that_item_not_for_the_list(
        tiny: Path, store: LadybugRunner) -> None:
    ingest(store, load_dataset(tiny))
    with store._lock:  # a store written outside ingest's rules (an older version, a hand edit)
        store._conn.execute("MATCH (p:Person {id: 'riverton/ben'}) SET p.confidence = 'certain'")
        store._conn.execute("MATCH (b:Body {id: 'riverton/board'}) SET b.confidence = 'sure'")
        store._conn.execute("MATCH (o:Organization {id: 'riverton/city'}) "
                            "SET o.confidence = ''")
    response = execute(store, "{ people { edges { node { id confidence } } } "
                              "bodies { edges { node { id confidence } } } "
                              "organizations { edges { node { id confidence } } } }")
    people = [e["node"] for e in response["data"]["people"]["edges"]]
    assert people == [{"id": "riverton/ana", "confidence": "STATED"},
                      {"id": "riverton/ben", "confidence": None},
                      {"id": "riverton/cy", "confidence": "STATED"}]
    assert [e["node"]["confidence"] for e in response["data"]["bodies"]["edges"]] == [
        None, "INFERRED"]
    assert [e["node"]["confidence"] for e in response["data"]["organizations"]["edges"]] == [
        None, "STATED"]
    errors = sorted(response["errors"], key=lambda e: e["path"][0])
    assert [(e["path"], e["extensions"]["code"]) for e in errors] == [
        (["bodies", "edges", 0, "node", "confidence"], "STORED_VALUE_INVALID"),
        (["organizations", "edges", 0, "node", "confidence"], "STORED_VALUE_INVALID"),
        (["people", "edges", 1, "node", "confidence"], "STORED_VALUE_INVALID")]
    assert "'certain'" in errors[2]["message"] and "riverton/ben" in errors[2]["message"]


def test_as_of_without_member_of_lists_people_seated_that_day(
        tiny: Path, store: LadybugRunner) -> None:
    tables = dict(TINY)
    tables["people.csv"] = TINY["people.csv"] + "dee,Dee,private_citizen,memo.txt:12,stated\n"
    ingest(store, load_dataset(write_dataset(tiny.parent / "more", tables)))
    document = "query ($day: Date) { people(filter: {asOf: $day}) { totalCount " \
               "edges { node { localId } } } }"

    def seated(day: str | None) -> list[str]:
        data = execute(store, document, {"day": day})["data"]["people"]
        assert data["totalCount"] == len(data["edges"])
        return [e["node"]["localId"] for e in data["edges"]]

    assert seated(None) == ["ana", "ben", "cy", "dee"]  # no date: everyone, seated or not
    assert seated("2019-12-31") == []
    assert seated("2020-06-01") == ["ana", "ben"]
    assert seated("2022-01-01") == ["ana", "ben", "cy"]  # ana's chair ended, her lead did not


def test_a_declared_type_is_checked_and_bounds_compare_in_it(tmp_path: Path) -> None:
    tables = dict(TINY)
    tables["people.csv"] = ("id,name,category,sources,confidence\n"
                            "ana,Ana,999,memo.txt:5,stated\nben,Ben,2024,memo.txt:6,stated\n"
                            "cy,Cy,x,memo.txt:7,stated\n")
    folder = write_dataset(tmp_path / "d", tables)
    _declare(folder, "people", {"fields": [{"name": "category", "type": "integer",
                                            "constraints": {"minimum": 1000}}]})
    assert _refused(folder) == [
        "people.csv, row 2, column category: '999' breaks the dataset's schema: the minimum "
        "is 1000",  # compared as numbers: as text, '999' would pass
        "people.csv, row 4, column category: 'x' breaks the dataset's schema: not a value of "
        "the declared type integer"]
    _declare(folder, "people", {"fields": [{"name": "category", "type": "geopoint"}]})
    assert "govgraph does not check values of type 'geopoint'" in _refused(folder)[0]


_CONSTRAINT = st.dictionaries(
    st.sampled_from(["required", "unique", "enum", "pattern", "minimum", "maximum", "minLength",
                     "maxLength", "exclusiveMaximum"]),
    st.one_of(st.booleans(), st.integers(-5, 5), st.text(max_size=6), st.none(),
              st.lists(st.one_of(st.text(max_size=4), st.integers()), max_size=3),
              st.sampled_from(["2021-01-01", "[a-z]+", "(", "3"])), max_size=3)


@settings(max_examples=80, deadline=None)
@given(field=st.sampled_from(["id", "name", "category", "capacity", "start_date", "other_names",
                              "nowhere"]),
       kind=st.sampled_from(["string", "integer", "number", "date", "boolean", "any", "bogus"]),
       constraints=_CONSTRAINT, primary=st.lists(st.sampled_from(["id", "name", "x"]),
                                                 max_size=2))
def test_fuzz_any_declared_schema_is_enforced_or_refused_never_a_crash(
        field: str, kind: str, constraints: dict[str, Any], primary: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        folder = write_dataset(Path(scratch) / "d", TINY)
        for resource in ("people", "bodies", "memberships"):
            _declare(folder, resource, {"fields": [{"name": field, "type": kind,
                                                    "constraints": constraints}],
                                        "primaryKey": primary})
        try:
            dataset = load_dataset(folder)
        except DatasetInvalidError as exc:
            assert exc.issues and all(i.reason.strip() for i in exc.issues)
            return
    for rows in dataset.rows.values():  # accepted: every declared rule holds
        for row in rows:
            value = row.get(field)
            if constraints.get("required") is True:
                assert value not in (None, "", [])
            if isinstance(constraints.get("enum"), list) and value not in (None, "", []):
                assert str(value) in [str(e) for e in constraints["enum"]] or \
                    value in constraints["enum"] or isinstance(value, list)
