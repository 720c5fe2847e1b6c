"""DataLoaders, per request (each made on first use), so that round trips do not grow
with results.

Every loader batches the keys requested in one tick of the event loop into one
repository call (one statement). Loaders keyed by ``(id, filter)`` make one
call per distinct filter.
"""

from __future__ import annotations

import asyncio
import inspect
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from functools import cached_property, partial
from typing import Any, Protocol, TypeVar

from strawberry.dataloader import DataLoader

from graph.filters import DateWindow, MembershipFilter
from graph.records import (
    AffiliationRecord,
    AppearanceRecord,
    AreaRecord,
    BodyRecord,
    MeetingRecord,
    MembershipRecord,
    OrganizationRecord,
    PartnerRecord,
    PersonDetailsRecord,
    PersonRecord,
    PossibleMatchRecord,
    PostRecord,
    ProjectRecord,
    QuotaRecord,
    TallyRecord,
    TermRecord,
)
from graph.repository import Repository

T = TypeVar("T")
F = TypeVar("F", bound=Hashable)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


H = TypeVar("H", bound=_HasId)


def _by_id(fetch: Callable[[Sequence[str]], list[H]]) -> DataLoader[str, H | None]:
    async def load(ids: list[str]) -> list[H | None]:
        found = {record.id: record for record in await asyncio.to_thread(fetch, ids)}
        return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _grouped(fetch: Callable[[Sequence[str]], dict[str, list[T]]]) -> DataLoader[str, list[T]]:
    async def load(ids: list[str]) -> list[list[T]]:
        groups = await asyncio.to_thread(fetch, ids)
        return [groups.get(i, []) for i in ids]

    return DataLoader(load_fn=load)


def _grouped_by_filter(
    fetch: Callable[[Sequence[str], F], dict[str, list[T]]],
) -> DataLoader[tuple[str, F], list[T]]:
    async def load(keys: list[tuple[str, F]]) -> list[list[T]]:
        ids_by_filter: dict[F, list[str]] = defaultdict(list)
        for owner, where in keys:
            ids_by_filter[where].append(owner)
        results: dict[F, dict[str, list[T]]] = {}
        for where, ids in ids_by_filter.items():
            results[where] = await asyncio.to_thread(fetch, ids, where)
        return [results[where].get(owner, []) for owner, where in keys]

    return DataLoader(load_fn=load)


def let_go(awaitable: Any) -> None:
    """Leave an awaitable that nobody here will await.

    A coroutine is closed. A loader's future stays in its batch (whoever loads the same
    key later gets it, error and all), and its error, if any, is marked as seen, so that
    asyncio does not report it as never retrieved.
    """
    if inspect.iscoroutine(awaitable):
        awaitable.close()
    elif isinstance(awaitable, asyncio.Future):
        awaitable.add_done_callback(_seen)


def _seen(done: asyncio.Future[Any]) -> None:
    if not done.cancelled():
        done.exception()


class Loaders:
    """The loaders of one request, each made when first used (most requests use few)."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository

    def clear(self) -> None:
        """Let go of every loader made so far, and of what each has read."""
        self.__dict__ = {"repository": self.repository}

    @cached_property
    def person(self) -> DataLoader[str, PersonRecord | None]:
        return _by_id(self.repository.people)

    @cached_property
    def body(self) -> DataLoader[str, BodyRecord | None]:
        return _by_id(self.repository.bodies)

    @cached_property
    def organization(self) -> DataLoader[str, OrganizationRecord | None]:
        return _by_id(self.repository.organizations)

    @cached_property
    def project(self) -> DataLoader[str, ProjectRecord | None]:
        return _by_id(self.repository.projects)

    @cached_property
    def meeting(self) -> DataLoader[str, MeetingRecord | None]:
        return _by_id(self.repository.meetings)

    @cached_property
    def post(self) -> DataLoader[str, PostRecord | None]:
        return _by_id(self.repository.posts)

    @cached_property
    def person_details(self) -> DataLoader[str, PersonDetailsRecord | None]:
        return _by_id(self.repository.person_details)

    @cached_property
    def area(self) -> DataLoader[str, AreaRecord | None]:
        return _by_id(self.repository.areas)

    @cached_property
    def same_person(self) -> DataLoader[str, list[str]]:
        return _grouped(partial(self.repository.same_as, "people"))

    @cached_property
    def same_body(self) -> DataLoader[str, list[str]]:
        return _grouped(partial(self.repository.same_as, "bodies"))

    @cached_property
    def same_organization(self) -> DataLoader[str, list[str]]:
        return _grouped(partial(self.repository.same_as, "organizations"))

    @cached_property
    def project_children(self) -> DataLoader[str, list[str]]:
        return _grouped(self.repository.project_children)

    @cached_property
    def partners(self) -> DataLoader[str, list[PartnerRecord]]:
        return _grouped(self.repository.project_partners)

    @cached_property
    def appearances_at(self) -> DataLoader[str, list[AppearanceRecord]]:
        return _grouped(self.repository.appearances_at_projects)

    @cached_property
    def appearances_of_post(self) -> DataLoader[str, list[AppearanceRecord]]:
        return _grouped(self.repository.appearances_of_posts)

    @cached_property
    def affiliations(self) -> DataLoader[str, list[AffiliationRecord]]:
        return _grouped(self.repository.affiliations_of_people)

    @cached_property
    def possible_matches(self) -> DataLoader[str, list[PossibleMatchRecord]]:
        return _grouped(self.repository.possible_matches)

    @cached_property
    def appearances_of_person(self) -> DataLoader[tuple[str, DateWindow], list[AppearanceRecord]]:
        return (_grouped_by_filter(self.repository.appearances_of_people))

    @cached_property
    def body_children(self) -> DataLoader[str, list[str]]:
        return _grouped(self.repository.body_children)

    @cached_property
    def organization_children(self) -> DataLoader[str, list[str]]:
        return _grouped(self.repository.organization_children)

    @cached_property
    def bodies_led_by(self) -> DataLoader[str, list[str]]:
        return _grouped(self.repository.bodies_led_by)

    @cached_property
    def projects_led_by(self) -> DataLoader[str, list[str]]:
        return _grouped(self.repository.projects_led_by)

    @cached_property
    def projects_run_by(self) -> DataLoader[str, list[str]]:
        return _grouped(self.repository.projects_run_by)

    @cached_property
    def tallies(self) -> DataLoader[str, list[TallyRecord]]:
        return _grouped(self.repository.tallies_of_meetings)

    @cached_property
    def terms(self) -> DataLoader[str, list[TermRecord]]:
        return _grouped(self.repository.terms_of_bodies)

    @cached_property
    def quotas(self) -> DataLoader[str, list[QuotaRecord]]:
        return _grouped(self.repository.quotas_of_terms)

    @cached_property
    def meetings_of_body(self) -> DataLoader[tuple[str, DateWindow], list[str]]:
        return (_grouped_by_filter(self.repository.meetings_of_bodies))

    @cached_property
    def memberships_of_person(
        self,
    ) -> DataLoader[tuple[str, MembershipFilter], list[MembershipRecord]]:
        return _grouped_by_filter(self.repository.memberships_of_people)

    @cached_property
    def memberships_of_body(
        self,
    ) -> DataLoader[tuple[str, MembershipFilter], list[MembershipRecord]]:
        return _grouped_by_filter(self.repository.memberships_of_bodies)

    @cached_property
    def brief_memberships_of_body(
        self,
    ) -> DataLoader[tuple[str, MembershipFilter], list[MembershipRecord]]:
        """Seats on bodies with only what a list of names and roles shows (see
        :meth:`graph.repository.Repository.memberships_of_bodies`)."""
        return _grouped_by_filter(partial(self.repository.memberships_of_bodies, brief=True))


async def load_all(loader: DataLoader[str, T | None], ids: Sequence[str]) -> list[T]:
    """Load ``ids`` in order, dropping any that no longer exist."""
    return [item for item in await loader.load_many(list(ids)) if item is not None]

