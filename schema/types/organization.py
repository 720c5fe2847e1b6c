"""``Organization``: an actor that is not a body (government, bureau, department, NGO...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.loaders import load_all
from schema.pagination import Connection, connection_of_ids
from schema.types.common import Confidence, build

if TYPE_CHECKING:
    from schema.types.body import Body
    from schema.types.project import Project


@strawberry.type(description="A government, bureau, department, support centre, NGO, institute...")
class Organization:
    id: strawberry.ID
    local_id: str
    dataset: str
    name: str
    name_en: str | None
    classification: str
    sources: list[str]
    confidence: Confidence
    parent_id: strawberry.Private[str | None]

    @strawberry.field(description="The organisation this one belongs to (department → bureau).")
    async def parent(self, info: Info) -> Organization | None:
        if not self.parent_id:
            return None
        record = await info.context.loaders.organization.load(self.parent_id)
        return build(Organization, record) if record else None

    @strawberry.field(description="Organisations that belong to this one.")
    async def children(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Organization]:
        ids = await info.context.loaders.organization_children.load(self.id)
        return await organizations_page(info, ids, first, after)

    @strawberry.field(description="Bodies this organisation leads.")
    async def led_bodies(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Body, strawberry.lazy("schema.types.body")]]:
        from schema.types.body import bodies_page

        ids = await info.context.loaders.bodies_led_by.load(self.id)
        return await bodies_page(info, ids, first, after)

    @strawberry.field(description="Projects this organisation leads.")
    async def projects(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Project, strawberry.lazy("schema.types.project")]]:
        from schema.types.project import projects_page

        ids = await info.context.loaders.projects_led_by.load(self.id)
        return await projects_page(info, ids, first, after)


async def organizations_page(
    info: Info, ids: list[str], first: int | None, after: str | None
) -> Connection[Organization]:
    """A connection of the organisations with these ids, loading only the page."""
    async def load(page: list[str]) -> list[Organization]:
        return [build(Organization, r)
                for r in await load_all(info.context.loaders.organization, page)]

    return await connection_of_ids(ids, first, after, load)
