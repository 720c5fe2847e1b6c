"""Identity across files: only global identifier schemes (or one dataset's own ids) make a
strong match, and every reason says what matched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ingest.identity import GLOBAL_SCHEMES, STRONG_MATCH, Candidate, candidates
from ingest.package import load_dataset
from ingest.popolo import load_popolo
from tests.ingest.conftest import write_dataset
from tests.ingest.test_popolo_published import ESTONIA, WALES, fixture


def _raw(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(fixture(name).read_text(encoding="utf-8"))
    return data


def _wikidata(person: dict[str, Any]) -> str | None:
    return next((i["identifier"] for i in person.get("identifiers", [])
                 if i["scheme"] == "wikidata"), None)


def numbered_like_wales(tmp_path: Path) -> Path:
    """Another legislature whose EveryPolitician file numbers its members from the same
    counter as Wales's (``everypolitician_legacy`` 421, 543, ...): other people, other names,
    other Wikidata items."""
    raw = _raw(WALES)
    persons = []
    for n, person in enumerate(raw["persons"]):
        legacy = [i for i in person["identifiers"] if i["scheme"] == "everypolitician_legacy"]
        if legacy:
            persons.append({"id": f"m{n}", "name": f"Member {n}",
                            "identifiers": [*legacy, {"scheme": "wikidata",
                                                      "identifier": f"Q9000{n}"}]})
    path = tmp_path / "other-ep-popolo-v1.0.json"
    path.write_text(json.dumps({"persons": persons, "organizations": [
        {"id": "house", "name": "Other House", "classification": "legislature"}],
        "memberships": [{"person_id": p["id"], "organization_id": "house", "role": "member"}
                        for p in persons]}), encoding="utf-8")
    return path


def truly_same(c: Candidate, raws: dict[str, dict[str, Any]]) -> bool:
    """Whether the two people of ``c`` carry the same Wikidata item in the raw files."""
    def item(record_id: str) -> str | None:
        dataset, local = record_id.split("/", 1)
        person = next((p for p in raws.get(dataset, {}).get("persons", [])
                       if p["id"] == local), None)
        return _wikidata(person) if person else None

    left = item(c.left.id)
    return left is not None and left == item(c.right.id)


def test_several_everypolitician_files_give_no_false_strong_match(tmp_path: Path) -> None:
    paths = {"estonia": fixture(ESTONIA), "wales": fixture(WALES),
             "other": numbered_like_wales(tmp_path)}
    datasets = [load_popolo(path, name) for name, path in paths.items()]
    raws = {name: json.loads(path.read_text(encoding="utf-8")) for name, path in paths.items()}
    found = [c for c in candidates(datasets) if c.kind == "person"]
    shared_legacy = {i["identifier"] for p in raws["wales"]["persons"]
                     for i in p["identifiers"] if i["scheme"] == "everypolitician_legacy"}
    assert len(shared_legacy) >= 50  # the hazard is real: dozens of colliding numbers
    strong = [c for c in found if c.score >= STRONG_MATCH]
    assert [c for c in strong if not truly_same(c, raws)] == []
    assert all("everypolitician_legacy" not in reason for c in found for reason in c.reasons)


def test_the_same_file_twice_pairs_every_member_on_wikidata_only(tmp_path: Path) -> None:
    raw = _raw(WALES)
    again = tmp_path / "wales-again.json"
    again.write_text(json.dumps(raw), encoding="utf-8")
    datasets = [load_popolo(fixture(WALES), "wales"), load_popolo(again, "wales-again")]
    people = [c for c in candidates(datasets) if c.kind == "person"]
    strong = {(c.left.id, c.right.id) for c in people if c.score >= STRONG_MATCH}
    assert strong == {(f"wales-again/{p['id']}", f"wales/{p['id']}") for p in raw["persons"]}
    sample = next(c for c in people if c.left.id == f"wales-again/{raw['persons'][0]['id']}"
                  and c.right.id == f"wales/{raw['persons'][0]['id']}")
    assert sample.reasons[0].startswith("same identifier: ")
    assert "wikidata " + str(_wikidata(raw["persons"][0])) in sample.reasons[0]
    assert "everypolitician_legacy" not in sample.reasons[0]  # local to each file
    house = next(o["name"] for o in raw["organizations"] if o["classification"] == "legislature")
    seated = [r for r in sample.reasons if r.startswith("both sit in body")]
    assert seated == [f"both sit in body '{house}' at the same time"]  # one body, said once


def _people(tmp_path: Path, name: str, rows: str) -> Any:
    return load_dataset(write_dataset(tmp_path / name, {
        "people.csv": "id,name,identifiers,sources,confidence\n" + rows}, name=name))


def test_a_local_identifier_is_strong_within_one_dataset_only(tmp_path: Path) -> None:
    one = _people(tmp_path, "one", "a,Ann Lee,riigikogu:17,x:1,stated\n"
                                   "b,A. Lee,riigikogu:17,x:2,stated\n")
    two = _people(tmp_path, "two", "c,Carl Berg,riigikogu:17,x:3,stated\n")
    found = candidates([one, two])
    assert [(c.left.id, c.right.id, c.score, c.reasons) for c in found] == [
        ("one/a", "one/b", STRONG_MATCH,
         ("same identifier within one dataset: riigikogu 17",))]


def test_different_global_ids_count_against_a_same_name(tmp_path: Path) -> None:
    one = _people(tmp_path, "one", "a,John Smith,wikidata:Q1,x:1,stated\n")
    two = _people(tmp_path, "two", "b,John Smith,wikidata:Q2,x:2,stated\n")
    three = _people(tmp_path, "three", "c,JOHN SMITH,,x:3,stated\n")
    listed = {(c.left.id, c.right.id) for c in candidates([one, two, three])}
    assert ("one/a", "two/b") not in listed  # below the default min_score of 0
    found = {(c.left.id, c.right.id): c for c in candidates([one, two, three], min_score=-9)}
    assert found[("one/a", "two/b")].score < 0
    assert found[("one/a", "two/b")].reasons == (
        "different wikidata ids (Q1 / Q2)", "same name (John Smith)")
    assert found[("one/a", "three/c")].reasons == ("same name (John Smith)",)


@pytest.mark.parametrize(("left", "right", "expected"), [
    ("Sang-cheol Kim", "Kim Sang-cheol", "same name once normalised (Sang-cheol Kim / "
                                         "Kim Sang-cheol)"),
    ("김상철", "Kim Sang-cheol", "same name once romanised (김상철 / Kim Sang-cheol)"),
    ("Zoë Ward", "Zoe Ward", "same name once normalised (Zoë Ward / Zoe Ward)"),
])
def test_reasons_say_how_names_agree(tmp_path: Path, left: str, right: str,
                                     expected: str) -> None:
    one = _people(tmp_path, "one", f"a,{left},,x:1,stated\n")
    two = _people(tmp_path, "two", f"b,{right},,x:2,stated\n")
    assert candidates([one, two])[0].reasons == (expected,)


def test_a_match_through_an_english_name_says_so(tmp_path: Path) -> None:
    def parties(name: str, row: str) -> Any:
        return load_dataset(write_dataset(tmp_path / name, {
            "organizations.csv": "id,name,name_en,classification,sources,confidence\n" + row},
            name=name))

    found = candidates([parties("a", "ind,Fraktsioonitud,Independent,party,x:1,stated\n"),
                        parties("b", "independent,Independent,,party,x:2,stated\n")])
    assert found[0].reasons == ("same English name / name (Independent)",
                                "both classified party")


def test_the_global_schemes_include_the_registers_the_files_cite() -> None:
    cited = {i["scheme"] for name in (ESTONIA, WALES) for p in _raw(name)["persons"]
             for i in p["identifiers"]}
    assert {"wikidata", "viaf", "isni", "lcauth", "gnd"} <= cited & set(GLOBAL_SCHEMES)
    assert "everypolitician_legacy" in cited - set(GLOBAL_SCHEMES)
    assert "riigikogu" in cited - set(GLOBAL_SCHEMES)
