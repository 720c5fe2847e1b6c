"""The govgraph command, run as a user runs it (a real store in a temporary directory)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from tests.conftest import SEODAEMUN
from tests.ingest.conftest import TINY, write_dataset

CONCENTRATION = ('{ multiRoleConcentration(dataset: "seodaemun-2021") '
                 "{ totalPeople totalSeats buckets { bodies people } } }")


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("GOVGRAPH_DB", str(tmp_path / "db"))
    monkeypatch.setenv("GOVGRAPH_BACKEND", "ladybug")
    return CliRunner()


def test_query_on_an_empty_store_loads_the_bundled_data_first(cli: CliRunner) -> None:
    result = cli.invoke(app, ["query", CONCENTRATION])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["data"]["multiRoleConcentration"]
    assert (data["totalPeople"], data["totalSeats"]) == (281, 488)


def test_query_from_a_file_with_variables(cli: CliRunner, tmp_path: Path) -> None:
    document = tmp_path / "q.graphql"
    document.write_text("query ($id: ID!) { person(id: $id) { name } }")
    result = cli.invoke(app, ["query", "--file", str(document), "--variables",
                              '{"id": "seodaemun-2021/seo-jeongsun"}'])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["data"] == {"person": {"name": "서정순"}}


def test_a_failing_query_prints_errors_and_exits_1(cli: CliRunner) -> None:
    result = cli.invoke(app, ["query", "{ nothing }"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["errors"][0]["extensions"]["code"] == (
        "GRAPHQL_VALIDATION_FAILED")


def test_ingest_then_reingest_reports_unchanged(cli: CliRunner, tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "riverton", TINY)
    first = cli.invoke(app, ["ingest", str(folder)])
    again = cli.invoke(app, ["ingest", str(folder)])
    assert first.exit_code == again.exit_code == 0
    assert "written" in first.output and "unchanged" in again.output


def test_a_malformed_dataset_is_refused_with_file_row_column(
    cli: CliRunner, tmp_path: Path
) -> None:
    cli.invoke(app, ["ingest", str(SEODAEMUN)])
    before = cli.invoke(app, ["query", CONCENTRATION]).stdout
    tables = dict(TINY)
    tables["memberships.csv"] = tables["memberships.csv"].replace("m4,cy,green", "m4,cy,blue")
    result = cli.invoke(app, ["ingest", str(write_dataset(tmp_path / "bad", tables))])
    assert result.exit_code == 4
    assert "memberships.csv, row 5, column body_id" in result.output
    assert "nothing was written" in result.output
    assert cli.invoke(app, ["query", CONCENTRATION]).stdout == before


def test_reset_empties_the_store(cli: CliRunner) -> None:
    cli.invoke(app, ["ingest", str(SEODAEMUN)])
    assert cli.invoke(app, ["reset", "--yes"]).exit_code == 0
    result = cli.invoke(app, ["query", "{ datasets { id } }"])
    # an empty store is refilled with the bundled datasets before a query
    assert json.loads(result.stdout)["data"]["datasets"] == [{"id": "seodaemun-2021"},
                                                             {"id": "seoul-2017"}]


def test_roster_check_passes_on_the_committed_roster(cli: CliRunner) -> None:
    result = cli.invoke(app, ["roster", str(SEODAEMUN), "--check"])
    assert result.exit_code == 0, result.output


def test_ingest_while_the_store_is_locked_says_so_and_exits_3(tmp_path: Path) -> None:
    env_db = str(tmp_path / "db")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from graph.store import open_runner; "
         "from govgraph.settings import Settings; r = open_runner(Settings()); "
         "print('ready', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**_env(), "GOVGRAPH_DB": env_db})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        done = subprocess.run([sys.executable, "-m", "govgraph", "ingest", str(SEODAEMUN)],
                              capture_output=True, text=True, env={**_env(), "GOVGRAPH_DB": env_db})
        assert done.returncode == 3
        assert "in use by another process" in done.stderr
        assert "Traceback" not in done.stderr
    finally:
        holder.communicate("", timeout=30)


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")}


def test_popolo_export_then_import_under_a_new_name(cli: CliRunner, tmp_path: Path) -> None:
    cli.invoke(app, ["ingest", str(write_dataset(tmp_path / "riverton", TINY))])
    output = tmp_path / "riverton.popolo.json"
    assert cli.invoke(app, ["export-popolo", "riverton", "--output", str(output)]).exit_code == 0
    result = cli.invoke(app, ["ingest", str(output), "--name", "riverton-again"])
    assert result.exit_code == 0, result.output
    people = cli.invoke(app, ["query", '{ people(filter: {dataset: "riverton-again"}) '
                                       "{ totalCount } }"])
    assert json.loads(people.stdout)["data"]["people"]["totalCount"] == 3


def test_exporting_an_unknown_dataset_fails(cli: CliRunner) -> None:
    result = cli.invoke(app, ["export-popolo", "nothing-here"])
    assert result.exit_code == 1 and "no dataset 'nothing-here'" in result.output
