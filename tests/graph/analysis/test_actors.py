"""Actor concentration and a person's trail on a small actor network worked by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from api.execute import execute
from graph.analysis.actors import actor_concentration
from graph.backends.ladybug import LadybugRunner
from graph.filters import DateWindow
from ingest.package import DatasetInvalidError, load_dataset
from ingest.writer import ingest
from tests.ingest.conftest import write_dataset

ACTORS = {
    "organizations.csv": "id,name,classification,sources,confidence\n"
                         "city,City,government,w.txt:1,stated\n"
                         "ngo1,NGO One,ngo,w.txt:2,stated\nuni,A University,university,w.txt:3,"
                         "stated\n",
    "bodies.csv": "id,name,classification,sources,confidence\ncouncil,Council,council,w.txt:4,"
                  "stated\n",
    "people.csv": "id,name,sources,confidence\nkim,Kim,w.txt:5,stated\nlee,Lee,w.txt:6,stated\n"
                  "park,Lee,w.txt:7,stated\n",
    "memberships.csv": "id,person_id,body_id,role,start_date,sources,confidence\n"
                       "kim-council,kim,council,member,2016-10-25,w.txt:8,stated\n",
    "projects.csv": "id,name,kind,start_date,parent_id,sources,confidence\n"
                    "conf,Conference,conference,2016-09-22,,w.txt:9,stated\n"
                    "forum,Forum series,forum_series,2016-06-20,,w.txt:10,stated\n"
                    "forum-1,Forum 1,forum,2016-06-20,forum,w.txt:11,stated\n"
                    "forum-2,Forum 2,forum,2017-01-10,forum,w.txt:12,stated\n",
    "posts.csv": "id,label,role,organization_id,sources,confidence\n"
                 "mayor,Mayor,head,city,w.txt:13,stated\n",
    "appearances.csv": "id,person_id,post_id,project_id,role,affiliation,organization_id,date,"
                       "sources,confidence\n"
                       "a1,kim,,conf,presenter,NGO One director,ngo1,2016-09-22,w.txt:14,stated\n"
                       "a2,kim,,forum-1,moderator,,,2016-06-20,w.txt:15,stated\n"
                       "a3,kim,,forum-2,panelist,A University,uni,2017-01-10,w.txt:16,stated\n"
                       "a4,lee,,forum-1,panelist,,,2016-06-20,w.txt:17,stated\n"
                       "a5,,mayor,conf,greeting,,,2016-09-22,w.txt:18,stated\n",
    "affiliations.csv": "id,person_id,organization_id,title,start_date,sources,confidence\n"
                        "f1,kim,ngo1,director,2015-01-01,w.txt:19,stated\n"
                        "f2,kim,uni,professor,2017-01-01,w.txt:20,stated\n",
    "possible_matches.csv": "id,person_id,other_person_id,reason,sources,confidence\n"
                            "pm1,lee,park,same name with different affiliations,w.txt:21,"
                            "inferred\n",
}


@pytest.fixture
def actors(store: LadybugRunner, tmp_path: Path) -> LadybugRunner:
    ingest(store, load_dataset(write_dataset(tmp_path / "w", ACTORS, name="w")))
    return store


def test_counts_worked_by_hand(actors: LadybugRunner) -> None:
    found = actor_concentration(actors, "w", DateWindow(date(2016, 1, 1), date(2017, 12, 31)))
    kim = found[0]
    assert kim.person_id == "w/kim"
    # conf presenter, forum-1 moderator, forum-2 panelist, council member, ngo1 director,
    # uni professor
    assert (kim.positions, kim.roles, kim.events, kim.bodies, kim.organizations) == (6, 6, 3, 1, 2)
    assert [p.context_id for p in kim.held] == ["w/ngo1", "w/forum-1", "w/conf", "w/council",
                                                "w/uni", "w/forum-2"]
    assert [(a.person_id, a.positions) for a in found[1:]] == [("w/lee", 1)]


def test_the_window_limits_the_positions(actors: LadybugRunner) -> None:
    kim = actor_concentration(actors, "w", DateWindow(date(2016, 1, 1), date(2016, 12, 31)))[0]
    assert (kim.positions, kim.events) == (4, 2)  # no forum-2, no university yet


def test_trail_posts_and_possible_matches_over_graphql(actors: LadybugRunner) -> None:
    data = execute(actors, """{
      person(id: "w/kim") { trail { kind date role sources
        appearance { affiliation project { name parent { name } } organization { name } }
        membership { body { name } } affiliation { organization { name } } } }
      lee: person(id: "w/lee") { possibleMatches { reason confidence person { id name } } }
      posts(filter: {dataset: "w"}) { nodes { label organization { name }
        appearances { role project { name } } } }
      project(id: "w/forum") { children { nodes { name appearances { totalCount } } } }
    }""")
    assert "errors" not in data, data
    trail = data["data"]["person"]["trail"]
    assert [(t["kind"], t["date"]) for t in trail] == [
        ("AFFILIATION", "2015-01-01"), ("APPEARANCE", "2016-06-20"), ("APPEARANCE", "2016-09-22"),
        ("MEMBERSHIP", "2016-10-25"), ("AFFILIATION", "2017-01-01"), ("APPEARANCE", "2017-01-10")]
    assert trail[2]["appearance"]["affiliation"] == "NGO One director"
    assert trail[1]["appearance"]["project"]["parent"] == {"name": "Forum series"}
    assert all(t["sources"] for t in trail)
    assert data["data"]["lee"]["possibleMatches"] == [{
        "reason": "same name with different affiliations", "confidence": "INFERRED",
        "person": {"id": "w/park", "name": "Lee"}}]
    assert data["data"]["posts"]["nodes"] == [{
        "label": "Mayor", "organization": {"name": "City"},
        "appearances": [{"role": "greeting", "project": {"name": "Conference"}}]}]
    children = data["data"]["project"]["children"]["nodes"]
    assert [(c["name"], c["appearances"]["totalCount"]) for c in children] == [
        ("Forum 1", 2), ("Forum 2", 1)]


def test_actor_concentration_over_graphql(actors: LadybugRunner) -> None:
    data = execute(actors, """{ actorConcentration(dataset: "w", from: "2016-01-01",
        to: "2017-12-31", first: 1) { totalCount nodes { positions events person { name }
        held { kind role project { name } body { name } organization { name } sources } } } }""")
    top = data["data"]["actorConcentration"]
    assert top["totalCount"] == 2
    node = top["nodes"][0]
    assert (node["person"]["name"], node["positions"], node["events"]) == ("Kim", 6, 3)
    assert node["held"][3] == {"kind": "MEMBERSHIP", "role": "member", "project": None,
                               "body": {"name": "Council"}, "organization": None,
                               "sources": ["w.txt:8"]}


def test_an_appearance_needs_exactly_one_of_person_or_post(tmp_path: Path) -> None:
    tables = dict(ACTORS)
    tables["appearances.csv"] = tables["appearances.csv"].replace("a5,,mayor", "a5,kim,mayor")
    with pytest.raises(DatasetInvalidError, match=r"appearances\.csv, row 6, column person_id: "
                                                  r"give exactly one of person_id or post_id"):
        load_dataset(write_dataset(tmp_path / "bad", tables, name="w"))
