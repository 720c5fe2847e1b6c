"""Rosters as people keep them (CSV or Excel) become datasets, every column kept or refused."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from ingest.convert import convert_roster
from ingest.issues import DatasetInvalidError
from ingest.package import load_dataset

FULL = ("Member,Committee,Position,From,Until,Classification,Parent Body,Member Category,"
        "Category,Notes\n"
        "Ana Lima,Harbour Board,Chair,2023-01,,council,,appointed,expert,meets monthly\n"
        "Ben Ode,Harbour Board,member,2023-01-05,2024,council,,ex officio,public official,\n"
        "Ana Lima,Parks Group,Rapporteur,2024-02,2024-11,working group,Harbour Board,,,\n"
        "Cy Moss,Parks Group,vice chair,2024,,working-group,Harbour Board,appointed,,\n")


def _refused(call: object) -> list[str]:
    with pytest.raises(DatasetInvalidError) as caught:
        call()  # type: ignore[operator]
    return [str(issue) for issue in caught.value.issues]


def test_every_recognised_column_is_kept(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(FULL, encoding="utf-8")
    dataset = load_dataset(convert_roster(roster, tmp_path / "harbour", "harbour", "list.pdf"))
    bodies = {b["name"]: b for b in dataset.rows["bodies"]}
    assert {n: (b["classification"], b["parent_id"], b["notes"]) for n, b in bodies.items()} == {
        "Harbour Board": ("council", None, "meets monthly"),
        "Parks Group": ("working_group", bodies["Harbour Board"]["id"], None)}
    people = {p["name"]: p["category"] for p in dataset.rows["people"]}
    assert people == {"Ana Lima": "expert", "Ben Ode": "public_official", "Cy Moss": None}
    seats = [(m["role"], m["label"], m["member_category"], m["start_date"], m["end_date"])
             for m in dataset.rows["memberships"]]
    assert seats == [
        ("chair", None, "appointed", date(2023, 1, 1), None),
        ("member", None, "ex_officio", date(2023, 1, 5), date(2024, 12, 31)),
        ("member", "Rapporteur", None, date(2024, 2, 1), date(2024, 11, 30)),
        ("vice_chair", None, "appointed", date(2024, 1, 1), None)]


def test_a_parent_without_rows_of_its_own_becomes_a_body(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("person,body,parent\nAna,Parks Group,City Council\n", encoding="utf-8")
    dataset = load_dataset(convert_roster(roster, tmp_path / "d", "d", "s"))
    assert [(b["name"], b["classification"], b["parent_id"]) for b in dataset.rows["bodies"]] == [
        ("Parks Group", "other", "body-002"), ("City Council", "other", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("person,body,email\nAna,Board,a@x\n",
     "roster.csv, row 1, column email: a column govgraph does not know"),
    ("person,board name\nAna,Board\n", "roster.csv, row 1, column board name: a column"),
    ("person,body,start\nAna,Board,2023-13\n",
     "roster.csv, row 2, column start: '2023-13' is not a date"),
    ("person,body,start,end\nAna,Board,2024,2023-06\n",
     "roster.csv, row 2, column end: 2023-06 is before the start 2024"),
    ("person,body,classification\nAna,Board,club\n",
     "roster.csv, row 2, column classification: 'club' is not a classification govgraph knows"),
    ("person,body,classification\nAna,Board,council\nBen,Board,committee\n",
     "roster.csv, row 3, column classification: 'Board' has classification 'council' in an "
     "earlier row and 'committee' here"),
    ("person,body\n,Board\n", "roster.csv, row 2, column person: a value is required"),
    ("person\nAna\n", "roster.csv, row 1, column body: required column is missing"),
])
def test_problems_name_the_file_the_row_and_the_column(tmp_path: Path, text: str,
                                                       expected: str) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(text, encoding="utf-8")
    issues = _refused(lambda: convert_roster(roster, tmp_path / "out", "d", "s"))
    assert any(i.startswith(expected) for i in issues), issues
    assert not (tmp_path / "out").exists()


def test_the_error_message_names_the_roster_file(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("person,body,start\nAna,Board,someday\n", encoding="utf-8")
    with pytest.raises(DatasetInvalidError) as caught:
        convert_roster(roster, tmp_path / "out", "d", "s")
    assert str(caught.value).startswith(f"dataset {roster} refused")


def _workbook(path: Path, rows: list[list[object]], title: str = "Members") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_an_excel_workbook_converts_like_a_csv_roster(tmp_path: Path) -> None:
    roster = _workbook(tmp_path / "roster.xlsx", [
        ["Member", "Committee", "Position", "From", "Until", "Classification"],
        ["Ana Lima", "Harbour Board", "Chair", datetime(2023, 1, 1), None, "council"],
        [None, None, None, None, None, None],
        ["Ben Ode", "Harbour Board", "member", "2023-01", 2024, "council"],
    ])
    dataset = load_dataset(convert_roster(roster, tmp_path / "harbour", "harbour", "list.xlsx"))
    assert [(m["role"], m["start_date"], m["end_date"]) for m in dataset.rows["memberships"]] == [
        ("chair", date(2023, 1, 1), None),
        ("member", date(2023, 1, 1), date(2024, 12, 31))]
    assert [b["classification"] for b in dataset.rows["bodies"]] == ["council"]


def test_workbook_problems_give_the_sheet_s_row_numbers(tmp_path: Path) -> None:
    roster = _workbook(tmp_path / "roster.xlsx", [
        ["person", "body", "start"], ["Ana", "Board", "2023-01-01"], [None, None, None],
        ["Ben", "Board", "soon"]])
    issues = _refused(lambda: convert_roster(roster, tmp_path / "out", "d", "s"))
    assert issues == ["roster.xlsx, row 4, column start: 'soon' is not a date (YYYY-MM-DD, or "
                      "YYYY-MM, or YYYY)"]
    assert _refused(lambda: convert_roster(roster, tmp_path / "out", "d", "s", "Other")) == [
        "roster.xlsx: no sheet 'Other'; the workbook has Members"]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    assert _refused(lambda: convert_roster(broken, tmp_path / "out", "d", "s"))[0].startswith(
        "broken.xlsx: not a readable .xlsx workbook")
