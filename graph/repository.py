"""Typed reads over the store: each function runs one named statement.

Functions taking ``ids`` are batch lookups, made for DataLoaders: one round
trip whatever the number of ids. Functions returning ids in order (the
``*_ids`` listings) let callers page without a second filtered statement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, TypeVar

from graph.filters import (
    BodyFilter,
    DateWindow,
    MeetingFilter,
    MembershipFilter,
    OrganizationFilter,
    PeopleFilter,
    ProjectFilter,
)
from graph.records import (
    BodyRecord,
    DatasetRecord,
    MeetingRecord,
    MembershipRecord,
    OrganizationRecord,
    PersonRecord,
    ProjectRecord,
    QuotaRecord,
    TallyRecord,
    TermRecord,
)
from graph.runner import Runner

R = TypeVar("R")


class Repository:
    """The store as typed functions. Holds a :class:`~graph.runner.Runner`, nothing else."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner

    # listings: ids in display order
    def people_ids(self, where: PeopleFilter) -> list[str]:
        return self._ids("people_list", where.params())

    def body_ids(self, where: BodyFilter) -> list[str]:
        return self._ids("bodies_list", where.params())

    def organization_ids(self, where: OrganizationFilter) -> list[str]:
        return self._ids("organizations_list", where.params())

    def project_ids(self, where: ProjectFilter) -> list[str]:
        return self._ids("projects_list", where.params())

    def meeting_ids(self, where: MeetingFilter) -> list[str]:
        return self._ids("meetings_list", where.params())

    def datasets(self) -> list[DatasetRecord]:
        return [DatasetRecord(**row) for row in self.runner.read("datasets")]

    # batch lookups by id
    def people(self, ids: Sequence[str]) -> list[PersonRecord]:
        return self._records(PersonRecord, "people_by_ids", ids)

    def bodies(self, ids: Sequence[str]) -> list[BodyRecord]:
        return self._records(BodyRecord, "bodies_by_ids", ids)

    def organizations(self, ids: Sequence[str]) -> list[OrganizationRecord]:
        return self._records(OrganizationRecord, "organizations_by_ids", ids)

    def projects(self, ids: Sequence[str]) -> list[ProjectRecord]:
        return self._records(ProjectRecord, "projects_by_ids", ids)

    def meetings(self, ids: Sequence[str]) -> list[MeetingRecord]:
        return self._records(MeetingRecord, "meetings_by_ids", ids)

    # batch lookups of related items, grouped by the id they relate to
    def body_children(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return self._grouped_ids("body_children", "parent_id", ids)

    def organization_children(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return self._grouped_ids("organization_children", "parent_id", ids)

    def bodies_led_by(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return self._grouped_ids("bodies_led_by", "organization_id", ids)

    def projects_led_by(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return self._grouped_ids("projects_led_by", "owner_id", ids)

    def projects_run_by(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return self._grouped_ids("projects_run_by", "owner_id", ids)

    def meetings_of_bodies(
        self, ids: Sequence[str], window: DateWindow
    ) -> dict[str, list[str]]:
        return self._grouped_ids("meetings_of_bodies", "body_id", ids, window.params())

    def tallies_of_meetings(self, ids: Sequence[str]) -> dict[str, list[TallyRecord]]:
        return self._grouped(TallyRecord, "tallies_of_meetings", "meeting_id", ids)

    def terms_of_bodies(self, ids: Sequence[str]) -> dict[str, list[TermRecord]]:
        return self._grouped(TermRecord, "terms_of_bodies", "body_id", ids)

    def quotas_of_terms(self, ids: Sequence[str]) -> dict[str, list[QuotaRecord]]:
        return self._grouped(QuotaRecord, "quotas_of_terms", "term_id", ids)

    def memberships_of_people(
        self, ids: Sequence[str], where: MembershipFilter
    ) -> dict[str, list[MembershipRecord]]:
        return self._grouped(MembershipRecord, "memberships_of_people", "person_id", ids,
                             where.params())

    def memberships_of_bodies(
        self, ids: Sequence[str], where: MembershipFilter
    ) -> dict[str, list[MembershipRecord]]:
        return self._grouped(MembershipRecord, "memberships_of_bodies", "body_id", ids,
                             where.params())

    # helpers
    def _ids(self, name: str, params: dict[str, Any]) -> list[str]:
        return [row["id"] for row in self.runner.read(name, params)]

    def _records(self, cls: type[R], name: str, ids: Sequence[str]) -> list[R]:
        if not ids:
            return []
        return [cls(**row) for row in self.runner.read(name, {"ids": list(ids)})]

    def _grouped_ids(
        self, name: str, key: str, ids: Sequence[str], extra: dict[str, Any] | None = None
    ) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        if ids:
            for row in self.runner.read(name, {"ids": list(ids), **(extra or {})}):
                groups[row[key]].append(row["id"])
        return groups

    def _grouped(
        self, cls: type[R], name: str, key: str, ids: Sequence[str],
        extra: dict[str, Any] | None = None,
    ) -> dict[str, list[R]]:
        groups: dict[str, list[R]] = defaultdict(list)
        if ids:
            for row in self.runner.read(name, {"ids": list(ids), **(extra or {})}):
                groups[row[key]].append(cls(**row))
        return groups
