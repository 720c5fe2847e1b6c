"""Fields resolved directly (``schema.lean``) answer as strawberry's own resolvers do."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import strawberry
from strawberry.extensions import FieldExtension

from graph.backends.ladybug import LadybugRunner
from graph.privacy import Caller, Role
from schema.context import Access, Context
from schema.errors import ErrorCodes
from schema.lean import LeanExecution, lean_resolvers
from schema.limits import Limits, extensions
from schema.root import GovgraphSchema, Query, make_schema

NESTED = """{
  bodies(filter: {dataset: "seodaemun-2021"}, first: 40) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name classification confidence sources capacity
      parent { name } leadOrganization { name }
      members(first: 100) { totalCount nodes { id role memberCategory startDate confidence
        body { id } person { id name otherNames pseudonymous publicFigure canonicalId
          sameAs { id } bodyCount } } } } }
  }
  people(filter: {dataset: "seodaemun-2021"}, first: 60) {
    nodes { name memberships { nodes { role body { name memberCount } } } }
  }
  datasets { id title }
}"""


def _answer(schema: GovgraphSchema, runner: LadybugRunner, caller: Caller) -> Any:
    secret = b"the same secret for both schemas"
    context = Context(runner, Access.of(caller, runner, secret))
    result = asyncio.run(schema.execute(NESTED, context_value=context))
    assert not result.errors, result.errors
    return result.data


def test_lean_and_wrapped_resolvers_give_the_same_answer(
    seodaemun_store: LadybugRunner,
) -> None:
    lean = make_schema()
    wrapped = GovgraphSchema(query=Query, extensions=[*extensions(Limits()), ErrorCodes])
    for caller in (Caller(), Caller(Role.ADMIN)):
        answer = _answer(lean, seodaemun_store, caller)
        assert answer["bodies"]["edges"] and answer["people"]["nodes"]
        assert answer == _answer(wrapped, seodaemun_store, caller)


def test_every_field_without_extensions_is_resolved_directly() -> None:
    schema = make_schema()
    assert lean_resolvers(schema) > 0  # again: every eligible field is replaced again
    body = schema._schema.type_map["Body"].fields  # type: ignore[union-attr]
    assert {body[name].resolve.__module__ for name in ("members", "parent", "name")} == {
        "schema.lean"}


def test_fields_with_extensions_keep_strawberrys_resolver() -> None:
    class Doubled(FieldExtension):
        def resolve(self, next_: Any, source: Any, info: Any, **kwargs: Any) -> Any:
            return 2 * next_(source, info, **kwargs)

    @strawberry.type
    class Root:
        @strawberry.field(extensions=[Doubled()])
        def twice(self, n: int) -> int:
            return n

    schema = strawberry.Schema(query=Root, execution_context_class=LeanExecution)
    assert lean_resolvers(schema) == 0
    assert asyncio.run(schema.execute("{ twice(n: 21) }")).data == {"twice": 42}


def test_arguments_converted_once_are_those_of_their_field_node(
    seodaemun_store: LadybugRunner,
) -> None:
    document = """query ($role: String!) { bodies(filter: {dataset: "seodaemun-2021"}, first: 40) {
      nodes { a: members(first: 2) { nodes { id } } b: members(first: 3) { nodes { id } }
        chairs: members(filter: {roles: [$role]}) { nodes { role } } } } }"""
    schema, context = make_schema(), Context(seodaemun_store)

    async def twice() -> list[Any]:  # one context: the second run must not reuse the first's
        return [await schema.execute(document, variable_values={"role": role},
                                     context_value=context) for role in ("chair", "member")]

    result, again = asyncio.run(twice())
    assert not result.errors and result.data is not None
    nodes = result.data["bodies"]["nodes"]
    assert {len(n["a"]["nodes"]) for n in nodes} <= {0, 1, 2}
    assert max(len(n["b"]["nodes"]) for n in nodes) == 3
    assert {m["role"] for n in nodes for m in n["chairs"]["nodes"]} == {"chair"}
    assert again.data is not None
    assert {m["role"] for n in again.data["bodies"]["nodes"]
            for m in n["chairs"]["nodes"]} == {"member"}


@strawberry.type
class _Item:
    count: int
    label: str | None

    @strawberry.field
    def doubled(self) -> int:
        return self.count * 2

    @strawberry.field
    async def later(self) -> int:
        return self.count


@strawberry.type
class _Query:
    @strawberry.field
    def items(self) -> list[_Item | None]:
        return [_Item(count=1, label="one"), _Item(count=None, label=None),  # type: ignore[arg-type]
                _Item(count="many", label=None)]  # type: ignore[arg-type]


@pytest.mark.parametrize("document", ["{ items { count label doubled later } }",
                                      "{ items { label doubled } }", "{ items { later } }"])
def test_leaf_errors_are_reported_as_without_the_lean_path(document: str) -> None:
    plain = strawberry.Schema(query=_Query)
    lean = strawberry.Schema(query=_Query, execution_context_class=LeanExecution)
    assert lean_resolvers(lean) == 5
    expected = asyncio.run(plain.execute(document))
    got = asyncio.run(lean.execute(document))
    assert got.data == expected.data and got.data is not None
    assert [(e.message, e.path) for e in got.errors or []] == [
        (e.message, e.path) for e in expected.errors or []]
    assert len(expected.errors or []) == 2  # one each for the second and third items
