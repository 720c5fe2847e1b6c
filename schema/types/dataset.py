"""``Dataset``: a loaded Data Package."""

from __future__ import annotations

import strawberry


@strawberry.type(description="A dataset loaded into the store (a Frictionless Data Package).")
class Dataset:
    id: strawberry.ID = strawberry.field(description="The package name.")
    title: str
    description: str
    licence: str
    content_hash: str = strawberry.field(description="SHA-256 of the package's files.")
    pseudonymous_tables: list[str] = strawberry.field(
        description="Tables whose names are generated pseudonyms, not real people.")
