"""Write validated datasets to the store: all or nothing, and idempotent.

The rows of every dataset written together become one write transaction:
every node and relationship is merged on its global id with all its
properties set, and whatever the store holds for a dataset that its new
version no longer has is deleted. Re-ingesting the same dataset therefore
leaves the store exactly as it was; ingesting a new version of it leaves
exactly the new version; and several datasets are stored all or none.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.runner import Runner
from ingest.identity import Judgements, canonical_statements
from ingest.package import DESCRIPTOR, Dataset, DatasetInvalidError, Issue
from ingest.tables import TABLE_BY_RESOURCE, StoreRows, Table

CHUNK = 5000
CANONICAL_LABELS = frozenset({"Person", "Body", "Organization"})
"""Labels whose records may be judged the same across datasets (``canonical_id``)."""


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did."""

    dataset: str
    unchanged: bool
    rows: dict[str, int]
    nodes: int
    relationships: int


def global_id(dataset: str, local_id: str) -> str:
    """The store id of a row: its local id prefixed by the dataset name."""
    return f"{dataset}/{local_id}"


def ingest(runner: Runner, dataset: Dataset, *, force: bool = False) -> IngestReport:
    """Write ``dataset`` to the store unless the same version is already there."""
    return ingest_all(runner, [dataset], force=force)[0]


def ingest_all(runner: Runner, datasets: Sequence[Dataset], *,
               force: bool = False, judgements: Judgements | None = None) -> list[IngestReport]:
    """Write ``datasets`` in one transaction: all of them or none.

    A dataset whose version is already stored is skipped unless ``force``.
    With ``judgements``, the same transaction gives every person, body and
    organisation its merged cluster's ``canonical_id`` (see :mod:`ingest.identity`).

    Raises
    ------
    DatasetInvalidError
        If two of ``datasets`` have the same name (one would silently replace
        the other), or the judgements merge a public figure with a person who is
        not; nothing is written.
    """
    _refuse_duplicate_names(datasets)
    reports: list[IngestReport] = []
    batch: list[tuple[str, dict[str, Any]]] = []
    for dataset in datasets:
        report, statements = _plan(runner, dataset, force=force)
        reports.append(report)
        batch.extend(statements)
    if judgements is not None:
        batch.extend(canonical_statements(runner, judgements, datasets,
                                          dataset_writes=bool(batch)))
    if batch:
        runner.write(batch)
    return reports


def _plan(runner: Runner, dataset: Dataset, *,
          force: bool) -> tuple[IngestReport, list[tuple[str, dict[str, Any]]]]:
    """What writing ``dataset`` reports and the statements that write it (none if unchanged)."""
    rows = {name: len(table_rows) for name, table_rows in dataset.rows.items()}
    stored = runner.read("dataset_hash", {"id": dataset.name})
    if not force and stored and stored[0]["content_hash"] == dataset.content_hash:
        return IngestReport(dataset.name, True, rows, 0, 0), []
    store_rows = to_store_rows(dataset)
    # Relationships are dropped and recreated: one whose endpoints changed between
    # versions must not survive beside its replacement under the same id.
    batch: list[tuple[str, dict[str, Any]]] = [
        ("prune_dataset_nodes", {"dataset": dataset.name, "keep": store_rows.node_ids}),
        ("delete_dataset_relationships", {"dataset": dataset.name}),
    ]
    for group in (store_rows.nodes, store_rows.relationships):
        for name, statement_rows in group.items():
            batch.extend((name, {"rows": chunk}) for chunk in _chunks(statement_rows))
    report = IngestReport(dataset.name, False, rows, len(store_rows.node_ids),
                          store_rows.relationship_count)
    return report, batch


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
    out.add("upsert_dataset", {
        "id": dataset.name, "dataset": dataset.name, "local_id": dataset.name,
        "title": dataset.title, "description": dataset.description, "licence": dataset.licence,
        "content_hash": dataset.content_hash, "pseudonymous_tables": dataset.pseudonymous_tables,
        "sources": dataset.sources, "confidence": "stated",
    }, relationship=False)
    for resource, table_rows in dataset.rows.items():
        table = TABLE_BY_RESOURCE[resource]
        for row in table_rows:
            _add_row(out, dataset.name, table, row)
    return out


def _add_row(out: StoreRows, dataset: str, table: Table, row: dict[str, Any]) -> None:
    ref_columns = {ref.column for ref in table.references}
    values: dict[str, Any] = {
        "id": global_id(dataset, row["id"]), "dataset": dataset, "local_id": row["id"],
        "sources": row["sources"], "confidence": row["confidence"],
    }
    for field in table.fields:
        name = field["name"]
        if name in ref_columns:
            continue
        values[name] = _store_value(field, row.get(name))
    if table.endpoints:
        source, target = table.endpoints
        values["source"] = global_id(dataset, row[source])
        values["target"] = global_id(dataset, row[target])
        values.pop("local_id")
        out.add(table.upsert_statement, values, relationship=True)
        return
    if table.label in CANONICAL_LABELS:
        values["canonical_id"] = values["id"]  # until a judgement merges it (ingest.identity)
    out.add(table.upsert_statement, values, relationship=False)
    for ref in table.references:
        if ref.rel_type and row.get(ref.column):
            out.add(f"link_{ref.rel_type.lower()}", {
                "id": f"{values['id']}/{ref.rel_type}", "dataset": dataset,
                "source": values["id"], "target": global_id(dataset, row[ref.column]),
                "sources": row["sources"], "confidence": row["confidence"],
            }, relationship=True)


def _store_value(field: dict[str, Any], value: Any) -> Any:
    """Values as the portable statements expect them: dates as ISO text, lists never null."""
    if field.get("govgraph:list"):
        return value or []
    if field["type"] == "boolean":
        return bool(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]
