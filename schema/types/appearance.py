"""Actors in projects and events: ``Appearance``, ``Affiliation``, ``PossibleMatch``, ``Post``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.types.common import CONFIDENCE_DOC, Confidence, build, load_one, stored_confidence

if TYPE_CHECKING:
    from schema.types.body import Body
    from schema.types.organization import Organization
    from schema.types.person import Person
    from schema.types.project import Project

PersonRef = Annotated["Person", strawberry.lazy("schema.types.person")]
ProjectRef = Annotated["Project", strawberry.lazy("schema.types.project")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.types.organization")]
BodyRef = Annotated["Body", strawberry.lazy("schema.types.body")]


@strawberry.type(description="A person, or a post whose holder is not named, appearing at a "
                             "project or event in a role.")
class Appearance:
    id: strawberry.ID
    role: str = strawberry.field(description="presenter, moderator, panelist, discussant, ...")
    affiliation: str | None = strawberry.field(description="Affiliation and title as printed.")
    title: str | None
    date: date | None
    sources: list[str]
    stored_confidence: strawberry.Private[str]
    project_id: strawberry.Private[str]
    person_id: strawberry.Private[str]
    post_id: strawberry.Private[str]
    organization_id: strawberry.Private[str | None]

    @strawberry.field(description=CONFIDENCE_DOC)
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "appearance", self.id)

    @strawberry.field
    async def person(self, info: Info) -> PersonRef | None:
        from schema.types.person import Person

        return await load_one(info.context.loaders.person, Person, self.person_id or None)

    @strawberry.field(description="The post, where the holder is not named.")
    async def post(self, info: Info) -> Post | None:
        return await load_one(info.context.loaders.post, Post, self.post_id or None)

    @strawberry.field
    async def project(self, info: Info) -> ProjectRef | None:
        from schema.types.project import Project

        return await load_one(info.context.loaders.project, Project, self.project_id)

    @strawberry.field(description="The organisation appeared for, where identified.")
    async def organization(self, info: Info) -> OrganizationRef | None:
        from schema.types.organization import Organization

        return await load_one(info.context.loaders.organization, Organization,
                              self.organization_id)


@strawberry.type(description="A person's affiliation with an organisation.")
class Affiliation:
    id: strawberry.ID
    title: str | None
    start_date: date | None
    end_date: date | None
    sources: list[str]
    stored_confidence: strawberry.Private[str]
    organization_id: strawberry.Private[str]

    @strawberry.field(description=CONFIDENCE_DOC)
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "affiliation", self.id)

    @strawberry.field
    async def organization(self, info: Info) -> OrganizationRef | None:
        from schema.types.organization import Organization

        return await load_one(info.context.loaders.organization, Organization,
                              self.organization_id)


@strawberry.type(description="Another person who may be the same; kept apart, with the reason.")
class PossibleMatch:
    reason: str
    sources: list[str]
    stored_confidence: strawberry.Private[str]
    other_id: strawberry.Private[str]

    @strawberry.field(description=CONFIDENCE_DOC)
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "possible match of", self.other_id)

    @strawberry.field
    async def person(self, info: Info) -> PersonRef | None:
        from schema.types.person import Person

        return await load_one(info.context.loaders.person, Person, self.other_id)


@strawberry.type(description="A post (an office) of a body or organisation, held by someone "
                             "the sources may not name.")
class Post:
    id: strawberry.ID
    local_id: str
    dataset: str
    label: str
    role: str | None
    sources: list[str]
    stored_confidence: strawberry.Private[str]
    body_id: strawberry.Private[str | None]
    organization_id: strawberry.Private[str | None]

    @strawberry.field(description=CONFIDENCE_DOC)
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "post", self.id)

    @strawberry.field
    async def body(self, info: Info) -> BodyRef | None:
        from schema.types.body import Body

        return await load_one(info.context.loaders.body, Body, self.body_id)

    @strawberry.field
    async def organization(self, info: Info) -> OrganizationRef | None:
        from schema.types.organization import Organization

        return await load_one(info.context.loaders.organization, Organization,
                              self.organization_id)

    @strawberry.field(description="Where the post's holder appeared, in date order.")
    async def appearances(self, info: Info) -> list[Appearance]:
        records = await info.context.loaders.appearances_of_post.load(self.id)
        return [build(Appearance, r) for r in records]
