"""Typed reads over the store: each function runs one named statement.

Functions taking ``ids`` are batch lookups, made for DataLoaders: one round
trip whatever the number of ids. Functions returning ids in order (the
``*_ids`` listings) let callers page without a second filtered statement.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from itertools import combinations, pairwise
from typing import Any, TypeVar

from graph.errors import InvalidArgumentError, NotFoundError
from graph.filters import (
    ID_SEPARATOR,
    BodyFilter,
    DateWindow,
    MeetingFilter,
    MembershipFilter,
    OrganizationFilter,
    PeopleFilter,
    ProjectFilter,
)
from graph.records import (
    AffiliationRecord,
    AppearanceRecord,
    AreaRecord,
    BodyRecord,
    ContactRecord,
    DatasetRecord,
    IdentifierRecord,
    LinkRecord,
    MeetingRecord,
    MembershipRecord,
    MembershipRow,
    OrganizationRecord,
    PartnerRecord,
    PartyChangeRecord,
    PartyOverlapRecord,
    PartySeatsRecord,
    PersonDetailsRecord,
    PersonRecord,
    PossibleMatchRecord,
    PostRecord,
    ProjectRecord,
    QuotaRecord,
    TallyRecord,
    TermRecord,
)
from graph.runner import Row, Runner

R = TypeVar("R")


ALL = 2**62
"""``limit`` of a listing that wants every id."""


def _post_params(where: BodyFilter) -> dict[str, Any]:
    return {"dataset": where.dataset, "name": where.name}


def _distinct(ids: Sequence[str]) -> list[str]:
    """``ids`` without repeats, in order: statements look each one up by primary key
    (``UNWIND $ids ... {id: wanted}``), so a repeated id would repeat its rows."""
    return list(dict.fromkeys(ids))


def identifier_key(scheme: str, identifier: str) -> str:
    """How a person's identifier is stored: ``scheme:identifier``."""
    return f"{scheme}:{identifier}"


def _published(text: str | None) -> dict[str, Any]:
    """The record as a Popolo import kept it ({} if none or unreadable)."""
    if not text:
        return {}
    try:
        record = json.loads(text)
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}


def _texts(item: dict[str, Any], *keys: str) -> dict[str, str | None]:
    return {k: item[k] if isinstance(item.get(k), str) else None for k in keys}


def _identifiers_of(record: dict[str, Any]) -> list[IdentifierRecord]:
    return [IdentifierRecord(**_texts(i, "scheme"), identifier=i["identifier"])
            for i in record.get("identifiers") or [] if isinstance(i, dict)
            and isinstance(i.get("identifier"), str)]


def _links(items: Any) -> list[LinkRecord]:
    return [LinkRecord(**_texts(i, "note"), url=i["url"]) for i in items or []
            if isinstance(i, dict) and isinstance(i.get("url"), str)]


def _details(row: dict[str, Any]) -> PersonDetailsRecord:
    record = _published(row["popolo"])
    identifiers = []
    for text in row["identifiers"] or []:
        scheme, colon, value = text.partition(":")
        identifiers.append(IdentifierRecord(scheme or None, value) if colon
                           else IdentifierRecord(None, text))
    contacts = [ContactRecord(**_texts(c, "type", "label", "note"), value=c["value"])
                for c in record.get("contact_details") or []
                if isinstance(c, dict) and isinstance(c.get("value"), str)]
    images = _links(record.get("images"))
    if isinstance(record.get("image"), str) and record["image"] not in [i.url for i in images]:
        images.insert(0, LinkRecord(record["image"]))
    return PersonDetailsRecord(
        id=row["id"], given_name=row["given_name"], family_name=row["family_name"],
        gender=row["gender"], birth_date=row["birth_date"], death_date=row["death_date"],
        identifiers=identifiers, contact_details=contacts, links=_links(record.get("links")),
        images=images)


def _require(kind: str, ids: Sequence[str], known: set[str]) -> None:
    missing = [i for i in ids if i not in known]
    if missing:
        form = "" if "/" in missing[0] else ": ids take the form dataset/id"
        raise NotFoundError(f"no {kind} {missing[0]!r}{form}")


class Repository:
    """The store as typed functions. Holds a :class:`~graph.runner.Runner`, nothing else."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner

    # listings: ids (people and bodies: whole records) in display order, from ``skip`` on,
    # at most ``limit`` of them (the store sorts and cuts the page); ``count_*`` gives the
    # whole list's size. A filter naming an unknown dataset (or body, organisation) is
    # refused.
    def people_page(self, where: PeopleFilter, skip: int = 0,
                    limit: int = ALL) -> list[PersonRecord]:
        checked = bool(where.body_ids or where.organization_ids)
        if checked:
            self.require_dataset(where.dataset)  # an unknown dataset is named first
            self.require_bodies(where.body_ids)
            self.require_organizations(where.organization_ids)
        if where.seated_only():  # the common question, without the general one's branches
            page = self._page(PersonRecord, "people_seated", where.seated_params(), skip, limit)
        else:
            page = self._page(PersonRecord, "people_list", where.params(), skip, limit)
        return page if checked else self._held(where.dataset, page)

    def count_people(self, where: PeopleFilter) -> int:
        if where.seated_only():
            return self._count("people_seated_count", where.seated_params())
        return self._count("people_count", where.params())

    def body_page(self, where: BodyFilter, skip: int = 0, limit: int = ALL) -> list[BodyRecord]:
        return self._held(where.dataset,
                          self._page(BodyRecord, "bodies_list", where.params(), skip, limit))

    def count_bodies(self, where: BodyFilter) -> int:
        return self._count("bodies_count", where.params())

    def organization_ids(self, where: OrganizationFilter, skip: int = 0,
                         limit: int = ALL) -> list[str]:
        return self._held(where.dataset,
                          self._ids("organizations_list", where.params(), skip, limit))

    def count_organizations(self, where: OrganizationFilter) -> int:
        return self._count("organizations_count", where.params())

    def project_ids(self, where: ProjectFilter, skip: int = 0, limit: int = ALL) -> list[str]:
        return self._held(where.dataset, self._ids("projects_list", where.params(), skip, limit))

    def count_projects(self, where: ProjectFilter) -> int:
        return self._count("projects_count", where.params())

    def meeting_ids(self, where: MeetingFilter, skip: int = 0, limit: int = ALL) -> list[str]:
        self.require_dataset(where.dataset)
        self.require_bodies(where.body_ids)
        return self._ids("meetings_list", where.params(), skip, limit)

    def count_meetings(self, where: MeetingFilter) -> int:
        return self._count("meetings_count", where.params())

    def post_ids(self, where: BodyFilter, skip: int = 0, limit: int = ALL) -> list[str]:
        return self._held(where.dataset,
                          self._ids("posts_list", _post_params(where), skip, limit))

    def count_posts(self, where: BodyFilter) -> int:
        return self._count("posts_count", _post_params(where))

    def membership_rows(self, dataset: str, window: DateWindow, skip: int = 0,
                        limit: int = ALL) -> list[MembershipRow]:
        """Memberships of ``dataset`` overlapping ``window`` as flat rows, in id order."""
        self.require_dataset(dataset)
        rows = self.runner.read("membership_table", {"dataset": dataset, **window.params(),
                                                     "skip": skip, "limit": limit})
        return [MembershipRow(**row) for row in rows]

    def count_membership_rows(self, dataset: str, window: DateWindow) -> int:
        return self._count("membership_table_count", {"dataset": dataset, **window.params()})

    def _held(self, dataset: str, page: list[R]) -> list[R]:
        """``page`` of a listing of ``dataset``, refused if the store holds no such dataset.

        A page with rows shows that its dataset is held (every row is of it), so the
        dataset is looked up only when the page is empty.
        """
        if not page:
            self.require_dataset(dataset)
        return page

    def require_dataset(self, dataset: str) -> None:
        """Refuse a dataset name the store does not hold (``''``, all datasets, is fine).

        Raises
        ------
        NotFoundError
            If no dataset is called ``dataset``.
        """
        if dataset and not self.runner.read("dataset_versions", {"dataset": dataset}):
            raise NotFoundError(f"no dataset {dataset!r}")

    def require_bodies(self, ids: Sequence[str]) -> None:
        """Refuse body ids the store does not hold.

        Raises
        ------
        NotFoundError
            Naming the first unknown id.
        """
        _require("body", ids, self._known("bodies_known", ids))

    def require_organizations(self, ids: Sequence[str]) -> None:
        """Refuse organisation ids the store does not hold.

        Raises
        ------
        NotFoundError
            Naming the first unknown id.
        """
        _require("organization", ids, self._known("organizations_known", ids))

    def datasets(self) -> list[DatasetRecord]:
        return [DatasetRecord(**row) for row in self.runner.read("datasets")]

    def global_id(self, node_id: str) -> str:
        """``node_id`` as a global id: itself if it has a dataset prefix; otherwise the one
        record of any dataset with that local id.

        Raises
        ------
        NotFoundError
            If no record, or more than one, has the local id: the message states the form
            of ids and names the candidates.
        """
        if "/" in node_id:
            return node_id
        found = self.ids_by_local_id(node_id)
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFoundError(f"no node {node_id!r}: ids take the form dataset/id, and "
                                f"{len(found)} records have the local id {node_id!r}: "
                                + ", ".join(repr(i) for i in found))
        raise NotFoundError(f"no node {node_id!r}: ids take the form dataset/id, and no "
                            f"dataset has a record {node_id!r}")

    def ids_by_local_id(self, local_id: str) -> list[str]:
        """Global ids (``dataset/local id``) of every record, of any kind, whose local id is
        ``local_id``, in order."""
        return [row["id"] for row in self.runner.read("ids_by_local_id",
                                                      {"local_id": local_id})]

    # batch lookups by id
    def people(self, ids: Sequence[str]) -> list[PersonRecord]:
        return self._records(PersonRecord, "people_by_ids", ids)

    def bodies(self, ids: Sequence[str]) -> list[BodyRecord]:
        """The bodies of ``ids`` that exist. One body (``body(id:)``) is read by a statement
        of its own: on LadybugDB the batch's ``UNWIND`` joins the optional parent and lead
        against every body, 2.6 ms where a single lookup takes 0.6."""
        if len(set(ids)) == 1:
            return [BodyRecord(**row) for row in self.runner.read("body_by_id", {"id": ids[0]})]
        return self._records(BodyRecord, "bodies_by_ids", ids)

    def organizations(self, ids: Sequence[str]) -> list[OrganizationRecord]:
        return self._records(OrganizationRecord, "organizations_by_ids", ids)

    def same_as(self, kind: str, ids: Sequence[str]) -> dict[str, list[str]]:
        """For each id, the other records judged the same (``kind``: people, bodies or
        organizations), in id order."""
        found: dict[str, list[str]] = {}
        for row in self.runner.read(f"same_{kind}", {"ids": list(ids)}):
            found.setdefault(row["id"], []).append(row["other_id"])
        return found

    def projects(self, ids: Sequence[str]) -> list[ProjectRecord]:
        return self._records(ProjectRecord, "projects_by_ids", ids)

    def meetings(self, ids: Sequence[str]) -> list[MeetingRecord]:
        return self._records(MeetingRecord, "meetings_by_ids", ids)

    def posts(self, ids: Sequence[str]) -> list[PostRecord]:
        return self._records(PostRecord, "posts_by_ids", ids)

    # batch lookups of related items, grouped by the id they relate to
    def body_children(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return self._grouped_ids("body_children", "parent_id", ids)

    def organization_children(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return self._grouped_ids("organization_children", "parent_id", ids)

    def bodies_led_by(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return self._grouped_ids("bodies_led_by", "organization_id", ids)

    def projects_led_by(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return self._grouped_ids("projects_led_by", "owner_id", ids)

    def projects_run_by(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return self._grouped_ids("projects_run_by", "owner_id", ids)

    def meetings_of_bodies(
        self, ids: Sequence[str], window: DateWindow
    ) -> dict[str, list[str]]:
        return self._grouped_ids("meetings_of_bodies", "body_id", ids, window.params())

    def tallies_of_meetings(self, ids: Sequence[str]) -> dict[str, list[TallyRecord]]:
        return self._grouped(TallyRecord, "tallies_of_meetings", "meeting_id", ids)

    def terms_of_bodies(self, ids: Sequence[str]) -> dict[str, list[TermRecord]]:
        return self._grouped(TermRecord, "terms_of_bodies", "body_id", ids)

    def quotas_of_terms(self, ids: Sequence[str]) -> dict[str, list[QuotaRecord]]:
        return self._grouped(QuotaRecord, "quotas_of_terms", "term_id", ids)

    def memberships_of_people(
        self, ids: Sequence[str], where: MembershipFilter
    ) -> dict[str, list[MembershipRecord]]:
        return self._grouped(MembershipRecord, "memberships_of_people", "person_id", ids,
                             {**where.params(), "sep": ID_SEPARATOR})

    def memberships_of_bodies(
        self, ids: Sequence[str], where: MembershipFilter, brief: bool = False,
    ) -> dict[str, list[MembershipRecord]]:
        """Seats on each body, each with its person (``person_record``): a body's members
        are nearly always shown with their names, and the statement reads them anyway.

        ``brief``: only what a list of names and roles shows (id, role, dates; the person's
        id, name and what decides whether it is shown), read by a statement that leaves the
        rest out; the records' other fields are then empty, and the caller must not show them.
        """
        groups: dict[str, list[MembershipRecord]] = defaultdict(list)
        if not ids:
            return groups
        params = {"ids": _distinct(ids), **where.params()}
        if brief:  # tens of thousands of rows at times: each record made in one step
            for row in self.runner.read("memberships_of_bodies_brief", params):
                groups[row["body_id"]].append(_brief_seat(row))
            for seats in groups.values():
                seats.sort(key=_by_name_then_start)
            return groups
        for row in self.runner.read("memberships_of_bodies", {**params, "sep": ID_SEPARATOR}):
            person = PersonRecord(
                id=row["person_id"], local_id=row.pop("person_local_id"),
                dataset=row.pop("person_dataset"), name=row.pop("person_name"),
                other_names=row.pop("person_other_names") or [],
                category=row.pop("person_category"),
                public_figure=row.pop("person_public_figure"),
                pseudonymous=row.pop("person_pseudonymous"),
                sources=row.pop("person_sources") or [],
                confidence=row.pop("person_confidence"),
                canonical_id=row.pop("person_canonical_id") or row["person_id"])
            groups[row["body_id"]].append(MembershipRecord(**row, person_record=person))
        return groups

    def project_children(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return self._grouped_ids("project_children", "parent_id", ids)

    def project_partners(self, ids: Sequence[str]) -> dict[str, list[PartnerRecord]]:
        return self._grouped(PartnerRecord, "project_partners", "project_id", ids)

    def appearances_of_people(
        self, ids: Sequence[str], window: DateWindow
    ) -> dict[str, list[AppearanceRecord]]:
        return self._grouped(AppearanceRecord, "appearances_of_people", "owner_id", ids,
                             window.params())

    def appearances_at_projects(self, ids: Sequence[str]) -> dict[str, list[AppearanceRecord]]:
        return self._grouped(AppearanceRecord, "appearances_at_projects", "owner_id", ids)

    def appearances_of_posts(self, ids: Sequence[str]) -> dict[str, list[AppearanceRecord]]:
        return self._grouped(AppearanceRecord, "appearances_of_posts", "owner_id", ids)

    def affiliations_of_people(self, ids: Sequence[str]) -> dict[str, list[AffiliationRecord]]:
        return self._grouped(AffiliationRecord, "affiliations_of_people", "person_id", ids)

    def possible_matches(self, ids: Sequence[str]) -> dict[str, list[PossibleMatchRecord]]:
        return self._grouped(PossibleMatchRecord, "possible_matches_of_people", "person_id", ids)

    # Popolo details, areas and parties
    def person_details(self, ids: Sequence[str]) -> list[PersonDetailsRecord]:
        """Gender, dates, identifiers, contact details, links and images of people.

        Contact details, links and images are read from the record as a Popolo
        import kept it (datasets of CSV tables have none).
        """
        if not ids:
            return []
        return [_details(row) for row in self.runner.read("people_details",
                                                          {"ids": _distinct(ids)})]

    def areas(self, ids: Sequence[str]) -> list[AreaRecord]:
        if not ids:
            return []
        found = []
        for row in self.runner.read("areas_by_ids", {"ids": _distinct(ids),
                                                       "sep": ID_SEPARATOR}):
            popolo = _published(row.pop("popolo"))
            found.append(AreaRecord(**row, identifiers=_identifiers_of(popolo)))
        return found

    def person_by_identifier(self, scheme: str, identifier: str, *,
                             names_visible: bool = True) -> str:
        """The id of the person carrying ``identifier`` in ``scheme`` (the smallest id where
        several records judged the same carry it).

        ``names_visible`` False: only public figures are found (an identifier names a
        person as surely as a name does).

        Raises
        ------
        NotFoundError
            If no person carries it.
        InvalidArgumentError
            If people not judged the same carry it.
        """
        rows = self.runner.read("people_by_identifier",
                                {"identifier": identifier_key(scheme, identifier),
                                 "names_visible": names_visible})
        if not rows:
            raise NotFoundError(f"no person with identifier {scheme}:{identifier}")
        people = sorted({row["canonical_id"] for row in rows})
        if len(people) > 1:
            raise InvalidArgumentError(
                f"{len(rows)} people not judged the same carry identifier {scheme}:"
                f"{identifier} ({', '.join(row['id'] for row in rows[:5])}); list them with "
                "people(filter: {identifier})")
        return str(rows[0]["id"])

    def party_composition(self, body_id: str, day: date) -> list[PartySeatsRecord]:
        """Members of a body on ``day`` by the party their seat is held for, most first.

        A person counts once per party however many seats they hold; ``party_id``
        is '' for seats held for no party.

        Raises
        ------
        NotFoundError
            If there is no body ``body_id``.
        """
        self.require_bodies([body_id])
        rows = self.runner.read("party_composition", {"body": body_id, "from": day, "to": day,
                                                      "sep": ID_SEPARATOR})
        return [PartySeatsRecord(**row) for row in rows]

    def party_changes(self, body_ids: Sequence[str], window: DateWindow
                      ) -> list[PartyChangeRecord]:
        """Members of these bodies whose seats within ``window`` were held for one party and
        then for another, in date order.

        Seats are ordered by their first day; a change is a seat for another party than
        the seat before it. Two seats over the same days for two parties (a change whose
        date was not published) give no order, so no change.
        """
        self.require_bodies(body_ids)
        seats: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for row in self.runner.read("party_seats", {"ids": _distinct(body_ids),
                                                    "sep": ID_SEPARATOR, **window.params()}):
            seats[(row["body_id"], row["person_id"])].append(row)
        changes = []
        for (body, person), held in seats.items():
            held.sort(key=lambda r: (r["start_date"] or date.min, r["membership_id"]))
            for before, after in pairwise(held):
                if (before["party_id"] != after["party_id"] and after["start_date"]
                        and (before["start_date"] or date.min) < after["start_date"]):
                    changes.append(PartyChangeRecord(
                        person_id=person, body_id=body, from_party_id=before["party_id"],
                        to_party_id=after["party_id"], left_on=before["end_date"],
                        joined_on=after["start_date"], membership_id=after["membership_id"]))
        return sorted(changes, key=lambda c: (c.joined_on or date.min, c.person_id))

    def party_overlaps(self, body_ids: Sequence[str], day: date) -> list[PartyOverlapRecord]:
        """For each body, every pair of parties whose members sit on it together on ``day``.

        A member's party on a body is the party their seat there is held for, else the
        party they are affiliated with that day (a committee seat is rarely held for a
        party, the member's legislature seat is).
        """
        self.require_bodies(body_ids)
        window = DateWindow.as_of(day)
        seats = self.memberships_of_bodies(body_ids, MembershipFilter(window))
        people = sorted({m.person_id for held in seats.values() for m in held})
        affiliated: dict[str, set[str]] = defaultdict(set)
        if people:
            for row in self.runner.read("party_affiliations", {"ids": people,
                                                               **window.params()}):
                affiliated[row["person_id"]].add(row["party_id"])
        found = []
        for body in _distinct(body_ids):
            members: dict[str, set[str]] = defaultdict(set)
            for seat in seats.get(body, []):
                parties = ({seat.on_behalf_of_id} if seat.on_behalf_of_id
                           else affiliated.get(seat.person_id, set()))
                for party in parties:
                    members[party].add(seat.person_id)
            for a, b in combinations(sorted(members), 2):
                found.append(PartyOverlapRecord(body, a, b, len(members[a]), len(members[b])))
        return found

    # helpers
    def _known(self, name: str, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the store holds (statement ``name``: only the ids, not records)."""
        if not ids:
            return set()
        return {row["id"] for row in self.runner.read(name, {"ids": _distinct(ids)})}

    def _ids(self, name: str, params: dict[str, Any], skip: int, limit: int) -> list[str]:
        rows = self.runner.read(name, {**params, "skip": skip, "limit": limit})
        return [row["id"] for row in rows]

    def _page(self, cls: type[R], name: str, params: dict[str, Any], skip: int,
              limit: int) -> list[R]:
        return [cls(**row) for row in self.runner.read(name, {**params, "skip": skip,
                                                               "limit": limit})]

    def _count(self, name: str, params: dict[str, Any]) -> int:
        return int(self.runner.read(name, params)[0]["total"])

    def _records(self, cls: type[R], name: str, ids: Sequence[str]) -> list[R]:
        if not ids:
            return []
        return [cls(**row) for row in self.runner.read(name, {"ids": _distinct(ids)})]

    def _grouped_ids(
        self, name: str, key: str, ids: Sequence[str], extra: dict[str, Any] | None = None
    ) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        if ids:
            for row in self.runner.read(name, {"ids": _distinct(ids), **(extra or {})}):
                groups[row[key]].append(row["id"])
        return groups

    def _grouped(
        self, cls: type[R], name: str, key: str, ids: Sequence[str],
        extra: dict[str, Any] | None = None,
    ) -> dict[str, list[R]]:
        groups: dict[str, list[R]] = defaultdict(list)
        if ids:
            for row in self.runner.read(name, {"ids": _distinct(ids), **(extra or {})}):
                groups[row[key]].append(cls(**row))
        return groups


def _by_name_then_start(seat: MembershipRecord) -> tuple[Any, ...]:
    """The order of a body's brief seats, as ``ORDER BY p.name, m.start_date, m.id`` gives
    it (nulls last). Sorting each body's few seats here is cheaper than the engine's sort
    of every row it reads, which carries all of a row's columns (on LadybugDB a sixth of
    the read of 10,000 seats)."""
    name = seat.person_record.name if seat.person_record is not None else None
    start = seat.start_date
    return (name is None, name or "", start is None, start or date.min, seat.id)


def _brief_seat(row: Row) -> MembershipRecord:
    """A seat read by ``memberships_of_bodies_brief``: what the statement leaves out is empty."""
    person_id = row["person_id"]
    person = PersonRecord(
        id=person_id, local_id=row["person_local_id"], dataset=row["person_dataset"],
        name=row["person_name"], other_names=[], category=row["person_category"],
        public_figure=row["person_public_figure"], pseudonymous=row["person_pseudonymous"],
        sources=[], confidence="", canonical_id=row["person_canonical_id"] or person_id)
    return MembershipRecord(
        id=row["id"], person_id=person_id, body_id=row["body_id"], role=row["role"],
        member_category=None, label=None, start_date=row["start_date"],
        end_date=row["end_date"], sources=[], confidence="", person_record=person)
