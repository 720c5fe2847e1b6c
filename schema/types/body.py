"""``Body``: a governance body (a Popolo Organization that holds meetings and seats)."""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from graphql.language import FieldNode

from graph.filters import ID_SEPARATOR, DateWindow
from schema.context import Info
from schema.loaders import let_go
from schema.pagination import Connection, connection
from schema.selection import ANY, LEAF, asks_only, field_nodes, page_of
from schema.types.common import Confidence, build, load_one, load_page, stored_confidence
from schema.types.inputs import MembershipFilterInput, membership_filter
from schema.types.term import Term

if TYPE_CHECKING:
    from schema.types.meeting import Meeting
    from schema.types.membership import Membership
    from schema.types.organization import Organization
    from schema.types.project import Project


@functools.cache
def _membership_type() -> type[Membership]:
    """``Membership``, imported on first use (its module imports this one). An import inside a
    resolver costs about 1.4 µs on every call, and a large answer makes thousands."""
    from schema.types.membership import Membership

    return Membership


BRIEF_MEMBERS = page_of({
    **dict.fromkeys(["__typename", "id", "role", "startDate", "endDate"], LEAF), "body": ANY,
    "person": dict.fromkeys(["__typename", "id", "localId", "dataset", "category",
                             "publicFigure", "canonicalId", "name", "pseudonymous"], LEAF)})
"""What a page of members may ask and still be read briefly (names and roles)."""


def read_members_ahead(info: Info, body_id: str) -> None:
    """Start reading the members of ``body_id`` while the body itself is read.

    Where the selection (of ``Query.body``) asks for a page of members that the brief
    statement answers, with no date or filter, the ``members`` field then finds its read
    under way in the loader: the two statements travel together, one round trip less.
    A key without its dataset (a local id) is left alone: its body is not known yet.
    """
    if ID_SEPARATOR not in body_id:
        return
    for node in field_nodes(info):
        for selection in node.selection_set.selections if node.selection_set else ():
            if (isinstance(selection, FieldNode) and selection.name.value == "members"
                    and not selection.directives
                    and {a.name.value for a in selection.arguments or ()} <= {"first", "after"}
                    and asks_only([selection], BRIEF_MEMBERS)):
                # not awaited here: an error is the members field's to report
                let_go(info.context.loaders.brief_memberships_of_body.load(
                    (body_id, membership_filter(None, None))))
                return


@strawberry.type(description="A council, steering committee, subcommittee, working group, "
                             "task force or other body with members.")
class Body:
    id: strawberry.ID
    local_id: str
    dataset: str
    name: str
    name_en: str | None
    classification: str
    capacity: int | None = strawberry.field(description="Published number of seats.")
    meeting_cadence: str | None
    founding_date: date | None
    dissolution_date: date | None
    notes: str | None
    sources: list[str]
    stored_confidence: strawberry.Private[str]
    parent_id: strawberry.Private[str | None]
    lead_organization_id: strawberry.Private[str | None]
    canonical_id: strawberry.ID = strawberry.field(
        description="The id shared by every record judged to be this one (data/judgements.csv); "
                    "its own id when it stands alone.")

    @strawberry.field(description="Whether the source states the fact or it was inferred; "
                                  "null, with an error for this item, where the store holds "
                                  "another value.")
    def confidence(self) -> Confidence | None:
        return stored_confidence(self.stored_confidence, "body", self.id)

    @strawberry.field(description="The other records judged to be this one (e.g. the same "
                                  "body in another dataset), in id order.")
    async def same_as(self, info: Info) -> list[Body]:
        from schema.loaders import load_all
        from schema.types.common import build

        ids = await info.context.loaders.same_body.load(self.id)
        return [build(Body, r) for r in await load_all(info.context.loaders.body, ids)]

    @strawberry.field(description="The body this one is part of.")
    async def parent(self, info: Info) -> Body | None:
        return await load_one(info.context.loaders.body, Body, self.parent_id)

    @strawberry.field(description="Bodies that are part of this one.")
    async def children(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Body]:
        ids = await info.context.loaders.body_children.load(self.id)
        return await load_page(info.context.loaders.body, Body, ids, first, after)

    @strawberry.field(description="The department leading this body (working groups).")
    async def lead_organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("schema.types.organization")] | None:
        from schema.types.organization import Organization

        return await load_one(info.context.loaders.organization, Organization,
                              self.lead_organization_id)

    @strawberry.field(description="Seats on this body, optionally as of a date.")
    async def members(
        self, info: Info, as_of: date | None = None, filter: MembershipFilterInput | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Annotated[Membership, strawberry.lazy("schema.types.membership")]]:
        membership_type = _membership_type()
        loaders = info.context.loaders
        loader = (loaders.brief_memberships_of_body
                  if asks_only(field_nodes(info), BRIEF_MEMBERS)
                  else loaders.memberships_of_body)
        records = await loader.load((self.id, membership_filter(as_of, filter)))
        if not info.context.access.namer.reveal:  # name order would rank withheld names
            records = sorted(records, key=lambda r: r.person_id)
        return connection([membership_type.of_record(r, body=self) for r in records], first,
                          after)

    @strawberry.field(description="Number of distinct people seated, optionally as of a date.")
    async def member_count(self, info: Info, as_of: date | None = None) -> int:
        records = await info.context.loaders.memberships_of_body.load(
            (self.id, membership_filter(as_of, None)))
        return len({r.person_id for r in records})

    @strawberry.field(description="Terms of office, with the composition of each.")
    async def terms(self, info: Info) -> list[Term]:
        return [build(Term, r) for r in await info.context.loaders.terms.load(self.id)]

    @strawberry.field(description="Meetings of this body, in date order.")
    async def meetings(
        self, info: Info, from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None, first: int | None = None, after: str | None = None,
    ) -> Connection[Annotated[Meeting, strawberry.lazy("schema.types.meeting")]]:
        from schema.types.meeting import Meeting

        ids = await info.context.loaders.meetings_of_body.load(
            (self.id, DateWindow.between(from_, to)))
        return await load_page(info.context.loaders.meeting, Meeting, ids, first, after)

    @strawberry.field(description="Projects this body runs.")
    async def projects(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Project, strawberry.lazy("schema.types.project")]]:
        from schema.types.project import Project

        ids = await info.context.loaders.projects_run_by.load(self.id)
        return await load_page(info.context.loaders.project, Project, ids, first, after)
