"""A page of a body's members that asks only for names and roles is read by a brief
statement, and answers exactly as the full read does, at every tier."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.privacy import Caller, Role
from graph.runner import Params, Row, Runner
from schema.context import Access, Context
from schema.root import schema

SEAT = ["__typename", "id", "role", "startDate", "endDate"]
PERSON = ["__typename", "id", "localId", "dataset", "category", "publicFigure", "canonicalId",
          "name", "pseudonymous"]
SECRET = b"the same pseudonyms for both reads"


class Recording:
    """A runner that remembers the statements it reads."""

    def __init__(self, runner: Runner) -> None:
        self.runner, self.read_names = runner, list[str]()

    def read(self, name: str, params: Params | None = None) -> list[Row]:
        self.read_names.append(name)
        return self.runner.read(name, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.runner, name)


def answer(runner: Runner, role: Role, document: str) -> tuple[dict[str, Any], list[str]]:
    """The data of ``document`` at ``role``'s tier, and the statements it read."""
    recording = Recording(runner)
    spy = cast("Runner", recording)
    context = Context(spy, Access.of(Caller(role, "test"), spy, SECRET))
    result = asyncio.run(schema.execute(document, context_value=context))
    assert not result.errors, result.errors
    assert result.data is not None
    return result.data, recording.read_names


def members(item: str, edges: bool, extra: str = "") -> str:
    seat = f"{{ {item} {extra} }}"
    page = f"edges {{ cursor node {seat} }}" if edges else f"nodes {seat}"
    return ("{ bodies(first: 60) { nodes { id members(first: 150) { totalCount "
            f"{page} }} }} }} }}")


def without_label(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: without_label(value) for key, value in data.items() if key != "label"}
    if isinstance(data, list):
        return [without_label(value) for value in data]
    return data


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seat=st.lists(st.sampled_from(SEAT), unique=True),
       person=st.lists(st.sampled_from(PERSON), unique=True), edges=st.booleans(),
       role=st.sampled_from([Role.PUBLIC, Role.ANALYST]))
def test_names_and_roles_are_read_briefly_and_answer_as_the_full_read(
        contract_seoul: Runner, seat: list[str], person: list[str], edges: bool,
        role: Role) -> None:
    item = " ".join(seat) + (f" person {{ {' '.join(person)} }}" if person else "")
    item = item.strip() or "id"
    brief, brief_reads = answer(contract_seoul, role, members(item, edges))
    full, full_reads = answer(contract_seoul, role, members(item, edges, "label"))
    assert "memberships_of_bodies_brief" in brief_reads
    assert "memberships_of_bodies_brief" not in full_reads
    assert brief == without_label(full)
    assert sum(len(b["members"]["edges" if edges else "nodes"])
               for b in brief["bodies"]["nodes"]) > 50


@pytest.mark.parametrize("asks", [
    "role label", "role memberCategory", "sources", "confidence", "onBehalfOf { partyId }",
    "person { otherNames }", "person { sources }", "person { confidence }",
    "person { sameAs { id } }", "... on Membership { role }", "role @include(if: true)",
    "person { ... on Person { name } }",
])
def test_a_page_asking_for_anything_else_is_read_in_full(contract_seoul: Runner,
                                                          asks: str) -> None:
    _, reads = answer(contract_seoul, Role.ANALYST, members(asks, edges=False))
    assert "memberships_of_bodies" in reads
    assert "memberships_of_bodies_brief" not in reads


class Overlapping:
    """A runner whose body read waits (up to 10 s) for the members read to begin."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.members_began = threading.Event()
        self.overlapped: bool | None = None

    def read(self, name: str, params: Params | None = None) -> list[Row]:
        if name == "memberships_of_bodies_brief":
            self.members_began.set()
        elif name in ("body_by_id", "bodies_by_ids"):
            self.overlapped = self.members_began.wait(timeout=10)
        return self.runner.read(name, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.runner, name)


def test_one_body_and_its_members_are_read_at_once(contract_seoul: Runner) -> None:
    body_id = contract_seoul.read("bodies_list", {
        "dataset": "", "name": "", "classifications": [], "skip": 0, "limit": 1})[0]["id"]
    overlapping = Overlapping(contract_seoul)
    spy = cast("Runner", overlapping)
    context = Context(spy, Access.of(Caller(Role.ANALYST, "test"), spy, SECRET))
    result = asyncio.run(schema.execute(
        "query ($id: ID!) { body(id: $id) { name members(first: 50) { nodes { role "
        "person { name } } } } }", variable_values={"id": body_id}, context_value=context))
    assert not result.errors and result.data is not None
    assert result.data["body"]["members"]["nodes"]
    assert overlapping.overlapped is True
