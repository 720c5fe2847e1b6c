"""Validation of an edited record: a small Data Package read by ingest."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from graph.edits.log import _RESOURCE, Record, _memberships_between
from graph.runner import Runner
from ingest import csvfiles
from ingest.issues import DatasetInvalidError
from ingest.package import DESCRIPTOR, load_dataset
from ingest.tables import LIST_SEPARATOR, TABLE_BY_RESOURCE


def _membership_row(runner: Runner, current: Record, person: Record, body: Record,
                    cells: dict[str, str], source: str) -> dict[str, Any]:
    local = current.id.removeprefix(f"{current.dataset}/")
    others = [r for r in _memberships_between(runner, person.id, body.id) if r.id != current.id]
    typed = _validated_membership(person, body, local, cells, others,
                                  _merge_sources(current.values.get("sources"), source))
    return {**current.values, **{k: typed[k] for k in ("role", "member_category", "label",
                                                       "start_date", "end_date")},
            "sources": typed["sources"]}


def _appointment_row(runner: Runner, person: Record, body: Record, role: str,
                     start: date | None, end: date | None, member_category: str | None,
                     label: str | None, sources: list[str],
                     local_id: str = "(planned)") -> dict[str, Any]:
    cells = {"role": role, "start_date": csvfiles.cell(start), "end_date": csvfiles.cell(end),
             "member_category": member_category or "", "label": label or ""}
    others = _memberships_between(runner, person.id, body.id)
    typed = _validated_membership(person, body, local_id, cells, others, sources)
    return {**typed, "id": f"{body.dataset}/{local_id}", "on_behalf_of_id": None,
            "post_id": None, "area_id": None, "term_id": None, "popolo": None}


def _validated(dataset: str, kind: str, local_id: str, cells: Mapping[str, str],
               sources: list[str]) -> dict[str, Any]:
    """The store row of one person or body, read from a package of it by ingest."""
    resource = _RESOURCE[kind]
    row = {**cells, "id": local_id, "sources": LIST_SEPARATOR.join(sources),
           "confidence": "stated"}
    rows = _read_package(dataset, {resource: [row]})
    return rows[resource][0]


def _validated_membership(person: Record, body: Record, local_id: str, cells: Mapping[str, str],
                          others: Sequence[Record], sources: list[str]) -> dict[str, Any]:
    """The store row of one membership, read by ingest with the seats it must not repeat."""
    dataset = body.dataset
    people = [{"id": person.values["local_id"], "name": person.values.get("name") or "-",
               "sources": "edit", "confidence": "stated"}]
    bodies = [{"id": body.values["local_id"], "name": body.values.get("name") or "-",
               "classification": body.values.get("classification") or "other",
               "sources": "edit", "confidence": "stated"}]
    seats_held = [{**{k: csvfiles.cell(_cell_value(o.values.get(k)))
                      for k in ("role", "member_category", "label", "start_date", "end_date")},
                   "id": o.id.removeprefix(f"{dataset}/"),
                   "person_id": person.values["local_id"], "body_id": body.values["local_id"],
                   "sources": "edit", "confidence": "stated"} for o in others]
    edited = {**cells, "id": local_id, "person_id": person.values["local_id"],
              "body_id": body.values["local_id"], "sources": LIST_SEPARATOR.join(sources),
              "confidence": "stated"}
    rows = _read_package(dataset, {"people": people, "bodies": bodies,
                                   "memberships": [edited, *seats_held]})
    typed = dict(rows["memberships"][0])
    typed["source"], typed["target"] = person.id, body.id
    return typed


def _read_package(dataset: str, tables: dict[str, list[dict[str, str]]]
                  ) -> dict[str, list[dict[str, Any]]]:
    """Read ``tables`` as ingest reads a dataset named ``dataset``.

    The tables are written as a Data Package in a temporary folder first.

    Returns
    -------
    dict of str to list of dict
        The store rows of each table.

    Raises
    ------
    DatasetInvalidError
        If ingest refuses the package (the issues name ``dataset``).
    """
    from ingest.writer import to_store_rows  # ingest.writer replays edits (reapply)

    with tempfile.TemporaryDirectory(prefix="govgraph-edit-") as folder:
        package = Path(folder)
        columns: dict[str, list[str]] = {}
        for resource, rows in tables.items():
            known = TABLE_BY_RESOURCE[resource].field_names
            columns[resource] = [c for c in known if any(c in r for r in rows)]
            csvfiles.write(package / f"{resource}.csv", columns[resource], rows)
        descriptor = {"name": dataset, "resources": [
            {"name": r, "path": f"{r}.csv"} for r in tables]}
        (package / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
        try:
            loaded = load_dataset(package)
        except DatasetInvalidError as exc:
            raise DatasetInvalidError(Path(dataset), exc.issues) from None
    store = to_store_rows(loaded)
    out: dict[str, list[dict[str, Any]]] = {}
    for resource in tables:
        table = TABLE_BY_RESOURCE[resource]
        group = store.relationships if table.endpoints else store.nodes
        out[resource] = [dict(r) for r in group[table.upsert_statement]]
    return out


def _cell_value(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _merge_sources(held: Sequence[str] | None, source: str) -> list[str]:
    sources = list(held or [])
    if source and source not in sources:
        sources.append(source)
    return sources
