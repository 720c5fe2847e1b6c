"""A synthetic governance network of any size, for benchmarks and tests.

The network is made of regions; each has a council, a steering committee,
subcommittees, working groups and task forces, led by departments of
bureaus. The number of seats a person holds
follows a discrete power law (most people hold one seat, a few hold many),
as multiple membership does in real governance networks; people sit mostly
in their own region. The output is an ordinary Data Package that ingest
validates like any other. Everything is drawn from ``random.Random(seed)``, so
the same arguments always give the same files.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ingest import csvfiles

SOURCE = "synthetic:1"
BODY_MIX = (("council", 1), ("steering_committee", 1), ("subcommittee", 5),
            ("working_group", 15), ("task_force", 3))
"""Per region: classification and how many."""
MAX_SEATS = 15
POWER = 2.4


@dataclass(frozen=True)
class Size:
    people: int
    bodies: int
    nodes: int
    seats: int


def write_synthetic(folder: Path, people: int, regions: int, seed: int = 1, *,
                    local_governments: bool = False) -> Size:
    """Write a synthetic dataset named ``synthetic-<people>`` into ``folder``.

    With ``local_governments`` each region is a local government of its own
    (an organisation classified ``government`` under the national one): a
    national network of ``regions + 1`` governments.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    organizations, bodies = _structure(regions, rng, local_governments)
    region_of = {b["id"]: b["region"] for b in bodies}
    persons = [{"id": f"p{i}", "name": f"Person {i}", "category": "private_citizen",
                "region": rng.randrange(regions)} for i in range(people)]
    memberships = _seats(persons, bodies, region_of, rng)
    meetings, tallies = _meetings(bodies, memberships, rng)
    tables = {
        "organizations": (["id", "name", "classification", "parent_id"], organizations),
        "bodies": (["id", "name", "classification", "parent_id", "lead_organization_id"],
                   bodies),
        "people": (["id", "name", "category"], persons),
        "memberships": (["id", "person_id", "body_id", "role", "member_category"], memberships),
        "meetings": (["id", "body_id", "number", "date", "mode", "seats", "attendees"], meetings),
        "attendance_tallies": (["id", "meeting_id", "member_category", "seats", "present"],
                               tallies),
    }
    for name, (columns, rows) in tables.items():
        provenance = [{**row, "sources": SOURCE, "confidence": "inferred"} for row in rows]
        csvfiles.write(folder / f"{name}.csv", [*columns, "sources", "confidence"], provenance)
    (folder / "datapackage.json").write_text(json.dumps({
        "name": f"synthetic-{people}", "title": f"Synthetic network of {people} people",
        "resources": [{"name": name, "path": f"{name}.csv", "pseudonymous": name == "people"}
                      for name in tables],
    }, indent=2), encoding="utf-8")
    return Size(people, len(bodies), people + len(bodies) + len(organizations),
                len(memberships))


def mean_seats() -> float:
    """The expected number of seats a person holds (the power law's mean)."""
    weights = [math.pow(k, -POWER) for k in range(1, MAX_SEATS + 1)]
    return sum(k * w for k, w in enumerate(weights, start=1)) / sum(weights)


def people_for_seats(seats: int) -> int:
    """How many people make about ``seats`` memberships (1 % more, so as not to fall short)."""
    return int(seats * 1.01 / mean_seats()) + 1


def _structure(regions: int, rng: random.Random, local_governments: bool = False,
               ) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    organizations: list[dict[str, object]] = [
        {"id": "gov", "name": "Government", "classification": "government", "parent_id": ""}]
    bodies: list[dict[str, object]] = []
    for r in range(regions):
        bureau, parent = f"r{r}-bureau", "gov"
        if local_governments:
            parent = f"r{r}-gov"
            organizations.append({"id": parent, "name": f"Region {r} government",
                                  "classification": "government", "parent_id": "gov"})
        organizations.append({"id": bureau, "name": f"Region {r} bureau",
                              "classification": "bureau", "parent_id": parent})
        departments = [f"r{r}-dept{d}" for d in range(4)]
        organizations += [{"id": d, "name": d, "classification": "department",
                           "parent_id": bureau} for d in departments]
        council = f"r{r}-council"
        for kind, count in BODY_MIX:
            for n in range(count):
                body_id = council if kind == "council" else f"r{r}-{kind}-{n}"
                parent = "" if kind == "council" else council
                if kind in ("working_group", "task_force"):
                    parent = f"r{r}-subcommittee-{n % 5}"
                bodies.append({
                    "id": body_id, "name": f"Region {r} {kind.replace('_', ' ')} {n}",
                    "classification": kind, "parent_id": parent,
                    "lead_organization_id": rng.choice(departments)
                    if kind == "working_group" else "",
                    "region": r,
                })
    return organizations, bodies


def _seats(persons: list[dict[str, object]], bodies: list[dict[str, object]],
           region_of: dict[object, object], rng: random.Random) -> list[dict[str, object]]:
    weights = [k ** -POWER for k in range(1, MAX_SEATS + 1)]
    by_region: dict[object, list[dict[str, object]]] = {}
    for body in bodies:
        by_region.setdefault(region_of[body["id"]], []).append(body)
    memberships: list[dict[str, object]] = []
    seated: dict[object, int] = {}
    for person in persons:
        wanted = rng.choices(range(1, MAX_SEATS + 1), weights=weights)[0]
        home = by_region[person["region"]]
        chosen: set[object] = set()
        while len(chosen) < wanted:
            pool = home if rng.random() < 0.85 else bodies
            chosen.add(rng.choice(pool)["id"])
        for body_id in sorted(chosen, key=str):
            first = body_id not in seated
            seated[body_id] = seated.get(body_id, 0) + 1
            memberships.append({"id": f"{person['id']}-{body_id}", "person_id": person["id"],
                                "body_id": body_id, "role": "chair" if first else "member",
                                "member_category": "private"})
    return memberships


def _meetings(bodies: list[dict[str, object]], memberships: list[dict[str, object]],
              rng: random.Random) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    size = {b["id"]: 0 for b in bodies}
    for m in memberships:
        size[m["body_id"]] += 1
    meetings: list[dict[str, object]] = []
    tallies: list[dict[str, object]] = []
    start = date(2021, 1, 15)
    for body in bodies:
        if body["classification"] != "council" or not size[body["id"]]:
            continue
        for n in range(4):
            seats = size[body["id"]]
            present = sum(rng.random() < 0.8 for _ in range(seats))
            meeting_id = f"{body['id']}-m{n}"
            meetings.append({"id": meeting_id, "body_id": body["id"], "number": n + 1,
                             "date": (start + timedelta(days=91 * n)).isoformat(),
                             "mode": rng.choice(["offline", "online"]), "seats": seats,
                             "attendees": present})
            tallies.append({"id": f"{meeting_id}-private", "meeting_id": meeting_id,
                            "member_category": "private", "seats": seats, "present": present})
    return meetings, tallies
