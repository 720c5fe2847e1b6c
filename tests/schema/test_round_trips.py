"""Store round trips do not grow with the number of items returned."""

from __future__ import annotations

from api.execute import execute
from graph.runner import Runner

NESTED = """
query ($first: Int) {
  people(filter: {dataset: "seodaemun-2021"}, first: $first) {
    nodes {
      name bodyCount
      memberships { nodes { role body { name parent { name } leadOrganization { name }
        members(first: 3) { nodes { person { name } } } } } }
    }
  }
}"""


def round_trips(runner: Runner, document: str, **variables: object) -> int:
    before = runner.round_trips
    response = execute(runner, document, dict(variables))
    assert "errors" not in response
    return runner.round_trips - before


def test_nested_people_cost_no_more_for_100_people_than_for_5(
    contract_seodaemun: Runner,
) -> None:
    # One statement per level and loader; a level may be skipped when the loader's
    # cache already holds every id (parents of 100 people's bodies are among them).
    # A person's memberships also look up, once per level, the records judged the same.
    few = round_trips(contract_seodaemun, NESTED, first=5)
    many = round_trips(contract_seodaemun, NESTED, first=100)
    assert many <= few <= 10


def test_bodies_with_members_cost_the_same_for_1_or_36_bodies(
    contract_seodaemun: Runner,
) -> None:
    document = """query ($first: Int) { bodies(first: $first) { nodes { members(first: 100) {
        nodes { person { bodyCount } } } meetings { nodes { tallies { present } } } } } }"""
    assert round_trips(contract_seodaemun, document, first=36) <= round_trips(
        contract_seodaemun, document, first=1) <= 9  # 8 + the records judged the same
