"""The published Seodaemun figures come out of queries over the loaded memberships."""

from __future__ import annotations

from tests.schema.conftest import Run

CONCENTRATION = """
query ($dataset: String, $asOf: Date) {
  multiRoleConcentration(dataset: $dataset, asOf: $asOf) {
    totalPeople totalSeats buckets { bodies people }
  }
}"""

# 003_738550add0f3e293.txt lines 5, 10 and 15
PUBLISHED_BUCKETS = {11: 1, 10: 0, 9: 0, 8: 3, 7: 2, 6: 2, 5: 4, 4: 10, 3: 22, 2: 64, 1: 173}
PUBLISHED_SEATS_BY_TYPE = {"council": 50, "steering_committee": 14, "subcommittee": 169,
                           "working_group": 199, "task_force": 56}


def test_multi_role_concentration_reproduces_the_report(gql: Run) -> None:
    result = gql(CONCENTRATION, dataset="seodaemun-2021")["multiRoleConcentration"]
    assert (result["totalPeople"], result["totalSeats"]) == (281, 488)
    assert {b["bodies"]: b["people"] for b in result["buckets"]} == PUBLISHED_BUCKETS
    assert [b["bodies"] for b in result["buckets"]] == list(range(11, 0, -1))


def test_as_of_the_report_date_every_seat_counts(gql: Run) -> None:
    result = gql(CONCENTRATION, dataset="seodaemun-2021", asOf="2021-03-01")
    assert result["multiRoleConcentration"]["totalSeats"] == 488


def test_as_of_after_the_council_term_its_seats_drop_out(gql: Run) -> None:
    # the 2nd council's term ends 2021-10-10; the roster has no 3rd-term members
    result = gql(CONCENTRATION, dataset="seodaemun-2021", asOf="2022-01-01")
    assert result["multiRoleConcentration"]["totalSeats"] == 488 - 50


def test_seats_by_body_type_match_the_report(gql: Run) -> None:
    data = gql("""
    query ($c: [String!]) {
      bodies(filter: {dataset: "seodaemun-2021", classifications: $c}, first: 100) {
        nodes { memberCount }
      }
    }""", c=list(PUBLISHED_SEATS_BY_TYPE))
    assert sum(n["memberCount"] for n in data["bodies"]["nodes"]) == 488
    for classification, seats in PUBLISHED_SEATS_BY_TYPE.items():
        data = gql("""
        query ($c: [String!]) {
          bodies(filter: {dataset: "seodaemun-2021", classifications: $c}, first: 100) {
            nodes { memberCount }
          }
        }""", c=[classification])
        assert sum(n["memberCount"] for n in data["bodies"]["nodes"]) == seats, classification


def test_overcommitted_members_lists_people_at_or_above_the_threshold(gql: Run) -> None:
    data = gql("""
    { overcommittedMembers(dataset: "seodaemun-2021", minBodies: 5, first: 100) {
        totalCount
        nodes { bodyCount person { name } memberships { role body { classification } } }
    } }""")["overcommittedMembers"]
    assert data["totalCount"] == 1 + 3 + 2 + 2 + 4
    counts = [n["bodyCount"] for n in data["nodes"]]
    assert counts == sorted(counts, reverse=True) and min(counts) == 5
    for node in data["nodes"]:
        assert len({m["body"]["classification"] + str(i) for i, m in
                    enumerate(node["memberships"])}) == node["bodyCount"]
        assert any(m["body"]["classification"] == "council" for m in node["memberships"])

