"""Attendance rates and rubric points."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.analysis.attendance import Band, attendance, points
from graph.backends.ladybug import LadybugRunner
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.graph.analysis.conftest import hand_id, hand_tables
from tests.ingest.conftest import write_dataset

MEETINGS = {
    "meetings.csv": "id,body_id,number,date,mode,seats,attendees,sources,confidence\n"
                    "M1,B1,1,2021-01-10,online,10,8,hand.txt:5,stated\n"
                    "M2,B1,2,2021-03-10,online,10,5,hand.txt:6,stated\n",
    "attendance_tallies.csv": "id,meeting_id,member_category,seats,present,sources,confidence\n"
                              "M1-x,M1,x,4,4,hand.txt:7,stated\nM1-y,M1,y,6,4,hand.txt:7,stated\n"
                              "M2-x,M2,x,4,1,hand.txt:8,stated\nM2-y,M2,y,6,4,hand.txt:8,stated\n",
    "attendance.csv": "id,person_id,meeting_id,status,sources,confidence\n"
                      "a1,a,M1,present,hand.txt:9,stated\na2,a,M2,absent,hand.txt:9,stated\n"
                      "b1,b,M1,present,hand.txt:9,stated\nb2,b,M2,present,hand.txt:9,stated\n",
}


@pytest.fixture
def meetings(store: LadybugRunner, tmp_path: Path) -> LadybugRunner:
    ingest(store, load_dataset(write_dataset(tmp_path / "m", hand_tables(extra=MEETINGS),
                                             name="hand")))
    return store


def test_rubric_bands_at_their_edges() -> None:
    # >= 80 % -> 2; 60-80 % -> 1.5; above 40 up to 60 % -> 1; 40 % or less -> 0
    assert [points(r) for r in (1.0, 0.8, 0.7999, 0.6, 0.5999, 0.41, 0.4, 0.0)] == [
        2, 2, 1.5, 1.5, 1, 1, 0, 0]
    assert points(None) is None
    assert points(0.5, [Band(0.5, 10), Band(0, 1)]) == 10


def test_rates_worked_by_hand(meetings: LadybugRunner) -> None:
    found = attendance(meetings, "hand")
    # 8 + 5 of 10 + 10 seats
    assert (found.overall.present, found.overall.seats, found.overall.rate) == (13, 20, 0.65)
    assert found.overall.points == 1.5
    assert [(m.rate.rate, m.rate.points) for m in found.by_meeting] == [(0.8, 2.0), (0.5, 1.0)]
    categories = {c.key: c.rate for c in found.by_category}
    assert (categories["x"].present, categories["x"].seats) == (5, 8)  # 4 + 1 of 4 + 4
    assert categories["y"].rate == pytest.approx(8 / 12)
    assert [(b.key, b.rate.rate) for b in found.by_body] == [(hand_id("B1"), 0.65)]
    people = {p.key: p.rate for p in found.by_person}
    assert (people[hand_id("a")].rate, people[hand_id("a")].points) == (0.5, 1.0)
    assert people[hand_id("b")].rate == 1.0


def test_seodaemun_council_rates_match_the_report(seodaemun_store: LadybugRunner) -> None:
    found = attendance(seodaemun_store, "seodaemun-2021", ("seodaemun-2021/council",))
    # published (003_738550add0f3e293.txt:585-587, 616, 639, 662, 685)
    assert round(found.overall.rate * 100, 1) == 78.2
    assert [round(m.rate.rate * 100, 2) for m in found.by_meeting] == [88, 82, 76, 68, 77.08]
    by_category = {c.key: round(c.rate.rate * 100, 1) for c in found.by_category}
    assert by_category == {"ex_officio": 69.1, "appointed_councillor": 30.0,
                           "appointed_private": 85.7}
    assert {c.key: c.rate.points for c in found.by_category} == {
        "ex_officio": 1.5, "appointed_councillor": 0.0, "appointed_private": 2.0}
