"""The query root and the schema object."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, Iterable
from datetime import date
from functools import partial
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError, parse, validate
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from graph.analysis import concentration, load
from graph.errors import InvalidArgumentError
from graph.filters import BodyFilter, DateWindow, MeetingFilter, PeopleFilter, ProjectFilter
from graph.records import MembershipRow
from graph.repository import identifier_key
from schema.analysis_root import AnalysisQuery
from schema.audit import AuditOperation
from schema.bulk import BulkExecution
from schema.context import Context, Info
from schema.edit_query import EditQuery
from schema.errors import ErrorCodes, classify
from schema.lean import LeanExecution, lean_resolvers
from schema.limits import Limits, extensions
from schema.mutations import Mutation
from schema.pagination import DEFAULT_MAX_PAGE_SIZE, Connection, page_size_limit
from schema.privacy import withhold_sources
from schema.subscriptions import Subscription
from schema.types.appearance import Post
from schema.types.body import Body, read_members_ahead
from schema.types.common import build, load_listing, load_record_listing, load_required
from schema.types.concentration import (
    ConcentrationBucket,
    MultiRoleConcentration,
    OvercommittedMember,
    overcommitted_connection,
)
from schema.types.dataset import Dataset
from schema.types.meeting import Meeting
from schema.types.organization import Organization
from schema.types.person import Person
from schema.types.popolo import (
    IdentifierInput,
    PartyChange,
    PartyComposition,
    PartyOverlap,
    PartySeats,
)
from schema.types.project import Project
from schema.types.table import MembershipTable, membership_table, table_bounds

MAX_DEPTH = Limits.max_depth


@strawberry.input(description="Which people to list.")
class PeopleFilterInput:
    dataset: str | None = None
    name_contains: str | None = None
    categories: list[str] | None = None
    member_of: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only people seated on one of these bodies (as of `asOf`).")
    organizations: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only people affiliated with, or appearing for, one of these "
                                  "organisations.")
    as_of: date | None = strawberry.field(
        default=None, description="Only people holding a seat on that day: on one of "
                                  "`memberOf` if given, else on any body (and, with `areas` "
                                  "or `parties`, for one of them that day).")
    identifier: IdentifierInput | None = strawberry.field(
        default=None, description="Only people carrying this identifier (e.g. wikidata "
                                  "Q12358062).")
    areas: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only people seated for one of these areas (constituencies).")
    parties: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only people seated for one of these parties (on one of "
                                  "`memberOf` if given).")


@strawberry.input(description="Which bodies or organisations to list.")
class BodyFilterInput:
    dataset: str | None = None
    name_contains: str | None = None
    classifications: list[str] | None = None


@strawberry.input(description="Which projects to list.")
class ProjectFilterInput:
    dataset: str | None = None
    name_contains: str | None = None
    kinds: list[str] | None = None
    years: list[int] | None = None
    from_: date | None = strawberry.field(default=None, name="from",
                                          description="Only projects running on or after.")
    to: date | None = strawberry.field(default=None, description="Only projects starting on or "
                                                                 "before.")


@strawberry.input(description="Which meetings to list.")
class MeetingFilterInput:
    dataset: str | None = None
    body_ids: list[strawberry.ID] | None = None
    from_: date | None = strawberry.field(default=None, name="from")
    to: date | None = None


def _body_filter(where: BodyFilterInput | None) -> BodyFilter:
    where = where or BodyFilterInput()
    return BodyFilter(where.dataset or "", where.name_contains or "",
                      tuple(where.classifications or ()))


@strawberry.type(description="Read the governance network.")
class ReadQuery:
    @strawberry.field(description="Datasets loaded in the store.")
    async def datasets(self, info: Info) -> list[Dataset]:
        records = await asyncio.to_thread(info.context.repository.datasets)
        return [build(Dataset, r) for r in records]

    @strawberry.field(description="One person, by global id or by an identifier in some "
                                  "scheme (give exactly one). An identifier several people "
                                  "carry who are not judged the same is refused: list them "
                                  "with `people(filter: {identifier})`.")
    async def person(self, info: Info, id: strawberry.ID | None = None,
                     identifier: IdentifierInput | None = None) -> Person | None:
        if (id is None) == (identifier is None):
            raise InvalidArgumentError("person needs either id or identifier, not both")
        if identifier is not None:
            namer = await info.context.namer()
            id = strawberry.ID(await asyncio.to_thread(
                info.context.repository.person_by_identifier, identifier.scheme,
                identifier.identifier, names_visible=namer.reveal))
        assert id is not None
        return await load_required(info.context.loaders.person, Person, id,
                                   info.context.repository.ids_by_local_id)

    @strawberry.field(description="People, by name (by id, matching only the names it may "
                                  "see, for a caller who may not see private names).")
    async def people(
        self, info: Info, filter: PeopleFilterInput | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Person]:
        where = filter or PeopleFilterInput()
        namer = await info.context.namer()
        repository = info.context.repository
        chosen = PeopleFilter(
            dataset=where.dataset or "", name=where.name_contains or "",
            categories=tuple(where.categories or ()), body_ids=tuple(where.member_of or ()),
            organization_ids=tuple(where.organizations or ()),
            window=DateWindow.as_of(where.as_of), names_visible=namer.reveal,
            pseudonym_ids=tuple(namer.matching(where.name_contains or "")),
            identifier=(identifier_key(where.identifier.scheme, where.identifier.identifier)
                        if where.identifier else ""),
            area_ids=tuple(where.areas or ()), party_ids=tuple(where.parties or ()))
        return await load_record_listing(info.context.loaders.person, Person, first, after,
                                         partial(repository.people_page, chosen),
                                         partial(repository.count_people, chosen))

    @strawberry.field(description="One body by global id.")
    async def body(self, info: Info, id: strawberry.ID) -> Body | None:
        read_members_ahead(info, id)
        return await load_required(info.context.loaders.body, Body, id,
                                   info.context.repository.ids_by_local_id)

    @strawberry.field(description="Bodies, in the order of their ids.")
    async def bodies(
        self, info: Info, filter: BodyFilterInput | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Body]:
        chosen, repository = _body_filter(filter), info.context.repository
        return await load_record_listing(info.context.loaders.body, Body, first, after,
                                         partial(repository.body_page, chosen),
                                         partial(repository.count_bodies, chosen))

    @strawberry.field(description="One organisation by global id.")
    async def organization(self, info: Info, id: strawberry.ID) -> Organization | None:
        return await load_required(info.context.loaders.organization, Organization, id,
                                   info.context.repository.ids_by_local_id)

    @strawberry.field(description="Organisations, in the order of their ids.")
    async def organizations(
        self, info: Info, filter: BodyFilterInput | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Organization]:
        chosen, repository = _body_filter(filter), info.context.repository
        return await load_listing(info.context.loaders.organization, Organization, first,
                                  after, partial(repository.organization_ids, chosen),
                                  partial(repository.count_organizations, chosen))

    @strawberry.field(description="One project by global id.")
    async def project(self, info: Info, id: strawberry.ID) -> Project | None:
        return await load_required(info.context.loaders.project, Project, id,
                                   info.context.repository.ids_by_local_id)

    @strawberry.field(description="Projects, in the order of their ids.")
    async def projects(
        self, info: Info, filter: ProjectFilterInput | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Project]:
        where = filter or ProjectFilterInput()
        chosen, repository = ProjectFilter(
            where.dataset or "", where.name_contains or "", tuple(where.kinds or ()),
            tuple(where.years or ()), DateWindow.between(where.from_, where.to)
        ), info.context.repository
        return await load_listing(info.context.loaders.project, Project, first, after,
                                  partial(repository.project_ids, chosen),
                                  partial(repository.count_projects, chosen))

    @strawberry.field(description="One post by global id.")
    async def post(self, info: Info, id: strawberry.ID) -> Post | None:
        return await load_required(info.context.loaders.post, Post, id,
                                   info.context.repository.ids_by_local_id)

    @strawberry.field(description="Posts (offices), by label.")
    async def posts(
        self, info: Info, filter: BodyFilterInput | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Post]:
        chosen, repository = _body_filter(filter), info.context.repository
        return await load_listing(info.context.loaders.post, Post, first, after,
                                  partial(repository.post_ids, chosen),
                                  partial(repository.count_posts, chosen))

    @strawberry.field(description="One meeting by global id.")
    async def meeting(self, info: Info, id: strawberry.ID) -> Meeting | None:
        return await load_required(info.context.loaders.meeting, Meeting, id,
                                   info.context.repository.ids_by_local_id)

    @strawberry.field(description="Meetings, in date order.")
    async def meetings(
        self, info: Info, filter: MeetingFilterInput | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Meeting]:
        where = filter or MeetingFilterInput()
        chosen, repository = MeetingFilter(
            where.dataset or "", tuple(where.body_ids or ()),
            DateWindow.between(where.from_, where.to)), info.context.repository
        return await load_listing(info.context.loaders.meeting, Meeting, first, after,
                                  partial(repository.meeting_ids, chosen),
                                  partial(repository.count_meetings, chosen))

    @strawberry.field(description="Every membership of a dataset (as of a date if given) as "
                                  "one flat table with person and body names, for bulk "
                                  "readers: up to GOVGRAPH_MAX_TABLE_ROWS rows a request, in "
                                  "id order, paged with `first`/`after`.")
    async def membership_table(
        self, info: Info, dataset: str, as_of: date | None = None,
        first: int | None = None, after: str | None = None,
    ) -> MembershipTable:
        skip, size = table_bounds(first, after, info.context.max_table_rows)
        window, repository = DateWindow.as_of(as_of), info.context.repository

        def read() -> tuple[list[MembershipRow], int]:
            repository.require_dataset(dataset)
            total = repository.count_membership_rows(dataset, window)
            # Never past the end: the embedded engine crashes skipping far beyond it.
            rows = (repository.membership_rows(dataset, window, skip, size + 1)
                    if skip < total else [])
            return rows, total

        rows, total = await info.context.aggregations.run(read)
        return membership_table(rows, skip, size, total, await info.context.namer())

    @strawberry.field(description="A body's members on a day by the party their seat is held "
                                  "for (a legislature's composition), most seats first.")
    async def party_composition(self, info: Info, body: strawberry.ID,
                                as_of: date) -> PartyComposition:
        records = await info.context.aggregations.run(
            info.context.repository.party_composition, body, as_of)
        return PartyComposition(body_id=body, as_of=as_of,
                                total=sum(r.seats for r in records),
                                parties=[PartySeats.of_record(r) for r in records])

    @strawberry.field(description="Members of these bodies who sat for one party and then for "
                                  "another, by the day they joined the next, with seats "
                                  "overlapping `from`-`to` (open ends if not given).")
    async def party_changes(
        self, info: Info, bodies: list[strawberry.ID],
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> list[PartyChange]:
        records = await info.context.aggregations.run(
            info.context.repository.party_changes, bodies, DateWindow.between(from_, to))
        return [PartyChange.of_record(r) for r in records]

    @strawberry.field(description="For each of these bodies (committees, say), every pair of "
                                  "parties whose members sit on it together on a day: a "
                                  "member's party is the one their seat is held for, else the "
                                  "party they are affiliated with that day.")
    async def party_overlaps(self, info: Info, bodies: list[strawberry.ID],
                             as_of: date) -> list[PartyOverlap]:
        records = await info.context.aggregations.run(
            info.context.repository.party_overlaps, bodies, as_of)
        return [PartyOverlap.of_record(r) for r in records]

    @strawberry.field(description="People bucketed by the number of distinct bodies they sit "
                                  "in, computed from memberships (as of a date if given).")
    async def multi_role_concentration(
        self, info: Info, dataset: str | None = None, as_of: date | None = None
    ) -> MultiRoleConcentration:
        record = await info.context.aggregations.run(
            concentration.multi_role_concentration, info.context.runner, dataset or "",
            DateWindow.as_of(as_of))
        return MultiRoleConcentration(
            total_people=record.total_people, total_seats=record.total_seats,
            buckets=[ConcentrationBucket(bodies=b.bodies, people=b.people)
                     for b in record.buckets])

    @strawberry.field(description="People sitting in at least `minBodies` distinct bodies "
                                  f"(default {load.DEFAULT_MIN_BODIES}, as in `memberLoads`), "
                                  "most first, with the seats behind each count.")
    async def overcommitted_members(
        self, info: Info, min_bodies: int = load.DEFAULT_MIN_BODIES, dataset: str | None = None,
        as_of: date | None = None, first: int | None = None, after: str | None = None,
    ) -> Connection[OvercommittedMember]:
        if min_bodies < 1:
            raise InvalidArgumentError(f"minBodies must be at least 1, got {min_bodies}")
        records = await info.context.aggregations.run(
            concentration.overcommitted_members, info.context.runner, min_bodies,
            dataset or "", DateWindow.as_of(as_of))
        if not info.context.access.namer.reveal:  # name order would rank withheld names
            records = sorted(records, key=lambda r: (-r.bodies, r.person_id))
        return overcommitted_connection(records, as_of, first, after)


@strawberry.type(description="Read and analyse governance networks.")
class Query(ReadQuery, AnalysisQuery, EditQuery):
    pass


class GovgraphSchema(strawberry.Schema):
    """Logs only unexpected errors (see :mod:`schema.errors`), never the user's mistakes."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return None

    async def execute(
        self, query: str | None, variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None, root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        """Strawberry's execution, with a code on errors raised before the operation runs.

        Such errors skip the extensions (strawberry's depth limiter raises ``KeyError``
        on a spread of an unknown fragment); they are answered with the document's
        own validation errors where it has any.
        """
        try:
            with page_size_limit(getattr(context_value, "max_page_size",
                                         DEFAULT_MAX_PAGE_SIZE)):
                result = await super().execute(query, variable_values, context_value,
                                               root_value, operation_name,
                                               allowed_operation_types, operation_extensions)
        finally:
            if isinstance(context_value, Context):
                context_value.release()
        if result.errors and any("code" not in (e.extensions or {}) for e in result.errors):
            result.errors = [classify(e) for e in self._invalid(query) or result.errors]
        return result

    async def stream(self, *args: Any, **kwargs: Any) -> Any:
        """Strawberry's streams (subscriptions), with a code on every result's errors: the
        extensions that classify them see only single results."""
        source = await super().stream(*args, **kwargs)

        async def classified() -> AsyncGenerator[Any, None]:
            async with contextlib.aclosing(source):
                async for result in source:
                    if isinstance(result, ExecutionResult) and result.errors:
                        result.errors = [classify(e) for e in result.errors]
                    yield result

        return classified()

    def _invalid(self, query: str | None) -> list[GraphQLError]:
        try:
            return validate(self._schema, parse(query or ""))
        except GraphQLError as error:
            return [error]


def make_schema(limits: Limits | None = None, max_batch: int = 0,
                execution: type[LeanExecution] = BulkExecution) -> GovgraphSchema:
    """The schema, refusing what goes beyond ``limits`` (default: :class:`Limits`).

    ``max_batch`` above 1 lets a request batch that many operations (each within
    the limits); otherwise batching is off. ``execution`` completes the answers
    (:class:`LeanExecution` leaves lists to graphql-core).
    """
    config = StrawberryConfig(batching_config={"max_operations": max_batch}
                              if max_batch > 1 else None)
    built = GovgraphSchema(query=Query, mutation=Mutation, subscription=Subscription,
                           config=config,
                           extensions=[*extensions(limits or Limits()), ErrorCodes,
                                       AuditOperation],
                           execution_context_class=execution)
    lean_resolvers(built)
    withhold_sources(built)
    return built


schema = make_schema()
