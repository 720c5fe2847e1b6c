"""Co-membership of bodies and of people."""

from __future__ import annotations

import pytest

from graph.analysis.overlap import (
    body_overlap_matrix,
    body_overlaps,
    interlocks,
    jaccard,
    person_overlaps,
)
from graph.backends.ladybug import LadybugRunner
from tests.graph.analysis.conftest import hand_id


def test_jaccard() -> None:
    assert jaccard(1, 2, 3) == 0.25 and jaccard(0, 0, 0) == 0.0


def test_body_overlaps_worked_by_hand(hand: LadybugRunner) -> None:
    found = {(x.a, x.b): (x.shared, x.jaccard) for x in body_overlaps(hand, "hand")}
    b1, b2, b3, b4 = (hand_id(b) for b in ("B1", "B2", "B3", "B4"))
    # B1 {a,b} & B2 {a,c}: 1 of 3; B2 & B3 {c,d}: 1 of 3; B3 & B4 {d,e,f}: 1 of 4
    assert found == {(b1, b2): (1, pytest.approx(1 / 3)), (b2, b3): (1, pytest.approx(1 / 3)),
                     (b3, b4): (1, pytest.approx(1 / 4))}


def test_person_overlaps_ranked(hand: LadybugRunner) -> None:
    found = person_overlaps(hand, "hand", min_shared=1)
    assert len(found) == 6  # a-b, a-c, c-d, d-e, d-f, e-f
    top = found[0]  # all share 1 body; e and f share their only body: Jaccard 1
    assert (top.a, top.b, top.jaccard) == (hand_id("e"), hand_id("f"), 1.0)
    assert person_overlaps(hand, "hand", min_shared=2) == []


def test_overlap_matrix_has_sizes_on_the_diagonal(hand: LadybugRunner) -> None:
    matrix = body_overlap_matrix(hand, "hand", classifications=("working_group",))
    assert matrix.ids == [hand_id("B3"), hand_id("B4")]
    assert matrix.shared == [[2, 1], [1, 3]]
    assert matrix.jaccard[0][1] == pytest.approx(0.25) and matrix.jaccard[0][0] == 1.0


def test_interlocks_of_one_body(hand: LadybugRunner) -> None:
    found = interlocks(hand, hand_id("B3"))
    assert [(x.body_id, x.people) for x in found] == [(hand_id("B2"), [hand_id("c")]),
                                                      (hand_id("B4"), [hand_id("d")])]


def test_seodaemun_council_and_steering_share_all_14(seodaemun_store: LadybugRunner) -> None:
    top = body_overlaps(seodaemun_store, "seodaemun-2021")[0]
    assert (top.a, top.b, top.shared) == ("seodaemun-2021/council", "seodaemun-2021/steering", 14)
    assert top.jaccard == pytest.approx(14 / 50)
