"""Every curated row cites its source line in a seed document and says how sure it is."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest

from ingest.describe import described, render
from tests.conftest import DATA, ROOT

SOURCE = re.compile(r"^(?P<file>[\w.-]+\.txt):(?P<first>\d+)(?:-(?P<last>\d+))?$")
DATASETS = sorted(p.parent for p in DATA.glob("*/datapackage.json"))
TABLES = sorted(p for d in DATASETS for p in [*d.glob("*.csv"), *d.glob("roster/*.csv")])


def seeds_dir() -> Path | None:
    candidates = [os.environ.get("GOVGRAPH_SEEDS"), ROOT.parent / "shared" / "seeds"]
    return next((Path(c) for c in candidates if c and Path(c).is_dir()), None)


def seed_lines(name: str) -> list[str]:
    folder = seeds_dir()
    if folder is None:
        pytest.skip("seed documents not found (set GOVGRAPH_SEEDS or place shared/ beside "
                    "the repository)")
    return (folder / name).read_text(encoding="utf-8").splitlines()


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def cited(row: dict[str, str]) -> list[tuple[str, int, int]]:
    found = []
    for source in row["sources"].split(";"):
        match = SOURCE.match(source)
        assert match, f"malformed source {source!r}"
        first = int(match["first"])
        found.append((match["file"], first, int(match["last"] or first)))
    return found


@pytest.mark.parametrize("table", TABLES, ids=lambda p: str(p.relative_to(DATA)))
def test_every_row_cites_a_seed_line_and_a_confidence(table: Path) -> None:
    dataset = table.parent if table.parent.name != "roster" else table.parent.parent
    seeds = {s["path"] for s in json.loads((dataset / "datapackage.json").read_text())["sources"]}
    for row in rows(table):
        assert row["confidence"] in ("stated", "inferred"), row["id"]
        for file, _first, _last in cited(row):
            assert file in seeds, f"{table.name} {row['id']}: {file} is not a listed source"


@pytest.mark.parametrize("table", TABLES, ids=lambda p: str(p.relative_to(DATA)))
def test_cited_lines_exist_and_are_not_blank(table: Path) -> None:
    for row in rows(table):
        for file, first, last in cited(row):
            lines = seed_lines(file)
            assert 1 <= first <= last <= len(lines), f"{row['id']}: {file}:{first}-{last}"
            assert any(line.strip() for line in lines[first - 1:last]), row["id"]


def numbers_at(row: dict[str, str]) -> str:
    return " ".join(" ".join(seed_lines(f)[a - 1:b]) for f, a, b in cited(row))


@pytest.mark.parametrize("column", ["capacity"])
def test_stated_body_sizes_are_printed_on_the_cited_lines(column: str) -> None:
    for dataset in DATASETS:
        for row in rows(dataset / "bodies.csv"):
            if row[column]:
                assert re.search(rf"\b{row[column]}\s*(명|개)", numbers_at(row)), row["id"]


def test_meeting_figures_are_printed_on_the_cited_lines() -> None:
    for dataset in DATASETS:
        for table, columns in (("meetings.csv", ("seats", "attendees")),
                               ("attendance_tallies.csv", ("seats", "present"))):
            if not (dataset / table).is_file():
                continue
            for row in rows(dataset / table):
                text = numbers_at(row)
                for column in columns:
                    if row.get(column):
                        assert re.search(rf"\b{row[column]}명", text), (row["id"], column)


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda p: p.name)
def test_datapackage_json_carries_the_schemas_ingest_validates_with(dataset: Path) -> None:
    assert (dataset / "datapackage.json").read_text(encoding="utf-8") == render(described(dataset))


def _squeezed(row: dict[str, str]) -> str:
    return re.sub(r"\s+", "", " ".join(" ".join(seed_lines(f)[a - 1:b]) for f, a, b in cited(row)))


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda p: p.name)
def test_named_people_are_printed_on_the_lines_their_appearances_cite(dataset: Path) -> None:
    names = {p["id"]: p["name"] for p in rows(dataset / "people.csv")}
    tables = ["appearances.csv", "affiliations.csv"]
    if not (dataset / "roster").is_dir():  # a generated roster cites the counts it satisfies
        tables.append("memberships.csv")
    for table in tables:
        if not (dataset / table).is_file():
            continue
        for row in rows(dataset / table):
            if row.get("person_id"):
                first_word = names[row["person_id"]].split()[0]
                assert re.sub(r"\s+", "", first_word) in _squeezed(row), (table, row["id"])


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda p: p.name)
def test_project_budgets_are_printed_on_the_cited_lines(dataset: Path) -> None:
    for row in rows(dataset / "projects.csv"):
        if row.get("budget_krw"):
            amount = int(row["budget_krw"])
            printed = {f"{amount // 1000:,}", f"{amount // 1_000_000:,}"}
            assert any(p in _squeezed(row) for p in printed), row["id"]


@pytest.mark.parametrize("table", ["organizations.csv", "bodies.csv", "projects.csv", "posts.csv"])
def test_named_things_are_printed_on_the_lines_they_cite(table: str) -> None:
    """The first word of a name (or post label) stands on one of the lines the row cites.

    Only for seoul-2017, whose names are printed as such; seodaemun-2021's body names are
    composed from the labels of an organisation chart (e.g. 기반구축 + 분과).
    """
    for dataset in DATASETS:
        if not (dataset / table).is_file() or dataset.name != "seoul-2017":
            continue
        for row in rows(dataset / table):
            name = (row.get("name") or row.get("label") or "").replace("(사)", "")
            first = re.sub(r"\s+", "", re.split(r"[ (–·:]", name.replace("사단법인 ", "")
                                                .replace("사회적협동조합 ", "").strip())[0])
            assert first in _squeezed(row), (table, row["id"], first)


def test_meeting_dates_are_printed_on_the_cited_lines() -> None:
    for dataset in DATASETS:
        if not (dataset / "meetings.csv").is_file():
            continue
        for row in rows(dataset / "meetings.csv"):
            year, month, day = (int(x) for x in row["date"].split("-"))
            printed = [f"{year}.{month}.{day}", f"{year % 100}.{month}.{day}",
                       f"{year}년{month}월{day}일"]
            assert any(p in _squeezed(row) for p in printed), row["id"]
