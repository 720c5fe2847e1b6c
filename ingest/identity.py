"""One person (or body, or organisation) across datasets: candidates, judgements, canonical ids.

Datasets name the same people and organisations independently: Seoul's city
government is a record of ``seoul-2017`` and another of ``seodaemun-2021``.
Following OpenSanctions' *nomenklatura* [1]_, identity is decided by people,
not by the matcher, and the decisions are data:

1. :func:`candidates` proposes pairs of records that may be one, from shared
   identifiers of a global register (:data:`GLOBAL_SCHEMES`, e.g. Wikidata
   ids), names that agree once normalised and romanised (Hangul and Latin
   spellings of one Korean name), shared bodies with overlapping dates and
   shared organisations; it never decides.
2. A reviewer records a judgement per pair in a CSV file kept under version
   control (``data/judgements.csv``): ``merge``, ``not_the_same`` or
   ``unsure``, with the reason, who decided, when and the sources.
3. At ingest, the ``merge`` judgements are closed transitively into clusters and
   every record stores its cluster's ``canonical_id`` (the smallest id of the
   cluster among the records in the store; its own id when unmerged). Queries
   and analyses group on it, so a merged person answers with the memberships
   of every record and is counted once across datasets. Editing the file and
   ingesting again undoes a wrong merge.

A merge of a person who is a public figure with one who is not is refused:
the merged person would show the name to callers who may only see the
pseudonym of the other record.

References
----------
.. [1] OpenSanctions, "nomenklatura: Data deduplication and integration",
   https://github.com/opensanctions/nomenklatura
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from anyascii import anyascii

from graph.bulk import column
from graph.runner import Runner
from ingest.issues import DatasetInvalidError, Issue
from ingest.package import Dataset, read_table
from ingest.tables import text

KINDS: dict[str, str] = {"person": "Person", "organization": "Organization", "body": "Body"}
"""Kind of record a judgement is about, and its node label."""
RESOURCE_OF_KIND = {"person": "people", "organization": "organizations", "body": "bodies"}
JUDGEMENTS = ("merge", "not_the_same", "unsure")
FIELDS = [
    text("left_id", required=True), text("right_id", required=True),
    text("kind", required=True, enum=tuple(KINDS)),
    text("judgement", required=True, enum=JUDGEMENTS), text("reason", required=True),
    text("decided_by", required=True), {"name": "decided_on", "type": "date"},
    text("sources"),
]
"""Columns of a judgements file (``sources``: ``;``-separated, like a dataset's)."""
_STATEMENTS = {"person": "people", "organization": "organizations", "body": "bodies"}
MAX_BLOCK = 50
"""Records sharing one name key beyond this many are too common a name to pair up."""
STRONG_MATCH = 1.0
"""A candidate scoring this or more is a strong match: evidence enough to merge on review.
Only a shared identifier of a global register (or of any scheme within one dataset)
reaches it on its own."""

GLOBAL_SCHEMES: dict[str, str] = {
    "wikidata": "Wikidata items (Q…)",
    "viaf": "Virtual International Authority File",
    "isni": "International Standard Name Identifier",
    "orcid": "ORCID researcher ids",
    "lcauth": "Library of Congress name authorities",
    "gnd": "Gemeinsame Normdatei (German National Library)",
    "bnf": "Bibliothèque nationale de France",
    "sudoc": "French academic union catalogue (IdRef)",
    "nta": "Dutch National Thesaurus for Author names",
    "fast": "Faceted Application of Subject Terminology (OCLC)",
    "freebase": "Freebase machine ids (/m/…)",
    "google_knowledge": "Google Knowledge Graph ids",
    "musicbrainz": "MusicBrainz artist ids",
    "imdb": "Internet Movie Database",
    "discogs": "Discogs artist ids",
    "europarlmep": "European Parliament member ids",
    "parliamentdotuk": "UK Parliament member ids",
    "opensanctions": "OpenSanctions entity ids",
    "ocd": "Open Civic Data division and person ids",
}
"""Schemes whose register gives one person one id wherever it is cited: the same id in two
datasets is the same person. Every other scheme (``everypolitician_legacy``, a
legislature's own member numbers such as ``riigikogu`` or ``hansard``, any scheme not
listed here) is local: numbered per file or per legislature, so the same value in two
datasets says nothing, and it is evidence only within one dataset."""


@dataclass(frozen=True)
class Judgement:
    """A reviewer's decision about two records (global ids ``dataset/local id``)."""

    left_id: str
    right_id: str
    kind: str
    judgement: str
    reason: str
    decided_by: str
    decided_on: date | None = None
    sources: tuple[str, ...] = ()
    row: int | None = None

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.left_id, self.right_id))


@dataclass(frozen=True)
class Judgements:
    """Every judgement of one file (possibly none)."""

    items: tuple[Judgement, ...] = ()
    file: str = "judgements.csv"

    def of(self, left: str, right: str) -> Judgement | None:
        """The judgement about ``left`` and ``right`` (either order), if there is one."""
        pair = frozenset((left, right))
        return next((j for j in self.items if j.pair == pair), None)

    def clusters(self, kind: str) -> list[set[str]]:
        """Records of ``kind`` merged together, transitively (clusters of two or more)."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for j in self.items:
            if j.kind == kind and j.judgement == "merge":
                parent[find(j.left_id)] = find(j.right_id)
        groups: dict[str, set[str]] = defaultdict(set)
        for x in list(parent):
            groups[find(x)].add(x)
        return sorted((g for g in groups.values() if len(g) > 1), key=min)


def load_judgements(path: Path | None) -> Judgements:
    """Read and check a judgements file; a path that does not exist holds no judgements.

    Raises
    ------
    DatasetInvalidError
        With every problem of the file: a column or cell of the wrong kind, an id
        that is not ``dataset/local id``, a record judged against itself, a pair
        judged twice, or a ``not_the_same`` pair that merges join anyway.
    """
    if path is None or not path.exists():
        return Judgements()
    rows = read_table(path.parent, path.name, FIELDS)
    issues: list[Issue] = []
    items: list[Judgement] = []
    seen: dict[frozenset[str], int] = {}
    for row in rows:
        where = row["_row"]
        bad = [c for c in ("left_id", "right_id") if "/" not in row[c].strip("/")]
        issues += [Issue(path.name, where, c, f"{row[c]!r} is not a global id "
                                             "(dataset/local id)") for c in bad]
        if bad:
            continue
        if row["left_id"] == row["right_id"]:
            issues.append(Issue(path.name, where, "right_id", "a record judged against itself"))
            continue
        judgement = Judgement(row["left_id"], row["right_id"], row["kind"], row["judgement"],
                              row["reason"], row["decided_by"], row.get("decided_on"),
                              tuple(s.strip() for s in (row.get("sources") or "").split(";")
                                    if s.strip()), where)
        if judgement.pair in seen:
            issues.append(Issue(path.name, where, "left_id",
                                f"the same pair as row {seen[judgement.pair]}"))
            continue
        seen[judgement.pair] = where
        items.append(judgement)
    found = Judgements(tuple(items), path.name)
    for kind in KINDS:
        cluster_of = {x: i for i, group in enumerate(found.clusters(kind)) for x in group}
        for j in found.items:
            if (j.kind == kind and j.judgement == "not_the_same"
                    and cluster_of.get(j.left_id, -1) == cluster_of.get(j.right_id, -2)):
                issues.append(Issue(path.name, j.row, "judgement",
                                    f"{j.left_id} and {j.right_id} are judged not the same, "
                                    "but merge judgements join them"))
    if issues:
        raise DatasetInvalidError(path, issues)
    return found


# --- applying judgements at ingest ------------------------------------------------------


def canonical_statements(
    runner: Runner, judgements: Judgements, datasets: Sequence[Dataset], *,
    dataset_writes: bool,
) -> list[tuple[str, dict[str, Any]]]:
    """Statements that give every record its cluster's ``canonical_id`` (none if unchanged).

    ``datasets`` are about to be written in the same transaction (``dataset_writes``:
    whether anything of them is written); their records count as present, and the
    stored records of the same datasets as gone. Nothing needs writing when the
    merges the store holds are those wanted and no merged record belongs to a
    dataset being written (whose rewritten rows would start unmerged): so a
    dataset no judgement names keeps the bulk path (``COPY``) on its first ingest.

    Raises
    ------
    DatasetInvalidError
        If a merge joins people who are public figures with people who are not.
    """
    batch: list[tuple[str, dict[str, Any]]] = []
    written = {d.name for d in datasets} if dataset_writes else set()
    changed = False
    issues: list[Issue] = []
    for kind in KINDS:
        present = _present(runner, kind, datasets, judgements)
        wanted: dict[str, str] = {}
        for cluster in judgements.clusters(kind):
            members = sorted(cluster & present.keys())
            if len(members) < 2:
                continue
            if kind == "person":
                issues += _privacy_issues(judgements, members, present)
            wanted.update({member: members[0] for member in members})
        snake = _STATEMENTS[kind]
        stored = {row["id"]: row["canonical_id"] for row in runner.read(f"merged_{snake}", {})}
        rewritten = any(record.split("/", 1)[0] in written for record in stored.keys() | wanted)
        changed = (changed or rewritten
                   or stored != {k: v for k, v in wanted.items() if k != v})
        batch.append((f"reset_canonical_{snake}", {}))
        if wanted:
            batch.append((f"set_canonical_{snake}", {"rows": [
                {"id": k, "canonical_id": v} for k, v in sorted(wanted.items())]}))
    if issues:
        raise DatasetInvalidError(Path(judgements.file), issues)
    return batch if changed else []


def _present(runner: Runner, kind: str, datasets: Sequence[Dataset],
             judgements: Judgements) -> dict[str, bool]:
    """Judged records of ``kind`` that the store will hold, with their public-figure flag."""
    ids = sorted({x for j in judgements.items if j.kind == kind for x in j.pair})
    if not ids:
        return {}
    written = {d.name for d in datasets}
    present = {row["id"]: bool(row.get("public_figure", True))
               for row in runner.read(f"{_STATEMENTS[kind]}_by_ids", {"ids": ids})
               if row["dataset"] not in written}
    wanted = set(ids)
    for dataset in datasets:
        rows = dataset.rows.get(RESOURCE_OF_KIND[kind], [])
        for local, public in zip(column(rows, "id"), column(rows, "public_figure"), strict=True):
            gid = f"{dataset.name}/{local}"
            if gid in wanted:
                present[gid] = bool(public)  # as the writer stores it
    return present


def _privacy_issues(judgements: Judgements, members: list[str],
                    public: Mapping[str, bool]) -> list[Issue]:
    if len({public[m] for m in members}) < 2:
        return []
    named = [m for m in members if public[m]]
    hidden = [m for m in members if not public[m]]
    rows = [j for j in judgements.items if j.judgement == "merge" and j.pair & set(members)]
    return [Issue(judgements.file, rows[0].row if rows else None, "judgement",
                  f"merges public figures ({', '.join(named)}) with people who are not "
                  f"({', '.join(hidden)}): the merged person would show a withheld name; "
                  "make their public_figure flags agree first (data/README.md)")]


# --- candidates ------------------------------------------------------------------------

SURNAMES: dict[str, str] = {
    "kim": "gim", "lee": "i", "yi": "i", "rhee": "i", "rhie": "i", "park": "bak", "pak": "bak",
    "bahk": "bak", "choi": "choe", "choy": "choe", "jung": "jeong", "chung": "jeong",
    "cheong": "jeong", "kang": "gang", "cho": "jo", "yoon": "yun", "youn": "yun",
    "chang": "jang", "lim": "im", "rim": "im", "oh": "o", "suh": "seo", "shin": "sin",
    "kwon": "gwon", "kwan": "gwan", "ahn": "an", "yoo": "yu", "you": "yu", "ryu": "yu",
    "chun": "jeon", "jun": "jeon", "ko": "go", "koh": "go", "moon": "mun", "paik": "baek",
    "baik": "baek", "huh": "heo", "hur": "heo", "noh": "no", "roh": "no", "na": "na",
    "ra": "na", "kwak": "gwak", "koo": "gu", "ku": "gu", "song": "song", "hong": "hong",
    "min": "min", "ha": "ha", "yang": "yang", "han": "han", "sung": "seong", "seong": "seong",
    "cha": "cha", "joo": "ju", "chu": "chu", "woo": "u", "lyu": "yu", "yeo": "yeo",
}
"""Common romanisations of Korean surnames, mapped to the Revised Romanization's spelling."""


def name_keys(name: str) -> set[str]:
    """Keys under which two spellings of one name agree.

    The name is transliterated to Latin letters (Hangul syllable by syllable, as
    the Revised Romanization spells them: ``김상철`` becomes ``gimsangcheol``),
    lowercased and stripped of everything but letters and digits, with Korean
    surnames in their usual spellings mapped to one (``Kim``, ``Gim``). A name of
    several words also gives the key with its last word first, so that
    ``Sang-cheol Kim`` and ``Kim Sang-cheol`` agree.
    """
    latin = anyascii(unicodedata.normalize("NFKC", name)).lower()
    words = [re.sub(r"[^a-z0-9]", "", w) for w in re.split(r"[\s,]+", latin)]
    words = [w for w in words if w]
    if not words:
        return set()
    keys = {"".join(_surname(words, 0))}
    if len(words) > 1:
        keys.add("".join(_surname([words[-1], *words[:-1]], 0)))
    return keys


def _surname(words: list[str], i: int) -> list[str]:
    return [SURNAMES.get(w, w) if j == i else w for j, w in enumerate(words)]


@dataclass(frozen=True)
class Record:
    """What the matcher knows of one record."""

    id: str
    kind: str
    name: str
    keys: frozenset[str]
    identifiers: frozenset[str] = frozenset()
    classification: str | None = None
    bodies: Mapping[str, tuple[tuple[date | None, date | None], ...]] = field(
        default_factory=dict)
    """Name keys of the bodies the person sits in, with the dates of each seat."""
    organizations: frozenset[str] = frozenset()
    """Name keys of the organisations the person is affiliated with or appears for."""
    english_name: str | None = None
    """A body's or organisation's English name, where it has one (``name_en``)."""
    names_of_keys: Mapping[str, str] = field(default_factory=dict)
    """For each key of ``bodies`` and ``organizations``, the name it was made from: one body
    gives several keys (``Kim Sang`` and ``Sang Kim``), and counts once."""

    @property
    def dataset(self) -> str:
        return self.id.split("/", 1)[0]


@dataclass(frozen=True)
class Candidate:
    """Two records that may be one, with the evidence and any judgement already made."""

    kind: str
    left: Record
    right: Record
    score: float
    reasons: tuple[str, ...]
    judgement: Judgement | None


def records(dataset: Dataset) -> list[Record]:
    """Every person, body and organisation of ``dataset`` as the matcher sees it.

    People with generated (pseudonymous) names are left out: their names are not names.
    """
    rows = dataset.rows
    gid = f"{dataset.name}/{{}}".format
    body_keys = {r["id"]: _keys(r) for r in rows.get("bodies", [])}
    org_keys = {r["id"]: _keys(r) for r in rows.get("organizations", [])}
    named = {key: str(r["name"]) for table in ("bodies", "organizations")
             for r in rows.get(table, []) for key in _keys(r)}
    seats: dict[str, dict[str, list[tuple[date | None, date | None]]]] = defaultdict(
        lambda: defaultdict(list))
    for m in rows.get("memberships", []):
        for key in body_keys.get(m.get("body_id"), ()):
            seats[m["person_id"]][key].append((m.get("start_date"), m.get("end_date")))
    orgs: dict[str, set[str]] = defaultdict(set)
    for table in ("affiliations", "appearances"):
        for a in rows.get(table, []):
            if a.get("person_id") and a.get("organization_id"):
                orgs[a["person_id"]] |= org_keys.get(a["organization_id"], set())
    out = [Record(gid(r["id"]), "person", r["name"], frozenset(name_keys(r["name"])),
                  _identifiers(r), None,
                  {k: tuple(v) for k, v in seats[r["id"]].items()},
                  frozenset(orgs[r["id"]]),
                  names_of_keys={k: named[k] for k in (*seats[r["id"]], *orgs[r["id"]])})
           for r in rows.get("people", []) if not r.get("pseudonymous")]
    for kind, resource, keys in (("body", "bodies", body_keys),
                                 ("organization", "organizations", org_keys)):
        out += [Record(gid(r["id"]), kind, r["name"], frozenset(keys[r["id"]]),
                       _identifiers(r), r.get("classification"),
                       english_name=r.get("name_en") or None)
                for r in rows.get(resource, [])]
    return out


def _keys(row: Mapping[str, Any]) -> set[str]:
    return {k for column in ("name", "name_en") if row.get(column)
            for k in name_keys(str(row[column]))}


def _identifiers(row: Mapping[str, Any]) -> frozenset[str]:
    """``scheme:value`` of each identifier a record carries (e.g. from Popolo)."""
    found = set()
    for item in row.get("identifiers") or ():
        if isinstance(item, Mapping) and item.get("identifier"):
            found.add(f"{item.get('scheme', '')}:{item['identifier']}")
        elif isinstance(item, str) and item:
            found.add(item)
    return frozenset(found)


def scheme_of(identifier: str) -> str:
    """The scheme of a stored identifier (``scheme:value``), lowercased ('' if none)."""
    scheme, colon, _ = identifier.partition(":")
    return scheme.strip().lower() if colon else ""


def is_global(scheme: str) -> bool:
    """Whether ``scheme`` is a global register (:data:`GLOBAL_SCHEMES`)."""
    return scheme.lower() in GLOBAL_SCHEMES


def candidates(datasets: Iterable[Dataset], judgements: Judgements = Judgements(),
               min_score: float = 0.0) -> list[Candidate]:
    """Pairs of records that may be one, best first.

    Records are paired when they share an identifier (of a global scheme, or of
    any scheme within one dataset) or a name key (:func:`name_keys`; for bodies
    and organisations the English name too), and scored:

    - the same id in a global scheme (:data:`GLOBAL_SCHEMES`), or in any scheme
      within one dataset: 1.0 (:data:`STRONG_MATCH`); the same value in a local
      scheme across datasets is no evidence;
    - different ids in the same global scheme (two Wikidata items): -1.0, since
      the registers say they are two;
    - the same name 0.6; a name that agrees once normalised (case, accents, word
      order, punctuation, surname spelling) or romanised 0.5;
    - for people, each shared body 0.2 (0.1 more if the seats overlap in time, at
      most 0.6 in all) and shared organisations 0.1; for bodies and
      organisations, the same classification 0.2.

    Each reason says what matched: which scheme, which name of each record, and how.
    """
    every = [r for d in datasets for r in records(d)]
    blocks: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for record in every:
        for key in record.keys:
            blocks[(record.kind, key)].append(record)
        for i in record.identifiers:
            # a local id is a block only within its own dataset
            where = "" if is_global(scheme_of(i)) else record.dataset
            blocks[(record.kind, f"id={where}={i}")].append(record)
    pairs: dict[frozenset[str], tuple[Record, Record]] = {}
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            continue
        for a, b in combinations(members, 2):
            if a.id != b.id:
                pairs.setdefault(frozenset((a.id, b.id)), (a, b) if a.id < b.id else (b, a))
    found = []
    for a, b in pairs.values():
        score, reasons = _score(a, b)
        if score >= min_score:
            found.append(Candidate(a.kind, a, b, round(score, 2), tuple(reasons),
                                   judgements.of(a.id, b.id)))
    return sorted(found, key=lambda c: (-c.score, c.kind, c.left.id, c.right.id))


def _identifier_evidence(a: Record, b: Record) -> tuple[float, list[str]]:
    same_dataset = a.dataset == b.dataset
    shared = sorted(i for i in a.identifiers & b.identifiers
                    if same_dataset or is_global(scheme_of(i)))
    if shared:
        labels = [f"{scheme_of(i) or 'no scheme'} {i.partition(':')[2] or i}" for i in shared]
        where = " within one dataset" if same_dataset and not all(
            is_global(scheme_of(i)) for i in shared) else ""
        return STRONG_MATCH, [f"same identifier{where}: {', '.join(labels)}"]
    conflicts = []
    for scheme in sorted({scheme_of(i) for i in a.identifiers} & {scheme_of(i)
                                                                  for i in b.identifiers}):
        if is_global(scheme):
            mine = sorted(i.partition(":")[2] for i in a.identifiers if scheme_of(i) == scheme)
            theirs = sorted(i.partition(":")[2] for i in b.identifiers
                            if scheme_of(i) == scheme)
            conflicts.append(f"different {scheme} ids ({', '.join(mine)} / "
                             f"{', '.join(theirs)})")
    return (-1.0, conflicts) if conflicts else (0.0, [])


def _names(record: Record) -> list[tuple[str, str]]:
    names = [("name", record.name)]
    if record.english_name and record.english_name != record.name:
        names.append(("English name", record.english_name))
    return names


def _how_alike(x: str, y: str) -> str | None:
    """How two names agree: 'same', 'normalised' or 'romanised' (None: they do not)."""
    if not name_keys(x) & name_keys(y):
        return None
    if unicodedata.normalize("NFKC", x).casefold() == unicodedata.normalize("NFKC", y).casefold():
        return "same"
    latin = all(anyascii(n) == unicodedata.normalize("NFKD", n).encode("ascii", "ignore")
                .decode() for n in (x, y))
    return "normalised" if latin else "romanised"


def _name_evidence(a: Record, b: Record) -> tuple[float, list[str]]:
    best: tuple[int, str] | None = None
    rank = {"same": 0, "normalised": 1, "romanised": 2}
    for field_a, x in _names(a):
        for field_b, y in _names(b):
            how = _how_alike(x, y)
            if how is None:
                continue
            which = field_a if field_a == field_b else f"{field_a} / {field_b}"
            if how == "same":
                label = f"same {which} ({x})"
            elif how == "normalised":
                label = f"same {which} once normalised ({x} / {y})"
            else:
                label = f"same {which} once romanised ({x} / {y})"
            key = (rank[how] + (0 if field_a == field_b == "name" else 3), label)
            if best is None or key < best:
                best = key
    if best is None:
        return 0.0, []
    return (0.6 if best[1].startswith("same name (") else 0.5), [best[1]]


def _score(a: Record, b: Record) -> tuple[float, list[str]]:
    score, reasons = _identifier_evidence(a, b)
    named, why = _name_evidence(a, b)
    score += named
    reasons += why
    if a.kind == "person":
        bonus = 0.0
        shared: dict[tuple[str, str], bool] = {}  # (a's body, b's body): seats overlap
        for key in sorted(a.bodies.keys() & b.bodies.keys()):
            pair = (a.names_of_keys.get(key, key), b.names_of_keys.get(key, key))
            overlap = any(_overlap(x, y) for x in a.bodies[key] for y in b.bodies[key])
            shared[pair] = shared.get(pair, False) or overlap
        for (mine, theirs), overlap in sorted(shared.items()):
            bonus += 0.3 if overlap else 0.2
            body = f"'{mine}'" if mine == theirs else f"'{mine}' / '{theirs}'"
            reasons.append(f"both sit in body {body}" + (" at the same time" if overlap
                                                          else ""))
        score += min(bonus, 0.6)
        if a.organizations & b.organizations:
            score += 0.1
            key = sorted(a.organizations & b.organizations)[0]
            mine, theirs = a.names_of_keys.get(key, key), b.names_of_keys.get(key, key)
            reasons.append("both linked to organisation " + (
                f"'{mine}'" if mine == theirs else f"'{mine}' / '{theirs}'"))
    elif a.classification and a.classification == b.classification:
        score += 0.2
        reasons.append(f"both classified {a.classification}")
    return score, reasons


def _overlap(x: tuple[date | None, date | None], y: tuple[date | None, date | None]) -> bool:
    (a_start, a_end), (b_start, b_end) = x, y
    return not ((a_end and b_start and a_end < b_start) or (b_end and a_start and b_end < a_start))
