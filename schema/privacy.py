"""Provenance shown as the caller's tier allows: every ``sources`` field of the schema
goes through the caller's :class:`~graph.privacy.Namer`.

A caller who may not see private names gets every ``sources`` list (of a person,
a seat, a trail entry, a path's tie, a body, an analysis row...) with a document
that names a private person cited by the document alone, without the line
(:meth:`graph.privacy.Namer.sources`): the line may print their name. One wrapper
on every field named ``sources`` makes this hold for fields added later too.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import strawberry
from graphql import GraphQLObjectType, GraphQLResolveInfo, default_field_resolver

from graph.privacy import Namer

SOURCES = "sources"


def withhold_sources(schema: strawberry.Schema) -> int:
    """Route every ``sources`` field of ``schema`` through the caller's namer; how many."""
    wrapped = 0
    for named in schema._schema.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        field = named.fields.get(SOURCES)
        if field is not None:
            field.resolve = _filtered(field.resolve or default_field_resolver)
            wrapped += 1
    return wrapped


def _filtered(inner: Any) -> Any:
    def resolve(source: Any, info: GraphQLResolveInfo[Any], **arguments: Any) -> Any:
        cited = inner(source, info, **arguments)
        namer: Namer = info.context.access.namer
        if namer.reveal:
            return cited
        if inspect.isawaitable(cited) or not namer.sources_ready:
            return _after_loading(namer, cited)
        return namer.sources(cited)

    return resolve


async def _after_loading(namer: Namer, cited: Any) -> list[str]:
    if inspect.isawaitable(cited):
        cited = await cited
    await asyncio.to_thread(namer.documents)  # a store read: off the event loop
    return namer.sources(list(cited))
