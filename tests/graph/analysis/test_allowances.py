"""Allowances owed, priced by body, group, mode and date."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.analysis.allowances import allowances
from graph.backends.ladybug import LadybugRunner
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.graph.analysis.conftest import hand_id, hand_tables
from tests.ingest.conftest import write_dataset

TABLES = {
    "allowance_rates.csv": "id,body_classification,member_group,mode,amount_krw,valid_from,"
                           "valid_to,sources,confidence\n"
                           "c-off,council,all,offline,70000,,,r.txt:1,stated\n"
                           "c-on-old,council,all,online,35000,,2021-02-02,r.txt:2,stated\n"
                           "c-on-new,council,all,online,50000,2021-02-03,,r.txt:3,stated\n"
                           "w-lead,working_group,leader_expert,offline,30000,,,r.txt:4,stated\n"
                           "w-gen,working_group,general,offline,20000,,,r.txt:5,stated\n",
    "meetings.csv": "id,body_id,number,date,mode,seats,attendees,sources,confidence\n"
                    "M1,B1,1,2021-01-10,online,2,2,m.txt:1,stated\n"
                    "M2,B1,2,2021-03-10,online,2,1,m.txt:2,stated\n"
                    "M3,B3,1,2021-03-15,offline,2,2,m.txt:3,stated\n"
                    "M4,B1,3,2021-04-01,,6,5,m.txt:4,stated\n",
    "attendance.csv": "id,person_id,meeting_id,status,sources,confidence\n"
                      "r1,a,M1,present,m.txt:5,stated\nr2,b,M1,present,m.txt:5,stated\n"
                      "r3,a,M2,present,m.txt:6,stated\nr4,b,M2,absent,m.txt:6,stated\n"
                      "r5,d,M3,present,m.txt:7,stated\nr6,c,M3,present,m.txt:7,stated\n",
}


@pytest.fixture
def priced(store: LadybugRunner, tmp_path: Path) -> LadybugRunner:
    tables = hand_tables(extra=TABLES)
    # c sits on B3 as an official
    tables["memberships.csv"] = tables["memberships.csv"].replace(
        "c-B3,c,B3,member,private", "c-B3,c,B3,member,official")
    ingest(store, load_dataset(write_dataset(tmp_path / "p", tables, name="hand")))
    return store


def test_fees_worked_by_hand(priced: LadybugRunner) -> None:
    found = allowances(priced, "hand")
    # M1 online before the change: 2 x 35,000; M2 online after it: 1 x 50,000;
    # M3 offline working group: d leads (30,000), c is general (20,000);
    # M4 has no mode and no records: 5 attendees priced offline, 5 x 70,000
    assert found.total_krw == 70_000 + 50_000 + 50_000 + 350_000
    assert {o.key: o.amount_krw for o in found.by_person} == {
        hand_id("a"): 85_000, hand_id("b"): 35_000, hand_id("c"): 20_000, hand_id("d"): 30_000}
    assert {o.key: (o.attendances, o.amount_krw) for o in found.by_body} == {
        hand_id("B1"): (8, 470_000), hand_id("B3"): (2, 50_000)}
    assert {o.key: o.amount_krw for o in found.by_period} == {
        "2021-01": 70_000, "2021-03": 100_000, "2021-04": 350_000}
    assert found.notes == ["hand/M4: mode not recorded, priced as offline"]
    assert found.unpriced == 0


def test_excluded_categories_are_not_paid(priced: LadybugRunner) -> None:
    found = allowances(priced, "hand", exclude_categories=("official",))
    assert hand_id("c") not in {o.key for o in found.by_person}
    assert found.total_krw == 470_000 + 30_000


def test_a_period_without_rates_is_reported_unpriced(priced: LadybugRunner) -> None:
    found = allowances(priced, "hand", assume_mode="hybrid")
    assert found.unpriced == 5 and any("no hybrid rate" in n for n in found.notes)


def test_seodaemun_council_meetings_at_the_offline_rate(seodaemun_store: LadybugRunner) -> None:
    found = allowances(seodaemun_store, "seodaemun-2021")
    # 194 attendances at council meetings 10-14, mode unpublished, 70,000 offline
    assert found.total_krw == 194 * 70_000
    without_officials = allowances(seodaemun_store, "seodaemun-2021",
                                   exclude_categories=("ex_officio",))
    assert without_officials.total_krw == (194 - 38) * 70_000
