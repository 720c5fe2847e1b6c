"""Lists are paged by the store: every page is the next slice of one order, the total is
counted only when asked for, and the largest page is a setting."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from graph.filters import BodyFilter, MembershipFilter, PeopleFilter
from graph.repository import Repository
from graph.runner import Runner
from schema import schema
from schema.context import Context
from tests.schema.conftest import Run

PEOPLE = """query ($first: Int, $after: String) {
  people(filter: {dataset: "seodaemun-2021"}, first: $first, after: $after) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { id }
  }
}"""


def _all_pages(gql: Run, document: str, field: str, first: int) -> list[dict[str, Any]]:
    pages, after = [], None
    while True:
        page = gql(document, first=first, after=after)[field]
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            return pages
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("first", [1, 7, 100, 281, 1000])
def test_pages_of_people_are_consecutive_slices_of_the_whole_list(
    gql: Run, contract_seodaemun: Runner, first: int,
) -> None:
    everyone = [p.id for p in Repository(contract_seodaemun).people_page(
        PeopleFilter(dataset="seodaemun-2021"))]
    pages = _all_pages(gql, PEOPLE, "people", first)
    assert [n["id"] for page in pages for n in page["nodes"]] == everyone
    assert len(pages) == max(1, -(-len(everyone) // first))
    assert [p["pageInfo"]["hasPreviousPage"] for p in pages] == [False] + [True] * (
        len(pages) - 1)
    assert all(len(p["nodes"]) == first for p in pages[:-1])


def test_a_cursor_past_the_end_gives_an_empty_last_page(gql: Run) -> None:
    last = _all_pages(gql, PEOPLE, "people", 100)[-1]
    after = gql(PEOPLE, first=5, after=last["pageInfo"]["endCursor"])["people"]
    assert after["nodes"] == [] and after["pageInfo"]["hasNextPage"] is False
    assert after["pageInfo"]["startCursor"] is None


def test_first_zero_says_whether_anything_is_there(gql: Run) -> None:
    page = gql(PEOPLE, first=0)["people"]
    assert page["nodes"] == [] and page["pageInfo"]["hasNextPage"] is True


def test_pages_of_bodies_follow_the_listing_order(
    gql: Run, contract_seodaemun: Runner,
) -> None:
    document = """query ($first: Int, $after: String) { bodies(filter: {dataset:
      "seodaemun-2021"}, first: $first, after: $after) { totalCount pageInfo { hasNextPage
      hasPreviousPage startCursor endCursor } nodes { id } } }"""
    every = [b.id for b in Repository(contract_seodaemun).body_page(
        BodyFilter(dataset="seodaemun-2021"))]
    pages = _all_pages(gql, document, "bodies", 4)
    assert [n["id"] for page in pages for n in page["nodes"]] == every
    assert {page["totalCount"] for page in pages} == {len(every)}


def _round_trips(runner: Runner, gql: Run, document: str) -> int:
    before = runner.round_trips
    gql(document)
    return runner.round_trips - before


def test_the_total_is_counted_only_when_asked_for(
    gql: Run, contract_seodaemun: Runner,
) -> None:
    without = _round_trips(contract_seodaemun, gql, "{ bodies(first: 3) { nodes { id } } }")
    with_total = _round_trips(contract_seodaemun, gql,
                              "{ bodies(first: 3) { totalCount nodes { id } } }")
    assert with_total == without + 1
    assert gql("{ bodies(first: 3) { totalCount } }")["bodies"]["totalCount"] == len(
        Repository(contract_seodaemun).body_page(BodyFilter()))


def _execute(runner: Runner, document: str, **context: Any) -> dict[str, Any]:
    result = asyncio.run(schema.execute(document, context_value=Context(runner, **context)))
    return {"data": result.data, "errors": [e.formatted for e in result.errors or []]}


@pytest.mark.parametrize("document", [
    "{ people(first: 20) { nodes { id } } }",
    "{ bodies(first: 1) { nodes { members(first: 20) { totalCount } } } }",
])
def test_the_largest_page_is_the_apps_setting(contract_seodaemun: Runner,
                                              document: str) -> None:
    assert _execute(contract_seodaemun, document, max_page_size=20)["errors"] == []
    refused = _execute(contract_seodaemun, document, max_page_size=19)["errors"]
    assert [e["extensions"]["code"] for e in refused] == ["BAD_USER_INPUT"]
    assert "between 0 and 19" in refused[0]["message"]


def test_the_default_page_is_no_larger_than_the_largest(contract_seodaemun: Runner) -> None:
    found = _execute(contract_seodaemun, "{ people { nodes { id } } }", max_page_size=7)
    assert found["errors"] == [] and len(found["data"]["people"]["nodes"]) == 7


TABLE = """query ($first: Int, $after: String, $asOf: Date) {
  membershipTable(dataset: "seodaemun-2021", first: $first, after: $after, asOf: $asOf) {
    totalCount columns rows pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}"""


def test_the_membership_table_pages_through_every_membership(
    gql: Run, contract_seodaemun: Runner,
) -> None:
    whole = gql(TABLE, first=50_000)["membershipTable"]
    assert len(whole["rows"]) == whole["totalCount"] == 488  # the report's seats
    pages, after = [], None
    while True:
        page = gql(TABLE, first=100, after=after)["membershipTable"]
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert [row for page in pages for row in page["rows"]] == whole["rows"]
    columns = whole["columns"]
    seats = {(r[columns.index("personId")], r[columns.index("bodyId")],
              r[columns.index("role")]) for r in whole["rows"]}
    repository = Repository(contract_seodaemun)
    bodies = [b.id for b in repository.body_page(BodyFilter(dataset="seodaemun-2021"))]
    stored = repository.memberships_of_bodies(bodies, MembershipFilter())
    assert seats == {(m.person_id, m.body_id, m.role) for ms in stored.values() for m in ms}


def test_the_membership_table_names_people_as_the_caller_may_see_them(
    gql: Run, contract_seodaemun: Runner,
) -> None:
    admin = gql(TABLE, first=1000)["membershipTable"]
    public = _execute(contract_seodaemun, TABLE.replace("$first: Int", "$first: Int = 1000"))
    assert public["errors"] == []
    rows = public["data"]["membershipTable"]["rows"]
    columns = admin["columns"]
    name, hidden = columns.index("personName"), columns.index("personPseudonymous")
    people = {p.id: p for p in Repository(contract_seodaemun).people(
        [r[columns.index("personId")] for r in rows])}
    private = [r for r in rows if not people[r[columns.index("personId")]].public_figure]
    assert private, "the bundled roster has people who are not public figures"
    assert all(r[name].startswith("Person ") and r[hidden] for r in private)
    assert all(r[name] != people[r[columns.index("personId")]].name for r in private)
    assert [r[name] for r in admin["rows"]] == [people[r[columns.index("personId")]].name
                                                 for r in admin["rows"]]


def test_the_membership_table_as_of_a_date_keeps_only_seats_held_then(gql: Run) -> None:
    every = gql(TABLE, first=1000)["membershipTable"]["totalCount"]
    later = gql(TABLE, first=1000, asOf="2030-01-01")["membershipTable"]
    assert later["totalCount"] == len(later["rows"]) < every


@pytest.mark.parametrize(("document", "code"), [
    ('{ membershipTable(dataset: "nowhere") { totalCount } }', "NOT_FOUND"),
    ('{ membershipTable(dataset: "seodaemun-2021", first: 50001) { totalCount } }',
     "BAD_USER_INPUT"),
    ('{ membershipTable(dataset: "seodaemun-2021", first: -1) { totalCount } }',
     "BAD_USER_INPUT"),
])
def test_the_membership_table_refuses_what_it_cannot_answer(
    gql_errors: Run, document: str, code: str,
) -> None:
    assert [e["extensions"]["code"] for e in gql_errors(document)] == [code]


def test_govgraph_query_applies_the_configured_limits(contract_seodaemun: Runner) -> None:
    from api.execute import execute
    from govgraph.settings import Settings

    limited = Settings(max_page_size=3, centrality_exact_max_nodes=10, centrality_pivots=4,
                       centrality_error=0)
    refused = execute(contract_seodaemun, "{ people(first: 4) { totalCount } }", settings=limited)
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    method = execute(contract_seodaemun, '{ brokers(dataset: "seodaemun-2021", projection: PERSONS)'
                     " { betweennessMethod { method pivots } } }", settings=limited)
    assert method["data"]["brokers"]["betweennessMethod"] == {"method": "sampled", "pivots": 4}
