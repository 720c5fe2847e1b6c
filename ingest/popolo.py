"""Popolo JSON: export a dataset's people, organisations and memberships, and import them.

Popolo [1]_ has persons, organizations and memberships. govgraph's bodies and
organisations both become Popolo organizations, told apart by the extension
field ``govgraph_type`` (``body`` or ``organization``); on import, an
organization without it is a body if anyone is a member of it. Sources are
Popolo source objects whose ``note`` is the ``<document>:<line>`` reference;
``confidence`` is kept as an extension field. Ids are the dataset's local ids,
so an exported dataset imports under any name.

An import is written as a Data Package into a temporary folder and validated
exactly like any other dataset, so it is refused whole on any problem.

References
----------
.. [1] Popolo Project, "Data specifications", https://www.popoloproject.com/specs/
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from graph.analysis.projection import seats
from graph.filters import BodyFilter, DateWindow, PeopleFilter
from graph.records import BodyRecord, OrganizationRecord
from graph.repository import Repository
from graph.runner import Runner
from ingest import csvfiles
from ingest.issues import DatasetInvalidError, Issue
from ingest.package import DESCRIPTOR, Dataset, load_dataset
from ingest.tables import BODY_CLASSIFICATIONS, TABLE_BY_RESOURCE

BODY, ORGANIZATION = "body", "organization"


def export_popolo(runner: Runner, dataset: str) -> dict[str, Any]:
    """The people, bodies, organisations and memberships of ``dataset`` as Popolo JSON."""
    repository = Repository(runner)
    people = repository.people(repository.people_ids(PeopleFilter(dataset=dataset)))
    bodies = repository.bodies(repository.body_ids(BodyFilter(dataset=dataset)))
    organizations = repository.organizations(
        repository.organization_ids(BodyFilter(dataset=dataset)))
    return {
        "persons": [_clean({
            "id": p.local_id, "name": p.name,
            "other_names": [{"name": n} for n in p.other_names],
            "category": p.category, "public_figure": p.public_figure,
            "pseudonymous": p.pseudonymous, **_provenance(p.sources, p.confidence),
        }) for p in sorted(people, key=lambda p: p.local_id)],
        "organizations": [_organization(BODY, b) for b in sorted(bodies, key=_by_local_id)]
        + [_organization(ORGANIZATION, o) for o in sorted(organizations, key=_by_local_id)],
        "memberships": [_clean({
            "id": _local(s.id), "person_id": _local(s.person_id),
            "organization_id": _local(s.body_id), "role": s.role,
            "member_category": s.member_category, "label": s.label,
            "start_date": s.start_date.isoformat() if s.start_date else None,
            "end_date": s.end_date.isoformat() if s.end_date else None,
            **_provenance(s.sources, s.confidence),
        }) for s in seats(runner, dataset, DateWindow())],
    }


def _by_local_id(record: BodyRecord | OrganizationRecord) -> str:
    return record.local_id


def _organization(kind: str, record: BodyRecord | OrganizationRecord) -> dict[str, Any]:
    return _clean({
        "id": record.local_id, "name": record.name, "govgraph_type": kind,
        "other_names": [{"name": record.name_en, "note": "English"}] if record.name_en else [],
        "classification": record.classification, "parent_id": _local(record.parent_id),
        **_provenance(record.sources, record.confidence),
    })


def load_popolo(path: Path, name: str) -> Dataset:
    """Read Popolo JSON at ``path`` as dataset ``name``, validated like a Data Package.

    Raises
    ------
    DatasetInvalidError
        If the JSON is malformed or any record breaks the table rules; rows in the
        messages count records of each Popolo list from 1.
    """
    document = _read_json(path)
    issues = _check_shapes(path.name, document)
    if issues:
        raise DatasetInvalidError(path, issues)
    tables = _tables(document)
    with tempfile.TemporaryDirectory() as folder:
        package = Path(folder)
        for resource, rows in tables.items():
            csvfiles.write(package / f"{resource}.csv", TABLE_BY_RESOURCE[resource].field_names,
                           rows)
        (package / DESCRIPTOR).write_text(json.dumps({"name": name, "resources": [
            {"name": r, "path": f"{r}.csv"} for r in tables]}), encoding="utf-8")
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
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DatasetInvalidError(path, [Issue(path.name, exc.lineno, None,
                                               f"not valid JSON: {exc.msg}")]) from exc
    except (ValueError, RecursionError) as exc:
        raise DatasetInvalidError(path, [Issue(path.name, None, None,
                                               f"not readable JSON: {exc or 'too deep'}")]) from exc


_TEXT_FIELDS = ("id", "name", "classification", "parent_id", "category", "role",
                "member_category", "label", "start_date", "end_date", "confidence",
                "person_id", "organization_id", "govgraph_type")
_FLAG_FIELDS = ("public_figure", "pseudonymous")
_LISTS = ("persons", "organizations", "memberships")


def _check_shapes(file: str, document: Any) -> list[Issue]:
    """Popolo's lists hold objects whose fields have the types the specification gives."""
    if not isinstance(document, dict):
        return [Issue(file, None, None, "expected an object with persons, organizations and "
                                        "memberships")]
    issues: list[Issue] = []
    for key in _LISTS:
        records = document.get(key) or []
        if not isinstance(records, list):
            issues.append(Issue(f"{file} {key}", None, None, "must be a list of objects"))
            continue
        for number, record in enumerate(records, start=1):
            issues += _record_shape(f"{file} {key}", number, record)
    return issues


def _record_shape(where: str, number: int, record: Any) -> list[Issue]:
    if not isinstance(record, dict):
        return [Issue(where, number, None, "must be an object")]
    issues = [Issue(where, number, key, "must be a string") for key in _TEXT_FIELDS
              if record.get(key) is not None and not isinstance(record[key], str)]
    issues += [Issue(where, number, key, "must be true or false") for key in _FLAG_FIELDS
               if record.get(key) is not None and not isinstance(record[key], bool)]
    for key, fields in (("other_names", ("name", "note")), ("sources", ("note", "url"))):
        items = record.get(key) or []
        if not isinstance(items, list) or not all(
                isinstance(item, dict) and all(isinstance(item.get(f), str | None) for f in fields)
                for item in items):
            issues.append(Issue(where, number, key, f"must be a list of objects with text "
                                                    f"{' and '.join(fields)}"))
    return issues


def _tables(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    memberships = document.get("memberships") or []
    member_of = {m.get("organization_id") for m in memberships}
    bodies: list[dict[str, Any]] = []
    organizations: list[dict[str, Any]] = []
    for index, org in enumerate(document.get("organizations") or []):
        kind = org.get("govgraph_type") or (
            BODY if org.get("id") in member_of or org.get("classification")
            in BODY_CLASSIFICATIONS else ORGANIZATION)
        row = {"id": org.get("id"), "name": org.get("name"),
               "name_en": _first_other_name(org), "classification": org.get("classification"),
               "parent_id": org.get("parent_id"), "_index": index, **_sources_of(org)}
        (bodies if kind == BODY else organizations).append(row)
    tables = {
        "organizations": organizations,
        "bodies": bodies,
        "people": [{"id": p.get("id"), "name": p.get("name"),
                    "other_names": ";".join(n.get("name", "") for n in p.get("other_names") or []),
                    "category": p.get("category"), "public_figure": p.get("public_figure"),
                    "pseudonymous": p.get("pseudonymous"), "_index": i, **_sources_of(p)}
                   for i, p in enumerate(document.get("persons") or [])],
        "memberships": [{"id": m.get("id"), "person_id": m.get("person_id"),
                         "body_id": m.get("organization_id"), "role": m.get("role") or "member",
                         "member_category": m.get("member_category"), "label": m.get("label"),
                         "start_date": m.get("start_date"), "end_date": m.get("end_date"),
                         "_index": i, **_sources_of(m)} for i, m in enumerate(memberships)],
    }
    return tables


def _first_other_name(org: dict[str, Any]) -> str | None:
    names = org.get("other_names") or []
    return names[0].get("name") if names else None


def _sources_of(record: dict[str, Any]) -> dict[str, Any]:
    notes = [s.get("note") or s.get("url") for s in record.get("sources") or []]
    return {"sources": ";".join(n for n in notes if n), "confidence": record.get("confidence")}


def _provenance(sources: list[str], confidence: str) -> dict[str, Any]:
    return {"sources": [{"note": s} for s in sources], "confidence": confidence}


def _local(global_id: str | None) -> str | None:
    return global_id.partition("/")[2] if global_id else None


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None and v != []}


_POPOLO_LIST = {"people": "persons", "bodies": "organizations",
                "organizations": "organizations", "memberships": "memberships"}


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
