"""No cursor or integer argument crashes the server: each is answered or refused with a code.

The server runs in a subprocess (``govgraph serve`` on a store holding both
bundled datasets), so a crash inside the store library fails the test instead
of killing pytest: every answer must come back, and the server must still be
up after the last one. Cursors are drawn as offsets across the whole integer
range (the embedded engine segfaulted when a sorted listing skipped far past
its end, and its binding failed on offsets near 2**63) and as arbitrary text;
integers across and beyond GraphQL's 32-bit ``Int``, and as floats.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLNonNull,
    GraphQLObjectType,
    Undefined,
    get_named_type,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.server import build_store, serving
from schema.root import schema

REFUSED_CODES = {"BAD_USER_INPUT", "NOT_FOUND", "GRAPHQL_VALIDATION_FAILED",
                 "QUERY_TOO_COMPLEX"}
"""What a bad argument may be answered with; never INTERNAL_SERVER_ERROR or STORE_ERROR."""

PARENTS = {"Query": "{{ {field} }}",
           "Body": "{{ bodies(first: 3) {{ nodes {{ {field} }} }} }}",
           "Organization": "{{ organizations(first: 3) {{ nodes {{ {field} }} }} }}",
           "Person": "{{ people(first: 3) {{ nodes {{ {field} }} }} }}",
           "Project": "{{ projects(first: 3) {{ nodes {{ {field} }} }} }}"}
"""How each type holding a paged field is reached from the root."""

REQUIRED = {"dataset": '"seoul-2017"', "minBodies": "2", "minShared": "1",
            "id": '"seoul-2017/council"', "personId": '"seoul-2017/no-such-person"',
            "bodyId": '"seoul-2017/council"', "role": '"member"'}
"""Values of the required arguments of the paged and integer fields (an enum takes its
first value)."""


def _fields() -> list[tuple[str, str, dict[str, Any]]]:
    """``(type, field, integer arguments)`` of every field taking ``after`` or an ``Int``."""
    found = []
    for name, kind in sorted(schema._schema.type_map.items()):
        if name.startswith("__") or not isinstance(kind, GraphQLObjectType):
            continue
        for field_name, field in kind.fields.items():
            ints = {a: arg for a, arg in field.args.items()
                    if get_named_type(arg.type).name == "Int"}
            if "after" in field.args or ints:
                found.append((name, field_name, ints))
    return found


FIELDS = _fields()
PAGED = [(kind, name) for kind, name, _ in FIELDS if name != "after"
         and "after" in schema._schema.type_map[kind].fields[name].args]  # type: ignore[union-attr]
INTEGERS = [(kind, name, argument) for kind, name, ints in FIELDS for argument in ints]


def _required_value(name: str, argument: GraphQLArgument) -> str:
    kind = get_named_type(argument.type)
    return str(next(iter(kind.values))) if isinstance(kind, GraphQLEnumType) else REQUIRED[name]


def _document(kind: str, name: str, variables: dict[str, str]) -> str:
    field = schema._schema.type_map[kind].fields[name]  # type: ignore[union-attr]
    given = [f"{a}: ${a}" for a in variables]
    given += [f"{a}: {_required_value(a, arg)}" for a, arg in field.args.items()
              if a not in variables and isinstance(arg.type, GraphQLNonNull)
              and arg.default_value is Undefined]
    returned = get_named_type(field.type)
    selection = ("{ totalCount pageInfo { hasNextPage endCursor } }"
                 if isinstance(returned, GraphQLObjectType) and "pageInfo" in returned.fields
                 else "{ __typename }" if isinstance(returned, GraphQLObjectType) else "")
    body = PARENTS[kind].format(field=f"{name}({', '.join(given)}) {selection}")
    declared = ", ".join(f"${a}: {t}" for a, t in variables.items())
    return f"query({declared}) {body}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("crash") / "db"
    build_store(store)
    with serving(store, {"GOVGRAPH_ANALYSIS_WORKERS": "1"}) as url:
        yield url


def _ask(url: str, document: str, variables: dict[str, Any]) -> dict[str, Any]:
    """The answer, which must come: a dead server fails here."""
    response = httpx.post(f"{url}/graphql", json={"query": document, "variables": variables},
                          timeout=60)
    answer: dict[str, Any] = response.json()
    assert answer.get("data") is not None or answer["errors"][0]["extensions"]["code"] != (
        "GRAPHQL_VALIDATION_FAILED"), (document, answer)  # the document itself must be valid
    for error in answer.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert code in REFUSED_CODES, (document, variables, answer)
    return answer


def cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


offsets = st.one_of(st.integers(0, 2**70), st.integers(0, 100_000),
                    st.sampled_from([2**31 - 2, 2**31 - 1, 2**31, 2**32, 2**63 - 2, 2**63 - 1,
                                     2**63, 2**64]))
cursors = st.one_of(offsets.map(cursor), st.text(max_size=40),
                    st.integers(-(2**70), -1).map(cursor),
                    st.binary(max_size=30).map(lambda b: base64.urlsafe_b64encode(b).decode()))
integers = st.one_of(st.integers(-(2**31), 2**31 - 1), st.integers(-(2**70), 2**70),
                     st.sampled_from([0, 1, -1, 2**31 - 1, 2**31, -(2**31) - 1, 2**63]),
                     st.floats(allow_nan=False, allow_infinity=False), st.just(1000.0))


def test_every_paged_field_is_fuzzed() -> None:
    """A paged field added to the schema is covered here (or this test names it)."""
    assert {kind for kind, _ in PAGED} <= set(PARENTS)
    assert {"people", "bodies", "organizations", "projects", "posts", "meetings",
            "membershipTable", "members", "memberships"} <= {name for _, name in PAGED}


@pytest.mark.parametrize(("kind", "name"), PAGED, ids=[f"{k}.{n}" for k, n in PAGED])
@settings(max_examples=25, deadline=None, database=None, derandomize=True)
@given(after=cursors, first=st.one_of(st.none(), integers))
def test_no_cursor_crashes_a_paged_field(server: str, kind: str, name: str, after: str,
                                         first: Any) -> None:
    _ask(server, _document(kind, name, {"after": "String", "first": "Int"}),
         {"after": after, "first": first})


@pytest.mark.parametrize(("kind", "name", "argument"), INTEGERS,
                         ids=[f"{k}.{n}.{a}" for k, n, a in INTEGERS])
@settings(max_examples=15, deadline=None, database=None, derandomize=True)
@given(value=integers)
def test_no_integer_argument_crashes(server: str, kind: str, name: str, argument: str,
                                     value: Any) -> None:
    _ask(server, _document(kind, name, {argument: "Int"}), {argument: value})


def test_an_offset_past_the_end_answers_an_empty_page(server: str) -> None:
    """Found here: the store crashed the process skipping 10,000 past a list's end."""
    for field in ("people", "bodies", "meetings"):
        answer = _ask(server, _document("Query", field, {"after": "String"}),
                      {"after": cursor(1_000_000)})
        page = answer["data"][field]
        assert page["pageInfo"] == {"hasNextPage": False, "endCursor": None}
        assert page["totalCount"] < 1_000_000


def test_an_offset_beyond_the_int_range_is_refused_with_a_code(server: str) -> None:
    answer = _ask(server, _document("Query", "people", {"after": "String"}),
                  {"after": cursor(2**63 - 2)})
    assert answer["data"] is None
    assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "out of range" in answer["errors"][0]["message"]


def test_the_server_is_still_up(server: str) -> None:
    """Run last in this module: every answer above came from one server process."""
    assert httpx.get(f"{server}/health", timeout=10).status_code == 200
