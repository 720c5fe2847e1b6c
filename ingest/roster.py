"""Generate a pseudonymous roster that matches every count a report publishes.

Reports on governance networks often publish counts (seats per body, how many
people sit in how many bodies) but not the names behind them. This module
builds a deterministic roster consistent with such counts, from calibration
tables kept beside the dataset in ``roster/``:

``groups.csv``
    Groups of members of an *anchor* body (e.g. ex officio and appointed
    council members), their size, and the member category and dates of
    their anchor seat.
``overlap.csv``
    People by number of bodies held, for everyone (blank ``group_id``) and
    for each group.
``people.csv`` and ``seats.csv``
    Named office holders and unnamed posts with the seats the report gives
    them, optionally their total number of bodies and the body kinds their
    other seats may be in.

The seats still open are filled by a minimum-cost flow [1]_ from people (each
needing its remaining number of bodies) to bodies (each with its remaining
published capacity), at most one seat per person and body. A person is
preferably seated in bodies of one sector (the subcommittee a body belongs
to), so the roster has the clustered overlaps of a real network. Two rules
follow the report's description of the structure: holders of a chair seat
take the largest body counts of their group (the report says most people in
five or more bodies are chairs), and steering-committee seats go to members
of the anchor body.

References
----------
.. [1] Ahuja, Magnanti and Orlin, *Network Flows*, Prentice Hall, 1993, ch. 9-11
   (minimum-cost flow; networkx's ``max_flow_min_cost``).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import GovgraphError
from ingest import csvfiles
from ingest.package import read_table
from ingest.tables import day, flag, integer, text

ROSTER_DIR = "roster"
PEOPLE_FILE = "people.csv"
MEMBERSHIPS_FILE = "memberships.csv"
PEOPLE_COLUMNS = ["id", "name", "other_names", "category", "public_figure", "pseudonymous",
                  "sources", "confidence"]
MEMBERSHIP_COLUMNS = ["id", "person_id", "body_id", "role", "member_category", "label",
                      "start_date", "end_date", "sources", "confidence"]
LEADERSHIP_ROLES = {"chair", "co_chair"}
SAME_SECTOR, NO_SECTOR, OTHER_SECTOR = 0, 1, 3

CALIBRATION_FIELDS: dict[str, list[dict[str, Any]]] = {
    "groups.csv": [text("id", required=True), text("anchor_body_id", required=True),
                   integer("size", required=True), text("member_category", required=True),
                   day("start_date"), day("end_date"), text("sources", required=True),
                   text("confidence", required=True)],
    "overlap.csv": [text("id", required=True), text("group_id"),
                    integer("bodies", required=True), integer("people", required=True),
                    text("sources", required=True), text("confidence", required=True)],
    "people.csv": [text("id", required=True), text("name"), text("label"), text("category"),
                   flag("public_figure"), text("group_id"), integer("bodies"), text("eligible"),
                   text("sources", required=True), text("confidence", required=True)],
    "seats.csv": [text("id", required=True), text("person_id", required=True),
                  text("body_id", required=True), text("role", required=True),
                  text("member_category"), text("label"), day("start_date"), day("end_date"),
                  text("sources", required=True), text("confidence", required=True)],
    "bodies.csv": [text("id", required=True), text("classification", required=True),
                   text("parent_id"), integer("capacity"), text("sources", required=True)],
}


class RosterError(GovgraphError):
    """The calibration tables contradict each other; no roster can satisfy them."""

    code = "ROSTER_INFEASIBLE"


@dataclass
class Member:
    """A person of the roster while it is being built."""

    id: str
    name: str
    category: str
    public_figure: bool
    pseudonymous: bool
    group: str
    sources: str
    confidence: str
    bodies: int = 0
    eligible: set[str] | None = None
    sector: str | None = None
    seats: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Roster:
    """The generated tables, as rows ready for CSV."""

    people: list[dict[str, Any]]
    memberships: list[dict[str, Any]]


def generate_roster(dataset_dir: Path) -> Roster:
    """Build the roster of the dataset at ``dataset_dir`` from its ``roster/`` calibration."""
    calibration = dataset_dir / ROSTER_DIR
    seed = json.loads((calibration / "datapackage.json").read_text(encoding="utf-8"))["seed"]
    rng = random.Random(seed)
    bodies = {b["id"]: b for b in read_table(dataset_dir, "bodies.csv",
                                             CALIBRATION_FIELDS["bodies.csv"], extra=True)}
    tables = {name: read_table(calibration, name, fields)
              for name, fields in CALIBRATION_FIELDS.items() if name != "bodies.csv"}
    groups = {g["id"]: g for g in tables["groups.csv"]}
    members = _named_members(tables["people.csv"], tables["seats.csv"], bodies)
    targets = _targets(tables["overlap.csv"], groups)
    members += _pseudonymous_members(members, groups, targets)
    _assign_body_counts(members, targets, rng)
    _seat_anchor_groups(members, groups)
    sectors = _sectors(bodies)
    _choose_home_sectors(members, bodies, sectors, rng)
    _fill_open_seats(members, bodies, sectors, groups)
    _assign_working_roles(members, bodies)
    return _tables(members, bodies, tables["overlap.csv"])


def write_roster(dataset_dir: Path) -> Roster:
    """Generate the roster and write ``people.csv`` and ``memberships.csv`` into the dataset."""
    roster = generate_roster(dataset_dir)
    csvfiles.write(dataset_dir / PEOPLE_FILE, PEOPLE_COLUMNS, roster.people)
    csvfiles.write(dataset_dir / MEMBERSHIPS_FILE, MEMBERSHIP_COLUMNS, roster.memberships)
    return roster


def _named_members(
    people: list[dict[str, Any]], seats: list[dict[str, Any]], bodies: dict[str, Any]
) -> list[Member]:
    members = {}
    for row in people:
        members[row["id"]] = Member(
            id=row["id"], name=row["name"] or row["label"] or row["id"],
            category=row["category"] or "private_citizen",
            public_figure=bool(row["public_figure"]), pseudonymous=not row["name"],
            group=row["group_id"] or "", sources=row["sources"], confidence=row["confidence"],
            bodies=row["bodies"] or 0,
            eligible=set(row["eligible"].split(";")) if row["eligible"] else None,
        )
    for seat in seats:
        if seat["person_id"] not in members or seat["body_id"] not in bodies:
            raise RosterError(f"roster/seats.csv, row {seat['_row']}: unknown person or body")
        members[seat["person_id"]].seats[seat["body_id"]] = seat
    return list(members.values())


def _targets(overlap: list[dict[str, Any]], groups: dict[str, Any]) -> dict[str, Counter[int]]:
    """Body counts each group must realise; ``''`` is everyone outside the groups."""
    targets: dict[str, Counter[int]] = {g: Counter() for g in ["", *groups]}
    for row in overlap:
        if row["group_id"] and row["group_id"] not in groups:
            raise RosterError(f"roster/overlap.csv, row {row['_row']}: unknown group")
        targets[row["group_id"] or ""][row["bodies"]] += row["people"]
    for group_id, group in groups.items():
        if targets[group_id].total() != group["size"]:
            raise RosterError(f"overlap of group {group_id} counts {targets[group_id].total()} "
                              f"people, but the group has {group['size']}")
        targets[""] -= targets[group_id]
        if any(targets[""][k] < 0 for k in targets[""]):
            raise RosterError(f"group {group_id} has more people in some bucket than everyone")
    return targets


def _pseudonymous_members(
    named: list[Member], groups: dict[str, Any], targets: dict[str, Counter[int]]
) -> list[Member]:
    needed = {g: targets[g].total() - sum(m.group == g for m in named) for g in targets}
    out = []
    for group_id in [*groups, ""]:
        if needed[group_id] < 0:
            raise RosterError(f"group {group_id or 'outside'} has more named people than seats")
        for _ in range(needed[group_id]):
            out.append(Member(id="", name="", category="private_citizen", public_figure=False,
                              pseudonymous=True, group=group_id, sources="",
                              confidence="inferred"))
    return out


def _assign_body_counts(
    members: list[Member], targets: dict[str, Counter[int]], rng: random.Random
) -> None:
    for group_id, target in targets.items():
        pool = sorted(target.elements(), reverse=True)
        group = [m for m in members if m.group == group_id]
        for member in (m for m in group if m.bodies):
            if member.bodies not in pool:
                raise RosterError(f"{member.id} should sit in {member.bodies} bodies, but the "
                                  f"overlap of group {group_id} has no such place left")
            pool.remove(member.bodies)
        leaders = [m for m in group if not m.bodies and _leads(m)]
        for member in leaders:
            member.bodies = pool.pop(0)
        rng.shuffle(pool)
        for member in (m for m in group if not m.bodies):
            member.bodies = pool.pop()
    order = sorted((m for m in members if not m.id),
                   key=lambda m: (m.group == "", m.group, -m.bodies))
    width = len(str(len(order)))
    for number, member in enumerate(order, start=1):
        member.id = f"m{number:0{width}d}"
        member.name = f"Member {number:0{width}d}"


def _leads(member: Member) -> bool:
    return any(seat["role"] in LEADERSHIP_ROLES for seat in member.seats.values())


def _seat_anchor_groups(members: list[Member], groups: dict[str, Any]) -> None:
    for member in members:
        if not member.group:
            continue
        group = groups[member.group]
        member.seats.setdefault(group["anchor_body_id"], {
            "role": "member", "member_category": group["member_category"], "label": None,
            "start_date": group["start_date"], "end_date": group["end_date"],
            "sources": group["sources"], "confidence": "inferred",
        })


def _sectors(bodies: dict[str, Any]) -> dict[str, str | None]:
    """The subcommittee each body belongs to (itself for a subcommittee), if any."""
    def sector(body_id: str | None) -> str | None:
        seen = set()
        while body_id and body_id not in seen:
            seen.add(body_id)
            if bodies[body_id]["classification"] == "subcommittee":
                return body_id
            body_id = bodies[body_id]["parent_id"]
        return None

    return {body_id: sector(body_id) for body_id in bodies}


def _choose_home_sectors(
    members: list[Member], bodies: dict[str, Any], sectors: dict[str, str | None],
    rng: random.Random,
) -> None:
    weights = {s: bodies[s]["capacity"] or 0 for s in set(sectors.values()) if s}
    names = sorted(weights)
    for member in members:
        chaired = [b for b, seat in member.seats.items()
                   if seat["role"] in LEADERSHIP_ROLES and sectors[b]]
        member.sector = (sectors[chaired[0]] if chaired else
                         rng.choices(names, weights=[weights[n] for n in names])[0])


def _fill_open_seats(
    members: list[Member], bodies: dict[str, Any], sectors: dict[str, str | None],
    groups: dict[str, Any],
) -> None:
    anchors = {g["anchor_body_id"] for g in groups.values()}
    open_seats = {b: (body["capacity"] or 0) - sum(b in m.seats for m in members)
                  for b, body in bodies.items()}
    full = [b for b, n in open_seats.items() if n < 0]
    if full:
        raise RosterError(f"more named seats than capacity in {', '.join(full)}")
    flow = nx.DiGraph()
    demand = 0
    for member in members:
        needed = member.bodies - len(member.seats)
        if needed < 0:
            raise RosterError(f"{member.id} has more named seats than its {member.bodies} bodies")
        if needed == 0:
            continue
        demand += needed
        flow.add_edge("source", ("person", member.id), capacity=needed, weight=0)
        for body_id, body in bodies.items():
            if (open_seats[body_id] > 0 and body_id not in member.seats
                    and body_id not in anchors and _eligible(member, body)):
                flow.add_edge(("person", member.id), ("body", body_id), capacity=1,
                              weight=_cost(member, sectors[body_id]))
    supply = sum(n for b, n in open_seats.items() if b not in anchors)
    if demand != supply:
        raise RosterError(f"people need {demand} more seats but bodies have {supply} open")
    for body_id, n in open_seats.items():
        if n > 0 and body_id not in anchors:
            flow.add_edge(("body", body_id), "sink", capacity=n, weight=0)
    result = nx.max_flow_min_cost(flow, "source", "sink")
    placed = sum(result["source"].values()) if "source" in result else 0
    if placed != demand:
        raise RosterError(f"only {placed} of {demand} open seats can be filled under the rules")
    by_id = {m.id: m for m in members}
    for node, out in result.items():
        if isinstance(node, tuple) and node[0] == "person":
            for target, amount in out.items():
                if amount:
                    by_id[node[1]].seats[target[1]] = {"role": "member", "generated": True}


def _eligible(member: Member, body: dict[str, Any]) -> bool:
    if member.eligible is not None and body["classification"] not in member.eligible:
        return False
    return body["classification"] != "steering_committee" or bool(member.group)


def _cost(member: Member, sector: str | None) -> int:
    if sector is None:
        return NO_SECTOR
    return SAME_SECTOR if sector == member.sector else OTHER_SECTOR


def _assign_working_roles(members: list[Member], bodies: dict[str, Any]) -> None:
    """One leader per working group or task force, and one official per working group.

    Leadership is spread: the leader is a generated member leading the fewest
    groups so far, the most connected among them.
    """
    led: Counter[str] = Counter()
    for body_id, body in bodies.items():
        if body["classification"] not in ("working_group", "task_force"):
            continue
        seated = [m for m in members if body_id in m.seats]
        generated = [m for m in seated if m.seats[body_id].get("generated")]
        if generated and not any(m.seats[body_id]["role"] in ("leader", "chair")
                                 for m in seated):
            leader = min(generated, key=lambda m: (led[m.id], -m.bodies, m.id))
            leader.seats[body_id]["role"] = "leader"
            led[leader.id] += 1
        if body["classification"] == "working_group":
            officials = sorted((m for m in generated if m.bodies == 1 and not m.group
                                and m.seats[body_id]["role"] == "member"),
                               key=lambda m: m.id, reverse=True)
            if officials:
                officials[0].seats[body_id]["role"] = "official"
                officials[0].category = "public_official"
                officials[0].public_figure = True  # a public employee in their role


def _tables(
    members: list[Member], bodies: dict[str, Any], overlap: list[dict[str, Any]]
) -> Roster:
    overall = ";".join(sorted({r["sources"] for r in overlap if not r["group_id"]}))
    people, memberships = [], []
    for member in sorted(members, key=lambda m: m.id):
        people.append({
            "id": member.id, "name": member.name, "other_names": "",
            "category": member.category, "public_figure": member.public_figure,
            "pseudonymous": member.pseudonymous,
            "sources": member.sources or overall, "confidence": member.confidence,
        })
        for body_id, seat in sorted(member.seats.items()):
            generated = seat.get("generated", False)
            role = seat["role"]
            memberships.append({
                "id": f"{member.id}--{body_id}", "person_id": member.id, "body_id": body_id,
                "role": role,
                "member_category": (_seat_category(member, role) if generated
                                    else seat["member_category"]),
                "label": None if generated else seat["label"],
                "start_date": None if generated else seat["start_date"],
                "end_date": None if generated else seat["end_date"],
                "sources": f"{bodies[body_id]['sources']};{overall}" if generated
                else seat["sources"],
                "confidence": "inferred" if generated else seat["confidence"],
            })
    return Roster(people, memberships)


def _seat_category(member: Member, role: str) -> str:
    if role == "official" or member.category == "public_official":
        return "official"
    return "private"
