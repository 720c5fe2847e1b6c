"""A body's members are read with their people in one statement: what they show is what a
lookup of each person by id shows, for every tier."""

from __future__ import annotations

import asyncio
from typing import Any

from graph.backends.ladybug import LadybugRunner
from graph.privacy import Caller
from schema import schema
from schema.context import Access, Context
from tests.schema.conftest import Run

PERSON_FIELDS = "id localId dataset name otherNames category publicFigure pseudonymous sources"
MEMBERS = ('{ body(id: "seodaemun-2021/council") { id members(first: 100) { totalCount '
           f"nodes {{ body {{ id name }} person {{ {PERSON_FIELDS} }} }} }} }} }}")




def _people_by_id(run: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 20):  # within the alias limit
        aliases = " ".join(f'p{i}: person(id: "{pid}") {{ {PERSON_FIELDS} }}'
                           for i, pid in enumerate(ids[start:start + 20]))
        found.update({p["id"]: p for p in run(f"{{ {aliases} }}").values()})
    return found


def test_members_show_the_person_a_lookup_by_id_shows(gql: Run) -> None:
    members = gql(MEMBERS)["body"]["members"]
    people = [m["person"] for m in members["nodes"]]
    assert len(people) == members["totalCount"] == 50  # the council's published size
    assert {p["id"]: p for p in people} == _people_by_id(gql, [p["id"] for p in people])
    assert {m["body"]["id"] for m in members["nodes"]} == {"seodaemun-2021/council"}


def test_members_are_named_for_the_public_tier_as_lookups_are(
    seodaemun_store: LadybugRunner,
) -> None:
    secret = b"one secret for every request of this test"

    def run(document: str) -> dict[str, Any]:  # a request at the public tier
        context = Context(seodaemun_store, Access.of(Caller(), seodaemun_store, secret))
        result = asyncio.run(schema.execute(document, context_value=context))
        assert not result.errors and result.data is not None, result.errors
        return result.data

    people = [m["person"] for m in run(MEMBERS)["body"]["members"]["nodes"]]
    assert {p["id"]: p for p in people} == _people_by_id(run, [p["id"] for p in people])
    hidden = [p for p in people if not p["publicFigure"]]
    assert hidden and all(p["pseudonymous"] and p["otherNames"] == [] for p in hidden)
