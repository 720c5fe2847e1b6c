"""``Term`` and ``Quota``: a body's term of office and its composition."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.context import Info
from schema.types.common import Confidence, build


@strawberry.type(description="Seats reserved for one member category in a term.")
class Quota:
    id: strawberry.ID
    member_category: str
    seats: int
    sources: list[str]
    confidence: Confidence


@strawberry.type(description="A term of office of a body.")
class Term:
    id: strawberry.ID
    number: int | None
    start_date: date
    end_date: date | None
    seats: int | None
    sources: list[str]
    confidence: Confidence

    @strawberry.field(description="Seats per member category.")
    async def composition(self, info: Info) -> list[Quota]:
        return [build(Quota, r) for r in await info.context.loaders.quotas.load(self.id)]
