"""One vocabulary across the API: the projection enum, shared defaults, ids without prefix."""

from __future__ import annotations

from typing import Any

import pytest

from api.execute import execute
from graph.analysis import load
from graph.backends.ladybug import LadybugRunner
from schema.root import schema
from tests.schema.conftest import Run

D = '"seodaemun-2021"'
NETWORK = "{ network(dataset: " + D + ", %s, maxNodes: 30) { totalNodes nodes { id } } }"


def _field(name: str) -> Any:
    field = schema.get_field_for_type(name, "Query")
    assert field is not None
    return field


def test_every_network_choosing_field_takes_the_one_projection_enum() -> None:
    for name in ("network", "brokers", "cutPoints", "bridges", "communities"):
        arguments = {a.python_name: a for a in _field(name).arguments}
        assert "projection" in arguments, name
        assert "Projection" in str(arguments["projection"].type), name
    assert "enum Projection" in schema.as_str()


def test_network_mode_is_deprecated_and_answers_as_projection(gql: Run) -> None:
    assert '@deprecated(reason: "Use `projection`' in schema.as_str()
    for value in ("TWO_MODE", "PERSONS", "BODIES"):
        old = gql(NETWORK % f"mode: {value}")
        new = gql(NETWORK % f"projection: {value}")
        assert old == new and new["network"]["totalNodes"] > 0


def test_projection_defaults_to_the_two_mode_network(gql: Run) -> None:
    default = gql("{ network(dataset: " + D + ", maxNodes: 30) { totalNodes } }")
    assert default == gql(NETWORK.replace(" nodes { id }", "") % "projection: TWO_MODE")


def test_a_one_mode_analysis_refuses_the_two_mode_network(gql_errors: Run) -> None:
    [error] = gql_errors("{ brokers(dataset: " + D + ", projection: TWO_MODE) { totalCount } }")
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "PERSONS or BODIES" in error["message"]


def test_min_bodies_has_one_default_wherever_it_recurs() -> None:
    defaults = {name: {a.python_name: a.default for a in _field(name).arguments}["min_bodies"]
                for name in ("overcommittedMembers", "memberLoads")}
    assert set(defaults.values()) == {load.DEFAULT_MIN_BODIES}


def test_overcommitted_members_without_min_bodies_uses_the_default(gql: Run) -> None:
    implicit = gql("{ overcommittedMembers(dataset: " + D + ") { totalCount } }")
    explicit = gql("{ overcommittedMembers(dataset: " + D + ", minBodies: "
                   f"{load.DEFAULT_MIN_BODIES}) {{ totalCount }} }}")
    assert implicit == explicit and implicit["overcommittedMembers"]["totalCount"] > 0


@pytest.fixture(scope="module")
def both(seoul_store: LadybugRunner) -> LadybugRunner:
    return seoul_store


def _ask(runner: LadybugRunner, document: str) -> dict[str, Any]:
    return execute(runner, document)


def test_an_unambiguous_local_id_finds_its_record(both: LadybugRunner) -> None:
    short = _ask(both, '{ body(id: "sub-climate") { id name } }')
    full = _ask(both, '{ body(id: "seodaemun-2021/sub-climate") { id name } }')
    assert "errors" not in short and short == full


def test_an_ambiguous_local_id_names_the_form_and_the_candidates(both: LadybugRunner) -> None:
    answer = _ask(both, '{ body(id: "council") { id } }')
    [error] = answer["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert "dataset/id" in error["message"]
    assert "'seodaemun-2021/council'" in error["message"]
    assert "'seoul-2017/council'" in error["message"]


def test_a_local_id_of_another_kind_is_not_taken(both: LadybugRunner) -> None:
    # "sub-climate" is a body: as a person it is unknown, and the message says the form
    [error] = _ask(both, '{ person(id: "sub-climate") { id } }')["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert "dataset/id" in error["message"]


def test_an_unknown_prefixed_id_is_not_found(both: LadybugRunner) -> None:
    [error] = _ask(both, '{ body(id: "seodaemun-2021/nothing") { id } }')["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"


def test_an_ambiguous_id_argument_is_refused_with_the_form(both: LadybugRunner) -> None:
    for document in ('{ interlocks(body: "council") { shared } }',
                     '{ path(from: "council", to: "seodaemun-2021/steering") { length } }',
                     '{ egoNetwork(id: "council") { totalNodes } }'):
        [error] = _ask(both, document)["errors"]
        assert error["extensions"]["code"] == "NOT_FOUND"
        assert "dataset/id" in error["message"] and "'seoul-2017/council'" in error["message"]


def test_id_arguments_take_unambiguous_local_ids(both: LadybugRunner) -> None:
    short = _ask(both, '{ path(from: "seo-jeongsun", to: "sub-climate") { length } '
                       'interlocks(body: "sub-climate") { shared body { id } } '
                       'egoNetwork(id: "sub-climate") { totalNodes } }')
    full = _ask(both, '{ path(from: "seodaemun-2021/seo-jeongsun", '
                      'to: "seodaemun-2021/sub-climate") { length } '
                      'interlocks(body: "seodaemun-2021/sub-climate") { shared body { id } } '
                      'egoNetwork(id: "seodaemun-2021/sub-climate") { totalNodes } }')
    assert "errors" not in short and short == full
