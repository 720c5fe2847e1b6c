"""A network the product has never seen answers from its own memberships."""

from __future__ import annotations

from pathlib import Path

from api.execute import execute
from graph.backends.ladybug import LadybugRunner
from ingest.package import load_dataset
from ingest.writer import ingest


def test_concentration_of_a_made_up_town(store: LadybugRunner, tiny: Path) -> None:
    ingest(store, load_dataset(tiny))
    # Ana sits on the board and the green group, Ben on the board, Cy on the green group.
    query = """query ($d: Date) { multiRoleConcentration(dataset: "riverton", asOf: $d) {
        totalPeople totalSeats buckets { bodies people } } }"""
    data = execute(store, query)["data"]["multiRoleConcentration"]
    assert data == {"totalPeople": 3, "totalSeats": 4,
                    "buckets": [{"bodies": 2, "people": 1}, {"bodies": 1, "people": 2}]}
    # Before 2021-06-01 the green group had no members yet.
    early = execute(store, query, {"d": "2021-01-01"})["data"]["multiRoleConcentration"]
    assert early == {"totalPeople": 2, "totalSeats": 2, "buckets": [{"bodies": 1, "people": 2}]}
    # After 2021-12-31 Ana has left the board.
    late = execute(store, query, {"d": "2022-01-01"})["data"]["multiRoleConcentration"]
    assert late["buckets"] == [{"bodies": 1, "people": 3}]


def test_overcommitted_members_of_a_made_up_town(store: LadybugRunner, tiny: Path) -> None:
    ingest(store, load_dataset(tiny))
    data = execute(store, """{ overcommittedMembers(dataset: "riverton", minBodies: 2) {
        nodes { bodyCount person { name } memberships { role body { name } } } } }""")["data"]
    assert data["overcommittedMembers"]["nodes"] == [{
        "bodyCount": 2, "person": {"name": "Ana"},
        "memberships": [{"role": "chair", "body": {"name": "Riverton Board"}},
                        {"role": "leader", "body": {"name": "Green Group"}}],
    }]
