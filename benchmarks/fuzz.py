"""Fuzz ingest and the GraphQL API with random mutations; print what went wrong.

    .venv/bin/python benchmarks/fuzz.py            # 300 dataset cases, 300 GraphQL cases
    .venv/bin/python benchmarks/fuzz.py 1000 500   # other counts

A dataset case mutates the bundled Seodaemun dataset or a small made-up one
(cells, headers, descriptor fields, encodings, files removed, links to files
outside the package) and ingests it into a store holding another dataset. It
must be either stored exactly (every row's node in the store, nothing else
changed) or refused with :class:`~ingest.issues.DatasetInvalidError` whose
every problem names a file and gives a reason, the store unchanged. A GraphQL
case calls a random query field with random argument values; no error may be
``INTERNAL_SERVER_ERROR`` and every error needs an ``extensions.code``.

Printed: ``fuzz cases tried / tracebacks / partial writes`` for each kind.
The strategies are the ones the test suite draws from
(``tests/ingest/test_fuzz_datasets.py``, ``tests/schema/test_fuzz_graphql.py``).
"""

from __future__ import annotations

import contextlib
import json
import math
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLType,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.execute import execute
from graph.analysis import attendance
from graph.backends.ladybug import LadybugRunner
from graph.model import NODES, RELATIONSHIPS
from graph.runner import Runner
from ingest.issues import DatasetInvalidError
from ingest.package import DESCRIPTOR, load_dataset
from ingest.popolo import load_popolo
from ingest.writer import ingest, to_store_rows
from schema import schema

ROOT = Path(__file__).resolve().parent.parent
SEODAEMUN = ROOT / "data" / "seodaemun-2021"

TINY = {
    "organizations.csv": "id,name,classification,parent_id,sources,confidence\n"
                         "city,Riverton,government,,memo.txt:1,stated\n"
                         "parks,Parks Department,department,city,memo.txt:2,stated\n",
    "bodies.csv": "id,name,classification,parent_id,lead_organization_id,capacity,sources,"
                  "confidence\n"
                  "board,Riverton Board,council,,,3,memo.txt:3,stated\n"
                  "green,Green Group,working_group,board,parks,2,memo.txt:4,inferred\n",
    "people.csv": "id,name,category,sources,confidence\n"
                  "ana,Ana,private_citizen,memo.txt:5,stated\n"
                  "ben,Ben,public_official,memo.txt:6,stated\n"
                  "cy,Cy,private_citizen,memo.txt:7,stated\n",
    "memberships.csv": "id,person_id,body_id,role,member_category,start_date,end_date,sources,"
                       "confidence\n"
                       "m1,ana,board,chair,appointed,2020-01-01,2021-12-31,memo.txt:8,stated\n"
                       "m2,ben,board,member,ex_officio,2020-01-01,,memo.txt:9,stated\n"
                       "m3,ana,green,leader,private,2021-06-01,,memo.txt:10,stated\n"
                       "m4,cy,green,member,private,2021-06-01,,memo.txt:11,stated\n",
    "meetings.csv": "id,body_id,number,date,mode,seats,attendees,sources,confidence\n"
                    "b1,board,1,2021-02-01,offline,3,2,memo.txt:12,stated\n",
    "attendance_tallies.csv": "id,meeting_id,member_category,seats,present,sources,confidence\n"
                              "t1,b1,appointed,2,1,memo.txt:13,stated\n",
}

# ---------------------------------------------------------------- datasets

CELLS = ["", " ", "   ", ";", ";;;", " ; ", "0", "-1", "3", "2147483648", "9223372036854775807",
         "9223372036854775808", "99999999999999999999999999999", "1e308", "NaN", "inf", "1.5",
         "true", "2021-02-30", "0001-01-01", "9999-12-31", "2021-13-01", "board", "green",
         "ana", "cy", "city", "parks", "m1", "b1", "stated", "inferred", "chair", "member",
         "council", "x" * 5000, "é한글", "a\nb", '"', '""', "\t", "\x00", "\u202e", "../x",
         "/etc/passwd"]
JSON_VALUES: list[Any] = [None, 0, -1, 1.5, 10**30, True, "", " ", "x", "../../etc/passwd",
                          "/etc/passwd", "http://127.0.0.1:9/x.csv", [], [1], {}, {"a": 1},
                          "people.csv", "memberships.csv", "bodies", "people", "é"]
DESCRIPTOR_KEYS = ["name", "title", "description", "licenses", "sources", "resources"]
RESOURCE_KEYS = ["name", "path", "pseudonymous", "schema"]
ENCODINGS = ["latin-1", "utf-16", "cp949", "utf-8-sig"]


@dataclass(frozen=True)
class Mutation:
    """One change to a dataset folder; ``apply`` performs it."""

    kind: str
    args: tuple[Any, ...] = ()

    def apply(self, folder: Path, outside: Path) -> None:
        getattr(self, f"_{self.kind}")(folder, outside, *self.args)

    @staticmethod
    def _files(folder: Path) -> list[Path]:
        return sorted(p for p in [*folder.glob("*.csv"), folder / POPOLO]
                      if p.is_file() and not p.is_symlink())

    def _cell(self, folder: Path, _: Path, pick: int, row: int, column: int, value: str) -> None:
        lines = _lines(folder, pick)
        if lines is None:
            return
        path, rows = lines
        target = rows[row % len(rows)]
        target[column % len(target)] = value
        _write(path, rows)

    def _header(self, folder: Path, _: Path, pick: int, column: int, action: str) -> None:
        lines = _lines(folder, pick)
        if lines is None:
            return
        path, rows = lines
        header = rows[0]
        i = column % len(header)
        if action == "drop":
            rows = [r[:i] + r[i + 1:] for r in rows]
        elif action == "duplicate":
            header[i] = header[(i + 1) % len(header)]
        elif action == "blank":
            header[i] = ""
        else:
            header[i] = action
        _write(path, rows)

    def _row(self, folder: Path, _: Path, pick: int, row: int, action: str) -> None:
        lines = _lines(folder, pick)
        if lines is None or len(lines[1]) < 2:
            return
        path, rows = lines
        i = 1 + row % (len(rows) - 1)
        if action == "copy":
            rows.append(list(rows[i]))
        elif action == "copy-new-id":
            rows.append([f"{rows[i][0]}-again", *rows[i][1:]])
        elif action == "drop":
            del rows[i]
        elif action == "short":
            rows[i] = rows[i][:1]
        else:
            rows[i] = [*rows[i], "extra"]
        _write(path, rows)

    def _descriptor(self, folder: Path, _: Path, key: str, value: Any) -> None:
        descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
        descriptor[key] = value
        (folder / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")

    def _resource(self, folder: Path, _: Path, index: int, key: str, value: Any) -> None:
        descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
        resources = descriptor["resources"]
        resources[index % len(resources)][key] = value
        (folder / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")

    def _popolo(self, folder: Path, _: Path, key: str, index: int, field_name: str,
                value: Any) -> None:
        document = json.loads((folder / POPOLO).read_text(encoding="utf-8"))
        records = document[key]
        if field_name == "*":
            document[key] = value
        elif field_name == "**":
            records[index % len(records)] = value
        else:
            records[index % len(records)][field_name] = value
        (folder / POPOLO).write_text(json.dumps(document), encoding="utf-8")

    def _encoding(self, folder: Path, _: Path, pick: int, encoding: str) -> None:
        files = self._files(folder)
        path = files[pick % len(files)]
        text = path.read_text(encoding="utf-8") + "ü,한\n"
        path.write_bytes(text.encode(encoding, errors="replace"))

    def _bytes(self, folder: Path, _: Path, pick: int, offset: int, data: bytes) -> None:
        files = [*self._files(folder), folder / DESCRIPTOR, folder / POPOLO]
        files = [f for f in files if f.is_file()]
        path = files[pick % len(files)]
        content = path.read_bytes()
        at = offset % (len(content) + 1)
        path.write_bytes(content[:at] + data + content[at:])

    def _truncate(self, folder: Path, _: Path, pick: int, offset: int) -> None:
        files = [*self._files(folder), folder / DESCRIPTOR]
        path = files[pick % len(files)]
        content = path.read_bytes()
        path.write_bytes(content[:offset % (len(content) + 1)])

    def _remove(self, folder: Path, _: Path, pick: int) -> None:
        files = [*self._files(folder), folder / DESCRIPTOR]
        files[pick % len(files)].unlink()

    def _symlink(self, folder: Path, outside: Path, pick: int, target: str) -> None:
        files = self._files(folder)
        path = files[pick % len(files)]
        if target == "outside-copy":
            destination = outside / path.name
            shutil.copy(path, destination)
        elif target == "inside":
            destination = files[(pick + 1) % len(files)]
        elif target == "directory":
            destination = outside
        else:
            destination = Path(target)
        path.unlink()
        path.symlink_to(destination)


def _lines(folder: Path, pick: int) -> tuple[Path, list[list[str]]] | None:
    import csv
    import io

    files = Mutation._files(folder)
    if not files:
        return None
    path = files[pick % len(files)]
    try:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return None
    rows = [r for r in rows if r]
    return (path, rows) if rows else None


def _write(path: Path, rows: list[list[str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


_index = st.integers(min_value=0, max_value=1000)
mutations = st.one_of(
    st.builds(lambda *a: Mutation("cell", a), _index, _index, _index, st.sampled_from(CELLS)),
    st.builds(lambda *a: Mutation("header", a), _index, _index,
              st.sampled_from(["drop", "duplicate", "blank", "shoe_size", "ID", " id"])),
    st.builds(lambda *a: Mutation("row", a), _index, _index,
              st.sampled_from(["copy", "copy-new-id", "drop", "short", "long"])),
    st.builds(lambda *a: Mutation("descriptor", a), st.sampled_from(DESCRIPTOR_KEYS),
              st.sampled_from(JSON_VALUES)),
    st.builds(lambda *a: Mutation("resource", a), _index, st.sampled_from(RESOURCE_KEYS),
              st.sampled_from(JSON_VALUES)),
    st.builds(lambda *a: Mutation("encoding", a), _index, st.sampled_from(ENCODINGS)),
    st.builds(lambda *a: Mutation("bytes", a), _index, _index,
              st.sampled_from([b"\xff", b"\xc3", b"\x00", b"\r", b"\n", b'"', b",",
                               b"\xef\xbb\xbf"])),
    st.builds(lambda *a: Mutation("truncate", a), _index, _index),
    st.builds(lambda *a: Mutation("remove", a), _index),
    st.builds(lambda *a: Mutation("symlink", a), _index,
              st.sampled_from(["outside-copy", "inside", "directory", "/etc/passwd",
                               "/nonexistent"])),
)
"""One mutation of a dataset folder."""

POPOLO_FIELDS = ["id", "name", "person_id", "organization_id", "role", "start_date",
                 "end_date", "sources", "confidence", "other_names", "public_figure",
                 "classification", "parent_id", "govgraph_type", "*", "**"]
popolo_mutations = st.builds(
    lambda *a: Mutation("popolo", a), st.sampled_from(["persons", "organizations",
                                                        "memberships"]),
    _index, st.sampled_from(POPOLO_FIELDS),
    st.one_of(st.sampled_from(JSON_VALUES), st.sampled_from(CELLS),
              st.just([{"note": 5}]), st.just([{"name": None}]), st.just("cy")))
"""One change to a Popolo document."""

cases = st.one_of(
    st.tuples(st.sampled_from(["tiny", "tiny", "seodaemun"]),
              st.lists(mutations, min_size=1, max_size=3)),
    st.tuples(st.just("popolo"), st.lists(st.one_of(popolo_mutations, popolo_mutations,
                                                    mutations), min_size=1, max_size=3)),
)
"""A dataset to start from and the mutations to apply to it."""


@dataclass
class Figures:
    """What a fuzz run found."""

    tried: int = 0
    stored: int = 0
    refused: int = 0
    tracebacks: int = 0
    partial_writes: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self, what: str) -> str:
        return (f"{what}: fuzz cases tried {self.tried} / tracebacks {self.tracebacks} / "
                f"partial writes {self.partial_writes}  (stored {self.stored}, "
                f"refused {self.refused})")


def write_tiny(folder: Path, name: str = "fuzz") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for file, content in TINY.items():
        (folder / file).write_text(content, encoding="utf-8")
    resources = [{"name": file.removesuffix(".csv"), "path": file} for file in TINY]
    (folder / DESCRIPTOR).write_text(json.dumps({"name": name, "resources": resources}))
    return folder


POPOLO = "popolo.json"


def write_popolo(folder: Path) -> Path:
    """The small dataset as a Popolo document, ``popolo.json`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    note = [{"note": "memo.txt:1"}]
    (folder / POPOLO).write_text(json.dumps({
        "persons": [{"id": p, "name": p.title(), "sources": note, "confidence": "stated",
                     "other_names": [{"name": f"{p}-alias"}], "public_figure": False}
                    for p in ("ana", "ben", "cy")],
        "organizations": [{"id": "board", "name": "Board", "classification": "council",
                           "govgraph_type": "body", "sources": note, "confidence": "stated"},
                          {"id": "city", "name": "City", "classification": "government",
                           "sources": note, "confidence": "stated"}],
        "memberships": [{"id": f"m{i}", "person_id": p, "organization_id": "board",
                         "role": "member", "start_date": "2020-01-01", "sources": note,
                         "confidence": "stated"} for i, p in enumerate(("ana", "ben", "cy"))],
    }), encoding="utf-8")
    return folder


def prepare(base: str, folder: Path) -> Path:
    """A fresh copy of the dataset ``base`` (``tiny``, ``popolo`` or ``seodaemun``) named
    ``fuzz``."""
    if base == "tiny":
        return write_tiny(folder)
    if base == "popolo":
        return write_popolo(folder)
    shutil.copytree(SEODAEMUN, folder, ignore=shutil.ignore_patterns("roster"))
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    descriptor["name"] = "fuzz"
    (folder / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False),
                                     encoding="utf-8")
    return folder


def dataset_case(runner: LadybugRunner, scratch: Path, base: str,
                 changes: list[Mutation], figures: Figures) -> None:
    """Apply ``changes`` to a copy of ``base``, ingest it, and record the outcome."""
    case = Path(tempfile.mkdtemp(dir=scratch))
    outside = case / "outside"
    outside.mkdir()
    folder = prepare(base, case / "dataset")
    for change in changes:
        # a mutation may not apply to what earlier ones left
        with contextlib.suppress(OSError, ValueError, KeyError, IndexError, TypeError,
                                 AttributeError, ZeroDivisionError):
            change.apply(folder, outside)
    figures.tried += 1
    before = snapshot(runner)
    try:
        dataset = (load_popolo(folder / POPOLO, "fuzz") if base == "popolo"
                   else load_dataset(folder))
        ingest(runner, dataset, force=True)
    except DatasetInvalidError as exc:
        figures.refused += 1
        bad = [i for i in exc.issues if not i.file or not i.reason.strip()
               or (i.row is not None and i.row < 1)]
        if bad or not exc.issues:
            figures.tracebacks += 1
            figures.failures.append(f"{base} {changes}: issues without place or reason {bad}")
        if snapshot(runner) != before:
            figures.partial_writes += 1
            figures.failures.append(f"{base} {changes}: the store changed on refusal")
        return
    except Exception:
        figures.tracebacks += 1
        figures.failures.append(f"{base} {changes}:\n{traceback.format_exc()}")
        if snapshot(runner) != before:
            figures.partial_writes += 1
        return
    figures.stored += 1
    after = snapshot(runner)
    expected = set(to_store_rows(dataset).node_ids)
    stored = {node["id"] for nodes in after.values() for node in nodes
              if isinstance(node, dict) and node.get("dataset") == dataset.name}
    others = _without(after, dataset.name) == _without(before, dataset.name)
    if stored != expected or not others:
        figures.partial_writes += 1
        figures.failures.append(f"{base} {changes}: stored {len(stored)} nodes of "
                                f"{len(expected)}; other datasets unchanged: {others}")
    wrong = stored_wrong(runner, dataset.name)
    if wrong:
        figures.partial_writes += 1
        figures.failures.append(f"{base} {changes}: stored although wrong: {wrong}")


def stored_wrong(runner: Runner, dataset: str) -> list[str]:
    """What a stored dataset must never show: attendance rates above 100 %."""
    found = attendance.attendance(runner, dataset)
    rates = [("overall", found.overall),
             *((m.meeting_id, m.rate) for m in found.by_meeting),
             *((g.key, g.rate) for g in [*found.by_category, *found.by_body, *found.by_person])]
    return [f"{key} rate {rate.rate:.3f}" for key, rate in rates
            if rate.rate is not None and rate.rate > 1]


def snapshot(runner: LadybugRunner) -> dict[str, Any]:
    """Every node and relationship with its properties (see tests/conftest.py)."""
    state: dict[str, Any] = {}
    with runner._lock:
        for node in NODES:
            result = runner._conn.execute(f"MATCH (n:{node.label}) RETURN n ORDER BY n.id")
            state[node.label] = [_plain(row[0]) for row in result.get_all()]
        for rel in RELATIONSHIPS:
            result = runner._conn.execute(
                f"MATCH (a)-[r:{rel.type}]->(b) RETURN a.id, r, b.id ORDER BY r.id")
            state[rel.type] = [(a, _plain(r), b) for a, r, b in result.get_all()]
    return state


def _plain(value: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in value.items() if not k.startswith("_")}


def _without(state: dict[str, Any], dataset: str) -> dict[str, Any]:
    def keep(item: Any) -> bool:
        record = item if isinstance(item, dict) else item[1]
        return bool(record.get("dataset") != dataset and record.get("id") != dataset)

    return {key: [item for item in items if keep(item)] for key, items in state.items()}


def open_store(directory: Path) -> LadybugRunner:
    """A store holding the small dataset under the name ``riverton``."""
    runner = LadybugRunner(directory / "db")
    runner.apply_schema()
    ingest(runner, load_dataset(write_tiny(directory / "riverton", "riverton")))
    return runner


# ---------------------------------------------------------------- GraphQL

INTS = [0, 1, -1, 2, 3, 5, 12, 100, 101, 2**31 - 1, -(2**31)]
FLOATS = [0.0, -0.0, 0.5, 1.0, 2.0, -1.0, 1e-300, 1e308, -1e308, math.nan, math.inf, -math.inf]
STRINGS = ["", " ", "seodaemun-2021", "seodaemun-2O21", "nope", "é한글", "\x00", "a" * 2000,
           "chair", "member", "offline", "council", "%", "_", "'", "\\", "' OR 1=1 --"]
IDS = ["seodaemun-2021/council", "seodaemun-2021/seo-jeongsun", "seodaemun-2021/nobody",
       "nope/council", "council", "", "/", "seodaemun-2021/", "seodaemun-2021/council/x",
       "한/글", "\x00/\x00"]
DATES = ["2021-03-01", "2021-01-01", "2020-06-30", "2022-12-31", "0001-01-01", "9999-12-31",
         "2021-02-30", "yesterday"]
DATASETS = ["seodaemun-2021"] * 6 + ["", "seodaemun-2O21", "nope", "é한글", " "]
WRONG: list[Any] = [None, True, "1", 1, 1.5, [], {}, 2**64, 10**400 // 10**300]


def _scalar_values(named: GraphQLType) -> list[Any]:
    name = getattr(named, "name", "")
    if isinstance(named, GraphQLEnumType):
        return [*named.values, "NOPE", "two_mode"]
    return {"Int": INTS, "Float": FLOATS, "String": STRINGS, "ID": IDS, "Date": DATES,
            "Boolean": [True, False]}.get(name, STRINGS)


def values_for(kind: GraphQLInputType, depth: int = 0,
               name: str = "") -> st.SearchStrategy[Any]:
    """Argument values of the type ``kind``, mostly well typed, sometimes wrong.

    An argument called ``dataset`` mostly names the loaded dataset, so that the
    other arguments get exercised past the dataset check.
    """
    inner = kind.of_type if isinstance(kind, GraphQLNonNull) else kind
    if name == "dataset" and getattr(inner, "name", "") == "String":
        return st.sampled_from(DATASETS)
    if isinstance(inner, GraphQLList):
        right: st.SearchStrategy[Any] = st.lists(values_for(inner.of_type, depth + 1),
                                                 max_size=3)
    elif isinstance(inner, GraphQLInputObjectType):
        fields = {key: values_for(f.type, depth + 1, key) for key, f in inner.fields.items()}
        required = {n: v for n, v in fields.items()
                    if isinstance(inner.fields[n].type, GraphQLNonNull)}
        right = st.fixed_dictionaries(
            required, optional={n: v for n, v in fields.items() if n not in required})
    else:
        right = st.sampled_from(_scalar_values(inner))
    wrong = st.sampled_from(WRONG)
    return st.integers(0, 9).flatmap(lambda i: wrong if i == 0 else right)  # 1 in 10 wrong


def _selection(kind: GraphQLType, depth: int = 0) -> str:
    """Every argument-free scalar field of ``kind``, and one level of nested objects."""
    while isinstance(kind, (GraphQLNonNull, GraphQLList)):
        kind = kind.of_type
    if not isinstance(kind, GraphQLObjectType):
        return ""
    parts = []
    for name, f in kind.fields.items():
        if any(isinstance(a.type, GraphQLNonNull) for a in f.args.values()):
            continue
        inner = f.type
        while isinstance(inner, (GraphQLNonNull, GraphQLList)):
            inner = inner.of_type
        if isinstance(inner, (GraphQLScalarType, GraphQLEnumType)):
            parts.append(name)
        elif depth < 2:
            parts.append(f"{name} {_selection(inner, depth + 1) or '{ __typename }'}")
    return "{ " + " ".join(parts or ["__typename"]) + " }"


def _type_name(kind: GraphQLType) -> str:
    if isinstance(kind, GraphQLNonNull):
        return f"{_type_name(kind.of_type)}!"
    if isinstance(kind, GraphQLList):
        return f"[{_type_name(kind.of_type)}]"
    return str(getattr(kind, "name", kind))


def query_fields() -> list[str]:
    """The names of the query root's fields."""
    root = schema._schema.query_type
    assert root is not None
    return sorted(root.fields)


@st.composite
def graphql_cases(draw: st.DrawFn, field_name: str | None = None) -> tuple[str, dict[str, Any]]:
    """A document calling one query field (``field_name`` or any) with drawn variables."""
    root = schema._schema.query_type
    assert root is not None
    name = field_name or draw(st.sampled_from(sorted(root.fields)))
    f = root.fields[name]
    chosen = [arg for arg in f.args.values()
              if isinstance(arg.type, GraphQLNonNull) or draw(st.integers(0, 3))]
    names = [n for n, a in f.args.items() if any(a is c for c in chosen)]
    variables = {n: draw(values_for(f.args[n].type, name=n)) for n in names}
    declared = ", ".join(f"${n}: {_type_name(f.args[n].type)}" for n in names)
    passed = ", ".join(f"{n}: ${n}" for n in names)
    head = f"query Fuzz({declared})" if names else "query Fuzz"
    call = f"{name}({passed})" if names else name
    return f"{head} {{ {call} {_selection(f.type)} }}", variables


TOKENS = ["{", "}", "(", ")", "[", "]", ":", "$", "!", "...", "@skip(if: true)", "#", '"',
          '"""', "\\u0000", "query", "fragment", "on", "__schema", "__typename", "1e999",
          "-0", "99999999999999999999", "null", "é", "\n", " ", ","]


@st.composite
def mutated_documents(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A well-formed case whose document text then has a few tokens cut, added or swapped."""
    document, variables = draw(graphql_cases())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(document)))
        cut = draw(st.integers(0, 5))
        document = document[:at] + draw(st.sampled_from(TOKENS)) + document[at + cut:]
    return document, variables


def graphql_case(runner: Runner, document: str, variables: dict[str, Any],
                 figures: Figures) -> None:
    """Run one document; an internal error or an error without a code counts as a traceback."""
    figures.tried += 1
    try:
        response = execute(runner, document, variables)
    except Exception:
        figures.tracebacks += 1
        figures.failures.append(f"{document} {variables!r}:\n{traceback.format_exc()}")
        return
    errors = response.get("errors") or []
    bad = [e for e in errors if (e.get("extensions") or {}).get("code")
           in (None, "INTERNAL_SERVER_ERROR")]
    if bad:
        figures.tracebacks += 1
        figures.failures.append(f"{document} {variables!r}: {bad}")
    elif errors:
        figures.refused += 1
    else:
        figures.stored += 1


# ---------------------------------------------------------------- the run

def run_datasets(count: int, scratch: Path) -> Figures:
    figures = Figures()
    runner = open_store(scratch)

    @settings(max_examples=count, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(cases)
    def one(case: tuple[str, list[Mutation]]) -> None:
        dataset_case(runner, scratch, case[0], case[1], figures)

    try:
        one()
    finally:
        runner.close()
    return figures


def run_graphql(count: int, scratch: Path) -> Figures:
    figures = Figures()
    runner = LadybugRunner(scratch / "graphql-db")
    runner.apply_schema()
    ingest(runner, load_dataset(SEODAEMUN))

    fields = query_fields()
    try:
        @settings(max_examples=max(1, count // 4), deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(mutated_documents())
        def mutated(case: tuple[str, dict[str, Any]]) -> None:
            graphql_case(runner, case[0], case[1], figures)

        mutated()
        for name in fields:
            @settings(max_examples=max(1, count // len(fields)), deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(graphql_cases(name))
            def one(case: tuple[str, dict[str, Any]]) -> None:
                graphql_case(runner, case[0], case[1], figures)

            one()
    finally:
        runner.close()
    return figures


def main(argv: list[str] | None = None, *, show: Callable[[str], None] = print) -> dict[str, Any]:
    """Run the fuzzers; print and return the figures (``datasets``, ``graphql``)."""
    args = [int(a) for a in (argv if argv is not None else sys.argv[1:])]
    dataset_count, graphql_count = (args + [300, 300][len(args):])[:2]
    with tempfile.TemporaryDirectory() as scratch:
        datasets = run_datasets(dataset_count, Path(scratch)) if dataset_count else Figures()
        graphql = run_graphql(graphql_count, Path(scratch)) if graphql_count else Figures()
    show(datasets.line("datasets"))
    show(graphql.line("graphql "))
    for failure in [*datasets.failures, *graphql.failures][:20]:
        show(f"--- {failure}")
    return {"datasets": datasets, "graphql": graphql}


if __name__ == "__main__":
    figures = main()
    sys.exit(1 if any(f.tracebacks or f.partial_writes for f in figures.values()) else 0)
