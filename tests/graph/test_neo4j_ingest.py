"""Ingest into a real Neo4j 5: its constraints and indexes, all or nothing, only what changed.

The same writer runs on both backends (``tests/ingest`` checks it on LadybugDB);
here the guarantees are checked where Neo4j could break them: a failure in the
middle of the one write transaction, a refused dataset, a ``govgraph ingest``
process killed while its transaction is open on the server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from graph.backends.neo4j import Neo4jRunner
from graph.bulk import BulkWrite
from graph.errors import QueryFailedError
from graph.model import NODES, RELATIONSHIPS
from ingest.package import DatasetInvalidError, load_dataset
from ingest.synthetic import write_synthetic
from ingest.writer import ingest, ingest_all
from tests.conftest import ROOT, SEODAEMUN, Neo4jServer
from tests.ingest.conftest import TINY, write_dataset


@pytest.fixture
def neo4j(neo4j_server: Neo4jServer) -> Neo4jRunner:
    """The session's Neo4j, empty."""
    return neo4j_server.empty()


def snapshot(runner: Neo4jRunner) -> dict[str, Any]:
    """Every node and relationship Neo4j holds, with all its properties, by label or type."""
    state: dict[str, Any] = {}
    driver = runner._driver
    for node in NODES:
        records, _, _ = driver.execute_query(
            f"MATCH (n:{node.label}) RETURN properties(n) AS p ORDER BY n.id")
        state[node.label] = [dict(r["p"]) for r in records]
    for rel in RELATIONSHIPS:
        records, _, _ = driver.execute_query(
            f"MATCH (a)-[r:{rel.type}]->(b) RETURN a.id AS a, properties(r) AS p, b.id AS b "
            "ORDER BY r.id, a.id")
        state[rel.type] = [(r["a"], dict(r["p"]), r["b"]) for r in records]
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
    state["nodes"] = records[0]["n"]
    return state


def test_the_schema_is_a_unique_id_per_label_and_indexes_for_lookups(
        neo4j: Neo4jRunner) -> None:
    neo4j.apply_schema()  # again: idempotent
    records, _, _ = neo4j._driver.execute_query(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "RETURN type, labelsOrTypes[0] AS label, properties")
    unique = {r["label"] for r in records
              if r["type"] == "UNIQUENESS" and r["properties"] == ["id"]}
    assert unique == {node.label for node in NODES}
    records, _, _ = neo4j._driver.execute_query(
        "SHOW INDEXES YIELD state, labelsOrTypes, properties, entityType "
        "RETURN state, labelsOrTypes[0] AS kind, properties, entityType")
    assert {r["state"] for r in records} == {"ONLINE"}
    indexed = {(r["kind"], tuple(r["properties"] or ())) for r in records}
    assert {(node.label, ("dataset",)) for node in NODES} <= indexed
    assert {(rel.type, ("id",)) for rel in RELATIONSHIPS} <= indexed


def test_reingest_writes_only_what_changed_and_ends_as_a_fresh_ingest_would(
        neo4j: Neo4jRunner, tmp_path: Path) -> None:
    first = write_dataset(tmp_path / "v1", TINY)
    ingest(neo4j, load_dataset(first))
    writes = neo4j.writes
    again = ingest(neo4j, load_dataset(first), force=True)
    assert (again.written, again.deleted, neo4j.writes) == (0, 0, writes)

    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace("cy,Cy,", "cy,Cyrus,")
    tables["memberships.csv"] = tables["memberships.csv"].replace(
        "m2,ben,board,member,ex_officio,2020-01-01,,", "m2,ben,board,member,ex_officio,"
        "2020-01-01,2022-06-30,")
    second = write_dataset(tmp_path / "v2", tables)
    changed = ingest(neo4j, load_dataset(second))
    # the Dataset node (a new version), Cy's node and its one membership (which goes with
    # the node: created again, not deleted by id), and membership m2
    assert (changed.written, changed.deleted) == (4, 3)
    incremental = snapshot(neo4j)

    neo4j.write([("delete_everything", {})])
    ingest(neo4j, load_dataset(second))
    assert snapshot(neo4j) == incremental


def test_a_refused_dataset_leaves_neo4j_as_it_was(neo4j: Neo4jRunner, tmp_path: Path) -> None:
    ingest(neo4j, load_dataset(write_dataset(tmp_path / "riverton", TINY)))
    before = snapshot(neo4j)
    tables = dict(TINY)
    tables["memberships.csv"] = tables["memberships.csv"].replace("m4,cy,green", "m4,cy,blue")
    good = write_dataset(tmp_path / "good", TINY, name="town-a")
    with pytest.raises(DatasetInvalidError):
        ingest_all(neo4j, [load_dataset(good),
                           load_dataset(write_dataset(tmp_path / "bad", tables, name="town-b"))])
    assert snapshot(neo4j) == before


def test_a_write_that_fails_half_way_is_rolled_back_whole(neo4j: Neo4jRunner) -> None:
    ingest(neo4j, load_dataset(SEODAEMUN))
    before = snapshot(neo4j)
    people = [{"id": f"new/p{i}", "dataset": "new", "local_id": f"p{i}", "name": f"P {i}",
               "other_names": [], "category": "private_citizen", "public_figure": False,
               "pseudonymous": True, "sources": ["memo.txt:1"], "confidence": "stated",
               "canonical_id": f"new/p{i}", "row_hash": "x"} for i in range(12_000)]
    broken = [{"id": None, "dataset": "new", "name": "no id"}]  # MERGE on a null id fails
    write = BulkWrite(deletes=[("delete_nodes_person", {"ids": ["seodaemun-2021/m001"]})],
                      nodes={"Person": people, "Body": broken},
                      statements={"Person": "upsert_person", "Body": "upsert_body"})
    with pytest.raises(QueryFailedError):
        neo4j.write_rows(write)
    assert snapshot(neo4j) == before


def _open_write(runner: Neo4jRunner) -> bool:
    """Whether a write statement of an ingest is running on the server now."""
    records, _, _ = runner._driver.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery")
    return any("UNWIND $rows" in (r["currentQuery"] or "") for r in records)


def test_a_killed_ingest_process_leaves_neo4j_as_it_was(
        neo4j_server: Neo4jServer, tmp_path: Path) -> None:
    """SIGKILL a ``govgraph ingest`` while its transaction is open: nothing of it stays."""
    runner = neo4j_server.empty()
    ingest(runner, load_dataset(write_dataset(tmp_path / "riverton", TINY)))
    before = snapshot(runner)
    big = tmp_path / "big"
    write_synthetic(big, 4000, 40)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")},
           **neo4j_server.settings_env(), "GOVGRAPH_JUDGEMENTS": str(tmp_path / "none.csv")}
    for delay in (0.0, 0.5):
        process = subprocess.Popen([sys.executable, "-m", "govgraph", "ingest", str(big)],
                                   cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 120
            while not _open_write(runner):
                assert process.poll() is None, "the ingest ended before it was caught writing"
                assert time.monotonic() < deadline, "no write seen in 120 s"
                time.sleep(0.05)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(30)
            assert process.stderr is not None
            process.stderr.close()
        deadline = time.monotonic() + 60
        while _open_write(runner) and time.monotonic() < deadline:
            time.sleep(0.1)  # the server rolls back the transaction of a closed connection
        assert process.returncode == -signal.SIGKILL
        assert snapshot(runner) == before
    done = subprocess.run([sys.executable, "-m", "govgraph", "ingest", str(big)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert snapshot(runner)["Dataset"] != before["Dataset"]
    neo4j_server.held = None
