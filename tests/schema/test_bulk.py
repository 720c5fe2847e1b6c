"""Lists of plain objects completed in bulk answer exactly as graphql-core completes them,
whatever is asked, at every tier, errors included."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import strawberry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.privacy import Caller, Role
from graph.runner import Runner
from schema.bulk import BulkExecution
from schema.context import Access, Context
from schema.lean import LeanExecution, lean_resolvers
from schema.limits import Limits
from schema.root import make_schema

SECRET = b"the same pseudonyms for both executions"
LIMITS = Limits(max_cost=10**8, max_depth=20, max_aliases=100)
BULK = make_schema(LIMITS, execution=BulkExecution)
GENERAL = make_schema(LIMITS, execution=LeanExecution)

PERSON = ["id", "name", "pseudonymous", "publicFigure", "canonicalId", "otherNames",
          "__typename", "confidence", "category", "sources", "gender", "alias: name",
          "name @include(if: false)", "... on Person { localId }", "ids"]
"""Plain fields, and some that are not: a list, an awaitable (``gender``), a field the
public tier withholds (``sources``), an alias, a directive, a fragment."""
SEAT = ["id", "role", "startDate", "endDate", "__typename", "confidence", "label",
        "memberCategory", "body { id name }", "area { id }", "onBehalfOf { startDate }",
        "sources", "alias: role", "role @skip(if: false)", "...seat"]
BODY = ["id", "name", "__typename", "classification", "capacity", "foundingDate",
        "parent { id name }", "sources", "n: name", "memberCount",
        "few: members(first: 2) { totalCount nodes { role person { name } } }",
        "bad: members(first: -1) { totalCount }", "sameAs { id }",
        "children(first: 2) @include(if: true) { nodes { id } }"]
"""Besides plain fields, fields graphql-core executes within a planned list: arguments,
awaitables, a list, a directive, and an error (a negative page) in a field that may not be
null, which takes its item, and so the whole list, with it."""
FRAGMENT = "fragment seat on Membership { id endDate }"


def seat_selection(draw: st.DrawFn) -> str:
    fields = draw(st.lists(st.sampled_from(SEAT), min_size=1, max_size=8, unique=True))
    person = draw(st.lists(st.sampled_from(PERSON), max_size=6, unique=True))
    if person:
        fields.append(f"person {{ {' '.join(person)} }}")
    return " ".join(fields)


@st.composite
def documents(draw: st.DrawFn) -> str:
    seats = seat_selection(draw)
    if draw(st.booleans()):
        body = draw(st.lists(st.sampled_from(BODY), max_size=5, unique=True))
        edges = draw(st.booleans())
        page = (f"edges {{ cursor node {{ {seats} }} }}" if edges else f"nodes {{ {seats} }}")
        document = (f"{{ bodies(first: 40) {{ nodes {{ {' '.join(body)} "
                    f"members(first: 60) {{ totalCount {page} }} }} }} }}")
    else:
        document = (f"{{ people(first: 40) {{ nodes {{ id name "
                    f"memberships(first: 20) {{ nodes {{ {seats} }} }} }} }} }}")
    return f"{document} {FRAGMENT}" if "...seat" in document else document


def answer(schema: Any, runner: Runner, role: Role, document: str) -> dict[str, Any]:
    context = Context(runner, Access.of(Caller(role, "test"), runner, SECRET))
    result = asyncio.run(schema.execute(document, context_value=context))
    # When a field that may not be null fails in every item, the answer reports the item
    # whose reads finished first (graphql-core's own execution varies from run to run): the
    # items' indexes are left out of the paths compared.
    return {"data": result.data,
            "errors": sorted((e.message, tuple("#" if isinstance(key, int) else key
                                               for key in e.path or ()))
                             for e in result.errors or [])}


def test_any_selection_answers_as_graphql_core_does(contract_seoul: Runner) -> None:
    # The executors differ, not the stores: the embedded store, which answers faster, gets
    # most of the examples.
    @settings(max_examples=30 if contract_seoul.backend == "ladybug" else 8, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(document=documents(),
           role=st.sampled_from([Role.PUBLIC, Role.ANALYST, Role.ADMIN]))
    def same_answers(document: str, role: Role) -> None:
        assert (answer(BULK, contract_seoul, role, document)
                == answer(GENERAL, contract_seoul, role, document))

    same_answers()


def test_plain_lists_are_completed_in_bulk(contract_seoul: Runner,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    completed: list[Any] = []
    complete = BulkExecution._complete

    def counting(self: BulkExecution, *args: Any) -> Any:
        value = complete(self, *args)
        completed.append(value)
        return value

    monkeypatch.setattr(BulkExecution, "_complete", counting)
    data = answer(BULK, contract_seoul, Role.ANALYST,
                  "{ bodies(first: 40) { nodes { members(first: 60) { nodes { role "
                  "person { name } } } } } }")["data"]
    seats = [s for b in data["bodies"]["nodes"] for s in b["members"]["nodes"]]
    assert len(seats) > 50
    # each seat, and within it its person, was completed by a plan
    assert sorted((c for c in completed if "role" in c), key=repr) == sorted(seats, key=repr)
    assert sorted((c for c in completed if "name" in c), key=repr) == sorted(
        (s["person"] for s in seats), key=repr)


def test_an_item_needing_a_loader_is_handed_back_with_the_others_in_one_batch(
        contract_seoul: Runner) -> None:
    reads: list[str] = []

    class Recording:
        def read(self, name: str, params: Any = None) -> Any:
            reads.append(name)
            return contract_seoul.read(name, params)

        def __getattr__(self, name: str) -> Any:
            return getattr(contract_seoul, name)

    runner: Any = Recording()
    data = answer(BULK, runner, Role.ANALYST,
                  "{ people(first: 60) { nodes { memberships(first: 20) { nodes { role "
                  "body { name } } } } } }")["data"]
    assert sum(len(p["memberships"]["nodes"]) for p in data["people"]["nodes"]) > 20
    assert reads.count("bodies_by_ids") + reads.count("body_by_id") == 1



@strawberry.type(name="Seat")
class AwaitedSeat:
    role: str
    since: int | None


async def awaited_seat(role: str) -> AwaitedSeat:
    return AwaitedSeat(role=role, since=None)


@strawberry.type(name="Query")
class SeatsQuery:
    @strawberry.field
    def seats(self) -> list[AwaitedSeat | None]:
        """A list whose items are awaitables, and a null among them."""
        return [awaited_seat("chair"), None, awaited_seat("member")]  # type: ignore[list-item]


def test_a_list_of_awaitables_is_awaited_item_by_item_as_graphql_core_does() -> None:
    def run(execution: type[LeanExecution]) -> Any:
        built = strawberry.Schema(query=SeatsQuery, execution_context_class=execution)
        lean_resolvers(built)
        result = asyncio.run(built.execute("{ seats { role since __typename } }"))
        return result.data, result.errors

    assert run(BulkExecution) == run(LeanExecution) == (
        {"seats": [{"role": "chair", "since": None, "__typename": "Seat"}, None,
                   {"role": "member", "since": None, "__typename": "Seat"}]}, None)
