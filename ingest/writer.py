"""Write validated datasets to the store: all or nothing, idempotent, only what changed.

Every row of a dataset becomes a node or relationship keyed on its global id
and carrying a digest of everything written for it (``row_hash``). Writing a
dataset compares those digests with the store's: rows that are new or changed
are written, rows that are gone or changed are deleted first, and the rest is
left alone, so re-ingesting the same dataset writes nothing and a new version
writes only its changes. The datasets of one ingest are written in one
transaction through the store's bulk path (``COPY FROM`` on LadybugDB,
batched ``UNWIND`` on Neo4j): all of them or none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.bulk import BulkWrite, as_statements
from graph.model import NODE_BY_LABEL, REL_BY_TYPE
from graph.runner import Runner
from ingest.identity import Judgements, canonical_statements
from ingest.package import DESCRIPTOR, Dataset, DatasetInvalidError, Issue
from ingest.tables import TABLE_BY_RESOURCE, TABLES, StoreRows, Table, _snake

CANONICAL_LABELS = frozenset({"Person", "Body", "Organization"})
"""Labels whose records may be judged the same across datasets (``canonical_id``)."""
KIND_OF_STATEMENT: dict[str, str] = {
    "upsert_dataset": "Dataset",
    **{t.upsert_statement: t.label or t.rel_type or "" for t in TABLES},
    **{f"link_{ref.rel_type.lower()}": ref.rel_type
       for t in TABLES for ref in t.references if ref.rel_type},
}
"""The node label or relationship type each write statement writes."""


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did.

    ``nodes`` and ``relationships`` count what the dataset holds in the store;
    ``written`` counts the nodes and relationships this ingest created and
    ``deleted`` those it deleted by id (a changed row counts in both; a deleted
    node's relationships go with it, uncounted); an unchanged dataset has 0 and 0.
    """

    dataset: str
    unchanged: bool
    rows: dict[str, int]
    nodes: int
    relationships: int
    written: int = 0
    deleted: int = 0


def global_id(dataset: str, local_id: str) -> str:
    """The store id of a row: its local id prefixed by the dataset name."""
    return f"{dataset}/{local_id}"


def ingest(runner: Runner, dataset: Dataset, *, force: bool = False) -> IngestReport:
    """Write ``dataset`` to the store unless the same version is already there."""
    return ingest_all(runner, [dataset], force=force)[0]


def ingest_all(runner: Runner, datasets: Sequence[Dataset], *, force: bool = False,
               judgements: Judgements | None = None, bulk: bool = True,
               progress: Callable[[int, int], Callable[[int], None]] | None = None,
               ) -> list[IngestReport]:
    """Write ``datasets`` in one transaction: all of them or none.

    A dataset whose version is already stored is skipped unless ``force``;
    of the others, only rows that are new, changed or gone are written.

    Parameters
    ----------
    runner : Runner
        The store.
    datasets : sequence of Dataset
        Validated datasets with distinct names.
    force : bool
        Compare every row with the store even if the dataset's version is stored.
    judgements : Judgements, optional
        With these, the same transaction gives every person, body and
        organisation its merged cluster's ``canonical_id`` (see :mod:`ingest.identity`).
    bulk : bool
        Write through the store's bulk path (``Runner.write_rows``); with False,
        through the portable upsert statements (``Runner.write``).
    progress : callable, optional
        Called once before writing with the number of rows to write and to
        delete; returns the function told how many more rows were written.

    Raises
    ------
    DatasetInvalidError
        If two of ``datasets`` have the same name (one would silently replace
        the other), or the judgements merge a public figure with a person who is
        not; nothing is written.
    """
    _refuse_duplicate_names(datasets)
    reports: list[IngestReport] = []
    write = BulkWrite()
    for dataset in datasets:
        report, rows = _plan(runner, dataset, force=force)
        reports.append(report)
        write.extend(rows)
    if judgements is not None:
        write.after += canonical_statements(runner, judgements, datasets,
                                            dataset_writes=bool(write))
    if write:
        advance = progress(write.rows, write.deleted) if progress else None
        if bulk:
            runner.write_rows(write, advance)
        else:
            runner.write(list(as_statements(write)))
            if advance:
                advance(write.rows)
    return reports


def _plan(runner: Runner, dataset: Dataset, *, force: bool) -> tuple[IngestReport, BulkWrite]:
    """What writing ``dataset`` reports and the write that makes the store hold it."""
    rows = {name: len(table_rows) for name, table_rows in dataset.rows.items()}
    stored = runner.read("dataset_hash", {"id": dataset.name})
    if not force and stored and stored[0]["content_hash"] == dataset.content_hash:
        return IngestReport(dataset.name, True, rows, 0, 0), BulkWrite()
    store_rows = to_store_rows(dataset)
    write = diff(store_rows, runner.read("dataset_row_hashes", {"dataset": dataset.name}))
    report = IngestReport(dataset.name, False, rows, len(store_rows.node_ids),
                          store_rows.relationship_count, write.rows, write.deleted)
    return report, write


def diff(new: StoreRows, stored: Sequence[dict[str, Any]]) -> BulkWrite:
    """The write that turns the ``stored`` rows of a dataset into ``new``.

    ``stored`` has the ``kind`` (label or type), ``id``, ``row_hash`` and, for
    a relationship, ``source`` of every node and relationship the store holds
    for the dataset. A changed row is deleted and created again. Deleting a
    node deletes its relationships too, so those the new version keeps are
    created again as well.
    """
    old = {(row["kind"], row["id"]): row for row in stored}
    write = BulkWrite()
    gone_nodes: set[tuple[str, str]] = set()
    for statement, node_rows in new.nodes.items():
        kind = KIND_OF_STATEMENT[statement]
        write.statements[kind] = statement
        for row in node_rows:
            was = old.pop((kind, row["id"]), None)
            if was is None or was["row_hash"] != row["row_hash"]:
                write.nodes.setdefault(kind, []).append(row)
                if was is not None:
                    gone_nodes.add((kind, row["id"]))
    gone_nodes.update(key for key in old if key[0] in NODE_BY_LABEL)
    gone_rels: dict[str, list[dict[str, Any]]] = {}
    for statement, rel_rows in new.relationships.items():
        kind = KIND_OF_STATEMENT[statement]
        rel = REL_BY_TYPE[kind]
        write.statements[kind] = statement
        for row in rel_rows:
            was = old.pop((kind, row["id"]), None)
            detached = ((rel.source, row["source"]) in gone_nodes
                        or (rel.target, row["target"]) in gone_nodes)
            if was is None or was["row_hash"] != row["row_hash"] or detached:
                write.relationships.setdefault(kind, []).append(row)
                if was is not None and not detached:
                    gone_rels.setdefault(kind, []).append(
                        {"id": row["id"], "source": was["source"]})
    for (kind, key), was in old.items():
        if kind in REL_BY_TYPE and (REL_BY_TYPE[kind].source, was["source"]) not in gone_nodes:
            gone_rels.setdefault(kind, []).append({"id": key, "source": was["source"]})
    for kind, rel_rows in gone_rels.items():
        write.deletes.append((f"delete_relationships_{kind.lower()}", {"rows": rel_rows}))
    by_label: dict[str, list[str]] = {}
    for kind, key in sorted(gone_nodes):
        by_label.setdefault(kind, []).append(key)
    for kind, ids in by_label.items():
        write.deletes.append((f"delete_nodes_{_snake(kind)}", {"ids": ids}))
    return write


def row_hash(row: dict[str, Any]) -> str:
    """A digest of every value written for a row (in the writer's fixed key order)."""
    return hashlib.blake2b(repr(list(row.items())).encode(), digest_size=16).hexdigest()


def _refuse_duplicate_names(datasets: Sequence[Dataset]) -> None:
    first: dict[str, Dataset] = {}
    for dataset in datasets:
        if dataset.name not in first:
            first[dataset.name] = dataset
            continue
        file = DESCRIPTOR if dataset.path.is_dir() else dataset.path.name
        raise DatasetInvalidError(dataset.path, [Issue(
            file, None, "name", f"dataset name {dataset.name!r} is also the name of "
            f"{first[dataset.name].path}; give each dataset of one ingest its own name")])


def to_store_rows(dataset: Dataset) -> StoreRows:
    """Turn the dataset's typed table rows into rows for the upsert statements."""
    out = StoreRows()
    values: dict[str, Any] = {
        "id": dataset.name, "dataset": dataset.name, "local_id": dataset.name,
        "title": dataset.title, "description": dataset.description, "licence": dataset.licence,
        "content_hash": dataset.content_hash, "pseudonymous_tables": dataset.pseudonymous_tables,
        "sources": dataset.sources, "confidence": "stated",
    }
    values["row_hash"] = row_hash(values)
    out.add("upsert_dataset", values, relationship=False)
    for resource, table_rows in dataset.rows.items():
        _add_rows(out, dataset.name, TABLE_BY_RESOURCE[resource], table_rows)
    return out


def _add_rows(out: StoreRows, dataset: str, table: Table, rows: list[dict[str, Any]]) -> None:
    """Add the store rows of one table's rows (the per-table work done once)."""
    ref_columns = {ref.column for ref in table.references}
    fields = [(field["name"], field) for field in table.fields if field["name"] not in ref_columns]
    statement = table.upsert_statement
    links = [(ref.column, ref.rel_type, f"link_{ref.rel_type.lower()}")
             for ref in table.references if ref.rel_type]
    prefix = f"{dataset}/"
    target = out.relationships if table.endpoints else out.nodes
    own = target.setdefault(statement, [])
    for row in rows:
        values: dict[str, Any] = {
            "id": prefix + row["id"], "dataset": dataset, "local_id": row["id"],
            "sources": row["sources"], "confidence": row["confidence"],
        }
        for name, field in fields:
            values[name] = _store_value(field, row.get(name))
        if table.endpoints:
            source, end = table.endpoints
            values["source"] = prefix + row[source]
            values["target"] = prefix + row[end]
            del values["local_id"]
        elif table.label in CANONICAL_LABELS:
            values["canonical_id"] = values["id"]  # until a judgement merges it (ingest.identity)
        values["row_hash"] = row_hash(values)
        own.append(values)
        for column, rel_type, link_statement in links:
            if row.get(column):
                link = {
                    "id": f"{values['id']}/{rel_type}", "dataset": dataset,
                    "source": values["id"], "target": prefix + row[column],
                    "sources": row["sources"], "confidence": row["confidence"],
                }
                link["row_hash"] = row_hash(link)
                out.relationships.setdefault(link_statement, []).append(link)


def _store_value(field: dict[str, Any], value: Any) -> Any:
    """Values as the portable statements expect them: dates as ISO text, lists never null."""
    if field.get("govgraph:list"):
        return value or []
    if field["type"] == "boolean":
        return bool(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
