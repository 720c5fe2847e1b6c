"""A roster needs only the columns that carry information; problems are counted truly."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ingest.convert import convert_roster
from ingest.issues import DatasetInvalidError
from ingest.package import load_dataset
from tests.conftest import DATA
from tests.ingest.conftest import write_dataset

MINIMAL = {
    "people.csv": "id,name\nana,Ana\nben,Ben\n",
    "bodies.csv": "id,name,classification\nboard,Harbour Board,council\n",
    "memberships.csv": "person_id,body_id,role\nana,board,chair\nben,board,member\n",
}


def minimal(tmp_path: Path, **descriptor: object) -> Path:
    folder = write_dataset(tmp_path / "harbour", MINIMAL, name="harbour")
    path = folder / "datapackage.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), **descriptor}))
    return folder


def test_sources_given_once_for_the_package_reach_every_row(tmp_path: Path) -> None:
    dataset = load_dataset(minimal(tmp_path, sources=[{"title": "minutes-2023.pdf"}]))
    rows = [row for table in dataset.rows.values() for row in table]
    assert {tuple(row["sources"]) for row in rows} == {("minutes-2023.pdf",)}
    assert {row["confidence"] for row in rows} == {"stated"}
    assert [row["id"] for row in dataset.rows["memberships"]] == [
        "memberships-2", "memberships-3"]


def test_a_resource_overrides_the_package(tmp_path: Path) -> None:
    folder = minimal(tmp_path, sources=[{"title": "minutes.pdf"}],
                     **{"govgraph:confidence": "inferred"})
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["resources"][0]["sources"] = [{"path": "register.csv"}]
    path.write_text(json.dumps(descriptor))
    dataset = load_dataset(folder)
    assert dataset.rows["people"][0]["sources"] == ["register.csv"]
    assert dataset.rows["bodies"][0]["sources"] == ["minutes.pdf"]
    assert dataset.rows["bodies"][0]["confidence"] == "inferred"


def test_without_any_source_each_table_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(DatasetInvalidError) as caught:
        load_dataset(minimal(tmp_path))
    assert [(i.file, i.column) for i in caught.value.issues] == [
        ("people.csv", "sources"), ("bodies.csv", "sources"), ("memberships.csv", "sources")]


def test_a_missing_table_is_one_problem(tmp_path: Path) -> None:
    tables = {k: v for k, v in MINIMAL.items() if k != "people.csv"}
    tables["memberships.csv"] += "".join(f"p{i},board,member\n" for i in range(40))
    folder = write_dataset(tmp_path / "harbour", tables, name="harbour")
    path = folder / "datapackage.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), "sources": [{"title": "x"}]}))
    with pytest.raises(DatasetInvalidError) as caught:
        load_dataset(folder)
    [issue] = caught.value.issues
    assert "no table 'people'" in issue.reason and "42 rows" in issue.reason


def test_every_problem_is_counted(tmp_path: Path) -> None:
    bad = "".join(f"m{i},ana,board,boss\n" for i in range(1510))
    tables = {**MINIMAL, "memberships.csv": "id,person_id,body_id,role\n" + bad}
    folder = write_dataset(tmp_path / "harbour", tables, name="harbour")
    path = folder / "datapackage.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), "sources": [{"title": "x"}]}))
    with pytest.raises(DatasetInvalidError) as caught:
        load_dataset(folder)
    issues = caught.value.issues
    # every row has a role govgraph does not know, and every row after the first
    # repeats the seat of row 2 (same person, body and role, open dates)
    assert sum("breaks the rule" in i.reason for i in issues) == 1510
    assert sum("the same seat as row 2" in i.reason for i in issues) == 1509
    assert len(issues) == 3019 and "(3019 problems)" in str(caught.value)


def test_a_plain_csv_roster_converts_to_a_dataset(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("person,body,role,start,end\n"
                      "Ana Lima,Harbour Board,Chair,2023-01-01,\n"
                      "Ben Ode,Harbour Board,member,2023-01-01,2024-06-30\n"
                      "Ana Lima,Parks Forum,Rapporteur,,\n", encoding="utf-8")
    dataset = load_dataset(convert_roster(roster, tmp_path / "harbour", "harbour",
                                          "minutes-2023.pdf"))
    assert [p["name"] for p in dataset.rows["people"]] == ["Ana Lima", "Ben Ode"]
    assert [p["id"] for p in dataset.rows["people"]] == ["person-001", "person-002"]
    seats = [(m["person_id"], m["body_id"], m["role"], m["label"])
             for m in dataset.rows["memberships"]]
    assert seats == [("person-001", "body-001", "chair", None),
                     ("person-002", "body-001", "member", None),
                     ("person-001", "body-002", "member", "Rapporteur")]
    assert dataset.rows["memberships"][1]["sources"] == ["minutes-2023.pdf"]


@pytest.mark.parametrize("name", ["seoul-2017", "seodaemun-2021", "seodaemun-2021/roster"])
def test_bundled_descriptors_pass_frictionless_validate(name: str, tmp_path: Path) -> None:
    command = shutil.which("frictionless", path=str(Path(__import__("sys").executable).parent))
    assert command, "the frictionless command comes with the frictionless package"
    result = subprocess.run([command, "validate", "datapackage.json"], cwd=DATA / name,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-2000:]
