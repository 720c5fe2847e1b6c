"""``Project``: an agenda project, programme, lab, event or forum."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.pagination import Connection, connection
from schema.types.appearance import Appearance
from schema.types.common import (
    CONFIDENCE_DOC,
    Confidence,
    build,
    load_one,
    load_page,
    stored_confidence,
)

if TYPE_CHECKING:
    from schema.types.body import Body
    from schema.types.organization import Organization


@strawberry.type(description="An organisation taking part in a project.")
class Partner:
    role: str | None
    sources: list[str]
    organization_id: strawberry.Private[str]

    @strawberry.field
    async def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("schema.types.organization")] | None:
        from schema.types.organization import Organization

        return await load_one(info.context.loaders.organization, Organization,
                              self.organization_id)


@strawberry.type(description="An agenda project, programme, lab, plan, education course, "
                             "conference, forum or session.")
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
    participants: int | None = strawberry.field(description="People taking part, as published.")
    sources: list[str]
    stored_confidence: strawberry.Private[str]
    lead_organization_id: strawberry.Private[str | None]
    body_id: strawberry.Private[str | None]
    parent_id: strawberry.Private[str | None] = None

    @strawberry.field(description=CONFIDENCE_DOC)
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "project", self.id)

    @strawberry.field(description="The programme, series or event this one is part of.")
    async def parent(self, info: Info) -> Project | None:
        return await load_one(info.context.loaders.project, Project, self.parent_id)

    @strawberry.field(description="Sessions, forums or projects that are part of this one.")
    async def children(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Project]:
        ids = await info.context.loaders.project_children.load(self.id)
        return await load_page(info.context.loaders.project, Project, ids, first, after)

    @strawberry.field(description="Who appeared, in which role, with affiliations as printed.")
    async def appearances(
        self, info: Info, roles: list[str] | None = None, first: int | None = None,
        after: str | None = None,
    ) -> Connection[Appearance]:
        records = await info.context.loaders.appearances_at.load(self.id)
        return connection([build(Appearance, r) for r in records
                           if not roles or r.role in roles], first, after)

    @strawberry.field(description="Partner organisations and their role.")
    async def partners(self, info: Info) -> list[Partner]:
        return [Partner(role=r.role, sources=r.sources, organization_id=r.organization_id)
                for r in await info.context.loaders.partners.load(self.id)]

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
