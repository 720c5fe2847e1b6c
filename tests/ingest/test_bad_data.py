"""Every kind of bad data once mishandled is refused with file, row, column and a reason.

Each test is one such defect: a traceback, something stored
although wrong, a file outside the package read, or a reason left empty.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.backends.ladybug import LadybugRunner
from ingest.issues import DatasetInvalidError, Issue
from ingest.package import load_dataset
from ingest.popolo import load_popolo
from ingest.writer import ingest
from tests.conftest import snapshot
from tests.ingest.conftest import TINY, write_dataset

MEETINGS = ("id,body_id,number,date,mode,seats,attendees,sources,confidence\n"
            "b1,board,1,2021-02-01,offline,3,2,memo.txt:12,stated\n")
TALLIES = ("id,meeting_id,member_category,seats,present,sources,confidence\n"
           "t1,b1,appointed,2,1,memo.txt:13,stated\n")


def refused(folder: Path) -> list[Issue]:
    with pytest.raises(DatasetInvalidError) as caught:
        load_dataset(folder)
    issues = caught.value.issues
    assert issues and all(i.file and i.reason.strip() for i in issues)
    return issues


def where(issues: list[Issue]) -> list[tuple[str, int | None, str | None]]:
    return [(i.file, i.row, i.column) for i in issues]


def dataset(tmp_path: Path, **changes: tuple[str, str]) -> Path:
    """The tiny dataset (with a meeting and a tally), each ``file=(old, new)`` replaced."""
    tables = {**TINY, "meetings.csv": MEETINGS, "attendance_tallies.csv": TALLIES}
    for key, (old, new) in changes.items():
        file = f"{key}.csv"
        assert old in tables[file], (file, old)
        tables[file] = tables[file].replace(old, new)
    return write_dataset(tmp_path / "bad", tables)


def descriptor_of(folder: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((folder / "datapackage.json").read_text())
    return loaded


def test_the_tiny_dataset_with_meetings_is_valid(tmp_path: Path) -> None:
    assert len(load_dataset(dataset(tmp_path)).rows["attendance_tallies"]) == 1


# ---- tracebacks before: encodings, descriptor shapes, huge integers

def test_a_file_that_is_not_utf8_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = dataset(tmp_path)
    text = TINY["people.csv"].replace("Cy", "Cé")
    (folder / "people.csv").write_bytes(text.encode("latin-1"))
    issues = refused(folder)
    assert where(issues) == [("people.csv", 4, None)]
    assert "not UTF-8" in issues[0].reason


def test_a_descriptor_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    folder = dataset(tmp_path)
    (folder / "datapackage.json").write_bytes('{"name": "é"}'.encode("utf-16"))
    assert "not UTF-8" in refused(folder)[0].reason


@pytest.mark.parametrize(("key", "value", "column"), [
    ("name", 5, "name"),
    ("title", ["x"], "title"),
    ("description", {"a": 1}, "description"),
    ("licenses", "CC-BY-4.0", "licenses"),
    ("licenses", [7], "licenses[0]"),
    ("sources", [{"title": 3}], "sources[0].title"),
    ("resources", {"people": "people.csv"}, "resources"),
    ("resources", [], "resources"),
])
def test_descriptor_fields_of_the_wrong_shape(tmp_path: Path, key: str, value: Any,
                                              column: str) -> None:
    folder = dataset(tmp_path)
    descriptor = descriptor_of(folder)
    descriptor[key] = value
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    assert ("datapackage.json", None, column) in where(refused(folder))


@pytest.mark.parametrize(("resource", "column"), [
    (5, "resources[0]"),
    ({"name": "people"}, "resources[0].path"),
    ({"name": 3, "path": "people.csv"}, "resources[0].name"),
    ({"name": "people", "path": ["people.csv"]}, "resources[0].path"),
    ({"name": "people", "path": "people.csv", "pseudonymous": "yes"},
     "resources[0].pseudonymous"),
])
def test_resources_of_the_wrong_shape(tmp_path: Path, resource: Any, column: str) -> None:
    folder = dataset(tmp_path)
    descriptor = descriptor_of(folder)
    descriptor["resources"][0] = resource
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    assert ("datapackage.json", None, column) in where(refused(folder))


@pytest.mark.parametrize("text", ["[1, 2]", "[" * 100_000 + "]" * 100_000,
                                  '{"name": ' + "9" * 5000 + "}"])
def test_descriptors_json_cannot_read_as_an_object(tmp_path: Path, text: str) -> None:
    folder = dataset(tmp_path)
    (folder / "datapackage.json").write_text(text)
    assert refused(folder)[0].file == "datapackage.json"


def test_an_integer_beyond_64_bits(tmp_path: Path) -> None:
    issues = refused(dataset(tmp_path, bodies=("council,,,3,", "council,,,99999999999999999999,")))
    assert where(issues) == [("bodies.csv", 2, "capacity")]
    assert "too large" in issues[0].reason


# ---- stored although wrong before

def test_attendees_above_the_seats(tmp_path: Path) -> None:
    issues = refused(dataset(tmp_path, meetings=("offline,3,2,", "offline,3,7,"),
                             attendance_tallies=("appointed,2,1,", "appointed,2,3,")))
    assert where(issues) == [("meetings.csv", 2, "attendees"),
                             ("attendance_tallies.csv", 2, "present")]
    assert issues[0].reason == "7 is more than the 3 seats"


@pytest.mark.parametrize(("file", "old", "new", "column"), [
    ("people", "cy,Cy,", "cy,   ,", "name"),
    ("bodies", "board,Riverton Board,", "board, \t ,", "name"),
    ("people", "cy,Cy,", "  ,Cy,", "id"),
])
def test_a_required_text_of_only_spaces(tmp_path: Path, file: str, old: str, new: str,
                                        column: str) -> None:
    issues = refused(dataset(tmp_path, **{file: (old, new)}))
    assert (f"{file}.csv", column) in [(i.file, i.column) for i in issues]


@pytest.mark.parametrize("sources", [";;;", " ; ", ";"])
def test_sources_without_a_source(tmp_path: Path, sources: str) -> None:
    issues = refused(dataset(tmp_path, people=("memo.txt:7", sources)))
    assert where(issues) == [("people.csv", 4, "sources")]
    assert "no source" in issues[0].reason


def test_a_body_that_is_its_own_parent(tmp_path: Path) -> None:
    issues = refused(dataset(tmp_path, bodies=("board,Riverton Board,council,,",
                                               "board,Riverton Board,council,board,")))
    assert where(issues) == [("bodies.csv", 2, "parent_id")]
    assert issues[0].reason == "'board' is its own parent"


def test_bodies_in_a_parent_cycle(tmp_path: Path) -> None:
    issues = refused(dataset(tmp_path, bodies=("board,Riverton Board,council,,",
                                               "board,Riverton Board,council,green,")))
    assert where(issues) == [("bodies.csv", 2, "parent_id"), ("bodies.csv", 3, "parent_id")]
    assert "cycle" in issues[0].reason


def test_organisations_in_a_parent_cycle(tmp_path: Path) -> None:
    issues = refused(dataset(tmp_path, organizations=("city,Riverton,government,,",
                                                      "city,Riverton,government,parks,")))
    assert where(issues) == [("organizations.csv", 2, "parent_id"),
                             ("organizations.csv", 3, "parent_id")]


def test_projects_in_a_parent_cycle(tmp_path: Path) -> None:
    folder = dataset(tmp_path)
    (folder / "projects.csv").write_text(
        "id,name,kind,parent_id,sources,confidence\n"
        "a,A,forum,c,m:1,stated\nb,B,forum,a,m:2,stated\nc,C,forum,b,m:3,stated\n"
        "d,D,forum,a,m:4,stated\n")
    descriptor = descriptor_of(folder)
    descriptor["resources"].append({"name": "projects", "path": "projects.csv"})
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    issues = refused(folder)
    assert where(issues) == [("projects.csv", row, "parent_id") for row in (2, 3, 4)]
    assert "a → c → b → a" in issues[0].reason or "c → b → a → c" in issues[0].reason


def test_the_same_seat_twice(tmp_path: Path) -> None:
    issues = refused(dataset(tmp_path, memberships=(
        "m4,cy,green,member,private,2021-06-01,,memo.txt:11,stated\n",
        "m4,cy,green,member,private,2021-06-01,,memo.txt:11,stated\n"
        "m5,cy,green,member,private,2021-09-01,2021-12-31,memo.txt:11,stated\n")))
    assert where(issues) == [("memberships.csv", 6, "start_date")]
    assert "the same seat as row 5" in issues[0].reason


def test_the_same_seat_again_after_it_ended_is_fine(tmp_path: Path) -> None:
    folder = dataset(tmp_path, memberships=(
        "m1,ana,board,chair,appointed,2020-01-01,2021-12-31,memo.txt:8,stated\n",
        "m1,ana,board,chair,appointed,2020-01-01,2021-12-31,memo.txt:8,stated\n"
        "m5,ana,board,chair,appointed,2022-01-01,,memo.txt:8,stated\n"))
    assert len(load_dataset(folder).rows["memberships"]) == 5


# ---- files outside the package are never read

SECRET = "root:x:0:0:secret line\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "passwd"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


def _point_people_at(folder: Path, path: str) -> None:
    descriptor = descriptor_of(folder)
    next(r for r in descriptor["resources"] if r["name"] == "people")["path"] = path
    (folder / "datapackage.json").write_text(json.dumps(descriptor))


@pytest.mark.parametrize("kind", ["relative", "absolute", "url"])
def test_a_resource_path_outside_the_package(tmp_path: Path, secret: Path, kind: str) -> None:
    folder = dataset(tmp_path)
    path = {"relative": "../outside/passwd", "absolute": str(secret),
            "url": "file:///etc/passwd"}[kind]
    _point_people_at(folder, path)
    with pytest.raises(DatasetInvalidError) as caught:
        load_dataset(folder)
    assert "secret" not in str(caught.value) and "root:" not in str(caught.value)
    assert ("datapackage.json", None, "resources[2].path") in where(caught.value.issues)


@pytest.mark.parametrize("target", ["secret", "outside-csv"])
def test_a_symlink_to_a_file_outside_the_package(tmp_path: Path, secret: Path,
                                                 target: str) -> None:
    folder = dataset(tmp_path)
    outside = secret
    if target == "outside-csv":
        outside = secret.parent / "people.csv"
        outside.write_text(TINY["people.csv"])
    (folder / "people.csv").unlink()
    (folder / "people.csv").symlink_to(outside)
    with pytest.raises(DatasetInvalidError) as caught:
        load_dataset(folder)
    assert "secret" not in str(caught.value)
    assert any("outside the dataset folder" in i.reason for i in caught.value.issues)


def test_a_symlink_inside_the_package_is_read(tmp_path: Path) -> None:
    folder = dataset(tmp_path)
    (folder / "people-file.csv").write_text(TINY["people.csv"])
    (folder / "people.csv").unlink()
    (folder / "people.csv").symlink_to("people-file.csv")
    assert len(load_dataset(folder).rows["people"]) == 3


# ---- reasons are never empty; the count is true; one pass

@pytest.mark.parametrize(("old", "new", "row"), [
    ("cy,Cy,private_citizen,memo.txt:7,stated\n", "cy,Cy,private_citizen,memo.txt:7,stated\n,,,,\n",
     5),
    ("cy,Cy,private_citizen,memo.txt:7,stated", "cy,Cy,private_citizen,memo.txt:7,stated,extra", 4),
    ("cy,Cy,private_citizen,memo.txt:7,stated", "cy,Cy,private_citizen", 4),
])
def test_blank_short_and_long_rows_have_a_reason(tmp_path: Path, old: str, new: str,
                                                 row: int) -> None:
    issues = refused(dataset(tmp_path, people=(old, new)))
    assert row in [i.row for i in issues]


def test_a_header_without_a_name_has_a_reason(tmp_path: Path) -> None:
    issues = refused(dataset(tmp_path, people=("id,name,category,", "id,name,,")))
    assert ("people.csv", 1, "#3") in where(issues)


def test_every_problem_is_counted(tmp_path: Path) -> None:
    rows = "".join(f"p{i},P{i},,memo.txt:1,guessed\n" for i in range(1500))
    issues = refused(dataset(tmp_path, people=("cy,Cy,private_citizen,memo.txt:7,stated\n",
                                               f"cy,Cy,private_citizen,memo.txt:7,stated\n{rows}")))
    assert len(issues) == 1500
    with pytest.raises(DatasetInvalidError, match=r"\(1500 problems\)"):
        load_dataset(tmp_path / "bad")


def test_problems_of_every_kind_come_in_one_pass(tmp_path: Path) -> None:
    folder = dataset(
        tmp_path,
        people=("id,name,category,", "id,name,category,shoe_size,"),
        bodies=("council,,,3,", "council,board,,three,"),
        meetings=("offline,3,2,", "offline,3,9,"),
    )
    issues = refused(folder)
    assert {(i.file, i.column) for i in issues} >= {
        ("people.csv", "shoe_size"), ("bodies.csv", "capacity"), ("bodies.csv", "parent_id"),
        ("meetings.csv", "attendees")}


def test_a_reference_to_an_absent_table_is_one_problem(tmp_path: Path) -> None:
    tables = {k: v for k, v in TINY.items() if k != "people.csv"}
    issues = refused(write_dataset(tmp_path / "bad", tables))
    assert where(issues) == [("memberships.csv", 2, "person_id")]
    assert "memberships.csv column person_id: 4 rows" in issues[0].reason


def test_a_refused_dataset_writes_nothing(store: LadybugRunner, tiny: Path,
                                         tmp_path: Path) -> None:
    ingest(store, load_dataset(tiny))
    before = snapshot(store)
    for bad in (dataset(tmp_path, people=("memo.txt:7", ";;;")),):
        with pytest.raises(DatasetInvalidError):
            ingest(store, load_dataset(bad))
    assert snapshot(store) == before


# ---- Popolo JSON of the wrong shape

@pytest.mark.parametrize(("document", "where_"), [
    ({"persons": {"id": "p1"}}, ("bad.json persons", None, None)),
    ({"persons": ["p1"]}, ("bad.json persons", 1, None)),
    ({"persons": [{"id": "p1", "name": 5}]}, ("bad.json persons", 1, "name")),
    ({"persons": [{"id": "p1", "name": "K", "sources": "a:1"}]},
     ("bad.json persons", 1, "sources")),
    ({"persons": [{"id": "p1", "name": "K", "other_names": [3]}]},
     ("bad.json persons", 1, "other_names")),
    ({"memberships": [{"id": "m", "person_id": ["p1"]}]}, ("bad.json memberships", 1, "person_id")),
    ({"persons": [{"id": "p1", "name": "K", "public_figure": "yes"}]},
     ("bad.json persons", 1, "public_figure")),
])
def test_popolo_of_the_wrong_shape(tmp_path: Path, document: dict[str, Any],
                                   where_: tuple[str, int | None, str | None]) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(DatasetInvalidError) as caught:
        load_popolo(path, "bad")
    assert where_ in where(caught.value.issues)


def test_popolo_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes('{"persons": [{"name": "é"}]}'.encode("latin-1"))
    with pytest.raises(DatasetInvalidError, match="not UTF-8"):
        load_popolo(path, "bad")


def test_an_unclosed_quote_is_refused_at_its_line(tmp_path: Path) -> None:
    issues = refused(dataset(tmp_path, people=("cy,Cy,", '"cy,Cy,')))
    assert where(issues) == [("people.csv", 4, None)]
    assert "not readable as CSV" in issues[0].reason


@pytest.mark.parametrize("path", ["people.csv.gz", "people.xlsx", "datapackage.json"])
def test_a_resource_must_be_a_csv_file(tmp_path: Path, path: str) -> None:
    folder = dataset(tmp_path)
    if path != "datapackage.json":
        (folder / "people.csv").rename(folder / path)
    _point_people_at(folder, path)
    issues = refused(folder)
    assert ("datapackage.json", None, "resources[2].path") in where(issues)
    assert "does not name a .csv file" in issues[0].reason


def test_describe_leaves_an_invalid_dataset_alone(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from ingest.describe import main

    folder = dataset(tmp_path, people=("memo.txt:7", ";;;"))
    before = (folder / "datapackage.json").read_text()
    assert main([str(folder)]) == 4
    assert (folder / "datapackage.json").read_text() == before
    assert "people.csv, row 4, column sources: no source" in capsys.readouterr().err


def _add_table(folder: Path, name: str, text: str) -> Path:
    (folder / f"{name}.csv").write_text(text)
    descriptor = descriptor_of(folder)
    descriptor["resources"].append({"name": name, "path": f"{name}.csv"})
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    return folder


def test_the_same_attendance_twice(tmp_path: Path) -> None:
    folder = _add_table(dataset(tmp_path), "attendance",
                        "id,person_id,meeting_id,status,sources,confidence\n"
                        "a1,ana,b1,present,m:1,stated\na2,ben,b1,absent,m:1,stated\n"
                        "a3,ana,b1,present,m:2,stated\n")
    issues = refused(folder)
    assert where(issues) == [("attendance.csv", 4, "person_id")]
    assert issues[0].reason == "the same as row 2 (person_id 'ana', meeting_id 'b1')"


def test_a_person_is_not_their_own_possible_match(tmp_path: Path) -> None:
    folder = _add_table(dataset(tmp_path), "possible_matches",
                        "id,person_id,other_person_id,reason,sources,confidence\n"
                        "x1,ana,ana,same name,m:1,stated\n")
    issues = refused(folder)
    assert where(issues) == [("possible_matches.csv", 2, "other_person_id")]
