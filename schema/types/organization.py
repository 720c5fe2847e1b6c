"""``Organization``: an actor that is not a body (government, bureau, department, NGO...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.pagination import Connection
from schema.types.common import Confidence, load_one, load_page, stored_confidence

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
    stored_confidence: strawberry.Private[str]
    parent_id: strawberry.Private[str | None]
    canonical_id: strawberry.ID = strawberry.field(
        description="The id shared by every record judged to be this one (data/judgements.csv); "
                    "its own id when it stands alone.")

    @strawberry.field(description="Whether the source states the fact or it was inferred; "
                                  "null, with an error for this item, where the store holds "
                                  "another value.")
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "organization", self.id)

    @strawberry.field(description="The other records judged to be this one (e.g. the same "
                                  "organization in another dataset), in id order.")
    async def same_as(self, info: Info) -> list[Organization]:
        from schema.loaders import load_all
        from schema.types.common import build

        ids = await info.context.loaders.same_organization.load(self.id)
        found = await load_all(info.context.loaders.organization, ids)
        return [build(Organization, r) for r in found]

    @strawberry.field(description="The organisation this one belongs to (department → bureau).")
    async def parent(self, info: Info) -> Organization | None:
        return await load_one(info.context.loaders.organization, Organization, self.parent_id)

    @strawberry.field(description="Organisations that belong to this one.")
    async def children(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Organization]:
        ids = await info.context.loaders.organization_children.load(self.id)
        return await load_page(info.context.loaders.organization, Organization, ids, first, after)

    @strawberry.field(description="Bodies this organisation leads.")
    async def led_bodies(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Body, strawberry.lazy("schema.types.body")]]:
        from schema.types.body import Body

        ids = await info.context.loaders.bodies_led_by.load(self.id)
        return await load_page(info.context.loaders.body, Body, ids, first, after)

    @strawberry.field(description="Projects this organisation leads.")
    async def projects(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Project, strawberry.lazy("schema.types.project")]]:
        from schema.types.project import Project

        ids = await info.context.loaders.projects_led_by.load(self.id)
        return await load_page(info.context.loaders.project, Project, ids, first, after)
