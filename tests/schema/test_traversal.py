"""Reading the network: lookups, nested traversal both ways, filters, pages, errors."""

from __future__ import annotations

from tests.schema.conftest import Run

COORDINATOR = "seodaemun-2021/seo-jeongsun"


def test_person_to_bodies_to_members_and_back(gql: Run) -> None:
    data = gql("""
    query ($id: ID!) {
      person(id: $id) {
        name bodyCount sources confidence
        memberships(first: 10) {
          totalCount
          nodes { role memberCategory body { localId members(first: 100) {
            nodes { person { id } } } } }
        }
      }
    }""", id=COORDINATOR)["person"]
    assert data["name"] == "서정순" and data["bodyCount"] == 6
    assert data["confidence"] == "STATED" and data["sources"]
    assert data["memberships"]["totalCount"] == 6
    for membership in data["memberships"]["nodes"]:
        members = [n["person"]["id"] for n in membership["body"]["members"]["nodes"]]
        assert COORDINATOR in members


def test_body_hierarchy_and_lead_departments(gql: Run) -> None:
    data = gql("""
    { body(id: "seodaemun-2021/wg-17") {
        name classification capacity
        parent { localId children(first: 10) { totalCount nodes { localId } } }
        leadOrganization { name parent { name } }
    } }""")["body"]
    assert (data["classification"], data["capacity"]) == ("working_group", 7)
    assert data["parent"]["localId"] == "sub-climate"
    assert "wg-17" in [n["localId"] for n in data["parent"]["children"]["nodes"]]
    assert data["leadOrganization"] == {"name": "기후환경과", "parent": {"name": "환경생활국"}}


def test_council_terms_meetings_and_tallies(gql: Run) -> None:
    data = gql("""
    { body(id: "seodaemun-2021/council") {
        terms { number startDate endDate composition { memberCategory seats } }
        meetings(from: "2020-01-01") { totalCount nodes { number date seats attendees
          tallies { memberCategory seats present } } }
    } }""")["body"]
    assert [t["number"] for t in data["terms"]] == [2, 3]
    assert sum(q["seats"] for q in data["terms"][0]["composition"]) == 50
    assert data["meetings"]["totalCount"] == 4
    last = data["meetings"]["nodes"][-1]
    assert (last["number"], last["date"], last["seats"], last["attendees"]) == (14, "2020-12-29",
                                                                                 48, 37)
    assert sum(t["present"] for t in last["tallies"]) == 37


def test_filters_by_role_and_member_category(gql: Run) -> None:
    data = gql("""
    { body(id: "seodaemun-2021/council") {
        chairs: members(filter: {roles: ["chair", "co_chair"]}) { totalCount }
        exOfficio: members(filter: {memberCategories: ["ex_officio"]}) { totalCount }
    } }""")["body"]
    assert data == {"chairs": {"totalCount": 2}, "exOfficio": {"totalCount": 11}}


def test_people_filter_by_name_and_body(gql: Run) -> None:
    data = gql("""
    { byName: people(filter: {nameContains: "정순"}) { nodes { id } }
      onSteering: people(filter: {memberOf: ["seodaemun-2021/steering"]}) { totalCount } }""")
    assert data["byName"]["nodes"] == [{"id": COORDINATOR}]
    assert data["onSteering"]["totalCount"] == 14


def test_pages_follow_cursors(gql: Run) -> None:
    first = gql('{ people(filter: {dataset: "seodaemun-2021"}, first: 100) { totalCount '
                "pageInfo { hasNextPage endCursor } nodes { id } } }")["people"]
    seen = [n["id"] for n in first["nodes"]]
    cursor = first["pageInfo"]["endCursor"]
    while True:
        page = gql('query ($after: String) { people(filter: {dataset: "seodaemun-2021"}, '
                   "first: 100, after: $after) { pageInfo { hasNextPage endCursor } "
                   "nodes { id } } }", after=cursor)["people"]
        seen += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        cursor = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == first["totalCount"] == 281


def test_organizations_projects_and_datasets(gql: Run) -> None:
    data = gql("""
    { organizations(filter: {classifications: ["bureau"]}) { totalCount }
      organization(id: "seodaemun-2021/dept-governance") {
        ledBodies { totalCount } projects { nodes { localId } } }
      projects(filter: {years: [2021], kinds: ["lab"]}) { nodes { name budgetKrw } }
      datasets { id pseudonymousTables } }""")
    assert data["organizations"]["totalCount"] == 6
    assert data["organization"]["ledBodies"]["totalCount"] == 6
    assert sorted(p["budgetKrw"] for p in data["projects"]["nodes"]) == [5_000_000, 10_000_000]
    assert data["datasets"] == [{"id": "seodaemun-2021",
                                 "pseudonymousTables": ["people", "memberships"]}]


def test_unknown_ids_are_not_found(gql_errors: Run) -> None:
    errors = gql_errors('{ person(id: "nobody") { id } body(id: "x") { id } }')
    assert sorted((e["path"][0], e["extensions"]["code"]) for e in errors) == [
        ("body", "NOT_FOUND"), ("person", "NOT_FOUND")]


def test_errors_carry_a_code_and_no_stack_trace(gql_errors: Run) -> None:
    cases = {
        "{ people(first: 1001) { totalCount } }": "BAD_USER_INPUT",
        '{ people(after: "garbage") { totalCount } }': "BAD_USER_INPUT",
        "{ overcommittedMembers(minBodies: 0) { totalCount } }": "BAD_USER_INPUT",
        '{ multiRoleConcentration(asOf: "2021-02-30") { totalSeats } }': (
            "GRAPHQL_VALIDATION_FAILED"),
        "{ people { totalCount ": "GRAPHQL_PARSE_FAILED",
        "{ nosuchfield }": "GRAPHQL_VALIDATION_FAILED",
    }
    for document, code in cases.items():
        errors = gql_errors(document)
        assert [e["extensions"]["code"] for e in errors] == [code], document
        assert "Traceback" not in str(errors)


def test_bad_variables_are_bad_user_input(gql_errors: Run) -> None:
    errors = gql_errors("query ($d: Date) { multiRoleConcentration(asOf: $d) { totalSeats } }",
                        d="2021-13-01")
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "$d" in errors[0]["message"]


def test_deep_queries_are_refused(gql_errors: Run) -> None:
    nested = "members { nodes { person { memberships { nodes { body { " * 3
    document = "{ body(id: \"x\") { " + nested + "id" + " } } } } } }" * 3 + " } }"
    errors = gql_errors(document)
    assert "exceeds maximum operation depth" in errors[0]["message"]
