"""The roster generator: reproducible, and consistent with every count it is calibrated on."""

from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from ingest.csvfiles import render
from ingest.roster import (
    MEMBERSHIP_COLUMNS,
    MEMBERSHIPS_FILE,
    PEOPLE_COLUMNS,
    PEOPLE_FILE,
    Roster,
    RosterError,
    generate_roster,
)
from tests.conftest import SEODAEMUN


@pytest.fixture(scope="module")
def roster() -> Roster:
    return generate_roster(SEODAEMUN)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def bodies_per_person(roster: Roster) -> Counter[str]:
    return Counter(m["person_id"] for m in roster.memberships)


def test_the_committed_roster_is_what_the_generator_makes(roster: Roster) -> None:
    assert (SEODAEMUN / PEOPLE_FILE).read_text() == render(PEOPLE_COLUMNS, roster.people)
    assert (SEODAEMUN / MEMBERSHIPS_FILE).read_text() == render(MEMBERSHIP_COLUMNS,
                                                                     roster.memberships)


def test_generation_is_deterministic(roster: Roster) -> None:
    assert generate_roster(SEODAEMUN) == roster


def test_every_body_gets_exactly_its_published_size(roster: Roster) -> None:
    seats = Counter(m["body_id"] for m in roster.memberships)
    for body in rows(SEODAEMUN / "bodies.csv"):
        assert seats[body["id"]] == int(body["capacity"] or 0), body["id"]


def test_people_by_number_of_bodies_match_the_overlap_table(roster: Roster) -> None:
    overlap = rows(SEODAEMUN / "roster" / "overlap.csv")
    expected = {int(r["bodies"]): int(r["people"]) for r in overlap if not r["group_id"]}
    found = Counter(bodies_per_person(roster).values())
    assert {k: found[k] for k in expected} == expected
    assert len(roster.people) == sum(expected.values())


def test_each_council_group_matches_its_own_overlap(roster: Roster) -> None:
    overlap = rows(SEODAEMUN / "roster" / "overlap.csv")
    council = {m["person_id"]: m["member_category"] for m in roster.memberships
               if m["body_id"] == "council"}
    groups = {"ex_officio": {"ex_officio"},
              "appointed": {"appointed_councillor", "appointed_private"}}
    per_person = bodies_per_person(roster)
    for group, categories in groups.items():
        expected = {int(r["bodies"]): int(r["people"]) for r in overlap if r["group_id"] == group}
        found = Counter(per_person[p] for p, c in council.items() if c in categories)
        assert dict(found) == expected, group


def test_named_office_holders_keep_their_names_and_stated_seats(roster: Roster) -> None:
    people = {p["id"]: p for p in roster.people}
    seats = {(m["person_id"], m["body_id"]): m for m in roster.memberships}
    for seat in rows(SEODAEMUN / "roster" / "seats.csv"):
        made = seats[(seat["person_id"], seat["body_id"])]
        assert (made["role"], made["confidence"]) == (seat["role"], seat["confidence"])
    assert people["seo-jeongsun"]["name"] == "서정순"
    assert people["seo-jeongsun"]["pseudonymous"] is False
    assert bodies_per_person(roster)["seo-jeongsun"] == 6


def test_everyone_in_five_or_more_bodies_sits_on_the_council(roster: Roster) -> None:
    council = {m["person_id"] for m in roster.memberships if m["body_id"] == "council"}
    assert {p for p, n in bodies_per_person(roster).items() if n >= 5} <= council


def test_everyone_else_is_a_labelled_pseudonym(roster: Roster) -> None:
    named = {r["id"] for r in rows(SEODAEMUN / "roster" / "people.csv")}
    for person in roster.people:
        if person["id"] not in named:
            assert person["pseudonymous"] is True and person["name"].startswith("Member ")
            assert person["confidence"] == "inferred"


def test_a_calibration_that_cannot_hold_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "seodaemun"
    shutil.copytree(SEODAEMUN, target)
    bodies = (target / "bodies.csv").read_text().replace(",steering_committee,council,,14,",
                                                         ",steering_committee,council,,15,")
    (target / "bodies.csv").write_text(bodies)
    with pytest.raises(RosterError, match=r"need \d+ more seats but bodies have \d+") as caught:
        generate_roster(target)
    need, have = map(int, re.findall(r"\d+", str(caught.value)))
    assert have - need == 1


def test_a_different_network_can_be_calibrated(tmp_path: Path) -> None:
    """A made-up network of 6 people: a board of 3 (one group), two groups of 2 and 3."""
    folder = tmp_path / "town"
    (folder / "roster").mkdir(parents=True)
    (folder / "bodies.csv").write_text(
        "id,classification,parent_id,capacity,sources\n"
        "board,council,,3,m.txt:1\nsub,subcommittee,board,2,m.txt:2\n"
        "wg,working_group,sub,3,m.txt:3\n")
    (folder / "roster" / "datapackage.json").write_text('{"seed": 7}')
    (folder / "roster" / "groups.csv").write_text(
        "id,anchor_body_id,size,member_category,start_date,end_date,sources,confidence\n"
        "board,board,3,appointed,2020-01-01,,m.txt:4,stated\n")
    (folder / "roster" / "overlap.csv").write_text(
        "id,group_id,bodies,people,sources,confidence\n"
        "a3,,3,1,m.txt:5,stated\na2,,2,0,m.txt:5,stated\na1,,1,5,m.txt:5,stated\n"
        "b3,board,3,1,m.txt:6,stated\nb1,board,1,2,m.txt:6,stated\n")
    (folder / "roster" / "people.csv").write_text(
        "id,name,label,category,public_figure,group_id,bodies,eligible,sources,confidence\n"
        "kim,Kim,,private_citizen,true,board,,,m.txt:7,stated\n")
    (folder / "roster" / "seats.csv").write_text(
        "id,person_id,body_id,role,member_category,label,start_date,end_date,sources,"
        "confidence\nkim-sub,kim,sub,chair,private,,,,m.txt:8,stated\n")
    made = generate_roster(folder)
    per_person = bodies_per_person(made)
    assert sorted(per_person.values()) == [1, 1, 1, 1, 1, 3]
    assert per_person["kim"] == 3
    assert Counter(m["body_id"] for m in made.memberships) == {"board": 3, "sub": 2, "wg": 3}


@pytest.mark.parametrize("calibration", [None, "{not json", '{"no_seed": 1}'])
def test_the_roster_command_without_a_usable_calibration_says_so(
    tmp_path: Path, calibration: str | None
) -> None:
    """``govgraph roster data/seoul-2017 --check`` once ended in a traceback."""
    from typer.testing import CliRunner

    from govgraph.cli import app
    from tests.conftest import SEOUL

    folder = SEOUL
    if calibration is not None:
        folder = tmp_path / "town"
        shutil.copytree(SEODAEMUN, folder)
        (folder / "roster" / "datapackage.json").write_text(calibration)
    result = CliRunner().invoke(app, ["roster", str(folder), "--check"])
    assert result.exit_code == 4
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "roster calibration" in result.output


def test_the_roster_check_reports_a_missing_roster_file_as_out_of_date(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from govgraph.cli import app

    folder = tmp_path / "town"
    shutil.copytree(SEODAEMUN, folder)
    (folder / PEOPLE_FILE).unlink()
    result = CliRunner().invoke(app, ["roster", str(folder), "--check"])
    assert result.exit_code == 1
    assert f"Out of date: {PEOPLE_FILE}" in result.output
