"""Every analysis answers over GraphQL, with the published Seodaemun figures."""

from __future__ import annotations

from tests.schema.conftest import Run

D = '"seodaemun-2021"'


def test_seat_concentration(gql: Run) -> None:
    data = gql("{ seatConcentration(dataset: " + D + ", topShares: [0.01]) { overall { people "
               "seats gini topShares { people seats } } byBodyType { classification seats } } }")
    overall = data["seatConcentration"]["overall"]
    assert (overall["people"], overall["seats"]) == (281, 488)
    assert overall["topShares"] == [{"people": 3, "seats": 27}]
    assert {t["classification"]: t["seats"] for t in data["seatConcentration"]["byBodyType"]} == {
        "council": 50, "steering_committee": 14, "subcommittee": 169, "working_group": 199,
        "task_force": 56}


def test_member_loads_flag_with_reasons(gql: Run) -> None:
    data = gql("{ memberLoads(dataset: " + D + ", onlyFlagged: true, first: 100) { totalCount "
               "nodes { score bodyCount flagged reasons person { name } "
               "seats { weight membership { role body { name } } } } } }")["memberLoads"]
    nodes = data["nodes"]
    assert data["totalCount"] == len(nodes) > 0
    assert all(n["flagged"] and n["reasons"] for n in nodes)
    assert [n["score"] for n in nodes] == sorted((n["score"] for n in nodes), reverse=True)
    top = nodes[0]
    assert top["score"] == sum(s["weight"] for s in top["seats"])


def test_custom_weights_change_the_ranking(gql: Run) -> None:
    data = gql("{ memberLoads(dataset: " + D + ", weights: [{role: \"member\", weight: 0}], "
               "first: 1) { nodes { score seats { weight membership { role } } } } }")
    seats = data["memberLoads"]["nodes"][0]["seats"]
    assert all(s["weight"] == 0 for s in seats if s["membership"]["role"] == "member")


def test_overlaps_and_interlocks(gql: Run) -> None:
    data = gql("{ bodyOverlaps(dataset: " + D + ", first: 1) { totalCount nodes { shared "
               "jaccard bodyA { localId } bodyB { localId } } } "
               "personOverlaps(dataset: " + D + ", minShared: 4) { totalCount } "
               "bodyOverlapMatrix(dataset: " + D + ", classifications: [\"council\", "
               "\"steering_committee\"]) { bodyIds shared } "
               "interlocks(body: \"seodaemun-2021/steering\") { shared body { localId } } }")
    top = data["bodyOverlaps"]["nodes"][0]
    assert (top["bodyA"]["localId"], top["bodyB"]["localId"], top["shared"]) == (
        "council", "steering", 14)
    assert data["bodyOverlapMatrix"]["shared"] == [[50, 14], [14, 14]]
    assert data["interlocks"][0] == {"shared": 14, "body": {"localId": "council"}}
    assert data["personOverlaps"]["totalCount"] > 0


def test_brokers_cut_points_bridges_communities(gql: Run) -> None:
    data = gql("{ brokers(projection: BODIES, dataset: " + D + ", first: 1) { nodes { node { "
               "id kind body { name } } betweenness } } "
               "cutPoints(projection: PERSONS, dataset: " + D + ") { node { id } } "
               "bridges(projection: BODIES, dataset: " + D + ") { a { id } } "
               "communities(projection: PERSONS, dataset: " + D + ") { modularity "
               "communities { size } } }")
    broker = data["brokers"]["nodes"][0]["node"]
    assert (broker["id"], broker["kind"]) == ("seodaemun-2021/council", "Body")
    assert broker["body"]["name"] == "서대문 협치회의"
    assert data["cutPoints"] == [] and data["bridges"] == []
    assert sum(c["size"] for c in data["communities"]["communities"]) == 281
    assert 0 < data["communities"]["modularity"] < 1


def test_path_and_ego_network(gql: Run) -> None:
    data = gql("{ path(from: \"seodaemun-2021/seo-jeongsun\", to: "
               "\"seodaemun-2021/bureau-safety\") { length nodes { kind } steps { kind sources } } "
               "egoNetwork(id: \"seodaemun-2021/seo-jeongsun\") { totalNodes edges { kind } } }")
    path = data["path"]
    assert path["length"] == len(path["steps"]) == len(path["nodes"]) - 1
    assert path["nodes"][0]["kind"] == "Person" and path["nodes"][-1]["kind"] == "Organization"
    assert all(step["sources"] for step in path["steps"])
    assert data["egoNetwork"]["totalNodes"] == 7
    assert {e["kind"] for e in data["egoNetwork"]["edges"]} == {"MEMBER_OF"}


def test_network_for_dashboards(gql: Run) -> None:
    data = gql("{ network(dataset: " + D + ", mode: TWO_MODE, maxNodes: 50) { totalNodes "
               "totalEdges truncated nodes { id kind degree community } edges { source target "
               "kind weight } } }")["network"]
    assert (data["totalNodes"], data["totalEdges"], data["truncated"]) == (316, 488, True)
    assert len(data["nodes"]) == 50
    kept = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in kept and e["target"] in kept for e in data["edges"])


def test_churn_over_the_end_of_the_council_term(gql: Run) -> None:
    data = gql("{ churn(dataset: " + D + ", from: \"2021-03-01\", to: \"2022-01-01\") { stayed "
               "joined { id } left { body { localId } } roleChanged { before { role } } } }")
    churn = data["churn"]
    assert churn["stayed"] == 438 and churn["joined"] == [] and churn["roleChanged"] == []
    assert {m["body"]["localId"] for m in churn["left"]} == {"council"}


def test_attendance_reproduces_the_published_rates(gql: Run) -> None:
    data = gql("{ attendance(dataset: " + D + ", bodies: [\"seodaemun-2021/council\"]) { "
               "overall { rate points } byMeeting { number rate { rate } } "
               "byCategory { memberCategory rate { rate points } } } }")["attendance"]
    assert round(data["overall"]["rate"] * 100, 1) == 78.2
    assert [round(m["rate"]["rate"] * 100, 2) for m in data["byMeeting"]] == [
        88, 82, 76, 68, 77.08]
    assert {c["memberCategory"]: round(c["rate"]["rate"] * 100, 1)
            for c in data["byCategory"]} == {"ex_officio": 69.1, "appointed_councillor": 30.0,
                                             "appointed_private": 85.7}


def test_custom_rubric(gql: Run) -> None:
    data = gql("{ attendance(dataset: " + D + ", rubric: [{minimum: 0.7, points: 5}, "
               "{minimum: 0, points: 0}]) { overall { points } } }")
    assert data["attendance"]["overall"]["points"] == 5


def test_allowances(gql: Run) -> None:
    data = gql("{ allowances(dataset: " + D + ", excludeCategories: [\"ex_officio\"]) { "
               "totalKrw byPeriod { key amountKrw } notes } }")["allowances"]
    assert data["totalKrw"] == (194 - 38) * 70_000
    assert len(data["byPeriod"]) == 5 and len(data["notes"]) == 5
