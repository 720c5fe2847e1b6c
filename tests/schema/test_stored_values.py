"""A value the schema does not allow, written into the store outside ingest's rules (an
older version, a hand edit), is an error of the item holding it: STORED_VALUE_INVALID
at that item's field, null there, and the rest of the answer exactly as before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api.execute import execute
from graph.backends.ladybug import LadybugRunner
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.conftest import SEODAEMUN, SEOUL, open_store

Path_ = tuple[str | int, ...]


@pytest.fixture
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LadybugRunner]:
    """Both bundled datasets, in a store of this test's own (it is written by hand)."""
    runner = open_store(tmp_path_factory.mktemp("stored") / "db")
    ingest(runner, load_dataset(SEOUL))
    ingest(runner, load_dataset(SEODAEMUN))
    yield runner
    runner.close()


def confidences(data: Any, path: Path_ = ()) -> dict[Path_, Any]:
    """Every ``confidence`` in an answer, by its path (as GraphQL errors give paths)."""
    found: dict[Path_, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "confidence":
                found[(*path, key)] = value
            else:
                found.update(confidences(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.update(confidences(value, (*path, index)))
    return found


def find(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def corrupt(store: LadybugRunner, match: str, item: str, value: str) -> None:
    """Set the confidence of ``item`` (a node or relationship ``match`` binds to ``x``)."""
    with store._lock:  # the store written by hand, as ingest would never write it
        store._conn.execute(f"{match} WHERE x.id = $id SET x.confidence = $value",
                            {"id": item, "value": value})


CASES = [
    # (what, document, node or relationship pattern, path to the item chosen, bad value)
    ("project", "{ projects(first: 1000) { nodes { id confidence } } }",
     "MATCH (x:Project)", ("projects", "nodes", 3), "certain"),
    ("meeting", "{ meetings(first: 1000) { nodes { id confidence tallies { id confidence } } } }",
     "MATCH (x:Meeting)", ("meetings", "nodes", 1), "sure"),
    ("attendance tally",
     "{ meetings(first: 1000) { nodes { id confidence tallies { id confidence } } } }",
     "MATCH (x:Tally)", ("meetings", "nodes", "*tallies", "tallies", 0), ""),
    ("term", "{ bodies(first: 1000) { nodes { id terms { id confidence "
             "composition { id confidence } } } } }",
     "MATCH (x:Term)", ("bodies", "nodes", "*terms", "terms", 0), "STATED"),
    ("quota", "{ bodies(first: 1000) { nodes { id terms { id confidence "
              "composition { id confidence } } } } }",
     "MATCH (x:Quota)", ("bodies", "nodes", "*terms", "terms", 0, "composition", 1), "maybe"),
    ("post", "{ posts(first: 1000) { nodes { id confidence } } }",
     "MATCH (x:Post)", ("posts", "nodes", 0), "guessed"),
    ("appearance", "{ projects(first: 200) { nodes { id appearances(first: 200) "
                   "{ nodes { id confidence } } } } }",
     "MATCH (x:Appearance)", ("projects", "nodes", "*appearances", "appearances", "nodes", 1),
     "rumoured"),
    ("affiliation", "{ people(first: 1000) { nodes { id affiliations { id confidence } } } }",
     "MATCH ()-[x:AFFILIATED_WITH]->()", ("people", "nodes", "*affiliations", "affiliations",
                                           0), "likely"),
]


def item_path(data: dict[str, Any], steps: tuple[str | int, ...]) -> Path_:
    """The path ``steps`` names; ``"*field"`` picks the first list item whose ``field``
    holds at least two entries (so that one can be in error and another intact)."""
    path: list[str | int] = []
    here: Any = data
    for step in steps:
        if isinstance(step, str) and step.startswith("*"):
            field = step[1:]
            index = next(i for i, x in enumerate(here)
                         if len(x[field]["nodes"] if isinstance(x[field], dict) else x[field])
                         >= 2)
            path.append(index)
            here = here[index]
        else:
            path.append(step)
            here = here[step]
    return tuple(path)


@pytest.mark.parametrize(("what", "document", "match", "steps", "bad"), CASES,
                         ids=[case[0] for case in CASES])
def test_a_bad_stored_confidence_is_an_error_of_its_item_only(
        store: LadybugRunner, what: str, document: str, match: str,
        steps: tuple[str | int, ...], bad: str) -> None:
    before = execute(store, document)
    assert "errors" not in before, before
    target = item_path(before["data"], steps)
    item = find(before["data"], target)
    corrupt(store, match, item["id"], bad)

    after = execute(store, document)

    errors = after.get("errors", [])
    assert [(tuple(e["path"]), e["extensions"]["code"]) for e in errors] == [
        ((*target, "confidence"), "STORED_VALUE_INVALID")], errors
    assert repr(bad) in errors[0]["message"] and item["id"] in errors[0]["message"]
    assert "Traceback" not in errors[0]["message"]
    was, now = confidences(before["data"]), confidences(after["data"])
    assert now == {**was, (*target, "confidence"): None}
    assert len(was) > 1, f"only one {what} in the answer: nothing to stay intact"
    assert set(was.values()) <= {"STATED", "INFERRED"}


def test_a_bad_confidence_of_a_possible_match_is_an_error_of_that_match_only(
        store: LadybugRunner) -> None:
    document = ("{ people(first: 1000) { nodes { id possibleMatches { confidence "
                "person { id } } } } }")
    before = execute(store, document)["data"]
    people = before["people"]["nodes"]
    holder = next(i for i, p in enumerate(people) if p["possibleMatches"])
    other = people[holder]["possibleMatches"][0]["person"]["id"]
    with store._lock:
        for a, b in ((people[holder]["id"], other), (other, people[holder]["id"])):
            store._conn.execute("MATCH (a:Person)-[x:POSSIBLY_SAME_AS]->(b:Person) "
                                "WHERE a.id = $a AND b.id = $b SET x.confidence = 'perhaps'",
                                {"a": a, "b": b})
    after = execute(store, document)
    paths = sorted(tuple(e["path"]) for e in after["errors"])
    assert paths and all(e["extensions"]["code"] == "STORED_VALUE_INVALID"
                         for e in after["errors"])
    # the one relationship is seen from both of its people; nothing else is in error
    assert {p[:3] for p in paths} <= {("people", "nodes", holder)} | {
        ("people", "nodes", i) for i, p in enumerate(people) if p["id"] == other}
    was, now = confidences(before), confidences(after["data"])
    assert {k: v for k, v in now.items() if (*k,) not in paths} == {
        k: v for k, v in was.items() if (*k,) not in paths}
    assert all(now[p] is None for p in paths)
