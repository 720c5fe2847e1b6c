"""Who may see what: roles, their permissions, and how a person's name is shown.

A person who is not a public figure (``public_figure`` false) is shown by name
only to callers with :attr:`Permission.PRIVATE_NAMES`. Everyone else sees a
stable pseudonym: an HMAC-SHA256 of the person's global id under a server
secret, so the same person keeps the same pseudonym in every answer and
export, and the pseudonym reveals nothing about the name. Every place a name
can surface renders it through one :class:`Namer`; aggregates are computed on
the full data and are not touched.

Provenance and identity evidence would undo the pseudonym: a seed line cited
as a source may print a private person's name (not only the lines cited for
them: a body's line may tell their story), and "same name" beside a public
figure's name says it. So for the same callers :meth:`Namer.sources` cites a
document that names a private person (one cited for a named private person's
record, seat, appearance, affiliation or possible match:
:func:`private_documents`) by the document alone, without its line numbers,
wherever it is cited; other documents keep their lines. Possible matches
involving a private person are not shown to them at all. People whose stored
name is itself a pseudonym (a generated roster) have no name to give away.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graph.analysis.cache import cached
from graph.analysis.network import Network
from graph.analysis.projection import PERSON, NodeView
from graph.runner import Runner


class Role(StrEnum):
    """A caller's tier; anonymous callers are ``public``."""

    PUBLIC = "public"
    ANALYST = "analyst"
    ADMIN = "admin"
    EDITOR = "editor"


class Permission(StrEnum):
    READ = "read"
    ANALYSES = "analyses"
    EXPORT = "export"
    EXPORT_DATASET = "export_dataset"
    PRIVATE_NAMES = "private_names"
    WRITE = "write"
    EDIT = "edit"


PERMISSION_DOCS: dict[Permission, str] = {
    Permission.READ: "every type and field; names of public figures, a pseudonym for "
                     "everyone else",
    Permission.ANALYSES: "every analysis, computed on the full data (people in them named "
                         "as under read)",
    Permission.EXPORT: "network and ego downloads (GraphML, GEXF, CSV), capped at maxNodes, "
                       "people named as under read",
    Permission.EXPORT_DATASET: "whole datasets over HTTP (`/export/popolo/...`), people named "
                               "as the caller may see them",
    Permission.PRIVATE_NAMES: "names and other names of people who are not public figures, "
                              "everywhere (fields, analyses, sentences, exports), and name "
                              "search over them",
    Permission.WRITE: "ingest and reset datasets over HTTP (no such route exists yet: "
                      "`govgraph ingest`/`reset` run on the host)",
}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PUBLIC: frozenset({Permission.READ, Permission.ANALYSES, Permission.EXPORT}),
    Role.ANALYST: frozenset({Permission.READ, Permission.ANALYSES, Permission.EXPORT,
                             Permission.EXPORT_DATASET, Permission.PRIVATE_NAMES}),
    Role.ADMIN: frozenset(Permission),
    Role.EDITOR: frozenset({Permission.READ, Permission.ANALYSES, Permission.EXPORT,
                            Permission.EXPORT_DATASET, Permission.PRIVATE_NAMES,
                            Permission.EDIT}),
}
"""The one table of who may do what (reproduced in docs/guide/access.md)."""


@dataclass(frozen=True)
class Caller:
    """Who is asking: a role, and the id of the key or token (``-`` when anonymous)."""

    role: Role = Role.PUBLIC
    key_id: str = "-"

    def can(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self.role]


def role_of(value: object) -> Role:
    """The role named by ``value``, or ``public`` for anything unknown."""
    try:
        return Role(str(value))
    except ValueError:
        return Role.PUBLIC


PSEUDONYM_PREFIX = "Person "


def pseudonym(secret: bytes, person_id: str) -> str:
    """The pseudonym of ``person_id`` under ``secret``: ``Person`` and 10 base32 letters."""
    digest = hmac.new(secret, person_id.encode(), hashlib.sha256).digest()
    return PSEUDONYM_PREFIX + base64.b32encode(digest).decode()[:10]


_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
"""The base32 alphabet (RFC 4648), which ``base64.b32encode`` uses."""
_BASE32_PAIRS = [a + b for a in _BASE32 for b in _BASE32]
"""Every pair of base32 letters, by the 10 bits they encode."""


class _Pseudonyms:
    """:func:`pseudonym` under one secret, several times faster (a page of members names
    thousands): the keyed hash state is made once, and the 10 letters are the first 50
    bits of the digest, which is what base32 encodes them as."""

    def __init__(self, secret: bytes) -> None:
        self._keyed = hmac.new(secret, digestmod=hashlib.sha256)

    def __call__(self, person_id: str) -> str:
        keyed = self._keyed.copy()
        keyed.update(person_id.encode())
        bits = int.from_bytes(keyed.digest()[:7], "big") >> 6
        pairs = _BASE32_PAIRS
        return (PSEUDONYM_PREFIX + pairs[bits >> 40] + pairs[(bits >> 30) & 1023]
                + pairs[(bits >> 20) & 1023] + pairs[(bits >> 10) & 1023] + pairs[bits & 1023])


def private_people(runner: Runner) -> frozenset[str]:
    """Global ids of every person who is not a public figure (cached per store version)."""
    def load() -> frozenset[str]:
        return frozenset(str(row["id"]) for row in runner.read("private_people", {}))

    return cached(runner, "", ("private_people",), load)


def private_documents(runner: Runner) -> frozenset[str]:
    """Source documents cited for people who are not public figures and are named (the
    ``file`` of ``file:line``; cached per store version)."""
    def load() -> frozenset[str]:
        return frozenset(document_of(str(source))
                         for row in runner.read("private_sources", {})
                         for source in row["sources"] or ())

    return cached(runner, "", ("private_documents",), load)


def document_of(source: str) -> str:
    """The document a source cites: ``report.txt`` of ``report.txt:12-14``."""
    document, colon, lines = source.rpartition(":")
    return document if colon and lines[:1].isdigit() else source


_POPOLO_NAMELESS = ("id", "category", "public_figure", "pseudonymous", "confidence",
                    "govgraph_type")
"""The fields of a Popolo person kept when the name is withheld."""


class Namer:
    """Renders people's names for one caller.

    Parameters
    ----------
    secret
        The pseudonym key.
    reveal
        Whether the caller may see the names of people who are not public figures.
    private
        Returns the ids of those people (called at most once, only when a network node
        must be labelled for a caller who may not see them).
    private_documents
        Returns the source documents that name them (:func:`private_documents`; called
        at most once, only when a ``sources`` list is shown to such a caller).
    """

    def __init__(self, secret: bytes, reveal: bool,
                 private: Callable[[], frozenset[str]] = frozenset,
                 private_documents: Callable[[], frozenset[str]] = frozenset) -> None:
        self.secret = secret
        self.reveal = reveal
        self._pseudonym = _Pseudonyms(secret)
        self._load_private = private
        self._private: frozenset[str] | None = None
        self._load_documents = private_documents
        self._documents: frozenset[str] | None = None
        self._lock = threading.Lock()

    def shows(self, public_figure: bool | None) -> bool:
        """Whether a person with this flag is shown by name."""
        return self.reveal or bool(public_figure)

    def pseudonym(self, person_id: str) -> str:
        return self._pseudonym(person_id)

    def name(self, person_id: str, name: str, public_figure: bool | None) -> str:
        """The name to show for a person."""
        return name if self.shows(public_figure) else self.pseudonym(person_id)

    def other_names(self, names: list[str], public_figure: bool | None) -> list[str]:
        return list(names) if self.shows(public_figure) else []

    def private(self) -> frozenset[str]:
        """Ids of people who are not public figures (empty when every name is shown)."""
        if self.reveal:
            return frozenset()
        with self._lock:
            if self._private is None:
                self._private = self._load_private()
            return self._private

    def documents(self) -> frozenset[str]:
        """Documents cited without their lines to this caller (none when every name is
        shown)."""
        if self.reveal:
            return frozenset()
        with self._lock:
            if self._documents is None:
                self._documents = self._load_documents()
            return self._documents

    @property
    def sources_ready(self) -> bool:
        """Whether :meth:`sources` can answer without reading the store."""
        return self.reveal or self._documents is not None

    def sources(self, cited: list[str]) -> list[str]:
        """``cited`` as this caller may see it: a document that names a private person by
        its name alone (once), every other source as it is."""
        if self.reveal or not cited:
            return cited
        documents = self.documents()
        shown: dict[str, None] = {}
        for source in cited:
            document = document_of(source)
            shown[document if document in documents else source] = None
        return list(shown)

    def label(self, node_id: str, kind: str, label: str) -> str:
        """The label of a network node: a pseudonym for a person not shown by name."""
        if kind == PERSON and node_id in self.private():
            return self.pseudonym(node_id)
        return label

    def view_label(self, node: NodeView) -> str:
        """The label of ``node`` (for sentences that name nodes)."""
        return self.label(node.id, node.kind, node.label)

    def view(self, node: NodeView) -> NodeView:
        return dataclasses.replace(node, label=self.label(node.id, node.kind, node.label))

    def network(self, answer: Network) -> Network:
        """``answer`` with every node labelled for this caller."""
        if self.reveal:
            return answer
        return dataclasses.replace(answer, nodes=[
            dataclasses.replace(n, label=self.label(n.id, n.kind, n.label))
            for n in answer.nodes])

    def popolo(self, dataset: str, document: dict[str, Any]) -> dict[str, Any]:
        """A Popolo document (local ids) with every person named for this caller."""
        if self.reveal:
            return document
        persons = []
        for person in document.get("persons", []):
            if not self.shows(person.get("public_figure")):
                # Only what says nothing about who they are: no names, identifiers, contact
                # details, links, images, dates or sources (which may name them).
                person = {k: v for k, v in person.items() if k in _POPOLO_NAMELESS}
                person["name"] = self.pseudonym(f"{dataset}/{person['id']}")
                person["pseudonymous"] = True
            persons.append(person)
        return {**document, "persons": persons}

    def matching(self, text: str) -> list[str]:
        """Ids of people not shown by name whose pseudonym contains ``text``."""
        if self.reveal or not text:
            return []
        needle = text.lower()
        return sorted(i for i in self.private() if needle in self.pseudonym(i).lower())
