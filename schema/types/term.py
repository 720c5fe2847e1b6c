"""``Term`` and ``Quota``: a body's term of office and its composition."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.context import Info
from schema.types.common import CONFIDENCE_DOC, Confidence, build, stored_confidence


@strawberry.type(description="Seats reserved for one member category in a term.")
class Quota:
    id: strawberry.ID
    member_category: str
    seats: int
    sources: list[str]
    stored_confidence: strawberry.Private[str]

    @strawberry.field(description=CONFIDENCE_DOC)
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "quota", self.id)


@strawberry.type(description="A term of office of a body.")
class Term:
    id: strawberry.ID
    number: int | None
    start_date: date
    end_date: date | None
    seats: int | None
    sources: list[str]
    stored_confidence: strawberry.Private[str]

    @strawberry.field(description=CONFIDENCE_DOC)
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "term", self.id)

    @strawberry.field(description="Seats per member category.")
    async def composition(self, info: Info) -> list[Quota]:
        return [build(Quota, r) for r in await info.context.loaders.quotas.load(self.id)]
