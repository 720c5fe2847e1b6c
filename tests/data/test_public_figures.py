"""The public-figure rule of data/README.md, as applied to the bundled datasets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import DATA, SEODAEMUN, SEOUL
from tests.data.test_provenance import rows, seed_lines

OFFICIAL = {"public_official", "elected_official", "elected_councillor"}
SEOUL_SEED = "000_860661f22527ec73.txt"


def named_in_office() -> dict[str, list[int]]:
    """The README's table of people outside the official categories: id -> cited lines."""
    text = (DATA / "README.md").read_text(encoding="utf-8")
    table = text.split("## seoul-2017", 1)[1].split("## seodaemun-2021", 1)[0]
    found = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 3 and re.search(r":\d+", cells[2]):
            found[cells[0]] = [int(n) for n in re.findall(r":(\d+)", cells[2])]
    return found


def test_seoul_public_figures_are_officials_or_named_in_a_public_role() -> None:
    table = named_in_office()
    assert len(table) == 9
    for person in rows(SEOUL / "people.csv"):
        public = person["public_figure"] == "true"
        expected = person["category"] in OFFICIAL or person["id"] in table
        assert public == expected, person["id"]


def test_the_role_that_makes_a_public_figure_is_cited_and_printed() -> None:
    people = {p["id"]: p for p in rows(SEOUL / "people.csv")}
    lines = seed_lines(SEOUL_SEED)
    for person_id, cited in named_in_office().items():
        person = people[person_id]
        for number in cited:
            assert f"{SEOUL_SEED}:{number}" in person["sources"].split(";"), person_id
            assert person["name"] in lines[number - 1], (person_id, number)


@pytest.mark.parametrize("dataset", [SEOUL, SEODAEMUN], ids=lambda p: p.name)
def test_no_private_person_has_an_id_made_of_their_name(dataset: Path) -> None:
    for person in rows(dataset / "people.csv"):
        if person["public_figure"] == "false":
            assert person["name"] not in person["id"], person["id"]


def test_seodaemun_named_people_are_public_and_generated_residents_are_not() -> None:
    for person in rows(SEODAEMUN / "people.csv"):
        generated = person["pseudonymous"] == "true" and person["name"].startswith("Member ")
        if not generated:
            assert person["public_figure"] == "true", person["id"]
        else:
            official = person["category"] == "public_official"
            assert (person["public_figure"] == "true") == official, person["id"]
