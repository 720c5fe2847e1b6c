"""At the public tier no answer re-identifies a private person: not by name, not by a cited
seed line that prints the name, not by "same name" evidence.

The documents are generated from the schema: every field reachable from a
person (through seats, bodies, trails, appearances, affiliations, possible
matches...), from every root analysis, and a path and ego network from every
private person. They run at the public tier over both bundled datasets. Each
answer is searched for the name of every private person who is named in the
store (a generated pseudonym is no name; a name a public figure also carries is
left out, since that figure is shown by name), and every ``file:line`` in it is
read in the seed documents: none may print such a name.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    Undefined,
    get_named_type,
)

from graph.backends.ladybug import LadybugRunner
from graph.privacy import Caller, Role
from schema.context import Access, Context
from schema.limits import Limits
from schema.root import make_schema
from tests.data.test_provenance import SOURCE, seed_lines

OPEN = make_schema(Limits(max_tokens=10**7, max_aliases=10**5, max_depth=100, max_cost=10**15))
"""The schema without the request limits: these documents ask for everything at once."""
HOPS = 3
"""Entities walked from each person (a connection, its edges and page info are no hop)."""
ROOT_ARGUMENTS = {"dataset": '"seoul-2017"', "minBodies": "1", "minShared": "1",
                  "from": '"2000-01-01"', "to": '"2030-01-01"', "body": '"seoul-2017/council"'}
"""Required arguments of the root fields (an enum takes its first value)."""
SKIPPED_ROOT = {"person", "body", "organization", "project", "post", "meeting", "path",
                "egoNetwork", "people", "bodies", "organizations", "projects", "posts",
                "meetings", "datasets"}
"""Root fields crawled otherwise (from each person) or holding no person."""


def _selection(kind: GraphQLObjectType, hops: int, seen: tuple[str, ...] = ()) -> str:
    parts = []
    for name, field in kind.fields.items():
        if any(_required(a) for a in field.args.values()):
            continue
        inner = get_named_type(field.type)
        if isinstance(inner, (GraphQLScalarType, GraphQLEnumType)):
            parts.append(name)
        elif isinstance(inner, GraphQLObjectType):
            wrapper = inner.name.endswith(("Connection", "Edge")) or inner.name == "PageInfo"
            if not wrapper and (hops == 0 or inner.name in seen[-1:]):
                continue
            below = _selection(inner, hops if wrapper else hops - 1,
                               seen if wrapper else (*seen, inner.name))
            if below:
                parts.append(f"{name} {{ {below} }}")
    return " ".join(parts)


def _required(argument: Any) -> bool:
    return isinstance(argument.type, GraphQLNonNull) and argument.default_value is Undefined


def _root_field(name: str, field: GraphQLField) -> str | None:
    given = []
    for argument_name, argument in field.args.items():
        if _required(argument):
            kind = get_named_type(argument.type)
            if isinstance(kind, GraphQLEnumType):  # its first value, whatever it is named,
                # but the one-mode network of people where a field takes a projection: the
                # analyses that refuse the two-mode one, and where private names would be
                value = "PERSONS" if "PERSONS" in kind.values else next(iter(kind.values))
                given.append(f"{argument_name}: {value}")
            elif argument_name in ROOT_ARGUMENTS:
                given.append(f"{argument_name}: {ROOT_ARGUMENTS[argument_name]}")
            else:
                return None
        elif argument_name == "first":
            given.append("first: 1000")
    inner = get_named_type(field.type)
    below = _selection(inner, HOPS, (inner.name,)) if isinstance(inner, GraphQLObjectType) else ""
    arguments = f"({', '.join(given)})" if given else ""
    return f"{name}{arguments} {{ {below} }}" if below else None


PERSON_FIELDS = _selection(OPEN._schema.type_map["Person"], HOPS, ("Person",))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def public(seoul_store: LadybugRunner) -> Iterator[Any]:
    def ask(document: str) -> str:
        context = Context(seoul_store, Access.of(Caller(Role.PUBLIC), seoul_store,
                                                 secrets.token_bytes(16)))
        result = asyncio.run(OPEN.execute(document, context_value=context))
        assert not result.errors, (document[:300], result.errors[:3])
        return json.dumps(result.data, ensure_ascii=False)

    yield ask


@pytest.fixture(scope="module")
def private_names(seoul_store: LadybugRunner) -> dict[str, str]:
    """Private people named in the store, by id, minus names a public figure carries."""
    with seoul_store._lock:
        found = seoul_store._conn.execute(
            "MATCH (p:Person) RETURN p.id, p.name, p.other_names, p.public_figure, "
            "p.pseudonymous").get_all()
    public_names = {n for _, name, others, figure, _ in found if figure
                    for n in [name, *(others or [])]}
    named = {pid: name for pid, name, _, figure, pseudonymous in found
             if not figure and not pseudonymous and name not in public_names}
    assert len(named) > 100
    return named


def _leaks(answer: str, names: dict[str, str]) -> list[str]:
    found = [f"name {name} ({pid})" for pid, name in names.items() if name in answer]
    lines: dict[str, list[str]] = {}
    for cited in set(re.findall(r"[\w.-]+\.txt:\d+(?:-\d+)?", answer)):
        match = SOURCE.match(cited)
        assert match, cited
        if match["file"] not in lines:
            lines[match["file"]] = seed_lines(match["file"])
        first = int(match["first"])
        text = " ".join(lines[match["file"]][first - 1:int(match["last"] or first)])
        found += [f"line {cited} prints {name} ({pid})" for pid, name in names.items()
                  if name in text]
    return sorted(found)


def test_every_field_reachable_from_every_person_withholds_private_names_and_lines(
    public: Any, private_names: dict[str, str],
) -> None:
    answer = public(f"{{ people(first: 1000) {{ totalCount nodes {{ {PERSON_FIELDS} }} }} }}")
    assert json.loads(answer)["people"]["totalCount"] == len(json.loads(answer)["people"]["nodes"])
    assert _leaks(answer, private_names) == []


def test_every_root_analysis_withholds_private_names_and_lines(
    public: Any, private_names: dict[str, str],
) -> None:
    fields = [_root_field(name, field)
              for name, field in OPEN._schema.query_type.fields.items()  # type: ignore[union-attr]
              if name not in SKIPPED_ROOT]
    document = "{ " + " ".join(f for f in fields if f) + " }"
    assert "brokers" in document and "actorConcentration" in document
    assert _leaks(public(document), private_names) == []


def test_paths_and_ego_networks_of_private_people_withhold_names_and_lines(
    public: Any, private_names: dict[str, str],
) -> None:
    path = _selection(OPEN._schema.type_map["Path"], HOPS, ("Path",))  # type: ignore[arg-type]
    ego = _selection(OPEN._schema.type_map["Network"], HOPS, ("Network",))  # type: ignore[arg-type]
    ids = sorted(private_names)
    for start in range(0, len(ids), 25):
        document = "{ " + " ".join(
            f'p{i}: path(from: "{pid}", to: "seoul-2017/council") {{ {path} }} '
            f'e{i}: egoNetwork(id: "{pid}", depth: 2) {{ {ego} }}'
            for i, pid in enumerate(ids[start:start + 25])) + " }"
        assert _leaks(public(document), private_names) == []


def test_no_possible_match_names_a_private_person(public: Any,
                                                  private_names: dict[str, str]) -> None:
    """Found by the crawl: "same name" beside a public figure's name named the private one."""
    answer = json.loads(public(
        "{ people(first: 1000) { nodes { id publicFigure possibleMatches { reason person { "
        "id publicFigure } } } } }"))
    for person in answer["people"]["nodes"]:
        for match in person["possibleMatches"]:
            assert person["publicFigure"] and match["person"]["publicFigure"], person["id"]
