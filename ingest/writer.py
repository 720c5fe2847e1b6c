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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from graph.bulk import BulkWrite, Columns, as_statements, column, take
from graph.model import NODE_BY_LABEL, REL_BY_TYPE
from graph.runner import Runner
from ingest.identity import Judgements, canonical_statements
from ingest.package import DESCRIPTOR, Dataset, DatasetInvalidError, Issue
from ingest.tables import TABLE_BY_RESOURCE, TABLES, StoreRows, Table, _snake

if TYPE_CHECKING:
    import pyarrow as pa

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
    edits_kept: tuple[str, ...] = ()
    """Ids of the dataset's edits (``graph.edits``) replayed on this version of its file."""
    edit_conflicts: tuple[tuple[str, str], ...] = ()
    """(change id, why) of the edits this version conflicts with: the file's values stand,
    the changes stay in the log marked ``conflict``."""


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
    rows = BulkWrite()  # so that only `write` holds the rows, which the bulk path lets go
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
    # A dataset's rows are only ever written and deleted in the transaction that writes or
    # deletes its Dataset node: without that node, the store holds none of them.
    held = runner.read("dataset_row_hashes", {"dataset": dataset.name}) if stored else []
    write = diff(store_rows, held)
    report = IngestReport(dataset.name, False, rows, len(store_rows.node_ids),
                          store_rows.relationship_count, write.rows, write.deleted)
    if not stored:  # a first ingest has no edits to make again
        return report, write
    # graph.edits reads edited records as ingest does; imported here, as it brings the
    # analyses (networkx) that a first ingest never needs.
    from graph import edits

    replay = edits.reapply(runner, dataset.name,
                           {**store_rows.nodes, **store_rows.relationships})
    write.after += replay.statements
    return replace(report, edits_kept=tuple(replay.applied),
                   edit_conflicts=tuple(replay.conflicts)), write


def diff(new: StoreRows, stored: Sequence[dict[str, Any]]) -> BulkWrite:
    """The write that turns the ``stored`` rows of a dataset into ``new``.

    ``stored`` has the ``kind`` (label or type), ``id``, ``row_hash`` and, for
    a relationship, ``source`` of every node and relationship the store holds
    for the dataset. A changed row is deleted and created again. Deleting a
    node deletes its relationships too, so those the new version keeps are
    created again as well.
    """
    if not stored:  # all is new
        return BulkWrite(
            nodes={KIND_OF_STATEMENT[name]: rows for name, rows in new.nodes.items() if rows},
            relationships={KIND_OF_STATEMENT[name]: rows
                           for name, rows in new.relationships.items() if rows},
            statements={KIND_OF_STATEMENT[name]: name
                        for name in [*new.nodes, *new.relationships]})
    old = {(row["kind"], row["id"]): row for row in stored}
    write = BulkWrite()
    gone_nodes: set[tuple[str, str]] = set()
    for statement, node_rows in new.nodes.items():
        kind = KIND_OF_STATEMENT[statement]
        write.statements[kind] = statement
        kept = []
        for i, (key, digest) in enumerate(zip(column(node_rows, "id"),
                                              column(node_rows, "row_hash"), strict=True)):
            was = old.pop((kind, key), None)
            if was is None or was["row_hash"] != digest:
                kept.append(i)
                if was is not None:
                    gone_nodes.add((kind, key))
        if kept:
            write.nodes[kind] = (node_rows if len(kept) == len(node_rows)
                                 else take(node_rows, kept))
    gone_nodes.update(key for key in old if key[0] in NODE_BY_LABEL)
    gone_rels: dict[str, list[dict[str, Any]]] = {}
    for statement, rel_rows in new.relationships.items():
        kind = KIND_OF_STATEMENT[statement]
        rel = REL_BY_TYPE[kind]
        write.statements[kind] = statement
        kept = []
        for i, (key, digest, source, target) in enumerate(zip(
                column(rel_rows, "id"), column(rel_rows, "row_hash"),
                column(rel_rows, "source"), column(rel_rows, "target"), strict=True)):
            was = old.pop((kind, key), None)
            detached = ((rel.source, source) in gone_nodes
                        or (rel.target, target) in gone_nodes)
            if was is None or was["row_hash"] != digest or detached:
                kept.append(i)
                if was is not None and not detached:
                    gone_rels.setdefault(kind, []).append({"id": key, "source": was["source"]})
        if kept:
            write.relationships[kind] = (rel_rows if len(kept) == len(rel_rows)
                                         else take(rel_rows, kept))
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
    """A digest of every value written for a row, with its property names, in their order."""
    return _hasher(tuple(row))(tuple(row.values()))


def _hasher(keys: tuple[str, ...]) -> Callable[[tuple[Any, ...]], str]:
    """:func:`row_hash` of rows with the properties ``keys``, given their values.

    The names are digested once; each row adds the ``repr`` of its values
    (text, integers, booleans, None and lists of text: the same for equal rows).
    """
    start = hashlib.blake2b(repr(keys).encode(), digest_size=16)

    def digest(values: tuple[Any, ...]) -> str:
        running = start.copy()
        running.update(repr(values).encode())
        return running.hexdigest()

    return digest


def _row_hashes(columns: Mapping[str, Sequence[Any]]) -> list[str]:
    """:func:`row_hash` of each row of ``columns`` (property name to values, in row order).

    When every column is an Arrow array, the ``repr`` of each row's values is put
    together by one Arrow kernel over whole columns (from :func:`_repr_parts`), so
    Python only digests one text per row.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(columns) < 2 or not all(isinstance(values, pa.Array)  # a 1-tuple's repr ends in ",)"
                                   for values in columns.values()):
        digest = _hasher(tuple(columns))
        return [digest(values) for values in zip(*columns.values(), strict=True)]
    parts: list[str | pa.Array] = ["("]
    for values in columns.values():
        parts += [*_repr_parts(values), ", "]
    parts[-1] = ")"
    merged: list[pa.Scalar | pa.Array] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], pa.Scalar):
            merged[-1] = pa.scalar(merged[-1].as_py() + part)
        else:
            merged.append(pa.scalar(part) if isinstance(part, str) else part)
    if not any(isinstance(part, pa.Array) for part in merged):  # every column all null
        digest = _hasher(tuple(columns))
        return [digest(values) for values in zip(*columns.values(), strict=True)]
    texts = pc.binary_join_element_wise(*merged, "")
    start = hashlib.blake2b(repr(tuple(columns)).encode(), digest_size=16)
    hashes = []
    for begin in range(0, len(texts), _HASH_CHUNK):  # a chunk's texts at a time as bytes
        for text in texts.slice(begin, _HASH_CHUNK).cast(pa.binary()).to_pylist():
            running = start.copy()
            running.update(text)
            hashes.append(running.hexdigest())
    return hashes


_HASH_CHUNK = 65_536
"""Rows whose texts :func:`_row_hashes` holds as Python bytes at once."""


_PLAIN_BYTES = bytes(sorted(set(range(0x20, 0x7f)) - {ord("'"), ord("\\")}))
"""Printable ASCII without a quote or a backslash: text whose ``repr`` is itself in quotes."""


def _repr_parts(values: pa.Array) -> list[str | pa.Array]:
    """The ``repr`` of each value's Python value: Arrow text between fixed texts.

    Text (plain ASCII, see :data:`_PLAIN_BYTES`) and integers, each possibly null,
    booleans and lists of text are put together by kernels; any other column
    is given to :func:`repr` value by value.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = values.type
    if values.null_count == len(values):
        return ["None"]
    if kind == pa.string() and _plain(values):
        if not values.null_count:
            return ["'", values, "'"]
        return [pc.fill_null(pc.binary_join_element_wise(pa.scalar("'"), values, pa.scalar("'"),
                                                         ""), "None")]
    if kind == pa.int64():
        return [pc.fill_null(values.cast(pa.string()), "None")]
    if kind == pa.bool_() and not values.null_count:
        return [pc.if_else(values, "True", "False")]
    if (kind == pa.list_(pa.string()) and not values.null_count
            and not values.flatten().null_count and _plain(values.flatten())):
        quoted = pc.binary_join_element_wise(pa.scalar("'"), pc.binary_join(values, "', '"),
                                             pa.scalar("'"), "")
        return ["[", pc.if_else(pc.greater(pc.list_value_length(values), 0), quoted, ""), "]"]
    return [pa.array([repr(value) for value in values.to_pylist()], pa.string())]


def _plain(text: pa.Array) -> bool:
    """Whether every cell of ``text`` is plain (:data:`_PLAIN_BYTES`; nulls are).

    It looks at the bytes of the array's data buffer, which hold every cell
    (and, for a slice, those of the cells around it: it may say False for
    plain cells, never True for others).
    """
    data = text.buffers()[2]
    return data is None or not data.to_pybytes().translate(None, _PLAIN_BYTES)


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
    """Turn the dataset's typed table rows into rows for the upsert statements.

    The rows of each table (and of the relationships its references make) are
    :class:`graph.bulk.Columns`: of Arrow arrays, made by kernels, when the
    dataset's table is held as Arrow arrays (what the fast reader gives);
    otherwise of lists, where a global id that several rows name (a person and
    each of their memberships) is one string object. Both give the same rows.
    """
    out = StoreRows()
    values: dict[str, Any] = {
        "id": dataset.name, "dataset": dataset.name, "local_id": dataset.name,
        "title": dataset.title, "description": dataset.description, "licence": dataset.licence,
        "content_hash": dataset.content_hash, "pseudonymous_tables": dataset.pseudonymous_tables,
        "sources": dataset.sources, "confidence": "stated",
    }
    values["row_hash"] = row_hash(values)
    out.nodes["upsert_dataset"] = [values]
    global_ids: dict[str, str] = {}
    for resource, table_rows in dataset.rows.items():
        table = TABLE_BY_RESOURCE[resource]
        if isinstance(table_rows, Columns) and _in_arrow(table, table_rows):
            _add_arrow_rows(out, dataset.name, table, table_rows)
        else:
            _add_rows(out, dataset.name, table, table_rows, global_ids)
    return out


def _in_arrow(table: Table, rows: Columns) -> bool:
    """Whether ``rows`` hold, as Arrow arrays, every column a store row needs."""
    needed = ["id", "sources", "confidence", *(f["name"] for f in table.fields),
              *(ref.column for ref in table.references), *(table.endpoints or ())]
    return all(rows.arrow(name) is not None for name in needed if name in rows.names)


def _add_arrow_rows(out: StoreRows, dataset: str, table: Table, rows: Columns) -> None:
    """:func:`_add_rows` of rows held as Arrow arrays, by kernels over whole columns.

    The store rows are Arrow arrays too, which the bulk path copies as they are.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    prefix = pa.scalar(f"{dataset}/")

    def arrow(name: str, kind: pa.DataType | None = None) -> pa.Array:
        found = rows.arrow(name)
        return found if found is not None else pa.nulls(len(rows), kind or pa.string())

    def global_ids(local: pa.Array) -> pa.Array:
        return pc.binary_join_element_wise(prefix, local, "")

    ref_columns = {ref.column for ref in table.references}
    local_ids = arrow("id")
    ids = global_ids(local_ids)
    same = pa.repeat(pa.scalar(dataset), len(rows))
    sources, confidence = arrow("sources", pa.list_(pa.string())), arrow("confidence")
    columns: dict[str, pa.Array] = {"id": ids, "dataset": same}
    if not table.endpoints:
        columns["local_id"] = local_ids
    columns["sources"], columns["confidence"] = sources, confidence
    for field in table.fields:
        if field["name"] not in ref_columns:
            columns[field["name"]] = _store_array(field, rows, field["name"])
    if table.endpoints:
        source, end = table.endpoints
        columns["source"], columns["target"] = global_ids(arrow(source)), global_ids(arrow(end))
    elif table.label in CANONICAL_LABELS:
        columns["canonical_id"] = ids  # until a judgement merges it (ingest.identity)
    columns["row_hash"] = pa.array(_row_hashes(columns), pa.string())
    target = out.relationships if table.endpoints else out.nodes
    target[table.upsert_statement] = Columns(dict(columns))
    for ref in table.references:
        if not ref.rel_type:
            continue
        referred = arrow(ref.column)
        linked = pc.fill_null(pc.not_equal(referred, ""), False)
        if not pc.any(linked).as_py():
            continue
        kept = ids.filter(linked)
        link: dict[str, pa.Array] = {
            "id": pc.binary_join_element_wise(kept, pa.scalar(f"/{ref.rel_type}"), ""),
            "dataset": pa.repeat(pa.scalar(dataset), len(kept)),
            "source": kept,
            "target": global_ids(referred.filter(linked)),
            "sources": sources.filter(linked),
            "confidence": confidence.filter(linked)}
        link["row_hash"] = pa.array(_row_hashes(link), pa.string())
        out.relationships[f"link_{ref.rel_type.lower()}"] = Columns(dict(link))


def _store_array(field: dict[str, Any], rows: Columns, name: str) -> pa.Array:
    """:func:`_store_values` of an Arrow column (the rows lacking it: all null)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = rows.arrow(name)
    if values is None:  # not in the file: no names, false, or null
        if field.get("govgraph:list"):
            return pa.ListArray.from_arrays(pa.array([0] * (len(rows) + 1), pa.int32()),
                                            pa.array([], pa.string()))
        if field["type"] == "boolean":
            return pa.repeat(pa.scalar(False), len(rows))
        return pa.nulls(len(rows), pa.int64() if field["type"] == "integer" else pa.string())
    if field.get("govgraph:list") and values.null_count:
        return pa.array(_store_values(field, values.to_pylist()), pa.list_(pa.string()))
    if field["type"] == "boolean":
        return pc.fill_null(values, False)
    if field["type"] == "date":
        return values.cast(pa.string())
    return values


def _add_rows(out: StoreRows, dataset: str, table: Table, rows: Sequence[dict[str, Any]],
              global_ids: dict[str, str]) -> None:
    """Add the store rows of one table's rows (dicts or columns), column by column."""
    prefix = f"{dataset}/"

    def global_id_of(local: str) -> str:
        full = prefix + local
        return global_ids.setdefault(full, full)

    ref_columns = {ref.column for ref in table.references}
    local_ids = column(rows, "id")
    ids = [global_id_of(local) for local in local_ids]
    sources = column(rows, "sources")
    confidence = column(rows, "confidence")
    columns: dict[str, Sequence[Any]] = {"id": ids, "dataset": [dataset] * len(rows)}
    if not table.endpoints:
        columns["local_id"] = local_ids
    columns["sources"], columns["confidence"] = sources, confidence
    for field in table.fields:
        if field["name"] not in ref_columns:
            columns[field["name"]] = _store_values(field, column(rows, field["name"]))
    if table.endpoints:
        source, end = table.endpoints
        columns["source"] = [global_id_of(local) for local in column(rows, source)]
        columns["target"] = [global_id_of(local) for local in column(rows, end)]
    elif table.label in CANONICAL_LABELS:
        columns["canonical_id"] = ids  # until a judgement merges it (ingest.identity)
    hashes = _row_hashes(columns)
    target = out.relationships if table.endpoints else out.nodes
    # The dataset's own column lists are shared, not copied: no one changes them.
    target[table.upsert_statement] = Columns({
        **{name: values if isinstance(values, list) else list(values)
           for name, values in columns.items()}, "row_hash": hashes})
    for ref in table.references:
        if not ref.rel_type:
            continue
        referred = column(rows, ref.column)
        linked = [i for i, value in enumerate(referred) if value]
        if not linked:
            continue
        link: dict[str, list[Any]] = {
            "id": [f"{ids[i]}/{ref.rel_type}" for i in linked],
            "dataset": [dataset] * len(linked),
            "source": [ids[i] for i in linked],
            "target": [global_id_of(referred[i]) for i in linked],
            "sources": [sources[i] for i in linked],
            "confidence": [confidence[i] for i in linked]}
        link["row_hash"] = _row_hashes(link)
        out.relationships[f"link_{ref.rel_type.lower()}"] = Columns(link)


_NO_NAMES: list[str] = []
"""The value of every empty list cell (rows are never changed once made)."""


def _store_values(field: dict[str, Any], values: Sequence[Any]) -> Sequence[Any]:
    """Values as the portable statements expect them: dates as ISO text, lists never null."""
    if field.get("govgraph:list"):
        return [value or _NO_NAMES for value in values]
    if field["type"] == "boolean":
        return [bool(value) for value in values]
    if field["type"] == "date":
        return [value.isoformat() if isinstance(value, date) else value for value in values]
    return values
