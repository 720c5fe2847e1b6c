"""Edits on the command line: made with `govgraph query`, exported with `export-changes`,
made again on another store with `apply-changes`, and reported by `ingest`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from tests.ingest.conftest import TINY, write_dataset

RECORD = '{ editableRecord(id: "riverton/board") { version values { field value } } }'


def _version(cli: CliRunner) -> str:
    result = cli.invoke(app, ["query", RECORD])
    assert result.exit_code == 0, result.output
    version: str = json.loads(result.stdout)["data"]["editableRecord"]["version"]
    return version


def _capacity(cli: CliRunner) -> int:
    values = json.loads(cli.invoke(app, ["query", RECORD]).stdout)["data"]["editableRecord"]
    capacity: int = next(v["value"] for v in values["values"] if v["field"] == "capacity")
    return capacity


def test_edits_travel_to_another_store_and_survive_a_reingest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = CliRunner()
    monkeypatch.setenv("GOVGRAPH_BACKEND", "ladybug")
    monkeypatch.setenv("GOVGRAPH_DB", str(tmp_path / "one"))
    folder = write_dataset(tmp_path / "riverton", TINY)
    assert cli.invoke(app, ["ingest", str(folder)]).exit_code == 0
    mutation = """mutation($v: String!) { correctBody(id: "riverton/board", version: $v,
      set: [{field: "capacity", value: "5"}], source: "minutes 4", reason: "more seats")
      { id } }"""
    edited = cli.invoke(app, ["query", mutation, "--variables",
                              json.dumps({"v": _version(cli)})])
    assert edited.exit_code == 0 and "errors" not in json.loads(edited.stdout), edited.output
    exported = cli.invoke(app, ["export-changes", "riverton", "--output",
                                str(tmp_path / "changes")])
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "changes" / "datapackage.json").is_file()

    monkeypatch.setenv("GOVGRAPH_DB", str(tmp_path / "two"))
    assert cli.invoke(app, ["ingest", str(folder)]).exit_code == 0
    assert _capacity(cli) == 3
    applied = cli.invoke(app, ["apply-changes", str(tmp_path / "changes")])
    assert applied.exit_code == 0, applied.output
    assert _capacity(cli) == 5

    changed = write_dataset(tmp_path / "riverton", {
        **TINY, "bodies.csv": TINY["bodies.csv"].replace("council,,,3,", "council,,,4,")})
    reingested = cli.invoke(app, ["ingest", str(changed)])
    assert reingested.exit_code == 0, reingested.output
    assert "conflicts with the file" in reingested.output
    assert _capacity(cli) == 4
