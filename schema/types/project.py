"""``Project``: an agenda project, programme, lab, event or forum."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.types.common import Confidence, load_one

if TYPE_CHECKING:
    from schema.types.body import Body
    from schema.types.organization import Organization


@strawberry.type(description="An agenda project, programme, lab, plan, education course or forum.")
class Project:
    id: strawberry.ID
    local_id: str
    dataset: str
    name: str
    name_en: str | None
    kind: str
    year: int | None
    budget_krw: float | None = strawberry.field(description="Budget in Korean won.")
    status: str | None
    start_date: date | None
    end_date: date | None
    location: str | None
    sources: list[str]
    confidence: Confidence
    lead_organization_id: strawberry.Private[str | None]
    body_id: strawberry.Private[str | None]

    @strawberry.field(description="The department leading the project.")
    async def lead_organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("schema.types.organization")] | None:
        from schema.types.organization import Organization

        return await load_one(info.context.loaders.organization, Organization,
                              self.lead_organization_id)

    @strawberry.field(description="The body running the project.")
    async def body(
        self, info: Info
    ) -> Annotated[Body, strawberry.lazy("schema.types.body")] | None:
        from schema.types.body import Body

        return await load_one(info.context.loaders.body, Body, self.body_id)
