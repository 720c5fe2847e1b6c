"""A small network built by hand, whose answers the tests work out by hand.

People a-f, bodies B1 (council), B2 (subcommittee), B3 and B4 (working groups)::

    a: B1 chair, B2 member        b: B1 member
    c: B2 chair, B3 member        d: B3 leader, B4 member
    e: B4 member                  f: B4 member

The person projection is the chain b - a - c - d with the triangle d - e - f;
the body projection is the chain B1 - B2 - B3 - B4.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.backends.ladybug import LadybugRunner
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.ingest.conftest import write_dataset

SEATS = [("a", "B1", "chair"), ("a", "B2", "member"), ("b", "B1", "member"),
         ("c", "B2", "chair"), ("c", "B3", "member"), ("d", "B3", "leader"),
         ("d", "B4", "member"), ("e", "B4", "member"), ("f", "B4", "member")]
BODIES = [("B1", "council"), ("B2", "subcommittee"), ("B3", "working_group"),
          ("B4", "working_group")]


def hand_tables(seats: list[tuple[str, str, str]] = SEATS, extra: dict[str, str] | None = None
                ) -> dict[str, str]:
    people = sorted({p for p, _, _ in seats})
    return {
        "bodies.csv": "id,name,classification,sources,confidence\n" + "".join(
            f"{b},Body {b},{kind},hand.txt:1,stated\n" for b, kind in BODIES),
        "people.csv": "id,name,sources,confidence\n" + "".join(
            f"{p},Person {p.upper()},hand.txt:2,stated\n" for p in people),
        "memberships.csv": "id,person_id,body_id,role,member_category,sources,confidence\n"
        + "".join(f"{p}-{b},{p},{b},{role},private,hand.txt:3,stated\n" for p, b, role in seats),
        **(extra or {}),
    }


def hand_id(local: str) -> str:
    return f"hand/{local}"


@pytest.fixture
def hand(store: LadybugRunner, tmp_path: Path) -> LadybugRunner:
    """The store with the hand-built network loaded as dataset ``hand``."""
    ingest(store, load_dataset(write_dataset(tmp_path / "hand", hand_tables(), name="hand")))
    return store
