"""What a request read is let go as soon as its answer is made, not at the garbage
collector's next pass (graphql-core's executor refers to itself, so the execution and
all it reached would otherwise wait for it)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator

import pytest

from graph.privacy import Caller, Role
from graph.records import MembershipRecord, PersonRecord
from graph.runner import Runner
from schema.context import Access, Context
from schema.root import schema

DOCUMENT = ("{ bodies(first: 100) { nodes { name members(first: 200) { nodes { role "
            "person { name } } } } } people(first: 50) { nodes { name "
            "memberships { nodes { role body { name } } } } } }")


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def records_alive() -> int:
    return len([o for o in gc.get_objects() if isinstance(o, (MembershipRecord, PersonRecord))])


def test_the_records_of_an_answer_are_freed_with_it(contract_seoul: Runner,
                                                    collector_off: None) -> None:
    before = records_alive()
    context = Context(contract_seoul, Access.of(Caller(Role.ANALYST, "test"), contract_seoul,
                                                b"a secret of this test"))
    result = asyncio.run(schema.execute(DOCUMENT, context_value=context))
    assert not result.errors and result.data is not None
    seats = sum(len(b["members"]["nodes"]) for b in result.data["bodies"]["nodes"])
    assert seats > 100
    assert records_alive() - before < 10
    assert vars(context.loaders) == {"repository": context.repository}
