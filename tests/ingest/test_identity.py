"""One person across datasets: candidates, the judgements file, canonical ids at ingest."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from api.execute import execute
from graph.privacy import Caller, Namer, Role
from graph.runner import Runner
from ingest.identity import (
    Judgements,
    candidates,
    canonical_statements,
    load_judgements,
    name_keys,
)
from ingest.issues import DatasetInvalidError
from ingest.package import load_dataset
from ingest.writer import ingest_all
from schema import schema
from schema.context import Access, Audit, Context
from tests.conftest import DATA, SEODAEMUN, SEOUL
from tests.ingest.conftest import TINY, write_dataset

HEADER = "left_id,right_id,kind,judgement,reason,decided_by,decided_on,sources\n"


@pytest.fixture
def store(contract_store: Runner) -> Runner:
    """An empty store: each test that writes and reads runs on LadybugDB and on Neo4j."""
    return contract_store


def judgements_file(folder: Path, *rows: str) -> Path:
    path = folder / "judgements.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def other_town(tmp_path: Path, *, ana_public: bool = False) -> Path:
    """A second dataset naming Ana (romanised differently) and the Riverton Board."""
    return write_dataset(tmp_path / "county", {
        "bodies.csv": "id,name,classification,sources,confidence\n"
                      "forum,County Forum,council,c.txt:1,stated\n",
        "people.csv": "id,name,public_figure,sources,confidence\n"
                      f"a1,ANA,{'true' if ana_public else 'false'},c.txt:2,stated\n",
        "memberships.csv": "id,person_id,body_id,role,sources,confidence\n"
                           "s1,a1,forum,member,c.txt:3,stated\n",
    }, name="county")


def query(runner: Runner, document: str, *, public: bool = False) -> dict[str, Any]:
    """Run ``document`` as the command line does, or for an anonymous caller."""
    if not public:
        response = execute(runner, document)
        assert "errors" not in response, response
        data: dict[str, Any] = response["data"]
        return data
    access = Access(Caller(Role.PUBLIC), Namer(b"secret", reveal=False), Audit("-", "public"))
    result = asyncio.run(schema.execute(document, context_value=Context(runner, access)))
    assert not result.errors, result.errors
    assert result.data is not None
    return result.data


def test_hangul_and_romanised_spellings_of_a_name_share_a_key() -> None:
    assert name_keys("김상철") & name_keys("Kim Sang-cheol")
    assert name_keys("김상철") & name_keys("Sang-cheol Kim")
    assert name_keys("이창환") & name_keys("Lee Chang-hwan")
    assert not name_keys("김상철") & name_keys("김상현")


def test_candidates_in_the_bundled_data_are_the_known_pairs() -> None:
    found = candidates([load_dataset(SEOUL), load_dataset(SEODAEMUN)])
    pairs = {(c.left.id, c.right.id) for c in found}
    assert ("seodaemun-2021/seoul", "seoul-2017/seoul") in pairs
    assert ("seodaemun-2021/seoul-institute", "seoul-2017/seoul-institute") in pairs
    possible = {(row["person_id"], row["other_person_id"])
                for row in load_dataset(SEOUL).rows["possible_matches"]}
    people = {tuple(sorted(p[len("seoul-2017/"):] for p in pair))
              for pair in pairs if pair[0].startswith("seoul-2017/person")
              or pair[1].startswith("seoul-2017/person")}
    assert people == {tuple(sorted(p)) for p in possible}
    assert all(not c.left.id.split("/")[1].startswith("member-") for c in found)


def test_every_bundled_candidate_is_decided() -> None:
    decided = load_judgements(DATA / "judgements.csv")
    found = candidates([load_dataset(SEOUL), load_dataset(SEODAEMUN)], decided)
    assert found and all(c.judgement is not None for c in found)


def test_a_judgements_file_with_problems_lists_them_all(tmp_path: Path) -> None:
    path = judgements_file(
        tmp_path,
        "a/1,a/1,person,merge,x,me,,",
        "a/1,b/1,person,merge,x,me,,",
        "b/1,a/1,person,merge,x,me,,",
        "a/2,nope,person,maybe,x,me,,",
        "a/1,c/1,person,merge,x,me,,",
        "b/1,c/1,person,not_the_same,x,me,,",
    )
    with pytest.raises(DatasetInvalidError) as caught:
        load_judgements(path)
    reasons = [str(issue) for issue in caught.value.issues]
    assert len(reasons) == 1 and "maybe" in reasons[0]  # cell types first, like a dataset
    path = judgements_file(tmp_path, "a/1,a/1,person,merge,x,me,,",
                           "a/1,b/1,person,merge,x,me,,", "b/1,a/1,person,merge,x,me,,",
                           "a/2,nope,person,unsure,x,me,,", "a/1,c/1,person,merge,x,me,,",
                           "b/1,c/1,person,not_the_same,x,me,,")
    with pytest.raises(DatasetInvalidError) as caught:
        load_judgements(path)
    found = [(i.row, i.column) for i in caught.value.issues]
    assert found == [(2, "right_id"), (4, "left_id"), (5, "right_id"), (7, "judgement")]


def test_merge_applied_at_ingest_and_undone_by_editing_the_file(
        tmp_path: Path, store: Runner) -> None:
    tiny = load_dataset(write_dataset(tmp_path / "riverton", TINY))
    county = load_dataset(other_town(tmp_path))
    path = judgements_file(tmp_path, "county/a1,riverton/ana,person,merge,same,me,,")
    ingest_all(store, [tiny, county], judgements=load_judgements(path))
    data = query(store, '{ person(id: "county/a1") { canonicalId ids bodyCount '
                        'memberships { nodes { id } } } '
                        'multiRoleConcentration { totalPeople totalSeats } }')
    assert data["person"]["canonicalId"] == "county/a1"
    assert data["person"]["ids"] == ["county/a1", "riverton/ana"]
    assert data["person"]["bodyCount"] == 3
    assert sorted(n["id"] for n in data["person"]["memberships"]["nodes"]) == [
        "county/s1", "riverton/m1", "riverton/m3"]
    assert data["multiRoleConcentration"] == {"totalPeople": 3, "totalSeats": 5}
    # a wrong merge is undone by editing the file and ingesting again (datasets unchanged)
    path = judgements_file(tmp_path, "county/a1,riverton/ana,person,not_the_same,no,me,,")
    ingest_all(store, [tiny, county], judgements=load_judgements(path))
    data = query(store, '{ person(id: "county/a1") { canonicalId ids bodyCount } '
                        'multiRoleConcentration { totalPeople totalSeats } }')
    assert data["person"] == {"canonicalId": "county/a1", "ids": ["county/a1"], "bodyCount": 1}
    assert data["multiRoleConcentration"] == {"totalPeople": 4, "totalSeats": 5}
    writes = store.writes
    ingest_all(store, [tiny, county], judgements=load_judgements(path))
    assert store.writes == writes  # nothing changed, nothing written


def test_a_dataset_no_judgement_names_leaves_the_merges_as_they_are(
        tmp_path: Path, store: Runner) -> None:
    tiny = load_dataset(write_dataset(tmp_path / "riverton", TINY))
    county = load_dataset(other_town(tmp_path))
    judged = load_judgements(
        judgements_file(tmp_path, "county/a1,riverton/ana,person,merge,same,me,,"))
    ingest_all(store, [tiny, county], judgements=judged)
    unrelated = load_dataset(SEODAEMUN)
    # no update of stored records rides along, so the write may take the bulk path
    assert canonical_statements(store, judged, [unrelated], dataset_writes=True) == []
    ingest_all(store, [unrelated], judgements=judged)
    data = query(store, '{ person(id: "county/a1") { ids } }')
    assert data["person"]["ids"] == ["county/a1", "riverton/ana"]
    assert canonical_statements(store, judged, [tiny], dataset_writes=True) != []


def test_a_merged_private_person_stays_pseudonymous(tmp_path: Path, store: Runner) -> None:
    tiny = load_dataset(write_dataset(tmp_path / "riverton", TINY))
    county = load_dataset(other_town(tmp_path))
    path = judgements_file(tmp_path, "county/a1,riverton/ana,person,merge,same,me,,")
    ingest_all(store, [tiny, county], judgements=load_judgements(path))
    data = query(store, '{ person(id: "riverton/ana") { name pseudonymous '
                        'sameAs { name pseudonymous } } }', public=True)
    assert data["person"]["pseudonymous"] and data["person"]["sameAs"][0]["pseudonymous"]
    assert "ana" not in {data["person"]["name"].lower(),
                         data["person"]["sameAs"][0]["name"].lower()}


def test_merging_a_public_figure_with_a_private_person_is_refused(
        tmp_path: Path, store: Runner) -> None:
    tiny = load_dataset(write_dataset(tmp_path / "riverton", TINY))
    county = load_dataset(other_town(tmp_path, ana_public=True))
    path = judgements_file(tmp_path, "county/a1,riverton/ana,person,merge,same,me,,")
    with pytest.raises(DatasetInvalidError) as caught:
        ingest_all(store, [tiny, county], judgements=load_judgements(path))
    assert "withheld name" in str(caught.value)
    assert query(store, "{ datasets { id } }")["datasets"] == []


def test_bundled_judgements_merge_the_city_government_across_datasets(
        tmp_path: Path, store: Runner) -> None:
    ingest_all(store, [load_dataset(SEOUL), load_dataset(SEODAEMUN)],
               judgements=load_judgements(DATA / "judgements.csv"))
    data = query(store, '{ organization(id: "seoul-2017/seoul") { canonicalId '
                        'sameAs { id } } person(id: "seoul-2017/person-099") { ids } }')
    assert data["organization"] == {"canonicalId": "seodaemun-2021/seoul",
                                    "sameAs": [{"id": "seodaemun-2021/seoul"}]}
    assert data["person"]["ids"] == ["seoul-2017/person-008", "seoul-2017/person-099"]


def test_no_judgements_leave_every_record_its_own(store: Runner, tmp_path: Path) -> None:
    ingest_all(store, [load_dataset(write_dataset(tmp_path / "riverton", TINY))],
               judgements=Judgements())
    assert store.read("merged_people", {}) == []
