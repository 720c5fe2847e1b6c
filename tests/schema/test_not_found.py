"""Unknown datasets and ids are NOT_FOUND; arguments out of range are BAD_USER_INPUT.

Once, a misspelt dataset answered zeros, ``seatConcentration(topShares:
[1e308])`` was an internal error and ``[2]`` reported 562 people of 281.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.schema.conftest import Run

MISSPELT = "seodaemun-2O21"

DATASET_FIELDS = [
    "actorConcentration(dataset: $d) { totalCount }",
    "seatConcentration(dataset: $d) { overall { people } }",
    "memberLoads(dataset: $d) { totalCount }",
    "bodyOverlaps(dataset: $d) { totalCount }",
    "personOverlaps(dataset: $d) { totalCount }",
    "bodyOverlapMatrix(dataset: $d) { bodyIds }",
    "brokers(dataset: $d, projection: BODIES) { totalCount }",
    "cutPoints(dataset: $d, projection: BODIES) { explanation }",
    "bridges(dataset: $d, projection: BODIES) { explanation }",
    "communities(dataset: $d, projection: BODIES) { modularity }",
    "network(dataset: $d) { totalNodes }",
    'churn(dataset: $d, from: "2020-01-01", to: "2021-01-01") { stayed }',
    "attendance(dataset: $d) { overall { seats } }",
    "allowances(dataset: $d) { totalKrw }",
    "multiRoleConcentration(dataset: $d) { totalPeople }",
    "overcommittedMembers(dataset: $d, minBodies: 2) { totalCount }",
    "people(filter: {dataset: $d}) { totalCount }",
    "bodies(filter: {dataset: $d}) { totalCount }",
    "organizations(filter: {dataset: $d}) { totalCount }",
    "projects(filter: {dataset: $d}) { totalCount }",
    "meetings(filter: {dataset: $d}) { totalCount }",
    "posts(filter: {dataset: $d}) { totalCount }",
]


def codes(errors: list[dict[str, Any]]) -> list[str]:
    return [e["extensions"]["code"] for e in errors]


@pytest.mark.parametrize("field", DATASET_FIELDS)
def test_a_misspelt_dataset_is_not_found(gql: Run, gql_errors: Run, field: str) -> None:
    required = field.startswith(("network", "churn"))
    document = f"query ($d: String{'!' if required else ''}) {{ {field} }}"
    errors = gql_errors(document, d=MISSPELT)
    assert codes(errors) == ["NOT_FOUND"]
    assert errors[0]["message"] == f"no dataset '{MISSPELT}'"
    assert gql(document, d="seodaemun-2021")


@pytest.mark.parametrize("document", [
    '{ person(id: "seodaemun-2021/nobody") { id } }',
    '{ body(id: "nope/council") { id } }',
    '{ organization(id: "x") { id } }',
    '{ project(id: "seodaemun-2021/none") { id } }',
    '{ meeting(id: "seodaemun-2021/none") { id } }',
    '{ post(id: "seodaemun-2021/none") { id } }',
    '{ interlocks(body: "seodaemun-2021/nobody") { shared } }',
    '{ attendance(bodies: ["seodaemun-2021/council", "seodaemun-2021/nobody"]) '
    "{ overall { seats } } }",
    '{ egoNetwork(id: "seodaemun-2021/nobody") { totalNodes } }',
    '{ path(from: "seodaemun-2021/council", to: "seodaemun-2021/nobody") { length } }',
    '{ people(filter: {memberOf: ["seodaemun-2021/nobody"]}) { totalCount } }',
    '{ people(filter: {organizations: ["seodaemun-2021/nobody"]}) { totalCount } }',
    '{ meetings(filter: {bodyIds: ["seodaemun-2021/nobody"]}) { totalCount } }',
])
def test_an_unknown_id_is_not_found(gql_errors: Run, document: str) -> None:
    assert codes(gql_errors(document)) == ["NOT_FOUND"]


@pytest.mark.parametrize("shares", [[1e308], [2.0], [0.0], [-0.5], [0.1, 1.5]])
def test_top_shares_outside_zero_to_one_are_refused(gql_errors: Run,
                                                    shares: list[float]) -> None:
    errors = gql_errors("query ($s: [Float!]) { seatConcentration(topShares: $s) "
                        "{ overall { people } } }", s=shares)
    assert codes(errors) == ["BAD_USER_INPUT"]
    assert errors[0]["message"].startswith("topShares must be in (0, 1]")


def test_the_whole_share_is_every_person(gql: Run) -> None:
    overall = gql('{ seatConcentration(dataset: "seodaemun-2021", topShares: [1]) '
                  "{ overall { people topShares { people seatShare } } } }")
    top = overall["seatConcentration"]["overall"]
    assert top["topShares"] == [{"people": top["people"], "seatShare": 1.0}]


@pytest.mark.parametrize(("document", "argument"), [
    ("{ communities(projection: BODIES, resolution: 0) { modularity } }", "resolution"),
    ("{ communities(projection: BODIES, resolution: -1) { modularity } }", "resolution"),
    ("{ communities(projection: BODIES, resolution: 1e308) { modularity } }", "resolution"),
    ("{ memberLoads(minBodies: 0) { totalCount } }", "minBodies"),
    ("{ memberLoads(minScore: -1) { totalCount } }", "minScore"),
    ("{ memberLoads(minScore: 1e308) { totalCount } }", "minScore"),
    ('{ memberLoads(weights: [{role: "chair", weight: -2}]) { totalCount } }', "weights"),
    ('{ memberLoads(weights: [{role: "chair", weight: 1e300}]) { totalCount } }', "weights"),
    ("{ overcommittedMembers(minBodies: 0) { totalCount } }", "minBodies"),
    ("{ bodyOverlaps(minShared: 0) { totalCount } }", "minShared"),
    ("{ personOverlaps(minShared: -3) { totalCount } }", "minShared"),
    ('{ egoNetwork(id: "seodaemun-2021/council", depth: 0) { totalNodes } }', "depth"),
    ('{ egoNetwork(id: "seodaemun-2021/council", depth: 99) { totalNodes } }', "depth"),
    ('{ egoNetwork(id: "seodaemun-2021/council", maxNodes: 0) { totalNodes } }', "maxNodes"),
    ('{ network(dataset: "seodaemun-2021", maxNodes: 2000000) { totalNodes } }', "maxNodes"),
    ("{ people(first: -1) { totalCount } }", "first"),
    ("{ people(first: 1001) { totalCount } }", "first"),
    ('{ attendance(rubric: [{minimum: 1.5, points: 2}]) { overall { seats } } }', "rubric"),
    ('{ attendance(rubric: [{minimum: 0.5, points: -1}]) { overall { seats } } }', "rubric"),
    ('{ attendance(from: "2021-12-31", to: "2021-01-01") { overall { seats } } }', "to"),
    ('{ allowances(assumeMode: "carrier-pigeon") { totalKrw } }', "assumeMode"),
    ('{ projects(filter: {from: "2021-12-31", to: "2021-01-01"}) { totalCount } }', "to"),
])
def test_arguments_out_of_range_are_bad_user_input(gql_errors: Run, document: str,
                                                   argument: str) -> None:
    errors = gql_errors(document)
    assert codes(errors) == ["BAD_USER_INPUT"]
    assert errors[0]["message"].startswith(argument)
