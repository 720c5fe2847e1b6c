"""The govgraph command, run as a user runs it (a real store in a temporary directory)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from tests.conftest import SEODAEMUN, Neo4jServer
from tests.ingest.conftest import TINY, write_dataset

CONCENTRATION = ('{ multiRoleConcentration(dataset: "seodaemun-2021") '
                 "{ totalPeople totalSeats buckets { bodies people } } }")


@pytest.fixture
def ladybug_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("GOVGRAPH_DB", str(tmp_path / "db"))
    monkeypatch.setenv("GOVGRAPH_BACKEND", "ladybug")
    return CliRunner()


@pytest.fixture
def cli(backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        request: pytest.FixtureRequest) -> CliRunner:
    """The command on an empty store of each backend, configured as a user would: by
    ``GOVGRAPH_*`` variables (on Neo4j: backend, URI, user and password)."""
    if backend == "ladybug":
        return request.getfixturevalue("ladybug_cli")
    server: Neo4jServer = request.getfixturevalue("neo4j_server")
    server.empty()
    monkeypatch.setenv("GOVGRAPH_DB", str(tmp_path / "unused"))
    for name, value in server.settings_env().items():
        monkeypatch.setenv(name, value)
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


def test_roster_check_passes_on_the_committed_roster(ladybug_cli: CliRunner) -> None:
    result = ladybug_cli.invoke(app, ["roster", str(SEODAEMUN), "--check"])
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


def test_ingest_of_several_datasets_writes_none_if_one_is_refused(
    cli: CliRunner, tmp_path: Path
) -> None:
    good = write_dataset(tmp_path / "good", TINY, name="town-a")
    tables = dict(TINY)
    tables["memberships.csv"] = tables["memberships.csv"].replace("m4,cy,green", "m4,cy,blue")
    bad = write_dataset(tmp_path / "bad", tables, name="town-b")
    result = cli.invoke(app, ["ingest", str(good), str(bad)])
    assert result.exit_code == 4
    assert "memberships.csv, row 5, column body_id" in result.stderr
    assert "None of the 2 datasets was written" in result.stderr
    assert _dataset_ids(cli) == ["seodaemun-2021", "seoul-2017"]  # only the bundled refill


def test_ingest_of_several_datasets_writes_all_of_them(cli: CliRunner, tmp_path: Path) -> None:
    paths = [str(write_dataset(tmp_path / name, TINY, name=name)) for name in ("ta", "tb")]
    result = cli.invoke(app, ["ingest", *paths])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("written") == 2
    assert _dataset_ids(cli) == ["ta", "tb"]


def test_two_paths_giving_the_same_dataset_name_are_refused(
    cli: CliRunner, tmp_path: Path
) -> None:
    one, two = write_dataset(tmp_path / "one", TINY), write_dataset(tmp_path / "two", TINY)
    result = cli.invoke(app, ["ingest", str(one), str(two)])
    assert result.exit_code == 4
    assert "'riverton' is also the name of" in result.stderr
    assert "riverton" not in _dataset_ids(cli)


def _dataset_ids(cli: CliRunner) -> list[str]:
    result = cli.invoke(app, ["query", "{ datasets { id } }"])
    return [d["id"] for d in json.loads(result.stdout)["data"]["datasets"]]


def test_a_store_path_that_is_a_file_exits_3_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "db"
    path.write_text("")
    done = subprocess.run([sys.executable, "-m", "govgraph", "query", "{ datasets { id } }"],
                          capture_output=True, text=True, env={**_env(), "GOVGRAPH_DB": str(path)})
    assert done.returncode == 3
    assert f"error: cannot open the embedded database at {path}: it is a file" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_next_command_says_what_recovery_did(ladybug_cli: CliRunner, tmp_path: Path) -> None:
    from graph.backends.ladybug import WAL_FILE

    cli = ladybug_cli
    cli.invoke(app, ["ingest", str(write_dataset(tmp_path / "riverton", TINY))])
    torn = b"\x01" * 3000  # a log tail a hard kill could leave: no committed transaction
    (tmp_path / "db" / WAL_FILE).write_bytes(torn)
    result = cli.invoke(app, ["query", "{ datasets { id } }"])
    assert result.exit_code == 0
    assert "recovery: Recovered the store" in result.stderr
    assert "(3000 of 3000 bytes): the write that was in progress there was not applied" in (
        result.stderr)
    assert json.loads(result.stdout)["data"]["datasets"] == [{"id": "riverton"}]
    again = cli.invoke(app, ["query", "{ datasets { id } }"])
    assert "recovery" not in again.stderr


def test_the_default_store_is_the_same_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govgraph.settings import PROJECT_ROOT, Settings, default_store

    monkeypatch.delenv("GOVGRAPH_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert Settings().db == default_store() == PROJECT_ROOT / "var" / "govgraph"
    installed = default_store(tmp_path)  # no govgraph pyproject.toml: an installed package
    assert installed.is_absolute() and installed.parts[-2:] == ("govgraph", "govgraph")


def test_a_relative_store_path_is_relative_to_the_working_directory(
    ladybug_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = ladybug_cli
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVGRAPH_DB", "here/db")
    result = cli.invoke(app, ["ingest", str(write_dataset(tmp_path / "riverton", TINY))])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "here" / "db").is_dir()
