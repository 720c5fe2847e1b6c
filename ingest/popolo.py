"""Popolo JSON: import documents as published, and export datasets losslessly.

Popolo [1]_ has persons, organizations, memberships, posts, areas and events.
An import reads a document as its publisher wrote it (EveryPolitician's
``ep-popolo-v1.0.json`` files, for instance):

- organisations of any classification: legislatures, chambers, executives,
  committees and councils become bodies (people hold seats in them), parties
  and other organisations become organisations; a classification govgraph does
  not know is stored as ``other`` for analysis and kept verbatim;
- a membership of a body is a seat; one of a party or other organisation is an
  affiliation; ``on_behalf_of_id`` is stored on the seat and as an affiliation
  with the party over the same dates (not as a seat);
- events classified ``legislative period`` of a body become its terms; a seat
  without dates of its own is bounded by its term (``legislative_period_id``);
- partial dates (``2020``, ``2020-01``) are kept as written; windows use their
  first day as a start and their last day as an end;
- free-text roles are normalised for analysis (``Chair`` → ``chair``,
  ``Chairman`` → ``chair``, unknown roles → ``member``), the original is kept;
- who is a public figure (named to every caller): a person's own ``public_figure``
  where given; otherwise anyone holding a membership of an organisation
  classified ``legislature``, ``chamber`` or ``executive`` (an office holder),
  and nobody else (a council's or committee's chair is a private person unless
  the record says otherwise). A dataset sets its own rule with
  ``meta["govgraph:public_figure_classifications"]``, a list of classifications
  (``[]``: nobody by default);
- records without ``sources`` get the file's own provenance (its name and a
  JSON pointer, ``file.json#/persons/3``); ``confidence`` defaults to
  ``stated``; memberships without an id get one derived from their content.

Every record is also kept as published (the ``popolo`` property, JSON text),
so an export gives back every field it had (identifiers, contact details,
links, images, other names with their language, ...); govgraph adds its own
extension fields (``govgraph_type``, ``confidence``, ``category``,
``public_figure``) and ids where they were missing. Exported sources are
Popolo link objects whose ``url`` is the source as stored.

An import is written as a Data Package into a temporary folder and validated
exactly like any other dataset, so it is refused whole on any problem.

References
----------
.. [1] Popolo Project, "Data specifications", https://www.popoloproject.com/specs/
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import NotFoundError
from graph.runner import Runner
from ingest import csvfiles, guards
from ingest.issues import DatasetInvalidError, Issue
from ingest.package import DESCRIPTOR, Dataset, load_dataset
from ingest.tables import (
    BODY_CLASSIFICATIONS,
    ORGANIZATION_CLASSIFICATIONS,
    ROLES,
    TABLE_BY_RESOURCE,
)

BODY, ORGANIZATION = "body", "organization"
LEGISLATIVE_PERIOD = "legislative period"
LISTS = ("persons", "organizations", "memberships", "posts", "areas", "events")
SEATED_CLASSIFICATIONS = ("legislature", "chamber", "executive")
"""Members of organisations of these kinds are office holders: public figures by default."""
PUBLIC_FIGURE_META = "govgraph:public_figure_classifications"
"""A document's ``meta`` key overriding :data:`SEATED_CLASSIFICATIONS` for that dataset: the
classifications (as published) whose members are public figures; ``[]`` for none."""

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_ROLE_SYNONYMS = {
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "president": "chair",
    "presiding_officer": "chair", "speaker": "chair", "convenor": "chair", "convener": "chair",
    "cochair": "co_chair", "co-chair": "co_chair", "joint_chair": "co_chair",
    "vice_chairman": "vice_chair", "vice_chairwoman": "vice_chair",
    "vice_chairperson": "vice_chair", "vice_president": "vice_chair",
    "deputy_chair": "vice_chair", "deputy_chairman": "vice_chair",
    "deputy_speaker": "vice_chair", "deputy_presiding_officer": "vice_chair",
    "head": "leader", "director": "leader", "mayor": "leader", "minister": "official",
    "secretary_general": "secretary", "clerk": "secretary", "adviser": "advisor",
    "member_of_parliament": "member", "mp": "member", "representative": "member",
    "senator": "member", "councillor": "member", "councilor": "member", "deputy": "member",
}


# --- import ----------------------------------------------------------------------------------


def default_name(path: Path, document: Any = None) -> str:
    """A dataset name for the file at ``path``: its stem, or its legislature's name.

    EveryPolitician names every file ``ep-popolo-v1.0.json``; such generic names
    give way to the name of the document's (first) legislature.
    """
    stem = path.name.removesuffix(".json").removesuffix(".JSON")
    stem = re.sub(r"[-_.]?(ep[-_])?popolo([-_.]?v?\d+(\.\d+)*)?$", "", stem, flags=re.I)
    if not _slug(stem) and isinstance(document, dict):
        organizations = [o for o in document.get("organizations") or [] if isinstance(o, dict)]
        legislature = next((o for o in organizations
                            if o.get("classification") == "legislature"), None)
        if legislature and isinstance(legislature.get("name"), str):
            stem = legislature["name"]
    return _slug(stem) or "popolo"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def load_popolo(path: Path, name: str | None = None) -> Dataset:
    """Read the Popolo JSON at ``path`` as dataset ``name``, validated like a Data Package.

    ``name`` defaults to :func:`default_name`.

    Raises
    ------
    DatasetInvalidError
        If the JSON is malformed or any record breaks the table rules; rows in the
        messages count records of each Popolo list from 1.
    """
    document = _read_json(path)
    issues = _check_shapes(path.name, document) + _check_meta(path.name, document)
    if issues:
        raise DatasetInvalidError(path, issues)
    tables, issues = _Reader(path.name, document).tables()
    if issues:
        raise DatasetInvalidError(path, issues)
    meta = document.get("meta") if isinstance(document.get("meta"), dict) else {}
    descriptor: dict[str, Any] = {
        "name": name or default_name(path, document),
        "title": str(meta.get("title") or name or default_name(path, document)),
        "sources": [{"path": s} for s in meta.get("sources") or [] if isinstance(s, str)],
    }
    with tempfile.TemporaryDirectory() as folder:
        package = Path(folder)
        resources = [r for r, rows in tables.items() if rows]
        for resource in resources:
            csvfiles.write(package / f"{resource}.csv", TABLE_BY_RESOURCE[resource].field_names,
                           tables[resource])
        descriptor["resources"] = [{"name": r, "path": f"{r}.csv"} for r in resources]
        (package / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
        try:
            return load_dataset(package)
        except DatasetInvalidError as exc:
            issues = [_in_popolo(path.name, issue, tables) for issue in exc.issues]
            raise DatasetInvalidError(path, issues) from exc


def _read_json(path: Path) -> Any:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetInvalidError(path, [Issue(path.name, None, None,
                                               "not UTF-8 text; save the file as UTF-8")]) from exc
    except OSError as exc:
        raise DatasetInvalidError(path, [Issue(path.name, None, None, "cannot be read: "
                                               f"{exc.strerror or exc}")]) from exc
    try:
        return guards.parse_json(text, path.name)  # duplicate keys, depth, surrogates refused
    except guards.JsonRefusedError as exc:
        raise DatasetInvalidError(path, [exc.issue]) from None


_TEXT_FIELDS = ("id", "name", "classification", "parent_id", "category", "role",
                "member_category", "label", "start_date", "end_date", "confidence",
                "person_id", "organization_id", "govgraph_type", "on_behalf_of_id", "post_id",
                "area_id", "legislative_period_id", "given_name", "family_name", "gender",
                "birth_date", "death_date", "founding_date", "dissolution_date", "type")
_FLAG_FIELDS = ("public_figure", "pseudonymous")
_OBJECT_LISTS = {"other_names": ("name", "note", "lang"), "sources": ("note", "url"),
                 "identifiers": ("identifier", "scheme")}


def _check_shapes(file: str, document: Any) -> list[Issue]:
    """Popolo's lists hold objects whose fields have the types the specification gives."""
    if not isinstance(document, dict):
        return [Issue(file, None, None, "expected an object with persons, organizations and "
                                        "memberships")]
    issues: list[Issue] = []
    for key in LISTS:
        records = document.get(key) or []
        if not isinstance(records, list):
            issues.append(Issue(f"{file} {key}", None, None, "must be a list of objects"))
            continue
        for number, record in enumerate(records, start=1):
            issues += _record_shape(f"{file} {key}", number, record)
    return issues


def _check_meta(file: str, document: Any) -> list[Issue]:
    """``meta``, where given, is an object; its public-figure rule a list of texts."""
    if not isinstance(document, dict) or document.get("meta") is None:
        return []
    meta = document["meta"]
    if not isinstance(meta, dict):
        return [Issue(f"{file} meta", None, None, "must be an object")]
    rule = meta.get(PUBLIC_FIGURE_META)
    if rule is not None and (not isinstance(rule, list)
                             or not all(isinstance(c, str) and c.strip() for c in rule)):
        return [Issue(f"{file} meta", None, PUBLIC_FIGURE_META,
                      "must be a list of organisation classifications (texts), e.g. "
                      '["legislature", "chamber", "executive"]')]
    return []


def public_classifications(document: dict[str, Any]) -> tuple[str, ...]:
    """Classifications whose members are public figures in ``document`` (see
    :data:`PUBLIC_FIGURE_META`), lowercased."""
    meta = document.get("meta")
    rule = meta.get(PUBLIC_FIGURE_META) if isinstance(meta, dict) else None
    if rule is None:
        return SEATED_CLASSIFICATIONS
    return tuple(c.strip().lower() for c in rule)


def _record_shape(where: str, number: int, record: Any) -> list[Issue]:
    if not isinstance(record, dict):
        return [Issue(where, number, None, "must be an object")]
    issues = [Issue(where, number, key, "must be a string") for key in _TEXT_FIELDS
              if record.get(key) is not None and not isinstance(record[key], str)]
    issues += [Issue(where, number, key, "must be true or false") for key in _FLAG_FIELDS
               if record.get(key) is not None and not isinstance(record[key], bool)]
    for key, fields in _OBJECT_LISTS.items():
        items = record.get(key) or []
        if not isinstance(items, list) or not all(
                isinstance(item, dict) and all(isinstance(item.get(f), str | None) for f in fields)
                for item in items):
            issues.append(Issue(where, number, key, f"must be a list of objects with text "
                                                    f"{', '.join(fields)}"))
    if record.get("seats") is not None and (not isinstance(record["seats"], int)
                                            or isinstance(record["seats"], bool)):
        issues.append(Issue(where, number, "seats", "must be a whole number"))
    return issues


def window(text: str | None, *, end: bool) -> str | None:
    """A Popolo date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a date-time) as an ISO day.

    A partial date as a start is its first day, as an end its last day; text that
    is no such date is returned unchanged (the validation reports it).
    """
    if not text:
        return None
    match = _PARTIAL_DATE.match(text)
    if not match:
        return text
    year, month, day = match.group(1), match.group(2), match.group(3)
    if day:
        return f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1] if 1 <= int(month) <= 12 else 1
        return f"{year}-{month}-{last:02d}" if end else f"{year}-{month}-01"
    return f"{year}-12-31" if end else f"{year}-01-01"


def normalised_role(role: str | None) -> str:
    """The role govgraph analyses for a free-text Popolo role (``member`` if unknown)."""
    if not role:
        return "member"
    key = re.sub(r"[\s/]+", "_", role.strip().lower()).replace("-", "_")
    if key in ROLES:
        return key
    return _ROLE_SYNONYMS.get(key) or _ROLE_SYNONYMS.get(key.replace("_", "-")) or next(
        (r for r in ("vice_chair", "co_chair", "chair") if r in key), "member")


def _classification(text: str | None, allowed: tuple[str, ...]) -> str:
    key = re.sub(r"\s+", "_", (text or "").strip().lower())
    return key if key in allowed else "other"


class _Reader:
    """Turns one Popolo document into the rows of govgraph's tables."""

    def __init__(self, file: str, document: dict[str, Any]) -> None:
        self.file = file
        self.document = document
        self.issues: list[Issue] = []
        self.organizations = [o for o in document.get("organizations") or []]
        self.memberships = [m for m in document.get("memberships") or []]
        self.kind = {o.get("id"): self._kind(o) for o in self.organizations}
        self.terms = {e.get("id"): e for e in document.get("events") or []
                      if self._is_term(e)}

    def _kind(self, org: dict[str, Any]) -> str:
        if org.get("govgraph_type") in (BODY, ORGANIZATION):
            return str(org["govgraph_type"])
        key = _classification(org.get("classification"), BODY_CLASSIFICATIONS)
        if key != "other":
            return BODY
        if _classification(org.get("classification"), ORGANIZATION_CLASSIFICATIONS) != "other":
            return ORGANIZATION
        member_of = {m.get("organization_id") for m in self.memberships}
        return BODY if org.get("id") in member_of else ORGANIZATION

    def _is_term(self, event: dict[str, Any]) -> bool:
        return (event.get("classification") == LEGISLATIVE_PERIOD
                and self.kind.get(event.get("organization_id")) == BODY
                and bool(event.get("start_date")))

    def provenance(self, key: str, index: int, record: dict[str, Any]) -> dict[str, Any]:
        notes = [s.get("url") or s.get("note") for s in record.get("sources") or []]
        sources = [n for n in notes if n] or [f"{self.file}#/{key}/{index}"]
        return {"sources": ";".join(s.replace(";", "%3B") for s in sources),
                "confidence": record.get("confidence") or "stated", "_list": key,
                "_index": index, "popolo": json.dumps(record, ensure_ascii=False)}

    def tables(self) -> tuple[dict[str, list[dict[str, Any]]], list[Issue]]:
        bodies, organizations = [], []
        for i, org in enumerate(self.organizations):
            kind = self.kind[org.get("id")]
            parent = org.get("parent_id")
            row = {"id": org.get("id"), "name": org.get("name"), "name_en": _english(org),
                   "classification": _classification(
                       org.get("classification"),
                       BODY_CLASSIFICATIONS if kind == BODY else ORGANIZATION_CLASSIFICATIONS),
                   "parent_id": parent if self.kind.get(parent) == kind else None,
                   **self.provenance("organizations", i, org)}
            if kind == BODY:
                row |= {"capacity": org.get("seats"),
                        "founding_date": window(org.get("founding_date"), end=False),
                        "dissolution_date": window(org.get("dissolution_date"), end=True)}
                bodies.append(row)
            else:
                organizations.append(row)
        public = public_classifications(self.document)
        seated = {m.get("person_id") for m in self.memberships
                  if (self._classification_of(m.get("organization_id")) or "").lower()
                  in public}
        people = [self._person(i, p, p.get("id") in seated)
                  for i, p in enumerate(self.document.get("persons") or [])]
        memberships, affiliations = self._memberships()
        terms, events = [], []
        for i, event in enumerate(self.document.get("events") or []):
            row = {"id": event.get("id"), "name": event.get("name") or event.get("id"),
                   "start_date": window(event.get("start_date"), end=False),
                   "end_date": window(event.get("end_date"), end=True),
                   **self.provenance("events", i, event)}
            if event.get("id") in self.terms:
                number = re.search(r"(\d+)$", str(event.get("id")))
                terms.append(row | {"body_id": event.get("organization_id"),
                                    "number": number.group(1) if number else None})
            else:
                events.append(row | {"classification": event.get("classification"),
                                     "organization_id": event.get("organization_id")})
        posts = []
        for i, post in enumerate(self.document.get("posts") or []):
            org = post.get("organization_id")
            posts.append({"id": post.get("id"), "label": post.get("label") or post.get("role")
                          or post.get("id"), "role": post.get("role"),
                          "body_id": org if self.kind.get(org) == BODY else None,
                          "organization_id": org if self.kind.get(org) == ORGANIZATION else None,
                          **self.provenance("posts", i, post)})
        areas = [{"id": a.get("id"), "name": a.get("name") or a.get("id"),
                  "classification": a.get("classification") or a.get("type"),
                  "parent_id": a.get("parent_id"), **self.provenance("areas", i, a)}
                 for i, a in enumerate(self.document.get("areas") or [])]
        return {"organizations": organizations, "bodies": bodies, "people": people,
                "memberships": memberships, "affiliations": affiliations, "posts": posts,
                "terms": terms, "events": events, "areas": areas}, self.issues

    def _classification_of(self, org_id: Any) -> str | None:
        org = next((o for o in self.organizations if o.get("id") == org_id), None)
        return org.get("classification") if org else None

    def _person(self, index: int, person: dict[str, Any], seated: bool) -> dict[str, Any]:
        public = person.get("public_figure")
        return {"id": person.get("id"), "name": person.get("name"),
                "other_names": ";".join(n.get("name", "").replace(";", ",")
                                        for n in person.get("other_names") or []),
                "category": person.get("category"),
                "public_figure": seated if public is None else public,
                "pseudonymous": person.get("pseudonymous"),
                "given_name": person.get("given_name"), "family_name": person.get("family_name"),
                "gender": person.get("gender"), "birth_date": person.get("birth_date"),
                "death_date": person.get("death_date"),
                "identifiers": ";".join(f"{i.get('scheme') or ''}:{i.get('identifier')}"
                                        .replace(";", ",")
                                        for i in person.get("identifiers") or []),
                **self.provenance("persons", index, person)}

    def _memberships(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        seats: list[dict[str, Any]] = []
        affiliations: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        for i, m in enumerate(self.memberships):
            mid = m.get("id") or _stable_id(m, seen)
            start, end = self._window(m)
            common = {"id": mid, "person_id": m.get("person_id"), "start_date": start,
                      "end_date": end, **self.provenance("memberships", i, m)}
            party = m.get("on_behalf_of_id")
            if self.kind.get(m.get("organization_id")) == ORGANIZATION:
                affiliations.append(common | {"organization_id": m.get("organization_id"),
                                              "title": m.get("role") or m.get("label")})
                continue
            seat = common | {
                "body_id": m.get("organization_id"), "role": normalised_role(m.get("role")),
                "member_category": m.get("member_category"), "label": m.get("label"),
                "on_behalf_of_id": party, "post_id": m.get("post_id"),
                "area_id": m.get("area_id"), "term_id": m.get("legislative_period_id")}
            party_known = bool(party) and self.kind.get(party) == ORGANIZATION
            if party_known and any(_same_seat(seat, other) for other in seats):
                # The same seat again for another party (a change of party whose date was not
                # published): one seat, and this record as the affiliation with that party.
                affiliations.append(common | {"organization_id": party, "title": m.get("role")})
                continue
            seats.append(seat)
            if party_known:
                affiliations.append(common | {"id": f"{mid}/on_behalf_of",
                                              "organization_id": party, "membership_id": mid,
                                              "popolo": None})
        return seats, affiliations

    def _window(self, membership: dict[str, Any]) -> tuple[str | None, str | None]:
        """A seat's first and last day: its own dates, else its legislative period's."""
        term = self.terms.get(membership.get("legislative_period_id")) or {}
        own_start = window(membership.get("start_date"), end=False)
        own_end = window(membership.get("end_date"), end=True)
        start = own_start or window(term.get("start_date"), end=False)
        end = own_end or window(term.get("end_date"), end=True)
        if start and end and end < start:
            # A seat given up before its term began: only its own date is known.
            start, end = (own_start, own_start) if own_start else (own_end, own_end)
        return start, end


def _same_seat(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same person, body and role over days that overlap (None: an open end)."""
    if (a["person_id"], a["body_id"], a["role"]) != (b["person_id"], b["body_id"], b["role"]):
        return False
    return not ((a["end_date"] and b["start_date"] and a["end_date"] < b["start_date"])
                or (b["end_date"] and a["start_date"] and b["end_date"] < a["start_date"]))


def _stable_id(membership: dict[str, Any], seen: dict[str, int]) -> str:
    """An id from the membership's content: the same record gets the same id on every import."""
    digest = hashlib.sha256(json.dumps(membership, sort_keys=True,
                                       ensure_ascii=False).encode()).hexdigest()[:16]
    seen[digest] = seen.get(digest, 0) + 1
    return f"membership-{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else "")


def _english(org: dict[str, Any]) -> str | None:
    names = [n for n in org.get("other_names") or [] if n.get("name")]
    english = next((n for n in names if (n.get("lang") or "").lower() in ("en", "en-gb", "en-us")
                    or n.get("note") == "English"), None)
    return english.get("name") if english else None


_POPOLO_LIST = {"people": "persons", "bodies": "organizations", "organizations": "organizations",
                "memberships": "memberships", "affiliations": "memberships", "posts": "posts",
                "terms": "events", "events": "events", "areas": "areas"}


def _in_popolo(file: str, issue: Issue, tables: dict[str, list[dict[str, Any]]]) -> Issue:
    """The issue as it reads in the Popolo file: list name and record number (from 1)."""
    resource = issue.file.removesuffix(".csv")
    if resource not in _POPOLO_LIST:
        return Issue(file, None, issue.column, issue.reason)
    record = None
    if issue.row and 1 < issue.row <= len(tables[resource]) + 1:
        record = tables[resource][issue.row - 2]["_index"] + 1
    column = {"body_id": "organization_id"}.get(issue.column or "", issue.column)
    return Issue(f"{file} {_POPOLO_LIST[resource]}", record, column, issue.reason)


# --- export ----------------------------------------------------------------------------------


def export_popolo(runner: Runner, dataset: str) -> dict[str, Any]:
    """Dataset ``dataset`` as one Popolo document (local ids).

    Records read from Popolo come back with every field they were published
    with; govgraph's extension fields are added. Lists that would be empty are
    left out.

    Raises
    ------
    NotFoundError
        If no dataset ``dataset`` is stored.
    """
    def rows(statement: str) -> list[dict[str, Any]]:
        return runner.read(statement, {"dataset": dataset})

    meta = rows("popolo_dataset")
    if not meta:
        raise NotFoundError(f"no dataset {dataset!r}")

    persons = [_merge(_clean({
        "id": p["id"], "name": p["name"],
        "other_names": [{"name": n} for n in p["other_names"] or []],
        "given_name": p["given_name"], "family_name": p["family_name"], "gender": p["gender"],
        "birth_date": p["birth_date"], "death_date": p["death_date"],
        "identifiers": [_identifier(i) for i in p["identifiers"] or []],
        "category": p["category"], "public_figure": p["public_figure"],
        "pseudonymous": p["pseudonymous"], **_provenance(p),
    }), p["popolo"]) for p in rows("popolo_persons")]
    organizations = [_merge(_clean({
        "id": b["id"], "name": b["name"], "govgraph_type": BODY,
        "other_names": [{"name": b["name_en"], "lang": "en"}] if b["name_en"] else [],
        "classification": b["classification"], "parent_id": b["parent_id"],
        "seats": b["capacity"], "founding_date": _day(b["founding_date"]),
        "dissolution_date": _day(b["dissolution_date"]), **_provenance(b),
    }), b["popolo"]) for b in rows("popolo_bodies")]
    organizations += [_merge(_clean({
        "id": o["id"], "name": o["name"], "govgraph_type": ORGANIZATION,
        "other_names": [{"name": o["name_en"], "lang": "en"}] if o["name_en"] else [],
        "classification": o["classification"], "parent_id": o["parent_id"], **_provenance(o),
    }), o["popolo"]) for o in rows("popolo_organizations")]
    memberships = [_merge(_clean({
        "id": _local(m["id"]), "person_id": m["person_id"],
        "organization_id": m["organization_id"], "role": m["role"],
        "member_category": m["member_category"], "label": m["label"],
        "start_date": _day(m["start_date"]), "end_date": _day(m["end_date"]),
        "on_behalf_of_id": m["on_behalf_of_id"], "post_id": m["post_id"],
        "area_id": m["area_id"], "legislative_period_id": m["term_id"], **_provenance(m),
    }), m["popolo"]) for m in rows("popolo_memberships")]
    memberships += [_merge(_clean({
        "id": _local(a["id"]), "person_id": a["person_id"],
        "organization_id": a["organization_id"], "role": a["title"],
        "start_date": _day(a["start_date"]), "end_date": _day(a["end_date"]), **_provenance(a),
    }), a["popolo"]) for a in rows("popolo_affiliations") if not a["membership_id"]]
    events = [_merge(_clean({
        "id": t["id"], "name": t["name"], "classification": LEGISLATIVE_PERIOD,
        "organization_id": t["organization_id"], "start_date": _day(t["start_date"]),
        "end_date": _day(t["end_date"]), **_provenance(t),
    }), t["popolo"]) for t in rows("popolo_terms")]
    events += [_merge(_clean({
        "id": e["id"], "name": e["name"], "classification": e["classification"],
        "organization_id": e["organization_id"], "start_date": _day(e["start_date"]),
        "end_date": _day(e["end_date"]), **_provenance(e),
    }), e["popolo"]) for e in rows("popolo_events")]
    posts = [_merge(_clean({
        "id": p["id"], "label": p["label"], "role": p["role"],
        "organization_id": p["organization_id"], **_provenance(p),
    }), p["popolo"]) for p in rows("popolo_posts")]
    areas = [_merge(_clean({
        "id": a["id"], "name": a["name"], "classification": a["classification"],
        "parent_id": a["parent_id"], **_provenance(a),
    }), a["popolo"]) for a in rows("popolo_areas")]
    document: dict[str, Any] = {
        "persons": persons, "organizations": organizations, "memberships": _by_id(memberships),
        "posts": posts, "areas": areas, "events": _by_id(events)}
    document = {k: v for k, v in document.items() if v or k in ("persons", "organizations",
                                                                    "memberships")}
    if meta[0]["sources"]:
        document["meta"] = {"sources": meta[0]["sources"]}
    return document


_EXTENSIONS = ("id", "sources", "confidence", "govgraph_type", "category", "public_figure",
               "pseudonymous")
"""What govgraph adds to a record read from Popolo where the record lacks it."""


def _merge(derived: dict[str, Any], published: str | None) -> dict[str, Any]:
    """The record as published, completed with govgraph's extension fields it lacks."""
    if not published:
        return derived
    record: dict[str, Any] = json.loads(published)
    return {**{k: derived[k] for k in _EXTENSIONS if k in derived and k not in record},
            **record}


def _by_id(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: str(r.get("id")))


def _identifier(text: str) -> dict[str, str]:
    scheme, _, identifier = text.partition(":")
    return {"scheme": scheme, "identifier": identifier} if scheme else {"identifier": identifier}


def _provenance(row: dict[str, Any]) -> dict[str, Any]:
    return {"sources": [{"url": s} for s in row["sources"] or []],
            "confidence": row["confidence"]}


def _day(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _local(global_id: str | None) -> str | None:
    return global_id.partition("/")[2] if global_id else None


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None and v != []}
