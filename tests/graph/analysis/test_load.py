"""Member loads: weighted roles, thresholds and reasons."""

from __future__ import annotations

from graph.analysis.load import member_loads
from graph.backends.ladybug import LadybugRunner
from tests.graph.analysis.conftest import hand_id


def test_default_weights_worked_by_hand(hand: LadybugRunner) -> None:
    loads = {x.person_id: x for x in member_loads(hand, "hand", min_score=4, min_bodies=3)}
    # chair 3 + member 1; leader 2 + member 1; members 1
    assert {p: x.score for p, x in loads.items()} == {
        hand_id("a"): 4, hand_id("b"): 1, hand_id("c"): 4, hand_id("d"): 3, hand_id("e"): 1,
        hand_id("f"): 1}
    assert {p for p, x in loads.items() if x.flagged} == {hand_id("a"), hand_id("c")}


def test_heaviest_first_and_reasons_name_bodies_and_roles(hand: LadybugRunner) -> None:
    loads = member_loads(hand, "hand", min_score=4, min_bodies=3)
    assert [x.person_id for x in loads[:3]] == [hand_id("a"), hand_id("c"), hand_id("d")]
    reasons = " ".join(loads[0].reasons)
    assert "load score 4 is at or above 4" in reasons
    assert "chair of Body B1 (3)" in reasons and "member of Body B2 (1)" in reasons
    assert "leads 1: Body B1 as chair" in reasons
    assert loads[0].leading == 1


def test_weights_and_thresholds_are_configurable(hand: LadybugRunner) -> None:
    loads = {x.person_id: x for x in member_loads(
        hand, "hand", weights={"chair": 5, "member": 0.5}, min_score=100, min_bodies=2)}
    assert loads[hand_id("a")].score == 5.5
    assert loads[hand_id("d")].score == 2.5  # leader keeps its default of 2
    assert loads[hand_id("d")].reasons == ["sits in 2 bodies (threshold 2)",
                                           "leads 1: Body B3 as leader"]
    assert not loads[hand_id("b")].flagged
