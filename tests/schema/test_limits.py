"""Aliases, depth and cost are counted with every fragment spread expanded, each fragment
walked once; an ``Int`` variable sent as a float is refused."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from graphql import parse

from api.execute import execute
from graph.backends.ladybug import LadybugRunner
from schema.limits import Limits, operation_cost
from schema.root import schema

T = TypeVar("T")
WITHIN = 30.0
"""Seconds a refusal may take before the test calls it a freeze (it takes milliseconds;
walking every path of the documents below would take years)."""


def bomb(levels: int, leaf: str = "__typename") -> str:
    """``levels`` fragments, each spreading the next twice: ``2**levels`` expanded leaves."""
    fragments = "\n".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}"
                          for i in range(levels))
    return f"{{ ...F0 }}\n{fragments}\nfragment F{levels} on Query {{ {leaf} }}"


def within(compute: Callable[[], T]) -> T:
    """What ``compute`` returns, which must come within :data:`WITHIN` seconds."""
    found: list[T] = []
    worker = threading.Thread(target=lambda: found.append(compute()), daemon=True)
    worker.start()
    worker.join(WITHIN)
    assert not worker.is_alive(), "froze"
    return found[0]


def answer_within(runner: LadybugRunner, document: str,
                  variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """The answer, which must come within :data:`WITHIN` seconds."""
    return within(lambda: execute(runner, document, variables))


def codes(answer: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in answer.get("errors", [])]


def test_the_fragment_doubling_bomb_is_refused_as_too_complex(
    seodaemun_store: LadybugRunner,
) -> None:
    document = bomb(24)
    assert len(document.encode()) < 1000
    answer = answer_within(seodaemun_store, document)
    assert answer["data"] is None
    assert codes(answer) == ["QUERY_TOO_COMPLEX"]
    assert f"costs {2**24}" in answer["errors"][0]["message"]


def test_a_bomb_of_sixty_levels_is_costed_exactly_and_at_once() -> None:
    document = parse(bomb(60))
    assert within(lambda: operation_cost(schema._schema, document, {})) == 2**60


def test_aliases_in_a_fragment_count_each_time_it_is_spread(
    seodaemun_store: LadybugRunner,
) -> None:
    answer = answer_within(seodaemun_store, bomb(40, "a: __typename"))
    assert codes(answer) == ["ALIAS_LIMIT"]
    assert f"{2**40} aliases" in answer["errors"][0]["message"]


def test_depth_counts_through_fragments(seodaemun_store: LadybugRunner) -> None:
    nested = "people(first: 1) { nodes { memberships(first: 1) { nodes { body { ...D } } } } }"
    document = (f"{{ ...Top }} fragment Top on Query {{ {nested} }} "
                f"fragment D on Body {{ parent {{ parent {{ parent {{ parent {{ parent {{ "
                f"parent {{ parent {{ parent {{ parent {{ id }} }} }} }} }} }} }} }} }} }}")
    assert codes(answer_within(seodaemun_store, document)) == ["DEPTH_LIMIT"]
    shallow = ("{ ...Top } fragment Top on Query { people(first: 1) { nodes { ...P ...P } } } "
               "fragment P on Person { memberships(first: 1) { nodes { body { id } } } }")
    assert "errors" not in answer_within(seodaemun_store, shallow)
    assert Limits().max_depth == 12


def test_a_float_for_an_int_variable_is_refused(seodaemun_store: LadybugRunner) -> None:
    document = "query($f: Int) { people(first: $f) { nodes { id } } }"
    answer = answer_within(seodaemun_store, document, {"f": 1000.0})
    assert answer["data"] is None
    assert codes(answer) == ["BAD_USER_INPUT"]
    assert "$f" in answer["errors"][0]["message"]
    assert "errors" not in answer_within(seodaemun_store, document, {"f": 10})


def test_a_float_inside_a_list_or_input_object_is_refused(
    seodaemun_store: LadybugRunner,
) -> None:
    document = "query($y: [Int!]) { projects(filter: {years: $y}) { totalCount } }"
    answer = answer_within(seodaemun_store, document, {"y": [2021, 2021.0]})
    assert codes(answer) == ["BAD_USER_INPUT"]
    assert "$y[1]" in answer["errors"][0]["message"]


def test_a_variable_default_is_costed_at_its_value() -> None:
    document = parse("query($f: Int = 1000) { people(first: $f) { nodes { memberships("
                     "first: 1000) { nodes { id } } } } }")
    assert operation_cost(schema._schema, document, {}) > 1000 * 1000
    assert operation_cost(schema._schema, document, {"f": 1}) < 2 * 1000 + 10
