"""Seat concentration on the hand-built network and on Seodaemun."""

from __future__ import annotations

import pytest

from graph.analysis.concentration import gini, seat_concentration, top_share
from graph.backends.ladybug import LadybugRunner


def test_gini_of_equal_values_is_zero() -> None:
    assert gini([2, 2, 2]) == 0.0


def test_gini_worked_by_hand() -> None:
    # sorted 1,1,2: sum(i*x) = 1 + 2 + 6 = 9; G = 2*9/(3*4) - 4/3 = 1/6
    assert gini([2, 1, 1]) == pytest.approx(1 / 6)
    # one holds everything among three: G = (n - 1) / n
    assert gini([0, 0, 5]) == pytest.approx(2 / 3)


def test_top_share_takes_the_ceiling_of_the_share_of_people() -> None:
    found = top_share([1, 4, 1, 2], 0.25)  # 1 person of 4, the one with 4 of 8 seats
    assert (found.people, found.seats, found.seat_share) == (1, 4, 0.5)
    assert top_share([1, 1, 1], 0.5).people == 2


def test_hand_network(hand: LadybugRunner) -> None:
    found = seat_concentration(hand, "hand", shares=(0.2,))
    # seats per person: a 2, b 1, c 2, d 2, e 1, f 1 -> sorted 1,1,1,2,2,2
    # sum(i*x) = 1+2+3+8+10+12 = 36; G = 2*36/(6*9) - 7/6 = 1/6
    assert (found.overall.people, found.overall.seats) == (6, 9)
    assert found.overall.gini == pytest.approx(1 / 6)
    # top 20 % of 6 people = ceil(1.2) = 2 people holding 2 + 2 of 9 seats
    assert found.overall.top_shares[0].seats == 4
    assert found.overall.top_shares[0].seat_share == pytest.approx(4 / 9)
    by_type = {x.classification: x for x in found.by_body_type}
    assert by_type["council"].gini == 0.0
    # working groups: d 2 (B3, B4), c 1, e 1, f 1 -> G = 2*14/(4*5) - 5/4 = 0.15
    assert by_type["working_group"].gini == pytest.approx(0.15)


def test_seodaemun_seats_are_unequally_held(seodaemun_store: LadybugRunner) -> None:
    found = seat_concentration(seodaemun_store, "seodaemun-2021", shares=(0.01,))
    assert (found.overall.people, found.overall.seats) == (281, 488)
    # the top 1 % (3 people) are the ones in 11, 8 and 8 bodies
    assert found.overall.top_shares[0].seats == 11 + 8 + 8
    assert 0 < found.overall.gini < 1
