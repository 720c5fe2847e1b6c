"""Churn between two dates: joined, left, changed role."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.analysis.churn import churn
from graph.backends.ladybug import LadybugRunner
from graph.errors import InvalidArgumentError
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.ingest.conftest import TINY, write_dataset


@pytest.fixture
def town(store: LadybugRunner, tmp_path: Path) -> LadybugRunner:
    tables = dict(TINY)
    # Ben is a board member until mid-2021, then its chair
    tables["memberships.csv"] = tables["memberships.csv"].replace(
        "m2,ben,board,member,ex_officio,2020-01-01,,memo.txt:9,stated\n",
        "m2,ben,board,member,ex_officio,2020-01-01,2021-06-30,memo.txt:9,stated\n"
        "m5,ben,board,chair,ex_officio,2021-07-01,,memo.txt:12,stated\n")
    ingest(store, load_dataset(write_dataset(tmp_path / "town", tables)))
    return store


def test_joined_left_and_changed_worked_by_hand(town: LadybugRunner) -> None:
    found = churn(town, "riverton", date(2021, 1, 1), date(2022, 1, 1))
    # 2021-01-01: Ana chairs the board, Ben is a member. 2022-01-01: Ana left the board;
    # Ana and Cy are in the green group (from 2021-06-01); Ben chairs the board.
    assert [s.id for s in found.joined] == ["riverton/m3", "riverton/m4"]
    assert [s.id for s in found.left] == ["riverton/m1"]
    assert [(c.before.role, c.after.role) for c in found.role_changed] == [("member", "chair")]
    assert found.stayed == 0


def test_dates_in_the_wrong_order_are_refused(town: LadybugRunner) -> None:
    with pytest.raises(InvalidArgumentError):
        churn(town, "riverton", date(2022, 1, 1), date(2021, 1, 1))


def test_seodaemun_council_term_ends(seodaemun_store: LadybugRunner) -> None:
    found = churn(seodaemun_store, "seodaemun-2021", date(2021, 3, 1), date(2022, 1, 1))
    assert len(found.left) == 50 and {s.body_id for s in found.left} == {
        "seodaemun-2021/council"}
    assert found.joined == [] and found.stayed == 438
