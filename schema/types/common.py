"""What every type shares: provenance, and building a type from a repository record."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, TypeVar, cast

import strawberry
from strawberry.dataloader import DataLoader

from graph.errors import NotFoundError, StoredValueError
from schema.loaders import load_all
from schema.pagination import Connection, connection_of_ids, connection_of_pages

T = TypeVar("T")


@strawberry.enum(description="Whether the source states a fact or it was inferred from it.")
class Confidence(Enum):
    STATED = "stated"
    INFERRED = "inferred"


CONFIDENCE_DOC = ("Whether the source states the fact or it was inferred; null, with an error "
                  "for this item (STORED_VALUE_INVALID), where the store holds another value.")
"""The description of every ``confidence`` field computed by :func:`stored_confidence`."""


def stored_confidence(value: str, kind: str, key: str) -> Confidence:
    """The confidence stored as ``value`` on the ``kind`` ``key``.

    Raises
    ------
    StoredValueError
        If ``value`` is not a confidence: the field of that item answers with an
        error (and null), the rest of the answer stands.
    """
    try:
        return Confidence(value)
    except ValueError:
        raise StoredValueError(
            f"{kind} {key!r} holds the confidence {value!r}, which is neither stated nor "
            "inferred; ingest its dataset again to correct it") from None


def build(cls: type[T], record: Any) -> T:
    """Make the GraphQL type ``cls`` from a record with the same field names.

    A type with an ``of_record`` class method (e.g. ``Person``) builds itself.
    """
    of_record = getattr(cls, "of_record", None)
    if of_record is not None:
        built: T = of_record(record)
        return built
    names, stored, checked = _shared_fields(cast(Any, cls), cast(Any, type(record)))
    values = {name: getattr(record, name) for name in names}
    if stored:
        values["stored_confidence"] = record.confidence
    elif checked:
        values["confidence"] = stored_confidence(values["confidence"], cls.__name__.lower(),
                                                 str(getattr(record, "id", "")))
    return cls(**values)


def filled(cls: type[T], values: dict[str, Any]) -> T:
    """An instance of the dataclass ``cls`` holding ``values``, one for each of its fields,
    made without its ``__init__``: the same object, for half the cost (a seat's
    ``Membership`` and ``Person``, 10,000 of each in a large answer).

    Raises
    ------
    TypeError
        On the first use for ``cls``, if ``values`` does not name exactly the fields its
        ``__init__`` takes, or that ``__init__`` would do more: set a field it does not
        take, or call a ``__post_init__``.
    """
    if cls not in _fillable:
        every = dataclasses.fields(cast(Any, cls))
        given = {f.name for f in every if f.init}
        set_by_init = [f.name for f in every if not f.init and (
            f.default is not dataclasses.MISSING
            or f.default_factory is not dataclasses.MISSING)]
        if set(values) != given or set_by_init or hasattr(cls, "__post_init__"):
            raise TypeError(f"{cls.__name__} cannot be filled from {sorted(values)}")
        _fillable.add(cls)
    made = _new(cls)
    made.__dict__ = values
    return made


_new = object.__new__
_fillable: set[type[Any]] = set()


@functools.cache
def _shared_fields(cls: type[Any], record_type: type[Any]) -> tuple[tuple[str, ...], bool, bool]:
    """The fields ``cls`` is built from that ``record_type`` has, whether ``cls`` keeps the
    confidence as stored and whether it checks it (computed once per pair of types)."""
    init = [f.name for f in dataclasses.fields(cls) if f.init]
    held = ({f.name for f in dataclasses.fields(record_type)}
            if dataclasses.is_dataclass(record_type) else set(dir(record_type)))
    names = tuple(name for name in init if name in held)
    return names, "stored_confidence" in init, "confidence" in names


async def load_one(loader: DataLoader[str, Any], cls: type[T], key: str | None) -> T | None:
    """The GraphQL ``cls`` for the record ``loader`` finds under ``key``, if any."""
    if not key:
        return None
    record = await loader.load(key)
    return build(cls, record) if record is not None else None


async def load_required(
    loader: DataLoader[str, Any], cls: type[T], key: str,
    candidates: Callable[[str], list[str]] | None = None,
) -> T:
    """The GraphQL ``cls`` for the record under ``key``; an unknown key is refused.

    A key without a dataset prefix (``council`` rather than ``seodaemun-2021/council``)
    is looked up among every dataset through ``candidates`` (local id to global ids):
    if exactly one record of this kind has it, that record is the answer.

    Raises
    ------
    NotFoundError
        If no record has the id ``key``, or a key without a prefix is ambiguous; the
        message states the form of ids and names the candidates.
    """
    found = await load_one(loader, cls, key)
    if found is not None:
        return found
    kind = cls.__name__.lower()
    if "/" in key or candidates is None:
        raise NotFoundError(f"no {kind} {key!r}")
    ids = await asyncio.to_thread(candidates, key)
    records = [record for record in await loader.load_many(ids) if record is not None]
    if len(records) == 1:
        return build(cls, records[0])
    if records:
        names = ", ".join(repr(record.id) for record in records)
        raise NotFoundError(f"no {kind} {key!r}: ids take the form dataset/id, and "
                            f"{len(records)} datasets have a {kind} {key!r}: {names}")
    raise NotFoundError(f"no {kind} {key!r}: ids take the form dataset/id, "
                        f"and no dataset has a {kind} {key!r}")


async def load_page(
    loader: DataLoader[str, Any], cls: type[T], ids: Sequence[str],
    first: int | None, after: str | None,
) -> Connection[T]:
    """A connection of ``cls`` over ``ids``, loading only the records of the page."""
    async def load(page: list[str]) -> list[T]:
        return [build(cls, record) for record in await load_all(loader, page)]

    return await connection_of_ids(ids, first, after, load)


async def load_listing(
    loader: DataLoader[str, Any], cls: type[T], first: int | None, after: str | None,
    ids: Callable[[int, int], list[str]], count: Callable[[], int],
) -> Connection[T]:
    """A connection of ``cls`` over a listing the store pages: ``ids(skip, limit)`` gives
    the ids of a page (sorted and cut by the store), ``count()`` the listing's size (run
    only if ``totalCount`` is asked for). Both run off the event loop."""
    async def fetch(skip: int, limit: int) -> list[T]:
        page = await asyncio.to_thread(ids, skip, limit)
        return [build(cls, record) for record in await load_all(loader, page)]

    async def total() -> int:
        return await asyncio.to_thread(count)

    return await connection_of_pages(first, after, fetch, total)


async def load_record_listing(
    loader: DataLoader[str, Any], cls: type[T], first: int | None, after: str | None,
    records: Callable[[int, int], Sequence[Any]], count: Callable[[], int],
) -> Connection[T]:
    """As :func:`load_listing`, over a listing whose pages are whole records (with an
    ``id``): each page is built as it is read, and ``loader`` is told its records, so that
    nothing below reads them again."""
    async def fetch(skip: int, limit: int) -> list[T]:
        page = await asyncio.to_thread(records, skip, limit)
        loader.prime_many({record.id: record for record in page})
        return [build(cls, record) for record in page]

    async def total() -> int:
        return await asyncio.to_thread(count)

    return await connection_of_pages(first, after, fetch, total)
