"""The Seoul 2017 actor network: the document's totals, computed through GraphQL from the data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from api.execute import execute
from graph.runner import Runner

Run = Callable[..., dict[str, Any]]
D = '"seoul-2017"'


@pytest.fixture(scope="module")
def q(contract_seoul: Runner) -> Run:
    def run(document: str) -> dict[str, Any]:
        response = execute(contract_seoul, document)
        assert "errors" not in response, response["errors"]
        data: dict[str, Any] = response["data"]
        return data

    return run


def projects(q: Run, kind: str, year: int) -> list[dict[str, Any]]:
    data = q("{ projects(filter: {dataset: " + D + f', kinds: ["{kind}"], years: [{year}]}}, '
             "first: 100) { totalCount nodes { budgetKrw "
             "leadOrganization { id parent { id } } } } }")
    assert data["projects"]["totalCount"] == len(data["projects"]["nodes"])
    nodes: list[dict[str, Any]] = data["projects"]["nodes"]
    return nodes


def test_2017_agenda_projects_count_budget_bureaus_and_departments(q: Run) -> None:
    agenda = projects(q, "agenda_project", 2017)
    # 35 projects, 8,878,715 thousand won, 12 offices and 26 departments (L1621-1628)
    assert len(agenda) == 35
    assert sum(p["budgetKrw"] for p in agenda) == 8_878_715_000
    departments = {p["leadOrganization"]["id"] for p in agenda}
    bureaus = {p["leadOrganization"]["parent"]["id"] for p in agenda}
    assert (len(departments), len(bureaus)) == (26, 12)
    programme = q('{ project(id: "seoul-2017/agenda-2017") { budgetKrw children(first: 100) '
                  "{ totalCount } } }")["project"]
    assert programme == {"budgetKrw": 8_878_715_000, "children": {"totalCount": 36}}


def test_2018_participatory_budget_projects(q: Run) -> None:
    chosen = projects(q, "pb_project", 2018)
    # 16 projects, 5,652 million won (L2441, L2931)
    assert len(chosen) == 16
    assert sum(p["budgetKrw"] for p in chosen) == 5_652_000_000


def test_thirteen_policy_forums_with_84_speaking_slots(q: Run) -> None:
    data = q('{ project(id: "seoul-2017/policy-forums") { children(first: 20) { totalCount '
             "nodes { startDate appearances(first: 100) { totalCount } } } } }")
    forums = data["project"]["children"]
    assert forums["totalCount"] == 13
    dates = [f["startDate"] for f in forums["nodes"]]
    assert dates == sorted(dates) and dates[0] == "2016-06-20" and dates[-1] == "2017-12-26"
    # moderators, presenters and discussants printed for forums 1-13, the unnamed advisor
    # three times among them
    assert sum(f["appearances"]["totalCount"] for f in forums["nodes"]) == 84


def test_fourteen_platforms_nine_from_2016_with_57_organisations(q: Run) -> None:
    data = q("{ projects(filter: {dataset: " + D + ', kinds: ["platform"]}, first: 100) { '
             "totalCount nodes { year partners { role } } } }")["projects"]
    assert data["totalCount"] == 14  # L3880-3882
    years = [p["year"] for p in data["nodes"]]
    assert (years.count(2016), years.count(2017)) == (9, 5)
    roles = [r["role"] for p in data["nodes"] for r in p["partners"]]
    assert (roles.count("lead"), roles.count("member")) == (14, 43)


def test_public_talk_audiences_add_up_to_the_series(q: Run) -> None:
    data = q('{ project(id: "seoul-2017/public-talk-2017") { participants children { nodes { '
             "participants appearances { nodes { person { name } } } } } } }")["project"]
    assert sum(s["participants"] for s in data["children"]["nodes"]) == data["participants"] == 619


def test_2016_school_courses_pin_the_per_course_figures(q: Run) -> None:
    data = q('{ project(id: "seoul-2017/school-2016") { children { nodes { participants } } } }')
    # the document prints 135, 153 and 155; the dataset keeps the per-course text (notes)
    assert sum(c["participants"] for c in data["project"]["children"]["nodes"]) == 155


def test_the_five_most_multi_role_actors_of_2016_2017(q: Run) -> None:
    data = q("{ actorConcentration(dataset: " + D + ', from: "2016-01-01", to: "2017-12-31", '
             "first: 5) { nodes { positions person { name } held { sources } } } }")
    top = data["actorConcentration"]["nodes"]
    assert [a["person"]["name"] for a in top][:2] == ["송문식", "전효관"]
    assert [a["positions"] for a in top] == sorted((a["positions"] for a in top), reverse=True)
    assert all(h["sources"] for a in top for h in a["held"])


def test_unnamed_offices_are_posts_not_people(q: Run) -> None:
    data = q("{ people(filter: {dataset: " + D + ', nameContains: "자문관"}) { totalCount } '
             'post(id: "seoul-2017/advisor") { label appearances { role project { name } } } }')
    assert data["people"]["totalCount"] == 0
    # textbook author, three governance-school sessions, the public talk, Hello school, the
    # conference, the citizens' assembly and forums 1, 2 and 3
    assert len(data["post"]["appearances"]) == 11


def test_same_names_are_kept_apart_with_the_reason(q: Run) -> None:
    data = q('{ person(id: "seoul-2017/person-049") { name possibleMatches { reason person '
             "{ id } } appearances { totalCount } } }")["person"]
    assert {m["person"]["id"] for m in data["possibleMatches"]} == {
        "seoul-2017/person-011", "seoul-2017/person-103"}  # three people named 김상철
    assert all(m["reason"] for m in data["possibleMatches"])


def test_a_councillor_who_became_deputy_mayor(q: Run) -> None:
    trail = q('{ person(id: "seoul-2017/김종욱") { trail { kind date appearance { affiliation } '
              "} } }")["person"]["trail"]
    dated = [(t["date"], t["appearance"]["affiliation"]) for t in trail if t["appearance"]]
    assert dated == [("2016-10-17", "서울시의원"), ("2017-07-24", "정무부시장")]


def test_both_datasets_side_by_side(q: Run) -> None:
    data = q("{ datasets { id } seodaemun: multiRoleConcentration(dataset: \"seodaemun-2021\") "
             "{ totalPeople } seoul: people(filter: {dataset: " + D + "}) { totalCount } }")
    assert [d["id"] for d in data["datasets"]] == ["seodaemun-2021", "seoul-2017"]
    assert data["seodaemun"]["totalPeople"] == 281 and data["seoul"]["totalCount"] == 156


def test_filters_by_organisation_and_date_range(q: Run) -> None:
    data = q('{ byOrg: people(filter: {organizations: ["seoul-2017/npo-school"]}) '
             "{ nodes { name } } "
             "events: projects(filter: {dataset: " + D + ', kinds: ["forum"], from: "2017-01-01", '
             'to: "2017-06-30"}) { nodes { startDate } } }')
    assert {p["name"] for p in data["byOrg"]["nodes"]} == {"이재현", "강정모"}
    # forums 4 to 7 fall in the first half of 2017
    assert sorted(p["startDate"] for p in data["events"]["nodes"]) == [
        "2017-01-10", "2017-02-14", "2017-02-23", "2017-05-31"]


def test_meetings_of_the_council_and_the_subcommittee(q: Run) -> None:
    data = q('{ council: body(id: "seoul-2017/council") { meetings { nodes { number date } } } '
             'sub: body(id: "seoul-2017/diagnosis") { meetings(from: "2017-01-01") { totalCount '
             "nodes { number } } members { totalCount } } }")
    council = [(m["number"], m["date"]) for m in data["council"]["meetings"]["nodes"]]
    assert council[1:5] == [(1, "2016-10-25"), (2, "2017-02-15"), (3, "2017-06-09"),
                            (4, "2017-09-13")]
    assert council[-1] == (None, "2017-12-15")
    numbers = [m["number"] for m in data["sub"]["meetings"]["nodes"]]
    assert numbers == list(range(4, 17))
    assert data["sub"]["members"]["totalCount"] == 12  # L997, L1009-1015


def test_district_school_sessions_add_up_to_the_course_totals(q: Run) -> None:
    data = q('{ project(id: "seoul-2017/local-school") { children { nodes { localId '
             "participants children(first: 100) { totalCount nodes { participants } } } } } }")
    courses = data["project"]["children"]["nodes"]
    assert len(courses) == 8
    assert sum(c["children"]["totalCount"] for c in courses) == 59
    sums = {c["localId"]: (sum(s["participants"] for s in c["children"]["nodes"]),
                           c["participants"]) for c in courses}
    # the 2017 outreach rows add up to 1,180 where the document states 1,182 (notes)
    assert sums.pop("local-2017-understanding") == (1180, 1182)
    assert all(found == stated for found, stated in sums.values())
