"""DataLoaders, created per request, so that round trips do not grow with results.

Every loader batches the keys requested in one tick of the event loop into one
repository call (one statement). Loaders keyed by ``(id, filter)`` make one
call per distinct filter.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import Protocol, TypeVar

from strawberry.dataloader import DataLoader

from graph.filters import DateWindow, MembershipFilter
from graph.records import (
    AffiliationRecord,
    AppearanceRecord,
    BodyRecord,
    MeetingRecord,
    MembershipRecord,
    OrganizationRecord,
    PartnerRecord,
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


class Loaders:
    """All loaders of one request."""

    def __init__(self, repository: Repository) -> None:
        r = repository
        self.person: DataLoader[str, PersonRecord | None] = _by_id(r.people)
        self.body: DataLoader[str, BodyRecord | None] = _by_id(r.bodies)
        self.organization: DataLoader[str, OrganizationRecord | None] = _by_id(r.organizations)
        self.project: DataLoader[str, ProjectRecord | None] = _by_id(r.projects)
        self.meeting: DataLoader[str, MeetingRecord | None] = _by_id(r.meetings)
        self.post: DataLoader[str, PostRecord | None] = _by_id(r.posts)
        self.same_person: DataLoader[str, list[str]] = _grouped(partial(r.same_as, "people"))
        self.same_body: DataLoader[str, list[str]] = _grouped(partial(r.same_as, "bodies"))
        self.same_organization: DataLoader[str, list[str]] = _grouped(
            partial(r.same_as, "organizations"))
        self.project_children: DataLoader[str, list[str]] = _grouped(r.project_children)
        self.partners: DataLoader[str, list[PartnerRecord]] = _grouped(r.project_partners)
        self.appearances_at: DataLoader[str, list[AppearanceRecord]] = _grouped(
            r.appearances_at_projects)
        self.appearances_of_post: DataLoader[str, list[AppearanceRecord]] = _grouped(
            r.appearances_of_posts)
        self.affiliations: DataLoader[str, list[AffiliationRecord]] = _grouped(
            r.affiliations_of_people)
        self.possible_matches: DataLoader[str, list[PossibleMatchRecord]] = _grouped(
            r.possible_matches)
        self.appearances_of_person: DataLoader[tuple[str, DateWindow], list[AppearanceRecord]] = (
            _grouped_by_filter(r.appearances_of_people))
        self.body_children: DataLoader[str, list[str]] = _grouped(r.body_children)
        self.organization_children: DataLoader[str, list[str]] = _grouped(
            r.organization_children)
        self.bodies_led_by: DataLoader[str, list[str]] = _grouped(r.bodies_led_by)
        self.projects_led_by: DataLoader[str, list[str]] = _grouped(r.projects_led_by)
        self.projects_run_by: DataLoader[str, list[str]] = _grouped(r.projects_run_by)
        self.tallies: DataLoader[str, list[TallyRecord]] = _grouped(r.tallies_of_meetings)
        self.terms: DataLoader[str, list[TermRecord]] = _grouped(r.terms_of_bodies)
        self.quotas: DataLoader[str, list[QuotaRecord]] = _grouped(r.quotas_of_terms)
        self.meetings_of_body: DataLoader[tuple[str, DateWindow], list[str]] = (
            _grouped_by_filter(r.meetings_of_bodies))
        self.memberships_of_person: DataLoader[
            tuple[str, MembershipFilter], list[MembershipRecord]
        ] = _grouped_by_filter(r.memberships_of_people)
        self.memberships_of_body: DataLoader[
            tuple[str, MembershipFilter], list[MembershipRecord]
        ] = _grouped_by_filter(r.memberships_of_bodies)


async def load_all(loader: DataLoader[str, T | None], ids: Sequence[str]) -> list[T]:
    """Load ``ids`` in order, dropping any that no longer exist."""
    return [item for item in await loader.load_many(list(ids)) if item is not None]

