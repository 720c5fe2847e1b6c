"""The command checks its inputs as the server does: a clear error, a non-zero exit, no trace."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli import EXIT_DATASET, app
from ingest import guards
from tests.ingest.conftest import TINY, write_dataset

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("GOVGRAPH_DB", str(tmp_path / "db"))
    monkeypatch.setenv("GOVGRAPH_BACKEND", "ladybug")
    yield CliRunner()
    guards.configure(guards.MAX_CELL_BYTES)  # the command set it from the environment


def run(tmp_path: Path, *args: bytes | str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GOVGRAPH_DB": str(tmp_path / "db"),
           "GOVGRAPH_KEYS": str(tmp_path / "keys.sqlite3")}
    return subprocess.run([sys.executable, "-m", "govgraph", *args], capture_output=True,
                          env=env, cwd=ROOT, timeout=120, check=False)


@pytest.mark.parametrize("document", [b"{ __typename }\xff", b"{ __typename }\xc0\x80",
                                      b"{ person(id: \"\xed\xa0\x80\") { name } }"])
def test_a_query_argument_that_is_not_utf8_is_refused(tmp_path: Path, document: bytes) -> None:
    result = run(tmp_path, "query", document)
    assert result.returncode == 2
    assert b"not valid UTF-8" in result.stderr and b"Traceback" not in result.stderr
    assert not (tmp_path / "db").exists()  # refused before the store was opened


def test_a_query_file_that_is_not_utf8_is_refused(cli: CliRunner, tmp_path: Path) -> None:
    document = tmp_path / "q.graphql"
    document.write_bytes(b"{ __typename \xff }")
    result = cli.invoke(app, ["query", "--file", str(document)])
    assert result.exit_code == 2 and "not valid UTF-8" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(("variables", "reason"), [
    ('{"id": "\\ud800"}', "surrogate"),
    ('{"a":' * 100 + "1" + "}" * 100, "levels deep"),
    ("[1, 2]", "must be a JSON object"),
    ("{nope", "not valid JSON"),
])
def test_bad_variables_are_refused(cli: CliRunner, variables: str, reason: str) -> None:
    result = cli.invoke(app, ["query", "query ($id: ID!) { person(id: $id) { name } }",
                              "--variables", variables])
    assert result.exit_code == 2 and reason in result.output
    assert "Traceback" not in result.output


def test_ingest_refuses_a_control_character_with_file_row_column(cli: CliRunner,
                                                                 tmp_path: Path) -> None:
    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace("Ana,", "An\x1ba,")
    result = cli.invoke(app, ["ingest", str(write_dataset(tmp_path / "riverton", tables))])
    assert result.exit_code == EXIT_DATASET
    assert "people.csv" in result.stderr and "row 2" in result.stderr
    assert "ESC" in result.stderr and "Traceback" not in result.output


def test_ingest_applies_the_cell_size_setting(cli: CliRunner, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_MAX_CELL_BYTES", "20")
    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace("Ana,", "A" * 21 + ",")
    result = cli.invoke(app, ["ingest", str(write_dataset(tmp_path / "riverton", tables))])
    assert result.exit_code == EXIT_DATASET
    assert "21 bytes; at most 20" in result.stderr
